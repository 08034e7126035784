"""A page whose lines end in \\r\\n, a lone \\r, U+2028 or U+2029 segments like the same page with \\n."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import repair, segment
from kg.model import Document

# Our own county-paper page: a boxed byline opening the first article, a 本报讯 lead, a sentence
# broken across lines, a headline printed after its body, a byline run into the last paragraph.
PAGE_LINES = [
    "□融媒首席记者 周明 通讯员 林晓",
    "本报讯 12月8日上午，青溪市召开冬季安全生产工作会议。市委副书记、市长王建国出席会议并讲话。",
    "王建国强调，要压实企业主体责任，",
    "确保全市安全形势稳定。",
    "冬季安全生产不放松",
    "",
    "本报讯 12月9日晚，副市长李春华带队检查城东菜市场和人民医院的防疫工作。",
    "李春华要求，各单位要落实值班制度，守护群众平安。融媒记者 陈晓东",
    "夜查防疫 守护平安",
]
LINE_ENDS = ["\r\n", "\r", "\u2028", "\u2029"]


def _page(line_end: str) -> Document:
    return segment(Document(id="p", source="p.txt", text=line_end.join(PAGE_LINES) + line_end))


def _reading(doc: Document) -> list[tuple]:
    """What a reader sees: per article its headlines, lead, bylines and sentences."""
    return [
        (
            a.headlines,
            a.lead,
            [(b.role, b.names, b.kind) for b in a.bylines],
            [s.text for s in a.sentences],
        )
        for a in doc.articles
    ]


def _offsets(doc: Document) -> list[tuple]:
    return [
        (a.start, a.end, [(b.start, b.end) for b in a.bylines], [s.offsets for s in a.sentences]) for a in doc.articles
    ]


def test_the_newline_page_has_two_articles_with_their_bylines():
    reading = _reading(_page("\n"))
    assert [(heads, names) for heads, _, names, _ in reading] == [
        (["冬季安全生产不放松"], [("融媒首席记者", ["周明"], "byline"), ("通讯员", ["林晓"], "byline")]),
        (["夜查防疫 守护平安"], [("融媒记者", ["陈晓东"], "byline")]),
    ]
    assert not any("记者" in sentence for *_, sentences in reading for sentence in sentences)


@pytest.mark.parametrize("line_end", LINE_ENDS, ids=["crlf", "cr", "u2028", "u2029"])
def test_other_line_ends_read_like_newlines(line_end: str):
    doc = _page(line_end)
    assert _reading(doc) == _reading(_page("\n"))
    if len(line_end) == 1:  # the same length: every offset is the same too
        assert _offsets(doc) == _offsets(_page("\n"))
    for sentence in doc.sentences:
        assert all(doc.text[o] == c for c, o in zip(sentence.text, sentence.offsets, strict=True))


def test_repair_maps_a_lone_line_end_to_itself():
    raw = "\u2028".join(PAGE_LINES)
    text, offsets = repair(raw)
    assert "\u2028" in text and all(raw[o] == c for c, o in zip(text, offsets, strict=True))
    assert text.replace("\u2028", "\n") == repair("\n".join(PAGE_LINES))[0]


_LINE_CHARS = st.sampled_from([*"王立新东城街道召开会议检查。，、：“”12月9日 \t□■", "融媒记者 ", "本报讯 "])
_LINES = st.lists(st.lists(_LINE_CHARS, max_size=30).map("".join), max_size=12)
_BREAKS = st.lists(st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\u2029", "\n\n"]), min_size=12, max_size=12)


@settings(max_examples=200, deadline=None)
@given(_LINES, _BREAKS)
def test_any_mix_of_line_ends_segments_like_newlines(lines, breaks):
    raw = "".join(line + end for line, end in zip(lines, breaks, strict=False))
    as_newlines = re.sub("\r\n|[\r\u2028\u2029]", "\n", raw)
    doc = segment(Document(id="p", source="p", text=raw))
    assert _reading(doc) == _reading(segment(Document(id="p", source="p", text=as_newlines)))
    for sentence in doc.sentences:
        assert all(raw[o] == c for c, o in zip(sentence.text, sentence.offsets, strict=True))
