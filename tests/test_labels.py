"""Node labels an analyst can read: events by type, date and place or headline (unique), documents by
headline, namesakes by what tells them apart, titles once each and collective words apart from titles.

All pages are invented.
"""

from __future__ import annotations

from graph_helpers import document, event, mention, result

from kg.graph import build_graph, resolve_entities
from kg.model import Entity


def _doc_with_headline(doc_id: str, headline: str, title: str | None = None):
    doc = document(doc_id, ["会议召开。"], title=title)
    doc.articles[0].headlines = [headline]
    return doc


HEADLINE = "清河市召开全市安全生产工作会议部署冬季安全生产工作"  # 25 characters: cut to 23 and an ellipsis


def test_events_are_labelled_by_type_date_and_place_or_headline_and_labels_are_unique():
    docs = [
        _doc_with_headline("p1", HEADLINE),
        document("p2", ["会议。"]),
        document("p3", ["会议。"], title="东城要闻"),
    ]
    events = [
        event("p1#e0", "p1", date="2021-12-09", places=["东城街道"]),
        event("p1#e1", "p1", date="2021-12-09"),
        event("p2#e0", "p2", date="2021-12-09"),
        event("p2#e1", "p2", date="2021-12-09"),
        event("p2#e2", "p2", date=None, type_="inspection"),
        event("p3#e0", "p3", date="2021-12-09"),  # no article headline: the document's title
    ]
    g = build_graph([], events, docs)
    labels = {n: g.nodes[n]["label"] for n in g if n.startswith("event:")}
    assert labels["event:p1#e0"] == "meeting 2021-12-09 东城街道"
    assert labels["event:p1#e1"] == f"meeting 2021-12-09 {HEADLINE[:23]}…"
    assert labels["event:p2#e0"] == "meeting 2021-12-09"
    assert labels["event:p2#e1"] == "meeting 2021-12-09 (2)"
    assert labels["event:p2#e2"] == "inspection undated"
    assert labels["event:p3#e0"] == "meeting 2021-12-09 东城要闻"
    assert len(set(labels.values())) == len(labels)


def test_documents_are_labelled_by_title_else_headline_else_id():
    docs = [
        _doc_with_headline("q1", "东城街道开展消防演练"),
        _doc_with_headline("q2", "第一版要闻", title="清河日报要闻"),
        document("q3", ["无标题。"]),
    ]
    g = build_graph([], [], docs)
    assert [g.nodes[f"doc:{d}"]["label"] for d in ("q1", "q2", "q3")] == ["东城街道开展消防演练", "清河日报要闻", "q3"]


def test_a_namesakes_label_says_which_one_it_is():
    people = [
        Entity(id="per:王宁", type="PERSON", name="王宁", titles=["南州省委书记"]),
        Entity(id="per:王宁/全国政协委员", type="PERSON", name="王宁", titles=["全国政协委员"]),
    ]
    people.append(Entity(id="per:7", type="PERSON", name="王宁远"))  # an id of its own is no namesake
    g = build_graph(people, [], [])
    assert g.nodes["per:王宁"]["label"] == "王宁"
    assert g.nodes["per:7"]["label"] == "王宁远"
    assert g.nodes["per:王宁/全国政协委员"]["label"] == "王宁（全国政协委员）"


def test_person_nodes_show_titles_once_and_collective_words_apart():
    pages = [
        ("r1", "市委书记", "陈立"),
        ("r2", "清河市委书记、市长", "陈立"),
        ("r3", "市领导", "陈立"),
    ]
    results = []
    for doc_id, title, name in pages:
        text = f"{title}{name}讲话。"
        results.append(result(document(doc_id, [text]), [[mention(name, "PERSON", text, title=title)]]))
    g = build_graph(resolve_entities(results, city="清河"), [], [r.document for r in results])
    person = g.nodes["per:陈立"]
    assert person["titles"] == ["清河市委书记、市长"]
    assert person["groups"] == ["市领导"]
