"""Queries over a built graph (and over the same graph reloaded from graph.json, as the CLI uses it)."""

from __future__ import annotations

import pytest
from graph_helpers import document, event, sample_graph

from kg.graph import build_graph
from kg.graph.build import MAX_EDGE_EVIDENCE
from kg.graph.export import read_graph, write_json
from kg.graph.query import UnknownName, ego_subgraph, find_events, find_person, timeline, who_met


@pytest.fixture(params=["built", "reloaded"])
def g(request, tmp_path):
    graph = sample_graph()
    if request.param == "reloaded":
        write_json(graph, tmp_path / "graph.json")
        graph = read_graph(tmp_path / "graph.json")
    return graph


def test_who_met_lists_people_with_where_when_and_evidence(g):
    rows = {r["name"]: r for r in who_met(g, "王立新")}
    assert set(rows) == {"李春华", "赵明远", "孙丽", "陈海峰"}
    visit = rows["陈海峰"]
    assert visit["dates"] == ["2022-01-05"]
    assert visit["places"] == ["清河医院"]
    assert visit["events"] == ["d3#e0"]
    assert visit["evidence"] == ["1月5日，东州市委常委、纪委书记陈海峰来清调研，清河市委书记王立新陪同。"]
    assert "东州市委常委、纪委书记" in visit["titles"]


def test_who_met_works_from_either_end_of_a_met_edge(g):
    assert [r["name"] for r in who_met(g, "陈海峰")] == ["王立新"]  # the edge is stored 王立新 -> 陈海峰
    assert {r["name"] for r in who_met(g, "周建国")} == {"李春华"}


def test_timeline_lists_events_in_date_order_with_role_and_company(g):
    rows = timeline(g, "李春华")
    assert [r["date"] for r in rows] == ["2021-12-09", "2021-12-14"]
    assert [r["role"] for r in rows] == ["chair", "inspector"]
    assert rows[1]["with"] == ["周建国"]
    assert rows[1]["places"] == ["东城街道农贸市场", "清河医院"]


def test_timeline_of_a_place_lists_the_events_held_there(g):
    assert [r["id"] for r in timeline(g, "清河医院")] == ["d2#e0", "d3#e0"]


def test_find_events_filters_by_type_place_and_dates(g):
    assert [r["id"] for r in find_events(g)] == ["d1#e0", "d2#e0", "d3#e0"]
    assert [r["id"] for r in find_events(g, type="inspection")] == ["d2#e0"]
    assert [r["id"] for r in find_events(g, place="清河医院")] == ["d2#e0", "d3#e0"]
    assert [r["id"] for r in find_events(g, place="市行政中心")] == ["d1#e0"]  # an alias
    assert [r["id"] for r in find_events(g, since="2021-12-10", until="2021-12-31")] == ["d2#e0"]
    assert find_events(g, type="visit", until="2021-12-31") == []
    meeting = find_events(g, type="meeting")[0]
    assert "李春华(chair)" in meeting["participants"] and meeting["organizations"] == ["清河市委", "清河市政府"]


def test_ego_subgraph_grows_with_hops_and_never_expands_documents(g):
    one = ego_subgraph(g, "陈海峰", hops=1)
    assert set(one) == {"per:陈海峰", "event:d3#e0", "per:王立新", "org:东州市委", "org:东州市纪委"}
    two = ego_subgraph(g, "陈海峰", hops=2)
    assert set(one) < set(two)
    assert "doc:d3" in two and "event:d1#e0" in two
    assert "doc:d1" not in two
    assert two.number_of_edges() == sum(1 for u, v in g.edges() if u in two and v in two)


def test_names_match_aliases_and_node_ids(g):
    assert find_person(g, "王立新") == "per:王立新"
    assert find_person(g, " 王立新 ") == "per:王立新"
    assert find_person(g, "per:李春华") == "per:李春华"
    assert [r["id"] for r in timeline(g, "我市")] == []  # the city by an alias: known, no events
    assert [r["id"] for r in find_events(g, place="清河医院")] == [r["id"] for r in timeline(g, "清河医院")]


def test_unknown_name_suggests_close_matches(g):
    with pytest.raises(UnknownName) as raised:
        find_person(g, "王立心")
    assert raised.value.suggestions[0] == "王立新"
    assert "王立新" in str(raised.value)
    with pytest.raises(UnknownName) as raised:
        who_met(g, "清河医院")  # a place, not a person
    assert raised.value.name == "清河医院"


def test_capped_evidence_still_leaves_every_meeting_with_its_own_evidence_in_the_timeline():
    meetings = [
        event(
            f"q{i}#a0e0",
            f"q{i}",
            participants=[("王立新", "chair"), ("李春华", "attendee")],
            evidence=f"王立新主持第{i}次会议，李春华出席。",
        )
        for i in range(MAX_EDGE_EVIDENCE + 2)
    ]
    g = build_graph([], meetings, [document(m.doc, ["会议。"]) for m in meetings])
    met = who_met(g, "李春华")[0]
    assert met["events"] == [m.id for m in meetings]
    assert met["evidence"] == [f"王立新主持第{i}次会议，李春华出席。" for i in range(MAX_EDGE_EVIDENCE)]
    assert sorted(row["evidence"][0] for row in timeline(g, "李春华")) == sorted(
        f"王立新主持第{i}次会议，李春华出席。" for i in range(len(meetings))
    )
