"""The graph built from the real seed pages answers the questions analysts ask of them."""

from __future__ import annotations

import pytest

from kg.api import load_graph
from kg.graph.query import find_events, who_met


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    return load_graph(seed_build)


def test_party_secretary_met_the_leaders_of_the_december_meetings(seed_graph):
    met = {row["name"]: row for row in who_met(seed_graph, "章旭升")}
    for name in (
        "胡勇春",
        "陈建勋",
        "卢轶",
        "蒋震雷",
        "程学军",
        "郑云涛",
        "李浩锋",
        "蒋华蒙",
        "俞兰",
        "施礼干",
        "谢纯",
    ):
        assert name in met, f"章旭升 should have met {name}; met {sorted(met)}"
    assert {"2021-12-09", "2021-12-20"} <= set(met["卢轶"]["dates"])
    assert "2021-12-14" in met["胡勇春"]["dates"]
    assert "高铁南站" in met["胡勇春"]["places"]


def test_prefecture_inspection_lists_its_sites_and_the_local_leaders_who_accompanied(seed_graph):
    (event,) = [e for e in find_events(seed_graph, type="inspection") if "沈晓红" in str(e["participants"])]
    assert event["date"] == "2021-12-14"
    assert {"创世德药店", "古山镇上海华联超市"} <= set(event["places"])
    assert {"沈晓红(inspector)", "章旭升(accompanying)", "蒋震雷(accompanying)"} <= set(event["participants"])


def test_each_person_is_one_node_across_all_pages(seed_graph):
    people = [data["label"] for _, data in seed_graph.nodes(data=True) if data.get("kind") == "person"]
    assert len(people) == len(set(people)), sorted(p for p in people if people.count(p) > 1)
    (node,) = [n for n, data in seed_graph.nodes(data=True) if data.get("label") == "章旭升"]
    assert {"002_730c2e1bdfee8bc1", "003_92576092c1be5f1d", "004_16d8d1c0815709e4"} <= set(
        seed_graph.nodes[node]["docs"]
    )
