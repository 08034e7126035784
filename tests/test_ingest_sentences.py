"""Sentence splitting: terminators, quotations, brackets, book titles."""

from __future__ import annotations

import pytest

from kg.ingest.sentences import MAX_SENTENCE, split_spans


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王立新主持会议。李明华出席。", ["王立新主持会议。", "李明华出席。"]),
        ("一是排查隐患；二是整改问题；", ["一是排查隐患；", "二是整改问题；"]),
        ("真的吗？！好的!!对?", ["真的吗？！", "好的!!", "对?"]),
        ("排查各类隐患⋯⋯这些是逆行者……", ["排查各类隐患⋯⋯", "这些是逆行者……"]),
        ("没有句号的一句话", ["没有句号的一句话"]),
    ],
)
def test_terminators_end_sentences(text: str, expected: list[str]):
    assert _split(text) == expected


def test_quote_ending_a_sentence_keeps_its_closing_mark():
    assert _split("他说：“安全生产没有小事。”会议随后结束。") == ["他说：“安全生产没有小事。”", "会议随后结束。"]


def test_quote_followed_by_its_speaker_stays_one_sentence():
    assert _split("“我们一定守好大门。”王立新说。随后散会。") == ["“我们一定守好大门。”王立新说。", "随后散会。"]


def test_consecutive_quoted_questions_stay_together():
    text = "“值班多长时间？”“有什么困难？”在东城街道，王立新询问值守人员。"
    assert _split(text) == ["“值班多长时间？”“有什么困难？”", "在东城街道，王立新询问值守人员。"]


def test_terminators_inside_book_titles_and_brackets_do_not_split():
    text = "推出《老人怎么办？志愿者来了》等报道（全文见二版。）。读者点赞。"
    assert _split(text) == ["推出《老人怎么办？志愿者来了》等报道（全文见二版。）。", "读者点赞。"]


def test_a_lost_closing_quote_does_not_swallow_the_paragraph():
    text = "他强调，要守好“小门。" + "各村社要落实责任。" * 30
    sentences = _split(text)
    assert sentences[0] == "他强调，要守好“小门。"
    assert len(sentences) == 31


def test_overlong_sentences_are_cut_at_a_comma():
    text = "，".join(["东城街道排查隐患"] * 80) + "。"
    sentences = _split(text)
    assert len(sentences) > 1
    assert all(len(s) <= MAX_SENTENCE for s in sentences)
    assert "".join(sentences) == text
    assert all(s.endswith(("，", "。")) for s in sentences)


def test_punctuation_only_pieces_are_dropped():
    assert _split("。。王立新到场。") == ["王立新到场。"]
