"""graph.gexf: every node and edge, dates as spells Gephi's timeline plays, read back by networkx as written."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from graph_helpers import hostile_world, sample_graph

from kg.graph import build_graph
from kg.graph.gexf import write_gexf

NS = "{http://www.gexf.net/1.2draft}"


@pytest.fixture(params=["sample", "hostile"])
def graph(request):
    return sample_graph() if request.param == "sample" else build_graph(*hostile_world())


def test_networkx_reads_every_node_and_edge_with_unique_edge_ids(graph, tmp_path):
    write_gexf(graph, tmp_path / "graph.gexf")
    again = nx.read_gexf(tmp_path / "graph.gexf")
    assert again.number_of_nodes() == graph.number_of_nodes()
    assert again.number_of_edges() == graph.number_of_edges()
    ids = [e.get("id") for e in ET.parse(tmp_path / "graph.gexf").getroot().iter(f"{NS}edge")]
    assert len(set(ids)) == len(ids) == graph.number_of_edges()  # Gephi keys edges by id too


def _edge(g, u, v, relation):
    """The one edge of `relation` between u and v (networkx reads a file without parallel edges as a Graph)."""
    (data,) = [d for a, b, d in g.edges(data=True) if {a, b} == {u, v} and d["relation"] == relation]
    return data


def test_dates_are_time_intervals(tmp_path):
    g = sample_graph()
    write_gexf(g, tmp_path / "graph.gexf")
    again = nx.read_gexf(tmp_path / "graph.gexf")
    assert again.graph["mode"] == "dynamic"
    assert again.nodes["event:d2#e0"]["spells"] == [("2021-12-14", "2021-12-14")]
    assert again.nodes["per:李春华"]["spells"] == [("2021-12-09", "2021-12-09"), ("2021-12-14", "2021-12-14")]
    assert again.nodes["doc:d3"]["spells"] == [("2022-01-06", "2022-01-06")]
    held = _edge(again, "event:d2#e0", "loc:清河医院", "held_at")
    assert held["spells"] == [("2021-12-14", "2021-12-14")]
    met = _edge(again, "per:周建国", "per:李春华", "met")
    assert met["spells"] == [("2021-12-14", "2021-12-14")] and met["weight"] == 1.0
    assert "spells" not in again.nodes["org:清河市经信局"]  # no dated event: always shown
    assert ET.parse(tmp_path / "graph.gexf").getroot().find(f"{NS}graph").get("timeformat") == "date"


def test_met_is_undirected_like_every_edge(tmp_path):
    write_gexf(sample_graph(), tmp_path / "graph.gexf")
    assert not nx.read_gexf(tmp_path / "graph.gexf").is_directed()


def test_rebuild_is_byte_identical(tmp_path):
    write_gexf(sample_graph(), tmp_path / "a.gexf")
    write_gexf(sample_graph(), tmp_path / "b.gexf")
    assert (tmp_path / "a.gexf").read_bytes() == (tmp_path / "b.gexf").read_bytes()
