"""First-character guards: the set read from a pattern is right, and a guarded pattern finds exactly what
the plain one finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg
from kg.events.rules import load_rules
from kg.regexguard import first_chars, guarded


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("召开|主持", "召主"),
        ("(?:出席|参加|列席)[^，]{0,30}?会议", "出参列"),
        ("(?:今年)?[1-9]月", "今123456789"),  # an optional start adds what follows it
        ("(?<!\\d)(?:近日|日前)", "近日"),  # look-behinds are zero-width
        ("(?:召开)+会", "召"),
    ],
)
def test_first_chars_are_read_from_the_pattern(pattern, expected):
    assert first_chars(re.compile(pattern)) == frozenset(expected)


_UNGUARDABLE = ["a*", "(?:召开)?", ".会", "\\d月", "[^，]会", "(?i)ab", "\\w+", "[\u4e00-\u9fff]市"]


@pytest.mark.parametrize("pattern", _UNGUARDABLE)
def test_no_guard_when_a_match_may_start_anywhere_or_be_empty(pattern):
    compiled = re.compile(pattern)
    assert first_chars(compiled) is None
    assert guarded(compiled) is compiled


_PATTERNS = [
    *(p.pattern for rule in load_rules().rules for p in rule.triggers),
    "(?:今年)?[1-9]月(?P<day>[1-9])日",
    "(?<![在])(?:市委|市政府)",
    "^(?:召开|开)会",
]
_TEXT = st.text(alphabet="召开会议主持出席参加检查看望解封市委政府在今年月日19，。 ", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_PATTERNS), _TEXT)
def test_a_guarded_pattern_finds_the_same_spans_and_groups(pattern, text):
    plain = re.compile(pattern)
    fast = guarded(plain)
    assert fast.groupindex == plain.groupindex
    assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
        (m.span(), m.groups()) for m in plain.finditer(text)
    ]


@pytest.mark.parametrize("pattern", ["召开[^，]{0,30}会议", "检查|督查|视察", "^在[^，]{0,20}出席", "(?:站|站点|点)$"])
def test_no_guard_where_re_already_searches_for_a_prefix(pattern):
    """re searches for a leading literal, character set or alternation of literals at C speed (and tries
    an anchored pattern once): a guard there would only slow it down."""
    compiled = re.compile(pattern)
    assert first_chars(compiled) is not None
    assert guarded(compiled) is compiled


@pytest.mark.parametrize("pattern", ["(?<![其吉])[他她](?![们人])", "(?:(?:表示|致以)了)|(?:(?:传达|学习)了)"])
def test_a_guard_where_re_has_no_prefix_to_search_for(pattern):
    assert guarded(re.compile(pattern)).pattern.startswith("(?=[")


def test_without_res_private_parser_patterns_are_left_unguarded(monkeypatch):
    """The fallback for a Python whose `re` has no `_parser` (or a different one): correct, only slower."""
    import kg.regexguard

    pattern = re.compile(r"(?<!副)(?:召开|主持)会议")
    assert guarded(pattern) is not pattern  # this Python: guarded
    monkeypatch.setattr(kg.regexguard, "_parser", None)
    assert guarded(pattern) is pattern and first_chars(pattern) is None

    class Changed:
        @staticmethod
        def parse(*args):
            raise TypeError("a different signature")

    monkeypatch.setattr(kg.regexguard, "_parser", Changed)
    assert guarded(pattern) is pattern


def test_no_module_but_regexguard_imports_res_private_modules():
    import pathlib

    package = pathlib.Path(kg.__file__).parent
    readers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"\bre\._|from re import _|sre_parse|sre_compile", path.read_text(encoding="utf-8"))
    )
    assert readers == ["regexguard.py"]
