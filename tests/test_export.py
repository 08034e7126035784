"""Exports: GraphML, node-link JSON and CSV are valid, round-trip, survive hostile strings and are deterministic."""

from __future__ import annotations

import csv
import json
import random
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pytest
from graph_helpers import HOSTILE_NAMES, hostile_world, sample_graph, sample_results

from kg.graph import build_graph, resolve_entities
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


def test_graphml_reads_back_in_networkx_and_igraph_with_equal_counts(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    again = nx.read_graphml(path, force_multigraph=True)
    loaded = igraph.Graph.Read_GraphML(str(path))
    assert again.number_of_nodes() == loaded.vcount() == graph.number_of_nodes()
    assert again.number_of_edges() == loaded.ecount() == graph.number_of_edges()
    assert loaded.is_directed()


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
    assert json.loads(again["per:王立新"]["per:陈海峰"]["met"]["events"]) == ["d3#e0"]


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
    entities = resolve_entities(shuffled)
    events = [e for r in shuffled for e in reversed(r.events)]
    _write_all(build_graph(entities[::-1], events, [r.document for r in shuffled]), second)
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
