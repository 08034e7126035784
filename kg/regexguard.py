"""First-character guards: let the regex engine skip, at C speed, every position no match can start at.

Python's `re` tries a pattern at each position of the text. For a pattern whose matches can only start
with a few characters (召开…, 检查|督查…), prefixing a look-ahead on those characters makes it reject all
other positions before entering the pattern: the event-trigger screen (an alternation of every
trigger) runs 3x faster with one. The set is read from the parsed pattern, so user rules get it too;
when it cannot be known exactly (a pattern that may start with any character or match the empty
string), the pattern is left as it is. This module is the only one that reads `re`'s private parser;
on a Python where that is missing or different, every pattern is simply left unguarded.
"""

from __future__ import annotations

import re
from typing import Any

try:  # re's private parser (Python 3.11+): the only place kg touches it. Without it, nothing is guarded.
    from re import _constants as C
    from re import _parser
except ImportError:  # pragma: no cover - a Python whose re is laid out differently
    C = _parser = None

_MAX_CLASS = 512  # a wider character range at the start makes a guard pointless


def _first_of_sequence(items: list) -> tuple[set[str], bool] | None:
    """(characters a match of the sequence can start with, whether it can match empty), or None."""
    chars: set[str] = set()
    for item in items:
        found = _first_of_item(*item)
        if found is None:
            return None
        first, nullable = found
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _first_of_item(op: object, value: Any) -> tuple[set[str], bool] | None:
    if op is C.LITERAL:
        return {chr(value)}, False
    if op is C.IN:
        chars: set[str] = set()
        for kind, arg in value:
            if kind is C.LITERAL:
                chars.add(chr(arg))
            elif kind is C.RANGE and arg[1] - arg[0] < _MAX_CLASS:
                chars.update(map(chr, range(arg[0], arg[1] + 1)))
            else:  # NEGATE, CATEGORY (\d, \w), wide ranges
                return None
        return chars, False
    if op is C.BRANCH:
        chars, nullable = set(), False
        for alternative in value[1]:
            found = _first_of_sequence(list(alternative))
            if found is None:
                return None
            chars |= found[0]
            nullable = nullable or found[1]
        return chars, nullable
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, sub = value
        return None if add_flags or del_flags else _first_of_sequence(list(sub))
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):  # zero-width: the match starts with what follows
        return set(), True
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _, sub = value
        found = _first_of_sequence(list(sub))
        return None if found is None else (found[0], found[1] or low == 0)
    return None  # ANY, NOT_LITERAL, GROUPREF, ATOMIC_GROUP, ...


def _re_skips_positions_itself(items: list) -> bool:
    """Whether re's compiler already gives `items` a literal or character-set prefix, or an anchor at the
    start: it then searches at C speed, and a guard would only slow it down (re/_compiler.py)."""
    while items and items[0][0] is C.SUBPATTERN and not (items[0][1][1] or items[0][1][2]):
        items = list(items[0][1][3])
    if not items:
        return False
    op, value = items[0]
    if op in (C.LITERAL, C.IN, C.AT):
        return True
    return op is C.BRANCH and all(alternative and alternative[0][0] is C.LITERAL for alternative in value[1])


def _parsed(pattern: re.Pattern[str]) -> list | None:
    """The parsed items of `pattern`, or None when case folding makes its first characters unknowable."""
    if _parser is None or pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        return list(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # a private API that changed shape: fall back to no guard, never a wrong one
        return None


def _first_chars(items: list) -> frozenset[str] | None:
    found = _first_of_sequence(items)
    if found is None or found[1] or not found[0]:
        return None
    return frozenset(found[0])


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every match of `pattern` starts with, or None when that is not known."""
    items = _parsed(pattern)
    return None if items is None else _first_chars(items)


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a look-ahead on its first characters, or `pattern` itself when they are unknown.

    The guard adds no group, so group numbers and spans are unchanged. It is only added where re finds
    no prefix of its own to search for: a pattern starting with a look-behind, or an alternation of
    groups (the trigger screen).
    """
    items = _parsed(pattern)
    chars = None if items is None or _re_skips_positions_itself(items) else _first_chars(items)
    if chars is None:
        return pattern
    try:
        return re.compile(f"(?=[{re.escape(''.join(sorted(chars)))}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # an inline global flag ("(?s)") is only valid at the start of its own pattern
        return pattern
