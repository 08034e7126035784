"""Graph assembly: node kinds, role/place/title edges, derived `met` edges and provenance."""

from __future__ import annotations

from graph_helpers import document, event, result, sample_graph, sample_results

from kg.graph import build_graph, resolve


def _edges(g, relation):
    return {(u, v): d for u, v, d in g.edges(data=True) if d["relation"] == relation}


def test_every_node_has_one_of_the_five_kinds():
    g = sample_graph()
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert kinds == {"person", "organization", "location", "event", "document"}
    assert g.nodes["event:d2#e0"]["type"] == "inspection"
    assert g.nodes["doc:d1"]["kind"] == "document"


def test_participants_places_and_organizations_link_to_their_event():
    g = sample_graph()
    assert g.has_edge("per:李春华", "event:d1#e0", key="chair")
    assert g.has_edge("per:周建国", "event:d2#e0", key="accompanying")
    assert g.has_edge("event:d2#e0", "loc:清河医院", key="held_at")
    assert g.has_edge("org:省委", "event:d3#e0", key="organization")
    assert g.has_edge("org:省政府", "event:d3#e0", key="organization")
    assert g.has_edge("event:d3#e0", "doc:d3", key="reported_in")


def test_titles_link_people_to_their_organizations():
    held = _edges(sample_graph(), "holds_title")
    assert "市委书记" in held[("per:王立新", "org:清河市委")]["titles"]
    assert ("per:陈海峰", "org:东州市纪委") in held
    assert ("per:周建国", "org:清河市经信局") in held
    assert ("per:李春华", "org:清河市政府") in held


def test_met_edges_join_each_pair_of_participants_once():
    g = sample_graph()
    met = _edges(g, "met")
    assert len(met) == 6 + 1 + 1  # four at the meeting, two at the inspection, two on the visit
    for u, v in met:
        assert u < v and (v, u) not in met
    visit = met[("per:王立新", "per:陈海峰")]
    assert visit["events"] == ["d3#e0"] and visit["dates"] == ["2022-01-05"]
    assert visit["places"] == ["清河医院"] and visit["weight"] == 1
    assert visit["shared_events"] == [
        {
            "event": "d3#e0",
            "type": "visit",
            "date": "2022-01-05",
            "places": ["清河医院"],
            "evidence": ["1月5日，东州市委常委、纪委书记陈海峰来清调研，清河市委书记王立新陪同。"],
        }
    ]
    assert ("per:周建国", "per:王立新") not in met


def test_people_meeting_twice_get_one_edge_counting_both_events():
    results = sample_results()
    extra = event(
        "d3#e1", "d3", "meeting", "2022-01-06", [("李春华", "chair"), ("王立新", "speaker")], places=["清河医院"]
    )
    extra.evidence = results[0].events[0].evidence  # sentences that name both
    results[2].events.append(extra)
    resolution = resolve(results)
    events = resolution.resolved_events(e for r in results for e in r.events)
    g = build_graph(resolution.entities, events, [r.document for r in results])
    pair = _edges(g, "met")[("per:李春华", "per:王立新")]
    assert pair["weight"] == 2
    assert pair["events"] == ["d1#e0", "d3#e1"]
    assert pair["dates"] == ["2021-12-09", "2022-01-06"]
    assert pair["places"] == ["清河医院", "清河市行政中心"]


def test_one_person_in_two_roles_gets_two_parallel_edges():
    doc = document("x1", ["会议召开。"])
    meeting = event(
        "x1#e0",
        "x1",
        participants=[("吴晓东", "chair"), ("吴晓东", "speaker"), ("郑红", "attendee")],
        evidence="吴晓东主持会议并讲话，郑红出席。",
    )
    results = [result(doc, [], [meeting])]
    resolution = resolve(results)
    g = build_graph(resolution.entities, resolution.resolved_events([meeting]), [doc])
    assert sorted(g["per:吴晓东"]["event:x1#e0"]) == ["chair", "speaker"]
    assert len(_edges(g, "met")) == 1


def test_every_node_and_edge_keeps_provenance():
    g = sample_graph()
    for _, d in g.nodes(data=True):
        assert {"docs", "evidence", "rules"} <= set(d)
    for u, v, d in g.edges(data=True):
        assert d["docs"], (u, v, d)
        assert {"evidence", "rules"} <= set(d)
    assert g.nodes["per:陈海峰"]["evidence"] == [
        "1月5日，东州市委常委、纪委书记陈海峰来清调研，清河市委书记王立新陪同。",
        "陈海峰一行察看了清河医院。",
    ]
    assert g.nodes["per:陈海峰"]["rules"] == ["visit.basic"]
    meeting = g["per:李春华"]["event:d1#e0"]["chair"]
    assert meeting["evidence"] == [
        "市委书记、市防控领导小组组长王立新在会上强调，要压实责任。",
        "市委副书记李春华主持会议，市领导赵明远、孙丽出席会议。",
    ]
    assert meeting["rules"] == ["meeting.basic"]


def test_events_whose_arguments_were_never_resolved_still_build():
    doc = document("x3", ["检查。"])
    inspection = event("x3#e0", "x3", "inspection", participants=[("钱伟", "inspector")], places=["南山公园"])
    g = build_graph([], [inspection], [doc])
    assert g.nodes["per:钱伟"]["kind"] == "person"
    assert g.has_edge("event:x3#e0", "loc:南山公园", key="held_at")


def test_node_and_edge_order_is_sorted():
    g = sample_graph()
    assert list(g.nodes) == sorted(g.nodes)
    assert [(u, v, k) for u, v, k in g.edges(keys=True)] == sorted(g.edges(keys=True))


def test_crowds_larger_than_the_met_limit_get_participation_but_no_met_edges():
    from kg.graph.build import MAX_MET_GROUP

    crowd = [(f"群众{i:03d}", "attendee") for i in range(MAX_MET_GROUP + 1)]
    g = build_graph([], [event("d#a0e0", "d", participants=crowd)], [document("d", ["x"])])
    assert sum(1 for *_, rel in g.edges(data="relation") if rel == "attendee") == MAX_MET_GROUP + 1
    assert not [1 for *_, rel in g.edges(data="relation") if rel == "met"]


def test_busy_pairs_keep_every_event_and_its_evidence_but_only_the_first_sentences_on_the_edge():
    from kg.graph.build import MAX_EDGE_EVIDENCE, MAX_NODE_EVIDENCE

    meetings = [
        event(
            f"m{i:02d}#a0e0",
            f"m{i:02d}",
            date=f"2021-12-{i + 1:02d}",
            participants=[("王立新", "chair"), ("李春华", "attendee")],
            evidence=f"王立新主持第{i}次会议，李春华出席。",
        )
        for i in range(MAX_NODE_EVIDENCE + 2)
    ]
    docs = [document(m.doc, ["会议召开。"]) for m in meetings]
    g = build_graph([], meetings, docs)
    pair = _edges(g, "met")[("per:李春华", "per:王立新")]
    assert pair["events"] == [m.id for m in meetings]
    assert pair["weight"] == len(meetings)
    assert pair["evidence"] == [f"王立新主持第{i}次会议，李春华出席。" for i in range(MAX_EDGE_EVIDENCE)]
    assert [s["evidence"] for s in pair["shared_events"]] == [[m.evidence[0].text] for m in meetings]
    assert len(g.nodes["per:王立新"]["evidence"]) == MAX_NODE_EVIDENCE
    assert g.nodes["per:王立新"]["events"] == [m.id for m in meetings]
    last = meetings[-1]
    assert g.nodes[f"event:{last.id}"]["evidence"] == [last.evidence[0].text]


def test_met_evidence_is_the_sentences_of_each_event_that_name_the_pair_even_past_the_cap():
    """The old edge kept the first three sentences of all events, naming neither person of a later pair."""
    opening = ["12月13日，全市工作会议召开。", "会议听取了各地汇报。", "会议要求各地压实责任。"]
    first = event(
        "p1#a0e0",
        "p1",
        date="2021-12-13",
        participants=[("王立新", "chair"), ("李春华", "attendee"), ("赵明远", "attendee")],
        evidence=[*opening, "王立新主持会议，李春华出席。", "赵明远参加会议。"],
    )
    second = event(
        "p2#a0e0",
        "p2",
        date="2021-12-14",
        participants=[("赵明远", "speaker"), ("李春华", "attendee")],
        evidence=["12月14日，专题会召开。", "赵明远在会上讲话，李春华出席。"],
    )
    g = build_graph([], [first, second], [document("p1", ["x"]), document("p2", ["x"])])
    met = _edges(g, "met")
    assert met[("per:李春华", "per:王立新")]["evidence"] == ["王立新主持会议，李春华出席。"]
    assert met[("per:王立新", "per:赵明远")]["evidence"] == ["王立新主持会议，李春华出席。", "赵明远参加会议。"]
    pair = met[("per:李春华", "per:赵明远")]
    assert pair["weight"] == 2
    assert [s["evidence"] for s in pair["shared_events"]] == [
        ["王立新主持会议，李春华出席。", "赵明远参加会议。"],
        ["赵明远在会上讲话，李春华出席。"],
    ]
    assert [(s["event"], s["type"], s["date"]) for s in pair["shared_events"]] == [
        ("p1#a0e0", "meeting", "2021-12-13"),
        ("p2#a0e0", "meeting", "2021-12-14"),
    ]
    for (a, b), data in met.items():
        text = "".join(data["evidence"])
        assert a.removeprefix("per:") in text and b.removeprefix("per:") in text, (a, b, data["evidence"])


def test_a_pair_the_evidence_never_names_together_is_not_said_to_have_met():
    """The pronoun case: 他 stands for someone the event's sentences never name."""
    talk = event(
        "t1#a0e0",
        "t1",
        participants=[("王立新", "speaker"), ("李春华", "attendee")],
        evidence=["他强调，要压实责任。", "李春华出席。"],
    )
    g = build_graph([], [talk], [document("t1", ["x"])])
    assert not _edges(g, "met")
    assert g.has_edge("per:王立新", "event:t1#a0e0", key="speaker")


def test_each_event_links_each_place_once():
    g = sample_graph()
    place_links = [(u, v, k) for u, v, k in g.edges(keys=True) if "loc:清河医院" in (u, v)]
    assert sorted(place_links) == [
        ("event:d2#e0", "loc:清河医院", "held_at"),
        ("event:d3#e0", "loc:清河医院", "held_at"),
    ]
