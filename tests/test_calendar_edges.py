"""Document dates at the edges of the calendar (9999-12-31, 0001-01-01: scraped data's "unknown" fillers).

A relative date that would leave the calendar (9999-12-31 + 次日) has no date: it becomes None, never a crash.
"""

from __future__ import annotations

import re

import pytest

from kg.events import extract_events, load_rules
from kg.model import Article, Document, Mention, Sentence
from kg.tag.annotate import annotate_document

RULES = load_rules()


def _events_after(doc_date: str, first_day: str, follow_up: str) -> list[str | None]:
    """Event dates of an inspection on `first_day` and a follow-up sentence; dates, relative ones included,
    resolved by tagging against the document date."""
    texts = [f"{first_day}，市长陈志远检查东城街道防控工作。", follow_up]
    starts = [0, len(texts[0])]
    sentences = [
        Sentence(f"d#a0s{i}", "d", 0, i, t, list(range(start, start + len(t))))
        for i, (t, start) in enumerate(zip(texts, starts, strict=True))
    ]
    text = "".join(texts)
    doc = Document("d", "test", text=text, date=doc_date, articles=[Article("d", 0, 0, len(text), sentences=sentences)])
    model = {
        s.id: [Mention(m.start(), m.end(), "PERSON", "陈志远", source="m") for m in re.finditer("陈志远", s.text)]
        for s in sentences
    }
    return [event.date for event in extract_events(doc, annotate_document(doc, model), RULES)]


def test_next_day_after_the_last_representable_date_gives_no_new_date():
    # no date of its own: the follow-up cannot be told apart from the first inspection, and no date is invented
    assert _events_after("9999-12-31", "12月31日", "次日，陈志远还检查了南门菜市场。") == ["9999-12-31"]


def test_next_day_just_inside_the_calendar_is_still_resolved():
    assert _events_after("9999-12-31", "12月30日", "第二天，陈志远还检查了南门菜市场。") == ["9999-12-30", "9999-12-31"]


def _document(text: str, date: str) -> Document:
    sentence = Sentence("d#a0s0", "d", 0, 0, text, list(range(len(text))))
    return Document("d", "test", text=text, date=date, articles=[Article("d", 0, 0, len(text), sentences=[sentence])])


def _dates(text: str, doc_date: str) -> list[tuple[str, str | None]]:
    mentions = annotate_document(_document(text, doc_date), {"d#a0s0": []})["d#a0s0"]
    return [(m.text, m.normalized) for m in mentions if m.type == "DATE"]


@pytest.mark.parametrize(
    "doc_date, text, expected",
    [
        ("9999-12-31", "次日，陈志远检查东城街道。", None),
        ("9999-12-31", "明天陈志远检查东城街道。", None),
        ("9999-12-31", "明年陈志远检查东城街道。", None),
        ("0001-01-01", "昨天陈志远检查东城街道。", None),
        ("0001-01-01", "前天陈志远检查东城街道。", None),
        ("0001-01-01", "去年陈志远检查东城街道。", None),
        ("9999-12-30", "明天陈志远检查东城街道。", "9999-12-31"),
        ("0001-01-03", "前天陈志远检查东城街道。", "0001-01-01"),
        ("0001-06-01", "今年陈志远检查东城街道。", "0001"),
    ],
)
def test_relative_date_off_the_calendar_has_no_date(doc_date: str, text: str, expected: str | None) -> None:
    ((_, normalized),) = _dates(text, doc_date)
    assert normalized == expected


def test_events_of_a_page_dated_at_the_end_of_the_calendar_are_extracted() -> None:
    text = "12月31日，市长陈志远检查东城街道防控工作。次日，陈志远还检查了南门菜市场。"
    doc = _document(text, "9999-12-31")
    model = [Mention(m.start(), m.end(), "PERSON", "陈志远", source="m") for m in re.finditer("陈志远", text)]
    mentions = annotate_document(doc, {"d#a0s0": model})
    assert [(e.type, e.date) for e in extract_events(doc, mentions, RULES)] == [("inspection", "9999-12-31")]
