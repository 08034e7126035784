"""Queries that answer: who-met ranked by the closeness of shared events, filters, every option checked,
entities listed with counts, names of another kind or shared by namesakes, and a CLI that says what to do.

All names and sentences are invented.
"""

from __future__ import annotations

import json

import pytest
from graph_helpers import document, event

import kg
from kg.cli import main
from kg.graph import build_graph
from kg.graph.export import write_json
from kg.graph.query import (
    AmbiguousName,
    QueryError,
    UnknownName,
    WrongKind,
    ego_subgraph,
    entities,
    find_events,
    timeline,
    who_met,
)
from kg.model import Entity

PLENARY = [f"委员{chr(0x4E00 + i)}" for i in range(18)]


def _world():
    """王立新: talks with 李春华, an inspection with 周建国 and 孙丽, two plenaries with 20 people."""
    everyone = ["王立新", "孙丽", *PLENARY]
    events = [
        event("w1#e0", "w1", "meeting", "2021-12-01", [("王立新", "chair"), ("李春华", "attendee")],
              places=["市行政中心"], evidence="王立新会见李春华。"),
        event("w2#e0", "w2", "inspection", "2021-12-05",
              [("王立新", "inspector"), ("周建国", "accompanying"), ("孙丽", "accompanying")],
              places=["东城街道"], evidence="王立新在周建国、孙丽陪同下检查东城街道。"),
        *(
            event(f"w{3 + i}#e0", f"w{3 + i}", "meeting", date, [(p, "attendee") for p in everyone],
                  places=["会议中心"], evidence="、".join(everyone) + "出席全体会议。")
            for i, date in enumerate(["2022-01-10", "2022-03-10"])
        ),
    ]  # fmt: skip
    places = [Entity(id="loc:东城街道", type="LOCATION", name="东城街道", mentions=4, docs=["w2"])]
    people = [
        Entity(id="per:王宁", type="PERSON", name="王宁", titles=["南州省委书记"], docs=["x1", "x2"]),
        Entity(id="per:王宁/全国政协委员", type="PERSON", name="王宁", titles=["全国政协委员"], docs=["x3"]),
    ]
    docs = [document(e.doc, ["会议。"]) for e in events]
    return build_graph(places + people, events, docs)


@pytest.fixture(scope="module")
def g():
    return _world()


def test_who_met_ranks_talks_and_inspections_above_plenaries(g):
    rows = who_met(g, "王立新")
    assert [r["name"] for r in rows[:3]] == ["李春华", "孙丽", "周建国"]
    sun = rows[1]
    assert sun["count"] == 3 and rows[2]["count"] == 1  # 孙丽 also sat in both plenaries
    assert sun["closeness"] == round(1 / 2 + 2 / 19, 3)
    assert sun["strongest"]["event"] == "w2#e0" and sun["strongest"]["people"] == 3
    assert sun["strongest"]["label"] == "inspection 2021-12-05 东城街道"
    assert sun["last_date"] == "2022-03-10" and sun["places"][0] == "会议中心"
    plenary = rows[3]
    assert plenary["name"] in PLENARY and plenary["count"] == 2 and plenary["closeness"] == round(2 / 19, 3)
    assert all(s["evidence"] for r in rows for s in r["shared_events"])


def test_who_met_filters_by_type_and_dates_and_limits(g):
    assert {r["name"] for r in who_met(g, "王立新", type="inspection")} == {"周建国", "孙丽"}
    december = [r["name"] for r in who_met(g, "王立新", until="2021-12")]
    assert december[0] == "李春华" and set(december[1:]) == {"孙丽", "周建国"}  # one inspection each: a tie
    in_2022 = who_met(g, "王立新", since="2022", until="2022-01-31")
    assert {r["count"] for r in in_2022} == {1} and len(in_2022) == 19
    assert len(who_met(g, "王立新", limit=2)) == 2
    assert len(who_met(g, "王立新", limit=0)) == len(who_met(g, "王立新")) == 21
    assert kg.who_met(g, "王立新", type="meeting", since="2021-12-01", limit=1)[0]["name"] == "李春华"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"since": "2021/12/01"}, "is not a date: write dates as YYYY-MM-DD"),
        ({"until": "2021-02-30"}, "is not a date"),
        ({"since": "2022-01-01", "until": "2021-12"}, "the date range is empty"),
        ({"type": "inspections"}, "did you mean inspection?): use one of case_reported"),
        ({"limit": -1}, "limit must be a whole number"),
    ],
)
def test_who_met_options_are_checked(g, options, message):
    with pytest.raises(QueryError, match=message.replace("?", r"\?").replace("(", r"\(").replace(")", r"\)")):
        who_met(g, "王立新", **options)


def test_other_queries_check_their_options_too(g):
    with pytest.raises(QueryError, match="not a date"):
        find_events(g, since="12/01")
    with pytest.raises(QueryError, match="unknown event type 'visits'"):
        find_events(g, type="visits")
    with pytest.raises(QueryError, match="not a date"):
        timeline(g, "王立新", since="2021-1-1")
    with pytest.raises(QueryError, match="unknown entity type 'people'"):
        entities(g, type="people")
    with pytest.raises(QueryError, match="hops must be"):
        ego_subgraph(g, "王立新", hops=-1)
    assert [r["id"] for r in find_events(g, type="inspection", since="2021-12")] == ["w2#e0"]
    assert [r["id"] for r in timeline(g, "王立新", type="meeting", until="2021")] == ["w1#e0"]


def test_a_name_of_another_kind_or_shared_by_namesakes_says_so(g):
    with pytest.raises(WrongKind, match="'东城街道' is a location, not a person: `kg timeline 东城街道`"):
        who_met(g, "东城街道")
    with pytest.raises(UnknownName, match=r"no one named '王立心'.*did you mean 王立新"):
        who_met(g, "王立心")
    with pytest.raises(AmbiguousName) as raised:
        timeline(g, "王宁")
    assert raised.value.candidates == ["per:王宁", "per:王宁/全国政协委员"]
    assert "per:王宁/全国政协委员 (全国政协委员, 1 document)" in str(raised.value)
    assert timeline(g, "王宁/全国政协委员") == [] and timeline(g, "per:王宁") == []


def test_entities_lists_names_with_counts(g):
    people = entities(g, type="person")
    assert [(r["name"], r["events"]) for r in people[:2]] == [("王立新", 4), ("孙丽", 3)]  # no mentions: by events
    assert {r["kind"] for r in people} == {"person"}
    assert [r["name"] for r in entities(g, match="东城")] == ["东城街道"]
    assert entities(g, type="LOCATION")[0]["mentions"] == 4
    wang = {r["id"]: r for r in entities(g, type="per", match="王")}
    assert wang["per:王立新"]["events"] == 4 and wang["per:王宁"]["documents"] == 2
    assert len(entities(g, limit=3)) == 3


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("built")
    write_json(_world(), folder / "graph.json")
    return folder


def test_cli_who_met_prints_a_compact_ranked_table_and_json_records(out, capsys):
    assert main(["who-met", "王立新", "--graph", str(out), "--limit", "3"]) == 0
    printed = capsys.readouterr()
    lines = printed.out.splitlines()
    header = "name titles count closeness last date places strongest event people there"
    assert lines[0].split() == header.split()
    assert [line.split()[0] for line in lines[1:]] == ["李春华", "孙丽", "周建国"]
    assert "(18 more: --limit 0 shows all)" in printed.err
    assert main(["who-met", "王立新", "--graph", str(out), "--type", "inspection", "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["name"] for r in records} == {"孙丽", "周建国"} and records[0]["shared_events"][0]["evidence"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["events", "--type", "inspections"], "unknown event type 'inspections'"),
        (["events", "--from", "2021/12/01"], "'2021/12/01' is not a date"),
        (["who-met", "王立新", "--limit", "-2"], "limit must be a whole number"),
        (["who-met", "东城街道"], "is a location, not a person"),
        (["entities", "--type", "people"], "use one of person, organization, location"),
    ],
)
def test_cli_options_fail_with_a_message_not_a_traceback(out, capsys, argv, message):
    assert main([*argv, "--graph", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_entities_lists_names(out, capsys):
    assert main(["entities", "--type", "person", "--match", "王", "--graph", str(out)]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert names[0] == "王立新" and set(names) == {"王立新", "王宁", "王宁（全国政协委员）"}


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no graph at"), ("{not json", "is damaged or not a kg graph"), ('["a list"]', "is damaged")],
)
def test_a_missing_or_damaged_graph_is_a_clean_error_saying_what_to_do(tmp_path, capsys, content, message):
    if content is not None:
        (tmp_path / "graph.json").write_text(content, encoding="utf-8")
    assert main(["who-met", "王立新", "--graph", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "kg build" in err and "Traceback" not in err
