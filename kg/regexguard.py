"""First-character guards and literal screens: let the regex engine skip, at C speed, text no match can be in.

Python's `re` tries a pattern at each position of the text. For a pattern whose matches can only start
with a few characters (召开…, 检查|督查…), prefixing a look-ahead on those characters makes it reject all
other positions before entering the pattern (3x faster on an alternation of groups). The set is read
from the parsed pattern, so user rules get it too; when it cannot be known exactly (a pattern that may
start with any character or match the empty string), the pattern is left as it is. This module is the
only one that reads `re`'s private parser; on a Python where that is missing or different, every
pattern is simply left unguarded (and every literal screen lets everything through).

A LiteralScreen answers, for many groups of patterns at once, which groups can match a text: every
match of a trigger such as `%WITH%…(?:会谈|会晤)` contains one of a few literals (会谈, 会晤), read from the
parsed pattern; one scan of the text for all of them says which groups are worth running.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

try:  # re's private parser (Python 3.11+): the only place kg touches it. Without it, nothing is guarded.
    from re import _constants as C
    from re import _parser
except ImportError:  # pragma: no cover - a Python whose re is laid out differently
    C = _parser = None

_MAX_CLASS = 512  # a wider character range at the start makes a guard pointless
_MAX_LITERALS = 64  # more alternative strings than this and a part of a pattern is not worth listing


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
    groups.
    """
    items = _parsed(pattern)
    chars = None if items is None or _re_skips_positions_itself(items) else _first_chars(items)
    if chars is None:
        return pattern
    try:
        return re.compile(f"(?=[{re.escape(''.join(sorted(chars)))}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # an inline global flag ("(?s)") is only valid at the start of its own pattern
        return pattern


def _strings_of_sequence(items: list) -> set[str] | None:
    """Every string the sequence can match, when they are few (look-arounds and anchors match ""), or None."""
    strings = {""}
    for item in items:
        own = _strings_of_item(*item)
        if own is None:
            return None
        strings = {a + b for a in strings for b in own}
        if len(strings) > _MAX_LITERALS:
            return None
    return strings


def _strings_of_item(op: object, value: Any) -> set[str] | None:
    if op is C.LITERAL:
        return {chr(value)}
    if op is C.IN:
        if not all(kind is C.LITERAL for kind, _ in value) or len(value) > _MAX_LITERALS:
            return None
        return {chr(arg) for _, arg in value}
    if op is C.BRANCH:
        return _union([_strings_of_sequence(list(alternative)) for alternative in value[1]])
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, sub = value
        return None if add_flags or del_flags else _strings_of_sequence(list(sub))
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return {""}
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and value[0] == value[1] == 1:
        return _strings_of_sequence(list(value[2]))
    return None


def _union(parts: list[set[str] | None]) -> set[str] | None:
    if any(part is None for part in parts):
        return None
    joined: set[str] = set().union(*parts)  # type: ignore[arg-type]
    return joined if len(joined) <= _MAX_LITERALS else None


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The rarer of two literal sets any one of which a match must contain: longer shortest string, then fewer."""
    usable = [s for s in (a, b) if s and "" not in s]
    return max(usable, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def _required_of_sequence(items: list) -> set[str] | None:
    """Strings one of which every match of the sequence contains: the best of its runs of items with few
    strings ("会" "见" -> 会见) and of what its other items require."""
    best: set[str] | None = None
    run: set[str] = {""}
    for item in items:
        own = _strings_of_item(*item)
        joined = None if own is None else {a + b for a in run for b in own}
        if joined is not None and len(joined) <= _MAX_LITERALS:
            run = joined
            continue
        best = _better(best, run)
        run = {""} if own is None else own
        if own is None:
            best = _better(best, _required_of_item(*item))
    return _better(best, run)


def _required_of_item(op: object, value: Any) -> set[str] | None:
    if op is C.BRANCH:
        return _union([_required_of_sequence(list(alternative)) for alternative in value[1]])
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, sub = value
        return None if add_flags or del_flags else _required_of_sequence(list(sub))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and value[0] >= 1:
        return _required_of_sequence(list(value[2]))
    return None


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Non-empty strings one of which every match of `pattern` contains, or None when none are known."""
    items = _parsed(pattern)
    found = None if items is None else _required_of_sequence(items)
    return frozenset(found) if found else None


class LiteralScreen:
    """Which groups of patterns may match a text, by one scan for the literals their matches contain.

    Group i may match when the text holds a required literal of one of its patterns; a group with a
    pattern whose literals are unknown may always match. The scan is a look-ahead at every position, so
    overlapping literals are all seen; of literals starting at one position the longest is reported, and
    each literal stands for itself and for the literals that are prefixes of it.
    """

    def __init__(self, groups: Sequence[Sequence[re.Pattern[str]]]) -> None:
        owners: dict[str, set[int]] = {}
        always: set[int] = set()
        for index, patterns in enumerate(groups):
            literal_sets = [required_literals(p) for p in patterns]
            if any(found is None for found in literal_sets):
                always.add(index)
                continue
            for literal in set().union(*literal_sets):
                owners.setdefault(literal, set()).add(index)
        self._always = frozenset(always)
        self._groups = {
            literal: frozenset().union(*(owners.get(literal[:n], ()) for n in range(1, len(literal) + 1)))
            for literal in owners
        }
        self._scan = _literal_scan(list(owners))

    def possible(self, text: str) -> list[int]:
        """Indexes, in order, of the groups that may match somewhere in `text`."""
        literals = self._scan.findall(text) if self._scan is not None else ()
        if not literals:  # most sentences
            return sorted(self._always)
        found = set(self._always)
        for literal in set(literals):
            found |= self._groups[literal]
        return sorted(found)


def _literal_scan(literals: list[str]) -> re.Pattern[str] | None:
    """A pattern whose findall lists, at each position where some literal starts, the longest one: a
    look-ahead on a trie of the literals (one branch per next character, not one per literal), behind a
    guard on their first characters."""
    if not literals:
        return None
    first = "".join(sorted({literal[:1] for literal in literals}))
    return re.compile(f"(?=[{re.escape(first)}])(?=({longest_literal_pattern(literals)}))")


def longest_literal_pattern(literals: Iterable[str]) -> str:
    """A regex matching, at a position, the longest of `literals` that starts there: a trie of them (one branch
    per next character, not one per literal)."""
    trie: dict[str, dict] = {}
    for literal in literals:
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    """Longest first: a literal that ends here is an optional tail ("会(?:见)?")."""
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body
