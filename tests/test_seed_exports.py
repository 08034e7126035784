"""The exports of the real seed pages load as built: GraphML (schema, ids, networkx, igraph), GEXF, Neo4j.

Skipped when ../shared/seeds is absent (the pages are not part of the repository).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import igraph
import networkx as nx
import pytest
from cypher_helpers import load_import_tables, run_cypher_script, who_met_in_cypher
from lxml import etree

from kg.api import load_graph
from kg.graph.query import who_met

GRAPHML_XSD = Path(__file__).parent / "fixtures" / "graphml" / "graphml.xsd"
NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def out(seed_build):
    return seed_build


@pytest.fixture(scope="module")
def graph(out):
    return load_graph(out)


def test_graphml_has_unique_edge_ids_and_passes_the_schema(out, graph):
    root = ET.parse(out / "graph.graphml").getroot()
    ids = [e.get("id") for e in root.iter(f"{NS}edge")]
    assert len(set(ids)) == len(ids) == graph.number_of_edges()
    schema = etree.XMLSchema(etree.parse(str(GRAPHML_XSD)))
    assert schema.validate(etree.parse(str(out / "graph.graphml"))), schema.error_log


def test_graphml_met_is_undirected_with_weights_and_places_are_linked_once(out, graph):
    root = ET.parse(out / "graph.graphml").getroot()
    names = {k.get("id"): k.get("attr.name") for k in root.iter(f"{NS}key")}
    met = 0
    for element in root.iter(f"{NS}edge"):
        data = {names[d.get("key")]: d.text for d in element.iter(f"{NS}data")}
        if data["relation"] == "met":
            met += 1
            assert element.get("directed") == "false" and int(data["weight"]) >= 1
    assert met == sum(1 for *_, r in graph.edges(data="relation") if r == "met") > 0
    relations = Counter(r for *_, r in graph.edges(data="relation"))
    assert "place" not in relations
    held = [(u, v) for u, v, r in graph.edges(data="relation") if r == "held_at"]
    assert len(held) == len(set(held)) == relations["held_at"] > 0


def test_graphml_round_trips_through_networkx_and_igraph_with_every_edge(out, graph):
    again = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    loaded = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    assert again.number_of_nodes() == loaded.vcount() == graph.number_of_nodes()
    assert again.number_of_edges() == loaded.ecount() == graph.number_of_edges()
    assert Counter(d["relation"] for *_, d in again.edges(data=True)) == Counter(loaded.es["relation"])


def test_gexf_loads_in_networkx_with_time_intervals(out, graph):
    again = nx.read_gexf(out / "graph.gexf")
    assert again.number_of_nodes() == graph.number_of_nodes()
    assert again.number_of_edges() == graph.number_of_edges()
    events = [n for n, d in graph.nodes(data=True) if d["kind"] == "event" and d.get("date")]
    assert events and all(again.nodes[n]["spells"] == [(graph.nodes[n]["date"],) * 2] for n in events)


def test_neo4j_export_loads_into_cypher_and_who_met_matches(out, graph, tmp_path):
    expected = {row["name"]: row["count"] for row in who_met(graph, "章旭升")}
    assert len(expected) >= 10
    for conn in (
        load_import_tables(out / "neo4j", tmp_path / "tables.db"),
        run_cypher_script(out / "neo4j", tmp_path / "script.db"),
    ):
        assert who_met_in_cypher(conn, "章旭升") == expected


def test_every_met_edge_has_evidence_naming_both_people(graph):
    def named(node, text):
        data = graph.nodes[node]
        return any(form in text for form in {data["name"], *data.get("aliases", [])})

    met = [(u, v, d) for u, v, d in graph.edges(data=True) if d["relation"] == "met"]
    assert met
    for u, v, data in met:
        text = "".join(data["evidence"])
        assert named(u, text) and named(v, text), (u, v, data["evidence"])
        for shared in data["shared_events"]:
            assert named(u, "".join(shared["evidence"])) and named(v, "".join(shared["evidence"]))
