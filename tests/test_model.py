"""The dict form of the stage dataclasses: what `dataclasses.asdict` gives, without shared mutable parts."""

from __future__ import annotations

import dataclasses
import json

from kg.model import Article, Byline, DocResult, Document, Event, Evidence, Mention, Participant, Sentence


def _result() -> DocResult:
    sentence = Sentence(id="d#a0s0", doc="d", article=0, index=0, text="王立新主持会议", offsets=list(range(7)))
    article = Article(doc="d", index=0, start=0, end=7, headlines=["标题"], bylines=[Byline("记者", ["林芳"])])
    article.sentences.append(sentence)
    mention = Mention(
        0, 3, "PERSON", "王立新", title="市长", attrs={"titles": ["市长"], "nested": {"a": [1, (2, 3)]}, "n": None}
    )
    event = Event(
        id="d#a0e0",
        type="meeting",
        doc="d",
        article=0,
        participants=[Participant("王立新", "chair", title=None)],
        evidence=[Evidence("d#a0s0", 0, 7, "王立新主持会议")],
    )
    document = Document(id="d", source="d.txt", text="王立新主持会议", meta={"page": 1, "tags": ["x"]})
    document.articles.append(article)
    return DocResult(document=document, mentions={sentence.id: [mention]}, events=[event])


def test_to_dict_gives_what_asdict_gives() -> None:
    result = _result()
    assert result.to_dict() == dataclasses.asdict(result)


def test_to_dict_shares_no_mutable_value_with_the_object() -> None:
    result = _result()
    data = result.to_dict()
    data["mentions"]["d#a0s0"][0]["attrs"]["titles"].append("书记")
    data["document"]["articles"][0]["sentences"][0]["offsets"].append(99)
    data["document"]["meta"]["tags"].append("y")
    assert result.mentions["d#a0s0"][0].attrs["titles"] == ["市长"]
    assert result.document.sentences[0].offsets == list(range(7))
    assert result.document.meta["tags"] == ["x"]


def test_from_dict_rebuilds_every_nested_dataclass_through_json() -> None:
    result = _result()
    again = DocResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert isinstance(again.document.articles[0].bylines[0], Byline)
    assert isinstance(again.events[0].evidence[0], Evidence)
    assert again.to_dict() == json.loads(json.dumps(result.to_dict()))
