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


def test_respan_and_retyped_make_new_mentions_and_leave_the_original_as_it_was() -> None:
    from kg.model import Mention

    text = "副市长李春华到东城街道卫生院调研。"
    original = Mention(7, 11, "LOCATION", "东城街道", title=None, attrs={"titles": ["副市长"]})
    grown = original.respan(text, 7, 14)
    assert (grown.text, grown.start, grown.end, grown.type) == ("东城街道卫生院", 7, 14, "LOCATION")
    grown.attrs["titles"] = []
    assert original.attrs == {"titles": ["副市长"]} and original.text == "东城街道"
    person = Mention(3, 6, "PERSON", "李春华", title="副市长", attrs={"titles": ["副市长"], "title_orgs": ["市政府"]})
    place = person.retyped("LOCATION")
    assert (place.type, place.title, place.attrs, place.text) == ("LOCATION", None, {}, "李春华")
    assert person.title == "副市长"


def test_every_attribute_kg_sets_or_exports_on_a_mention_is_documented() -> None:
    from kg.api import tag_texts
    from kg.model import MentionAttrs
    from kg.records import MENTION_ATTRS

    documented = set(MentionAttrs.__annotations__)
    assert set(MENTION_ATTRS) <= documented
    sentences = [
        "12月9日上午，市委书记、市长王立新到东城街道调研，副市长李春华陪同。",
        "近日，航天员陈海涛等10名高校辅导员来到西溪镇。",
        "次日晚，王立新主持召开会议。",
    ]
    used = {
        key
        for record in tag_texts(sentences, date="2021-12-10")
        for e in record["entities"]
        for key in e.get("attrs", {})
    }
    assert used and used <= documented
