"""Small constructors for hand-made documents, mentions and events used by the graph tests.

All names and sentences are invented (city 清河, people 王立新, 李春华, ...).
"""

from __future__ import annotations

from kg.model import Argument, Article, DocResult, Document, Event, Evidence, Mention, Participant, Sentence


def sentence(doc: str, index: int, text: str) -> Sentence:
    return Sentence(id=f"{doc}#a0s{index}", doc=doc, article=0, index=index, text=text, offsets=list(range(len(text))))


def mention(text: str, type_: str, sentence_text: str = "", title: str | None = None, **attrs) -> Mention:
    start = max(sentence_text.find(text), 0)
    return Mention(start=start, end=start + len(text), type=type_, text=text, title=title, attrs=dict(attrs))


def document(doc_id: str, sentences: list[str], date: str | None = "2021-12-10", title: str | None = None) -> Document:
    made = [sentence(doc_id, i, text) for i, text in enumerate(sentences)]
    article = Article(doc=doc_id, index=0, start=0, end=sum(len(t) for t in sentences), sentences=made)
    return Document(
        id=doc_id, source=f"{doc_id}.txt", text="".join(sentences), date=date, title=title, articles=[article]
    )


def event(
    event_id: str,
    doc: str,
    type_: str = "meeting",
    date: str | None = "2021-12-10",
    participants: list[tuple[str, str] | tuple[str, str, str]] = (),
    places: list[str] = (),
    organizations: list[str] = (),
    evidence: str | list[str] = "",
    rule: str = "meeting.basic",
) -> Event:
    """An event; participants are (name, role) or (name, role, title); evidence is one sentence or several."""
    sentences = [evidence] if isinstance(evidence, str) else evidence
    return Event(
        id=event_id,
        type=type_,
        doc=doc,
        article=0,
        date=date,
        participants=[Participant(p[0], p[1], p[2] if len(p) > 2 else None) for p in participants],
        places=[Argument(p) for p in places],
        organizations=[Argument(o) for o in organizations],
        evidence=[
            Evidence(sentence=f"{doc}#a0s{i}", start=0, end=len(text), text=text)
            for i, text in enumerate(sentences)
            if text
        ],
        rule=rule,
    )


def result(doc: Document, mentions: list[list[Mention]] | None = None, events: list[Event] = ()) -> DocResult:
    """A DocResult; `mentions[i]` are the mentions of sentence i."""
    by_sentence = {s.id: list(m) for s, m in zip(doc.sentences, mentions or [], strict=False)}
    return DocResult(document=doc, mentions=by_sentence, events=list(events))


def sample_results() -> list[DocResult]:
    """Three invented pages of the 清河 paper: a meeting, an inspection, a visit by a prefecture official."""
    d1_text = [
        "12月9日上午，我市召开防控工作会议。",
        "市委书记、市防控领导小组组长王立新在会上强调，要压实责任。",
        "市委副书记李春华主持会议，市领导赵明远、孙丽出席会议。",
        "会议由市委市政府联合部署，经信局负责保供。",
    ]
    d1 = document("d1", d1_text, date="2021-12-10")
    d1_mentions = [
        [mention("我市", "LOCATION", d1_text[0]), mention("12月9日", "DATE", d1_text[0])],
        [mention("王立新", "PERSON", d1_text[1], title="市委书记、市防控领导小组组长")],
        [
            mention("李春华", "PERSON", d1_text[2], title="市委副书记"),
            mention("赵明远", "PERSON", d1_text[2]),
            mention("孙丽", "PERSON", d1_text[2]),
        ],
        [mention("市委市政府", "ORGANIZATION", d1_text[3]), mention("经信局", "ORGANIZATION", d1_text[3])],
    ]
    e1 = event(
        "d1#e0",
        "d1",
        "meeting",
        "2021-12-09",
        [
            ("王立新", "speaker", "市委书记"),
            ("李春华", "chair", "市委副书记"),
            ("赵明远", "attendee"),
            ("孙丽", "attendee"),
        ],
        places=["市行政中心"],
        organizations=["市委市政府"],
        evidence=d1_text[1:3],
    )
    d2_text = [
        "当晚，清河市委副书记、代市长李春华带队检查东城街道农贸市场和清河医院。",
        "市经信局局长周建国陪同检查。",
        "清河医院医护人员坚守岗位。",
    ]
    d2 = document("d2", d2_text, date="2021-12-15")
    d2_mentions = [
        [
            mention("清河市委", "ORGANIZATION", d2_text[0]),
            mention("李春华", "PERSON", d2_text[0], title="清河市委副书记、代市长"),
            mention("东城街道农贸市场", "LOCATION", d2_text[0]),
            mention("清河医院", "LOCATION", d2_text[0]),
        ],
        [mention("周建国", "PERSON", d2_text[1], title="市经信局局长")],
        [mention("清河医院", "ORGANIZATION", d2_text[2])],
    ]
    e2 = event(
        "d2#e0",
        "d2",
        "inspection",
        "2021-12-14",
        [("李春华", "inspector", "清河市委副书记、代市长"), ("周建国", "accompanying", "市经信局局长")],
        places=["东城街道农贸市场", "清河医院"],
        evidence=d2_text[0:2],
        rule="inspection.lead",
    )
    d3_text = [
        "1月5日，东州市委常委、纪委书记陈海峰来清调研，清河市委书记王立新陪同。",
        "在省委省政府的坚强领导下，清城上下众志成城。",
        "陈海峰一行察看了清河医院。",
    ]
    d3 = document("d3", d3_text, date="2022-01-06")
    d3_mentions = [
        [
            mention("东州市委", "ORGANIZATION", d3_text[0]),
            mention("陈海峰", "PERSON", d3_text[0], title="东州市委常委、纪委书记"),
            mention("王立新", "PERSON", d3_text[0], title="清河市委书记"),
        ],
        [mention("省委省政府", "ORGANIZATION", d3_text[1]), mention("清城", "LOCATION", d3_text[1])],
        [mention("陈海峰", "PERSON", d3_text[2]), mention("清河医院", "LOCATION", d3_text[2])],
    ]
    e3 = event(
        "d3#e0",
        "d3",
        "visit",
        "2022-01-05",
        [("陈海峰", "visitor", "东州市委常委、纪委书记"), ("王立新", "accompanying", "清河市委书记")],
        places=["清河医院"],
        organizations=["省委省政府"],
        evidence=[d3_text[0], d3_text[2]],
        rule="visit.basic",
    )
    return [
        result(d1, d1_mentions, [e1]),
        result(d2, d2_mentions, [e2]),
        result(d3, d3_mentions, [e3]),
    ]


HOSTILE_NAMES = (
    "<script>document.title='owned'</script>",
    "<img src=x onerror=\"document.body.appendChild(document.createElement('b')).id='pw'+'ned'\">",
    "quote \" and ' and </textarea></script><!--",
    "control\x01\x02\x1f\x7fchars\u2028line",
    "长" * 5000,
)


def hostile_world() -> tuple[list, list[Event], list[Document]]:
    """Entities, events and documents whose names and evidence try to break every export."""
    from kg.model import Entity

    people = [
        Entity(id=f"per:{name}", type="PERSON", name=name, aliases=[name], titles=[name]) for name in HOSTILE_NAMES
    ]
    people.append(Entity(id="per:王立新", type="PERSON", name="王立新", aliases=["王立新"], titles=["市委书记"]))
    place = Entity(id="loc:</script>", type="LOCATION", name="</script>", aliases=["</script>"])
    doc = document("h1", ["<b>bold</b> & co"], title="</title><script>document.title='owned'</script>")
    meeting = event(
        "h1#e0",
        "h1",
        participants=[(p.name, "attendee") for p in people],
        places=["</script>"],
        evidence="\"</script><script>document.title='owned'</script>",
    )
    for participant, person in zip(meeting.participants, people, strict=True):
        participant.entity = person.id
    meeting.places[0].entity = place.id
    return [*people, place], [meeting], [doc]


def sample_graph():
    """The graph of `sample_results`, built the way the pipeline builds it."""
    from kg.graph import build_graph, resolve

    results = sample_results()
    resolution = resolve(results)
    events = resolution.resolved_events(e for r in results for e in r.events)
    return build_graph(resolution.entities, events, [r.document for r in results])


def write_sample_outputs(folder):
    """The outputs that kg.api.frames reads (graph.json, events.jsonl, mentions.jsonl), from the sample pages."""
    from kg.graph.export import write_json
    from kg.io.atomic import write_jsonl

    results = sample_results()
    write_json(sample_graph(), folder / "graph.json")
    write_jsonl((e.to_dict() for r in results for e in r.events), folder / "events.jsonl")
    mentions = ({"sentence": s, **m.to_dict()} for r in results for s, found in r.mentions.items() for m in found)
    write_jsonl(mentions, folder / "mentions.jsonl")
    return folder
