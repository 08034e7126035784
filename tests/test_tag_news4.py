"""Tagging rules found counting error classes over national news (xwlb_dev; all sentences here are invented)."""

from __future__ import annotations

from test_senses import PER
from test_tag_news3 import _spans

from kg.model import Mention
from kg.tag.annotate import annotate_sentence


def _title(text: str, name: str) -> str | None:
    model = [Mention(text.index(name), text.index(name) + len(name), PER, name, source="model")]
    return next(m.title for m in annotate_sentence(text, model) if m.text == name)


def test_a_count_or_quantifier_of_countries_or_parties_is_no_person() -> None:
    assert _spans("多国人士表示，清河论坛成果丰硕。", ("多国", PER)) == []
    assert _spans("两国元首同意加强合作。", ("两国", PER)) == []
    assert _spans("各方表示支持清河倡议。", ("各方", PER)) == []
    # a name holding 国 is still a name
    assert _spans("万国强表示支持。", ("万国强", PER)) == [("万国强", PER)]


def test_an_ordinal_in_digits_before_an_office_belongs_to_the_title_whole() -> None:
    assert _title("第78届清河大会主席李湖表示。", "李湖") == "第78届清河大会主席"
    assert _title("第七十八届清河大会主席李湖表示。", "李湖") == "第七十八届清河大会主席"
    # a year is no ordinal: the title starts after it
    assert _title("2023年清河论坛主席李湖表示。", "李湖") == "清河论坛主席"
