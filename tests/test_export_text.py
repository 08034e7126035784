"""The writers' hand-rolled fast paths give exactly what the standard library would.

GraphML escapes in one regex pass instead of xml.sax.saxutils, lists of strings are joined instead of
going through the JSON encoder, and graph.html counts degrees from its edge list instead of a subgraph
view; these tests hold each to the reference it replaced.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
from graph_helpers import sample_graph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.graph.export import write_csv, write_graphml, xml_name_token
from kg.graph.html import render_html

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
# Any character, lone surrogates included (GraphML replaces those too), with the special ones often.
TEXT = st.text(st.sampled_from("&<>\"'\r\n\t\x00\x1f\ud800\ufffe王a") | st.characters(blacklist_categories=()))
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=8)
CONTAINERS = (
    st.lists(st.text())
    | st.tuples(st.text(), st.text())
    | st.lists(JSON_VALUES)
    | st.dictionaries(st.text(), JSON_VALUES)
)


@FAST
@given(TEXT)
def test_graphml_escapes_ids_and_text_as_saxutils_does(tmp_path_factory, text):
    path: Path = tmp_path_factory.mktemp("graphml") / "g.graphml"
    g = nx.MultiDiGraph()
    g.add_node(text, name=text)
    write_graphml(g, path)
    cleaned = _INVALID.sub("\ufffd", text)
    page = path.read_text(encoding="utf-8")
    assert f"<node id={quoteattr(xml_name_token(text), _ATTR_ENTITIES)}>" in page  # a name token: nothing to escape
    for key in ("d0", "d1"):  # kg_id and name
        assert f'<data key="{key}">{escape(cleaned, {chr(13): "&#13;"})}</data>' in page


@FAST
@given(CONTAINERS)
def test_list_and_dict_cells_are_the_json_encoders_text(tmp_path_factory, value):
    folder: Path = tmp_path_factory.mktemp("csv")
    g = nx.MultiDiGraph()
    g.add_node("n", value=value, flag=True)
    write_csv(g, folder / "nodes.csv", folder / "edges.csv")
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = csv.DictReader(handle)
    assert row["value"] == json.dumps(value, ensure_ascii=False, sort_keys=True)
    assert (row["flag"], row["kind"]) == ("true", "")


@FAST
@given(st.sets(st.text(), max_size=4))
def test_set_cells_are_sorted_json_lists(tmp_path_factory, value):
    folder: Path = tmp_path_factory.mktemp("csv")
    g = nx.MultiDiGraph()
    g.add_node("n", value=value)
    write_csv(g, folder / "nodes.csv", folder / "edges.csv")
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = csv.DictReader(handle)
    assert row["value"] == json.dumps(sorted(value), ensure_ascii=False)


def test_a_truncated_page_sizes_nodes_by_their_degree_among_the_shown_nodes():
    g = sample_graph()
    g.add_edge("per:王立新", "per:王立新", key="self")  # a loop counts twice, as in networkx
    for limit in (1, 5, 12, g.number_of_nodes()):
        page = render_html(g, max_nodes=limit)
        raw = re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)
        nodes = {n["id"]: n["value"] for n in json.loads(raw)["nodes"]}
        assert nodes == dict(g.subgraph(nodes).degree())
