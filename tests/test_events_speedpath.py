"""The literal screens of the event rules: a rule or place pattern skipped on a sentence could not have matched
there, so the fast path finds exactly the events the plain path (every rule on every sentence) finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.events import extract_events, load_rules
from kg.events.check import example_document
from kg.events.rules import EventType, RuleSet
from kg.regexguard import LiteralScreen, required_literals

RULES = load_rules()

# Pieces of patterns and of text that exercise what the screen reads: literal runs, alternations, classes,
# optional and repeated groups, look-arounds, anchors.
PATTERN_PIECES = [
    "会",
    "见",
    "(?:会谈|会晤)",
    "[^，]{0,3}?",
    "(?<!副)",
    "(?:了)?",
    "[甲乙]",
    "(?:召开|举行)+",
    "(?=会)",
    "(?:甲|乙[^，]?谈)",
    "(?:^|，)",
    "(?![见谈])",
    "谈$",
]
TEXT_PIECES = ["会", "见", "谈", "晤", "了", "甲", "乙", "召开", "举行", "副", "，", "会谈", "会见", "谈"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("会见|接见", {"会见", "接见"}),
        ("(?:同|与)[^。]{1,40}?(?:会谈|会晤)", {"会谈", "会晤"}),  # the longer literals, not 同/与
        ("(?:共同|一起)?主持(?:召开)?[^，]{0,30}?会议", {"主持"}),  # as rare as 会议 and first
        ("(?<![重主])要(?![求点])", {"要"}),  # look-arounds are zero-width
        ("(?:召开)+会", {"召开"}),  # the longer of 召开 and 会
    ],
)
def test_required_literals_are_read_from_the_pattern(pattern, expected):
    assert required_literals(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", ["[^，]+", "(?i)abc", "x*", "(?:a|[^b])", r"\d+"])
def test_no_literals_when_a_match_need_not_contain_one(pattern):
    assert required_literals(re.compile(pattern)) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=5), st.lists(st.sampled_from(TEXT_PIECES)))
def test_every_match_contains_a_required_literal(pieces, words):
    pattern, text = re.compile("".join(pieces)), "".join(words)
    literals = required_literals(pattern)
    for match in pattern.finditer(text):
        assert literals is None or any(literal in match.group() for literal in literals)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=4), min_size=1, max_size=4))
def test_a_screen_skips_only_groups_that_cannot_match(groups):
    patterns = [[re.compile("".join(pieces))] for pieces in groups]
    screen = LiteralScreen(patterns)
    for words in (TEXT_PIECES, TEXT_PIECES[::-1], ["召开", "会", "谈"], ["甲", "会晤", "了"], ["举行", "，", "会见"]):
        text = "".join(words)
        possible = screen.possible(text)
        assert possible == sorted(possible)
        assert [i for i, (p,) in enumerate(patterns) if p.search(text)] == [
            i for i in possible if patterns[i][0].search(text)
        ]


def test_overlapping_and_nested_literals_are_all_seen():
    """Overlapping literals ("会见", "见面") and one that is a prefix of another ("会", "会见") are all seen."""
    groups = [[re.compile("会见")], [re.compile("见面")], [re.compile("会[^，]")], [re.compile("面谈")]]
    assert LiteralScreen(groups).possible("他会见面") == [0, 1, 2]


SENTENCE_WORDS = ["县委书记王立新", "会见", "会谈", "同", "与", "举行", "主持", "召开", "会议", "出席", "在", "调研"]
SENTENCE_WORDS += ["看望", "慰问", "解除", "封控", "仪式", "揭牌", "，", "并", "来到", "青溪镇", "座谈", "确诊"]
SENTENCE_WORDS += ["病例", "视频", "连线", "将", "了"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_WORDS), max_size=14))
def test_the_shipped_rules_and_place_patterns_skipped_on_a_sentence_do_not_match_it(words):
    text = "".join(words)
    tried = RULES.candidates(text)
    assert [r for r in RULES.rules if any(p.search(text) for p in r.triggers)] == [
        r for r in tried if any(p.search(text) for p in r.triggers)
    ]
    for etype in RULES.types.values():
        tried_places = etype.places_in(text)
        assert [p for p in etype.places if p.pattern.search(text)] == [
            p for p in tried_places if p.pattern.search(text)
        ]


def test_the_fast_path_finds_the_events_of_the_plain_path_on_every_rule_example(monkeypatch):
    documents = [example_document(example) for example in RULES.examples]
    fast = [extract_events(doc, mentions, RULES) for doc, mentions in documents]
    monkeypatch.setattr(RuleSet, "candidates", lambda self, text: list(self.rules))
    monkeypatch.setattr(EventType, "places_in", lambda self, text: list(self.places))
    plain = [extract_events(doc, mentions, RULES) for doc, mentions in documents]
    assert fast == plain
    assert sum(map(len, fast)) > len(documents) // 2
