"""Property test of the whole per-document path: segment -> tag -> annotate -> events never raises and every
offset it produces points into the raw text, whatever a page holds.

Texts are built from the pieces that broke builds before: titles (from kg/tag/titles.yaml) and name lists
ending the text, relative dates against documents dated 0001-01-01 or 9999-12-31, quotes and brackets left
open, no closing punctuation, \\r-only and U+2028 line ends, emoji, zero-width and combining marks. Tagged by
the real embedded tagger (loaded once) and by a fake tagger whose spans are random but valid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.events import extract_events, load_rules
from kg.ingest import segment
from kg.model import ENTITY_TYPES, Document, Mention
from kg.tag import get_tagger
from kg.tag.annotate import annotate_document
from kg.tag.reporters import byline_key
from kg.textnorm import fold

TITLES_FILE = Path(__file__).resolve().parents[1] / "kg" / "tag" / "titles.yaml"
RULES = load_rules()
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _roles() -> list[str]:
    roles = yaml.safe_load(TITLES_FILE.read_text(encoding="utf-8"))["roles"]
    return [r if isinstance(r, str) else r["role"] for r in roles]


ROLES = _roles()
ORG_PREFIXES = ["", "", "市", "市委", "县政府", "东城街道", "国务院", "区卫健局", "中国共产党第二十届中央委员会"]
SURNAMES = [*"王李张刘陈杨赵周吴谢许", "欧阳", "司马"]
GIVEN = "立新春华敏强纯四明海波芳伟可文"
DATES = [
    "12月9日", "12月9日上午", "2021年12月9日", "十二月九日", "１２月９日", "12 月 9 日", "2021-12-09", "截至12日",
    "次日", "第二天", "翌日", "当晚", "当天", "昨天", "昨晚", "前天", "明天", "今天", "今年", "去年", "明年",
    "近日", "日前", "连日来", "18时30分", "晚8时", "20：30", "2月29日", "2月30日", "12月31日", "1月1日",
]  # fmt: skip
WORDS = [
    "检查", "来到", "主持召开会议", "调研", "出席", "陪同", "在", "一行", "同志", "说", "强调", "指出", "会见",
    "看望", "前往", "参加", "先后", "他", "她", "东城街道", "人民医院", "金桥社区", "永康市", "北京", "市委",
    "疫情防控工作", "会议", "本报讯", "记者", "通讯员", "□", "（上接1版）", "名单", "等",
]  # fmt: skip
PUNCTUATION = ["。", "，", "、", "！", "？", "；", "：", "……", " ", "　", "\t"]
LINE_ENDS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\n\n", "\r\r", "\x0c", "\x85"]
# emoji (a ZWJ sequence too), zero-width and invisible marks, combining accents, private use, NUL, a lone surrogate
ODD = ["😀", "👨\u200d👩\u200d👧", "\u200b", "\u200d", "\ufeff", "\u0301", "e\u0301", "\ue000", "\x00", "\ud800"]
BRACKETS = [("“", "”"), ("《", "》"), ("（", "）"), ("【", "】"), ("「", "」"), ("“", ""), ("", "》"), ("(", ")")]
DOC_DATES = [None, "0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "2021-12-10", "2024-02-29"]

names = st.builds(str.__add__, st.sampled_from(SURNAMES), st.text(alphabet=GIVEN, min_size=1, max_size=2))
name_lists = st.lists(names, min_size=1, max_size=4).map("、".join)
titles = st.builds(str.__add__, st.sampled_from(ORG_PREFIXES), st.sampled_from(ROLES))
titled_names = st.builds(
    lambda stacked, people: "、".join(stacked) + people, st.lists(titles, min_size=1, max_size=3), name_lists
)
atoms = st.one_of(
    titled_names,
    titled_names,
    name_lists,
    titles,
    st.sampled_from(DATES),
    st.sampled_from(WORDS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(LINE_ENDS),
    st.sampled_from(ODD),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), max_size=6),
)
bracketed = st.builds(
    lambda marks, inside: marks[0] + "".join(inside) + marks[1],
    st.sampled_from(BRACKETS),
    st.lists(atoms, max_size=5),
)
texts = st.lists(st.one_of(atoms, bracketed), max_size=40).map("".join)
doc_dates = st.one_of(st.sampled_from(DOC_DATES), st.dates().map(dt.date.isoformat))


@cache
def _embedded():
    return get_tagger("embedded")


class RandomTagger:
    """A tagger whose spans are drawn by hypothesis: any valid, non-overlapping spans of any type."""

    name = "random"

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def _spans(self, text: str) -> list[Mention]:
        found, pos = [], 0
        while pos < len(text) and self.data.draw(st.booleans(), label="another span"):
            start = self.data.draw(st.integers(pos, len(text) - 1), label="start")
            end = self.data.draw(st.integers(start + 1, min(len(text), start + 12)), label="end")
            kind = self.data.draw(st.sampled_from(ENTITY_TYPES), label="type")
            found.append(Mention(start, end, kind, text[start:end], source=self.name, score=0.5))
            pos = end
        return found

    def tag(self, texts: Sequence[str]) -> list[list[Mention]]:
        return [self._spans(text) for text in texts]


def _check_document(text: str, date: str | None, tagger) -> None:
    """Run the chain of kg.process.process_documents on one page; assert every offset is valid."""
    doc = segment(Document(id="page", source="page.txt", text=text, date=date))
    sentences = doc.sentences
    tagged = tagger.tag([fold(s.text) for s in sentences]) if sentences else []
    mentions = annotate_document(doc, {s.id: found for s, found in zip(sentences, tagged, strict=True)})
    events = extract_events(doc, mentions, RULES)

    for sentence in sentences:
        assert len(sentence.offsets) == len(sentence.text)
        assert all(doc.text[raw] == ch for raw, ch in zip(sentence.offsets, sentence.text, strict=True))
        start, end = sentence.raw_span(0, len(sentence.text))
        assert 0 <= start <= end <= len(text)
        for mention in mentions.get(sentence.id, []):
            assert 0 <= mention.start < mention.end <= len(sentence.text), mention
            assert sentence.text[mention.start : mention.end] == mention.text, mention
            raw_start, raw_end = sentence.raw_span(mention.start, mention.end)
            assert 0 <= raw_start < raw_end <= len(text)
            assert (text[raw_start], text[raw_end - 1]) == (mention.text[0], mention.text[-1])
    bylines = {byline_key(doc.id, article.index): article for article in doc.articles}
    assert set(mentions) <= {s.id for s in sentences} | set(bylines)
    for key, article in bylines.items():  # reporters: raw offsets inside their article's bylines
        for mention in mentions.get(key, []):
            assert any(b.start <= mention.start < mention.end <= b.end for b in article.bylines), mention
            assert text[mention.start : mention.end] == mention.text, mention
    for event in events:
        assert event.doc == doc.id
        for evidence in event.evidence:
            assert 0 <= evidence.start <= evidence.end <= len(text), evidence
        if event.date is not None:
            dt.date.fromisoformat(event.date)


@SETTINGS
@given(text=texts, date=doc_dates)
@example(text="局长谢纯", date="9999-12-31")  # the pages that stopped real builds, and their kind
@example(text="国务院总理李强\r次日", date="9999-12-31")
@example(text="陪同检查的有副市长李四\u2028昨天", date="0001-01-01")
@example(text="中国共产党第二十届中央委员会委员名单", date=None)
def test_any_page_goes_through_the_embedded_tagger_with_valid_offsets(text: str, date: str | None) -> None:
    _check_document(text, date, _embedded())


@SETTINGS
@given(text=texts, date=doc_dates, data=st.data())
def test_any_page_goes_through_a_tagger_of_random_spans_with_valid_offsets(
    text: str, date: str | None, data: st.DataObject
) -> None:
    _check_document(text, date, RandomTagger(data))


@SETTINGS
@given(people=titled_names, date=doc_dates, relative=st.sampled_from(DATES), end=st.sampled_from(["", "。", "\r"]))
def test_titles_and_relative_dates_at_the_end_of_a_page(people: str, date: str | None, relative: str, end: str) -> None:
    """The two crash classes of the archives, in the place they struck: a title or list ending the text."""
    _check_document(f"{relative}{people}{end}", date, _embedded())
