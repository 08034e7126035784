"""Reporters: byline names become PERSON mentions (kind "reporter") with raw offsets, and reach mentions.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

import kg.api
from kg.ingest import segment
from kg.model import DocResult, Document
from kg.records import mention_records
from kg.tag.annotate import annotate_document
from kg.tag.reporters import byline_key, mentions_in_order

PAGE = (
    "□融媒记者 林海峰 通讯员 周小雨\n"
    "本报讯 12月8日上午，副市长王立新来到东城街道检查工作。他强调要抓好落实。\n"
    "东城街道开展冬季消防演练\n"
    "12月9日，东城街道组织居民开展消防演练。\n"
    "融媒记者 陈思远 摄\n"
)


def _page() -> Document:
    return segment(Document(id="page", source="test", text=PAGE, date="2021-12-10"))


def test_byline_names_are_person_mentions_at_their_raw_offsets() -> None:
    doc = _page()
    mentions = annotate_document(doc, {})
    reporters = [m for a in doc.articles for m in mentions.get(byline_key(doc.id, a.index), [])]
    assert [(m.text, m.type, m.attrs["kind"], m.attrs["role"]) for m in reporters] == [
        ("林海峰", "PERSON", "reporter", "融媒记者"),
        ("周小雨", "PERSON", "reporter", "通讯员"),
        ("陈思远", "PERSON", "reporter", "融媒记者"),
    ]
    assert [PAGE[m.start : m.end] for m in reporters] == [m.text for m in reporters]
    assert reporters[-1].attrs["byline"] == "photo_credit"


def test_reporters_stay_out_of_the_sentences() -> None:
    doc = _page()
    mentions = annotate_document(doc, {})
    in_sentences = {m.text for s in doc.sentences for m in mentions.get(s.id, [])}
    assert not in_sentences & {"林海峰", "周小雨", "陈思远"}


def test_mention_records_write_reporters_without_a_sentence() -> None:
    doc = _page()
    result = DocResult(document=doc, mentions=annotate_document(doc, {}))
    records = [r for r in mention_records(result) if r.get("kind") == "reporter"]
    assert [(r["text"], r["sentence"], PAGE[r["start"] : r["end"]]) for r in records] == [
        ("林海峰", None, "林海峰"),
        ("周小雨", None, "周小雨"),
        ("陈思远", None, "陈思远"),
    ]
    assert len(list(mention_records(result))) == sum(1 for _ in mentions_in_order(doc, result.mentions))


def test_a_build_writes_reporters_to_mentions_jsonl_with_entity_ids(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text(PAGE, encoding="utf-8")
    kg.api.build([tmp_path / "in"], tmp_path / "out", date="2021-12-10", progress=False, cache=False)
    lines = (tmp_path / "out" / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    reporters = [r for r in map(json.loads, lines) if r.get("kind") == "reporter"]
    assert {r["text"] for r in reporters} == {"林海峰", "周小雨", "陈思远"}
    assert all(r["type"] == "PERSON" and r["entity"] and PAGE[r["start"] : r["end"]] == r["text"] for r in reporters)
