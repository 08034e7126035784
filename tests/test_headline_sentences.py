"""Headlines are tagged like sentences (their names are mentions) but read for no events."""

from __future__ import annotations

import json
from pathlib import Path

import kg.api
from kg.ingest import segment
from kg.model import BODY, HEADLINE, Document, Mention
from kg.tag.annotate import annotate_document

TITLE = "王立新会见清河国总统李文华"
BODY_TEXT = "央视网消息（新闻联播）：国家副主席王立新今天在北京会见清河国总统李文华。王立新表示，双方要加强合作。"
RECORD = {"id": "r1", "date": "2023-05-06", "title": TITLE, "text": f"{TITLE}\n{BODY_TEXT}"}


def _record_doc() -> Document:
    return segment(Document(id="r1", source="test", text=RECORD["text"], date=RECORD["date"], title=TITLE))


def test_a_title_is_a_headline_sentence_with_raw_offsets_and_body_ids_stay_as_they_were() -> None:
    doc = _record_doc()
    first = doc.sentences[0]
    assert (first.kind, first.id, first.text) == (HEADLINE, "r1#a0h0", TITLE)
    assert all(doc.text[o] == c for c, o in zip(first.text, first.offsets, strict=True))
    assert [s.id for s in doc.body_sentences] == ["r1#a0s0", "r1#a0s1"]
    assert all(s.kind == BODY for s in doc.body_sentences)


def test_a_spaced_headline_is_sentence_text_without_its_spaces_and_keeps_its_display_form() -> None:
    text = "压实责任　守住底线\n本报讯 12月8日，全市召开安全生产会议。\n"
    doc = segment(Document(id="p", source="test", text=text, date="2021-12-10"))
    (headline,) = [s for s in doc.sentences if s.kind == HEADLINE]
    assert headline.text == "压实责任守住底线"
    assert doc.articles[0].headlines == ["压实责任 守住底线"]
    assert headline.offsets[4] - headline.offsets[3] == 2  # the space is a gap in the raw offsets


def test_a_build_tags_names_in_headlines_and_reads_events_from_the_body_only(tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    kg.api.build([source], tmp_path / "out", progress=False, cache=False)
    out = tmp_path / "out"
    mentions = [json.loads(line) for line in (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    in_headline = {(m["text"], m["type"]) for m in mentions if m["sentence"] == "r1#a0h0"}
    assert ("王立新", "PERSON") in in_headline
    assert all(RECORD["text"][m["start"] : m["end"]] == m["text"] for m in mentions if m["sentence"] == "r1#a0h0")
    events = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert events and all(ev["sentence"] != "r1#a0h0" for e in events for ev in e["evidence"])
    (document,) = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert document["sentences"] == 2  # the body's
    sentences = [json.loads(line) for line in (out / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [s["kind"] for s in sentences] == [HEADLINE, BODY, BODY]


def test_a_date_in_a_headline_is_no_context_for_the_dates_of_the_body() -> None:
    title = "清河市人大常委会回顾9月8日以来的防汛工作"
    text = f"{title}\n清河市人大常委会主任会议13日上午举行。\n"
    doc = segment(Document(id="d", source="test", text=text, date="2023-10-13", title=title))
    found = annotate_document(doc, {})
    dates = {m.text: m.normalized for s in doc.sentences for m in found[s.id] if m.type == "DATE"}
    assert dates["13日上午"] == "2023-10-13"
    assert dates["9月8日"] == "2023-09-08"


def test_an_organization_a_headline_starts_inside_a_word_is_dropped() -> None:
    title = "习近平回信勉励清河大学学生"
    doc = segment(Document(id="h", source="test", text=f"{title}\n清河大学的学生给习近平写信。\n", title=title))
    headline = doc.sentences[0]
    model = {headline.id: [Mention(1, 11, "ORGANIZATION", headline.text[1:11], source="model")]}
    assert [m.type for m in annotate_document(doc, model)[headline.id]] == []
