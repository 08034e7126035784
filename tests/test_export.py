"""Exports: GraphML, node-link JSON and CSV are valid, round-trip, survive hostile strings and are deterministic."""

from __future__ import annotations

import csv
import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest
from graph_helpers import HOSTILE_NAMES, hostile_world, sample_graph, sample_results
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from kg.graph import build_graph, resolve
from kg.graph.export import read_graph, write_csv, write_graphml, write_json
from kg.graph.html import write_html


@pytest.fixture(params=["sample", "hostile"])
def graph(request):
    return sample_graph() if request.param == "sample" else build_graph(*hostile_world())


def _write_all(g, out):
    write_graphml(g, out / "graph.graphml")
    write_json(g, out / "graph.json")
    write_csv(g, out / "nodes.csv", out / "edges.csv")
    write_html(g, out / "graph.html")


GRAPHML_XSD = Path(__file__).parent / "fixtures" / "graphml" / "graphml.xsd"
NS = "{http://graphml.graphdrawing.org/xmlns}"


# What XML 1.0 cannot carry in text: GraphML values (a node's kg_id too) hold U+FFFD in its place.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _as_xml_text(node_id):
    return _XML_INVALID.sub("\ufffd", node_id)


def _model_edges(g):
    return sorted((_as_xml_text(u), _as_xml_text(v), d["relation"]) for u, v, d in g.edges(data=True))


def test_graphml_round_trips_every_edge_through_networkx_and_igraph(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    again = nx.read_graphml(path, force_multigraph=True)
    loaded = igraph.Graph.Read_GraphML(str(path))
    assert again.number_of_nodes() == loaded.vcount() == graph.number_of_nodes()
    assert again.number_of_edges() == loaded.ecount() == graph.number_of_edges()
    kg_id = dict(again.nodes(data="kg_id"))
    assert sorted(kg_id.values()) == sorted(map(_as_xml_text, graph.nodes))
    # undirected: each edge's ends as written (source, target) are the model's, whatever order a reader keeps
    ends = {}
    for element in ET.parse(path).getroot().iter(f"{NS}edge"):
        ends[element.get("id")] = (element.get("source"), element.get("target"))
    read_back = sorted(
        (kg_id[ends[k][0]], kg_id[ends[k][1]], d["relation"]) for *_, k, d in again.edges(keys=True, data=True)
    )
    assert read_back == _model_edges(graph)
    names = loaded.vs["kg_id"]
    assert sorted((names[e.source], names[e.target], e["relation"]) for e in loaded.es) == sorted(
        (min(u, v), max(u, v), r) for u, v, r in _model_edges(graph)
    )


def test_graphml_edge_ids_are_unique_so_a_reader_keying_edges_by_id_keeps_them_all(graph, tmp_path):
    """Gephi keeps one edge per GraphML edge id; the old ids were the relation names (`met` x 8 here)."""
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    by_id = {e.get("id"): e for e in ET.parse(path).getroot().iter(f"{NS}edge")}
    assert None not in by_id
    assert len(by_id) == graph.number_of_edges()


def test_graphml_passes_the_schema(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    schema = etree.XMLSchema(etree.parse(str(GRAPHML_XSD)))
    assert schema.validate(etree.parse(str(path))), schema.error_log
    root = ET.parse(path).getroot()
    types = {k.get("id"): k.get("attr.type") for k in root.iter(f"{NS}key")}
    parse = {"int": int, "double": float, "boolean": {"true", "false"}.__contains__, "string": str}
    for data in root.iter(f"{NS}data"):  # every value reads as its key's declared type
        assert parse[types[data.get("key")]](data.text or "") is not False


def test_the_schema_check_rejects_what_gephi_and_the_schema_refuse(tmp_path):
    """The check is not vacuous: repeated edge ids, a node id with '#', an unknown edge end all fail."""
    schema = etree.XMLSchema(etree.parse(str(GRAPHML_XSD)))
    head = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
    bad = [
        '<node id="a"/><node id="b"/><edge id="met" source="a" target="b"/><edge id="met" source="b" target="a"/>',
        '<node id="event:d1#e0"/>',
        '<node id="a"/><edge source="a" target="z"/>',
        '<node id="a"/><node id="a"/>',
    ]
    for body in bad:
        assert not schema.validate(etree.fromstring(f"{head}{body}</graph></graphml>")), body


def test_graphml_met_is_undirected_with_its_weight_and_dates(tmp_path):
    g = sample_graph()
    path = tmp_path / "graph.graphml"
    write_graphml(g, path)
    root = ET.parse(path).getroot()
    assert root.find(f"{NS}graph").get("edgedefault") == "undirected"
    names = {k.get("id"): k.get("attr.name") for k in root.iter(f"{NS}key")}
    met = {}
    for element in root.iter(f"{NS}edge"):
        data = {names[d.get("key")]: d.text for d in element.iter(f"{NS}data")}
        if data["relation"] == "met":
            assert element.get("directed") == "false"
            met[element.get("source"), element.get("target")] = data
        else:
            assert element.get("directed") is None
    assert len(met) == 8
    pair = met["per:李春华", "per:王立新"]
    assert (pair["weight"], pair["start"], pair["end"]) == ("1", "2021-12-09", "2021-12-09")
    loaded = igraph.Graph.Read_GraphML(str(path))
    assert not loaded.is_directed()
    assert sorted(loaded.es.select(relation="met")["weight"]) == [1] * 8


def test_graphml_node_ids_are_name_tokens_keeping_the_kg_id(tmp_path):
    g = sample_graph()
    path = tmp_path / "graph.graphml"
    write_graphml(g, path)
    again = nx.read_graphml(path, force_multigraph=True)
    assert again.nodes["event:d3_x0023_e0"]["kg_id"] == "event:d3#e0"
    assert again.nodes["event:d3_x0023_e0"]["start"] == "2022-01-05"
    assert again.nodes["per:王立新"]["kg_id"] == "per:王立新"
    assert (again.nodes["per:王立新"]["start"], again.nodes["per:王立新"]["end"]) == ("2021-12-09", "2022-01-05")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=5, unique=True))
def test_any_node_ids_become_distinct_valid_name_tokens(ids):
    from kg.graph.export import xml_name_token

    tokens = [xml_name_token(i) for i in ids]
    assert len(set(tokens)) == len(tokens)
    schema = etree.XMLSchema(etree.parse(str(GRAPHML_XSD)))
    nodes = "".join(f'<node id="{t}"/>' for t in tokens)
    page = f'<graphml xmlns="{NS[1:-1]}"><graph edgedefault="directed">{nodes}</graph></graphml>'
    assert schema.validate(etree.fromstring(page)), (ids, tokens)


def test_graphml_holds_scalars_with_one_type_per_key(tmp_path):
    g = sample_graph()
    path = tmp_path / "graph.graphml"
    write_graphml(g, path)
    keys = [(k.get("for"), k.get("attr.name")) for k in ET.parse(path).getroot() if k.tag.endswith("key")]
    assert len(keys) == len(set(keys))
    again = nx.read_graphml(path, force_multigraph=True)
    assert all(isinstance(v, str | int | float | bool) for _, d in again.nodes(data=True) for v in d.values())
    assert json.loads(again.nodes["per:王立新"]["titles"]) == g.nodes["per:王立新"]["titles"]
    assert again.nodes["per:王立新"]["mentions"] == 2
    (met,) = [d for d in again["per:王立新"]["per:陈海峰"].values() if d["relation"] == "met"]
    assert json.loads(met["events"]) == ["d3#e0"]


def test_graphml_replaces_characters_xml_cannot_carry(tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(build_graph(*hostile_world()), path)
    names = {d.get("name") for _, d in nx.read_graphml(path, force_multigraph=True).nodes(data=True)}
    assert "control\ufffd\ufffd\ufffd\x7fchars\u2028line" in names
    assert {n for n in HOSTILE_NAMES if "\x01" not in n} <= names


def test_json_round_trips_every_node_edge_and_attribute(graph, tmp_path):
    write_json(graph, tmp_path / "graph.json")
    again = read_graph(tmp_path / "graph.json")
    assert isinstance(again, nx.MultiDiGraph)
    assert dict(again.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(again.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))


def test_csv_tables_have_import_headers_and_round_trip_hostile_text(graph, tmp_path):
    write_csv(graph, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    with open(tmp_path / "nodes.csv", encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with open(tmp_path / "edges.csv", encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert list(nodes[0])[:3] == ["Id", "Label", "kind"]
    assert list(edges[0])[:3] == ["Source", "Target", "Type"]
    assert {n["Id"] for n in nodes} == set(graph.nodes)
    assert len(edges) == graph.number_of_edges()
    assert len({e["Id"] for e in edges}) == len(edges)
    for row in nodes:
        assert row["name"] == str(graph.nodes[row["Id"]].get("name") or "")
    for row in edges:
        assert row["relation"] == graph.edges[row["Source"], row["Target"], row["key"]]["relation"]


def test_rebuilding_gives_byte_identical_exports(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _write_all(sample_graph(), first)
    shuffled = sample_results()
    random.Random(5).shuffle(shuffled)
    resolution = resolve(shuffled)
    events = resolution.resolved_events(e for r in shuffled for e in reversed(r.events))
    _write_all(build_graph(resolution.entities[::-1], events, [r.document for r in shuffled]), second)
    for name in ("graph.graphml", "graph.json", "nodes.csv", "edges.csv", "graph.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_writers_leave_no_temporary_files(tmp_path):
    _write_all(build_graph(*hostile_world()), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "edges.csv",
        "graph.graphml",
        "graph.html",
        "graph.json",
        "nodes.csv",
    ]


def test_kg_subgraph_writes_graphml_that_keeps_every_edge_and_passes_the_schema(tmp_path):
    """`kg subgraph --out x.graphml` had the same repeated edge ids (its writer is write_graphml)."""
    from kg.cli import main

    g = sample_graph()
    write_json(g, tmp_path / "graph.json")
    target = tmp_path / "ego.graphml"
    assert main(["subgraph", "李春华", "--hops", "1", "--graph", str(tmp_path), "--out", str(target)]) == 0
    ids = [e.get("id") for e in ET.parse(target).getroot().iter(f"{NS}edge")]
    ego = nx.read_graphml(target, force_multigraph=True)
    assert len(set(ids)) == len(ids) == ego.number_of_edges() == 18
    assert sum(1 for *_, d in ego.edges(data=True) if d["relation"] == "met") == 7
    schema = etree.XMLSchema(etree.parse(str(GRAPHML_XSD)))
    assert schema.validate(etree.parse(str(target))), schema.error_log
