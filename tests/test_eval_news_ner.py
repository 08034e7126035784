"""The news NER scorer (pipelines/eval_news_ner.py) on invented examples: no corpus, no model."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.ingest import segment
from kg.model import Document, Mention

PIPELINES = Path(__file__).resolve().parents[1] / "pipelines"
_spec = importlib.util.spec_from_file_location("eval_news_ner", PIPELINES / "eval_news_ner.py")
assert _spec is not None and _spec.loader is not None
ner = importlib.util.module_from_spec(_spec)
sys.modules["eval_news_ner"] = ner  # dataclasses look their module up
_spec.loader.exec_module(ner)

Span = ner.Span


def test_exact_score_per_type_and_micro() -> None:
    gold = [
        Span("d", 0, 3, "PERSON", "王立新"),
        Span("d", 5, 8, "LOCATION", "西溪镇"),
        Span("d", 9, 13, "ORGANIZATION", "县商务局"),
    ]
    pred = [
        Span("d", 0, 3, "PERSON", "王立新"),
        Span("d", 5, 7, "LOCATION", "西溪"),
        Span("d", 20, 22, "PERSON", "李华"),
    ]
    report = ner.score(ner.exact_keys(gold), ner.exact_keys(pred))
    assert report["PERSON"] == {"p": 0.5, "r": 1.0, "f1": 0.6667, "tp": 1, "pred": 2, "gold": 1}
    assert report["LOCATION"]["tp"] == 0 and report["LOCATION"]["f1"] == 0.0
    assert report["ORGANIZATION"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "pred": 0, "gold": 1}
    assert report["micro"] == {"p": 0.3333, "r": 0.3333, "f1": 0.3333, "tp": 1, "pred": 3, "gold": 3}


def test_names_score_counts_a_name_once_per_article() -> None:
    gold = [
        Span("d", 0, 2, "LOCATION", "江城"),
        Span("d", 10, 12, "LOCATION", "江城"),
        Span("e", 0, 2, "LOCATION", "江城"),
    ]
    pred = [Span("d", 10, 12, "LOCATION", "江城")]
    assert ner.score(ner.exact_keys(gold), ner.exact_keys(pred))["micro"]["r"] == 0.3333
    assert ner.score(ner.name_keys(gold), ner.name_keys(pred))["micro"]["r"] == 0.5  # d found, e not


def test_gold_outside_tagged_text_is_counted_and_left_out_of_the_second_scope() -> None:
    gold = [Span("d", 1, 3, "PERSON", "张平"), Span("d", 12, 14, "PERSON", "张平")]  # the first in a headline
    tagged = ner.Tagged([Span("d", 12, 14, "PERSON", "张平")], {"d": [(10, 30)]})
    report = ner.evaluate(gold, tagged)
    assert report["gold_outside_tagged_text"] == 1
    assert report["all_gold"]["exact"]["PERSON"]["r"] == 0.5
    assert report["gold_in_tagged_text"]["exact"]["PERSON"]["r"] == 1.0


def test_a_span_crossing_a_region_edge_is_outside() -> None:
    regions = {"d": [(0, 5), (5, 9)]}
    assert ner.inside(Span("d", 2, 5, "LOCATION", "x"), regions)
    assert not ner.inside(Span("d", 4, 6, "LOCATION", "x"), regions)
    assert not ner.inside(Span("e", 0, 2, "LOCATION", "x"), regions)


def test_error_kinds() -> None:
    gold = [
        Span("d", 0, 3, "PERSON", "欧阳青"),  # typed ORGANIZATION by kg
        Span("d", 4, 6, "ORGANIZATION", "湖军"),  # kg cuts 湖 only
        Span("d", 8, 10, "LOCATION", "河州"),  # nothing there
        Span("d", 11, 13, "LOCATION", "山城"),  # right
    ]
    pred = [
        Span("d", 0, 3, "ORGANIZATION", "欧阳青"),
        Span("d", 4, 5, "LOCATION", "湖"),
        Span("d", 11, 13, "LOCATION", "山城"),
        Span("d", 20, 22, "PERSON", "高尔"),
    ]
    assert sorted(ner.classified_errors(gold, pred)) == [
        ("missed", "LOCATION", "河州"),
        ("spurious", "PERSON", "高尔"),
        ("wrong boundary", "ORGANIZATION", "湖军 → 湖/LOC"),
        ("wrong type", "PERSON→ORGANIZATION", "欧阳青"),
    ]


def test_error_table_ranks_by_count_and_keeps_the_top() -> None:
    gold = [Span("d", i * 5, i * 5 + 2, "LOCATION", name) for i, name in enumerate(("江城", "江城", "河州"))]
    gold.append(Span("d", 40, 42, "PERSON", "张平"))
    table = ner.error_table(gold, [], top=1)
    assert table == [{"kind": "missed", "detail": "LOCATION", "count": 3, "examples": ["江城", "河州"]}]


def test_raw_span_follows_dropped_characters() -> None:
    # sentence text "西溪镇" read from raw "西 溪镇" (a stray space dropped): offsets 0, 2, 3
    assert ner.raw_span([0, 2, 3], 0, 3) == (0, 4)
    assert ner.raw_span([0, 2, 3], 1, 3) == (2, 4)


def test_mentions_map_to_offsets_in_the_record_text() -> None:
    text = "江城召开会议\n本台消息：4月2日，市长王立新在江城主持会议。随后，王立新来到西溪镇。"
    doc = segment(Document(id="d", source="t.jsonl:1", text=text, date="2024-04-02"))
    later = doc.sentences[-1]
    at = later.text.index("西溪镇")
    mentions = {s.id: [] for s in doc.sentences}
    mentions[later.id] = [Mention(at, at + 3, "LOCATION", "西溪镇"), Mention(0, 2, "DATE", later.text[:2])]
    spans = ner.spans_of(doc, mentions)
    start = text.index("西溪镇")
    assert spans == [Span("d", start, start + 3, "LOCATION", "西溪镇")]


@pytest.mark.parametrize("tp, pred, gold, f1", [(0, 0, 0, 0.0), (2, 2, 4, 0.6667), (3, 4, 3, 0.8571)])
def test_prf(tp: int, pred: int, gold: int, f1: float) -> None:
    assert ner.prf(tp, pred, gold)["f1"] == f1
