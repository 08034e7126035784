"""The linear-time rewrites of byline, quote and stray-headline handling keep their results.

Each rewritten function is checked against its definition, written here the slow, obvious way
(pipelines/complexity.py measures the time; nothing here is timed).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import segment
from kg.ingest.articles import _MOVE_MIN, _Bodies, _Body, _Draft
from kg.ingest.bylines import CLOSERS, ROLES, SENTENCE_END, parse_byline, trailing_byline
from kg.ingest.ocr import Block
from kg.ingest.sentences import _MAX_PAIR, PAIRS, _protected
from kg.model import Document

EXAMPLES = settings(max_examples=300, deadline=None)
_SPACES = " \t\u3000\xa0"
_ROLE_START = re.compile(rf"□?[{_SPACES}]*(?:{'|'.join(ROLES)})")


def _trailing_by_definition(text: str):
    """The first role after sentence-final punctuation from which the rest of the line parses as a byline."""
    for match in _ROLE_START.finditer(text):
        before = text[: match.start()].rstrip(_SPACES)
        if before and before[-1] in SENTENCE_END + CLOSERS:
            found = parse_byline(text[match.start() :], match.start())
            if found:
                return len(before), found
    return None


_BYLINE_PIECES = st.sampled_from(
    [
        "记者",
        "融媒首席记者",
        "通讯员",
        "摄",
        "□",
        " ",
        "  ",
        "\u3000",
        "\t",
        "。",
        "”",
        "，",
        "王立新",
        "李明",
        "会议结束",
    ]
)


@EXAMPLES
@given(st.lists(_BYLINE_PIECES, max_size=14).map("".join), st.integers(0, 50))
def test_trailing_byline_is_the_first_role_after_a_sentence_end_that_parses(text, offset):
    expected = _trailing_by_definition(text)
    found = trailing_byline(text, offset)
    if expected is None:
        assert found is None
    else:
        cut, bylines = expected
        assert found == (cut, [_shifted(b, offset) for b in bylines])


def _shifted(byline, offset):
    byline.start, byline.end = byline.start + offset, byline.end + offset
    return byline


def test_byline_spans_roles_names_and_photo_credit():
    (credit,) = parse_byline("融媒记者 王立新  摄 ", 10)
    assert (credit.role, credit.names, credit.kind, credit.start, credit.end) == (
        "融媒记者",
        ["王立新"],
        "photo_credit",
        10,
        21,
    )
    first, second = parse_byline("□融媒首席记者 王立新 李明\u3000通讯员 张华", 5)
    assert (first.start, first.end, first.names) == (5, 19, ["王立新", "李明"])
    assert (second.role, second.start, second.end, second.names) == ("通讯员", 20, 26, ["张华"])
    assert parse_byline("融媒记者开展暗访") is None  # no space after the role and no box: a headline
    assert parse_byline("记者 摄") is None


def test_trailing_byline_after_a_long_space_run_and_after_many_roles():
    spaces = " " * 5000
    cut, (byline,) = trailing_byline(f"会议结束。记者{spaces}王立新", 100)
    assert (cut, byline.names, byline.start) == (5, ["王立新"], 105)
    assert trailing_byline("。记者" * 3000) is None
    cut, (byline,) = trailing_byline("。记者" * 3000 + "。□ 通讯员 李明 摄")
    assert (cut, byline.kind, byline.names) == (9001, "photo_credit", ["李明"])


def _protected_by_definition(text: str) -> bytearray:
    """A closer pairs with the innermost open mark of its kind at most _MAX_PAIR before it; marks opened
    after that one are dropped."""
    inside = bytearray(len(text))
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in PAIRS:
            stack.append(i)
            continue
        for level in range(len(stack) - 1, -1, -1):
            if PAIRS[text[stack[level]]] == ch and i - stack[level] <= _MAX_PAIR:
                inside[stack[level] + 1 : i] = b"\x01" * (i - stack[level] - 1)
                del stack[level:]
                break
    return inside


_MARKED_TEXT = st.lists(st.sampled_from([*PAIRS, *PAIRS.values(), "字", "。", "字" * 120]), max_size=30).map("".join)


@EXAMPLES
@given(_MARKED_TEXT)
def test_quote_and_bracket_protection_is_its_definition(text):
    assert _protected(text) == _protected_by_definition(text)


def test_many_unmatched_openers_of_one_kind_do_not_hide_a_pair_of_another():
    text = "“" * 3000 + "《书名》" + "》" * 3000
    inside = _protected(text)
    assert inside[3001:3003] == b"\x01\x01" and not any(inside[:3001]) and not any(inside[3003:])


def _draft(body: str) -> _Draft:
    return _Draft(paras=[Block("para", [], text=body)])


def _best_by_definition(grams: set[str], drafts: list[_Draft]) -> int | None:
    shares = [_Body("".join(p.text for p in d.paras)).share(grams) for d in drafts]
    best = max(range(len(drafts)), key=shares.__getitem__)
    return best if shares[best] >= _MOVE_MIN else None


_WORDS = st.sampled_from(
    ["东城", "街道", "检查", "防疫", "工作", "会议", "社区", "医院", "复工", "核酸", "疫苗", "道路"]
)


@EXAMPLES
@given(
    st.lists(st.lists(_WORDS, max_size=8).map("".join), min_size=2, max_size=8),
    st.lists(_WORDS, min_size=2),
    st.sampled_from([0, _Bodies.SCORE_ALL]),
)
def test_best_article_for_a_headline_is_the_first_with_the_largest_share(bodies, head_words, score_all):
    """Scoring every article, or only those the bigram index says may match (score_all=0), gives the same."""
    drafts = [_draft(body) for body in bodies]
    head = "".join(head_words)
    grams = {head[i : i + 2] for i in range(len(head) - 1)}
    page = _Bodies(drafts)
    page.SCORE_ALL = score_all
    assert page.best(grams) == _best_by_definition(grams, drafts)


def test_many_stray_headlines_each_find_their_article():
    towns = ["东城", "西湖", "南山", "北桥", "中溪", "青田", "红岩", "白沙"]
    topics = ["核酸检测", "疫苗接种", "道路建设", "安全生产", "物资保障", "企业复工", "垃圾分类", "冬季供暖"]
    heads = [f"  {town}镇抓好{topic}" for town, topic in zip(towns, topics, strict=True)]
    bodies = [f"本报讯 {town}镇今天部署{topic}，干部群众积极参与。" for town, topic in zip(towns, topics, strict=True)]
    doc = segment(Document(id="p", source="p", text="\n".join(heads + bodies) + "\n"))
    assert [a.headlines for a in doc.articles] == [[head.strip()] for head in heads]


def test_a_headline_shared_by_too_many_articles_of_a_big_page_stays_where_it_was():
    drafts = [_draft(f"第{i}篇") for i in range(_Bodies.SCORE_ALL)] + [_draft("核酸检测工作")] * 2
    assert _Bodies(drafts).best({"核酸", "酸检", "检测"}) == _Bodies.SCORE_ALL
    drafts += [_draft("核酸检测工作")] * (_Bodies.MAX_CANDIDATES - 1)
    assert _Bodies(drafts).best({"核酸", "酸检", "检测"}) is None
