"""The shortcuts that keep ingest fast must give exactly what the plain definitions give."""

from __future__ import annotations

import re

import pytest

from kg.ingest.articles import _alnum_folded, _Body
from kg.ingest.bylines import _ROLE_HINT, ROLES, parse_byline, trailing_byline
from kg.ingest.ocr import squeeze
from kg.ingest.sentences import split_spans
from kg.textnorm import fold

_BMP = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]


def test_regex_word_characters_are_alnum_or_underscore():
    word = re.compile(r"\w")
    assert all(bool(word.fullmatch(c)) == (c.isalnum() or c == "_") for c in _BMP)


@pytest.mark.parametrize("text", ["１２月“民生”工程", "Ⓐ②COVID-19，疫苗", "“你好”，‘世界’！", "王\u3000立新 a_b", ""])
def test_alnum_folded_is_the_letters_and_digits_of_fold(text: str):
    assert _alnum_folded(text) == "".join(c for c in fold(text) if c.isalnum())


def test_body_bigram_share_is_the_same_by_search_and_by_set(monkeypatch):
    body, grams = "市委书记王立新主持召开安全生产工作会议。", {"王立", "立新", "会议", "无关"}
    by_search = _Body(body).share(grams)
    monkeypatch.setattr(_Body, "SET_AFTER", 0)
    assert _Body(body).share(grams) == by_search == 0.75


def test_every_role_contains_a_role_hint():
    assert all(_ROLE_HINT.search(role) for role in ROLES)


def test_byline_shortcuts_keep_results():
    assert parse_byline("本报讯 12月3日上午") is None
    assert [b.names for b in parse_byline(" □融媒记者 王立新 李明华", 10)] == [["王立新", "李明华"]]
    assert trailing_byline("会议结束。融媒记者 王立新", 0)[0] == 5
    assert trailing_byline("会议结束。", 0) is None


def test_squeeze_keeps_one_space_between_ascii_words_only():
    raw = "COVID \t 19 王 立新\nA\t B"
    text, offsets = squeeze(raw, [(0, 15), (16, 20)])
    assert text == "COVID 19王立新A B"
    assert "".join(raw[k] for k in offsets) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他说：“好。”随后散会。", ["他说：“好。”", "随后散会。"]),
        ("“好。”他说。", ["“好。”他说。"]),
        ("看《你好？世界》。再见！？", ["看《你好？世界》。", "再见！？"]),
        ("（一）。。", ["（一）。。"]),
    ],
)
def test_split_spans_on_quotes_and_terminator_runs(text: str, expected: list[str]):
    assert [text[s:e] for s, e in split_spans(text)] == expected
