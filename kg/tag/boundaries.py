"""Repairs of PERSON boundaries that character taggers get wrong on newspaper text.

Why: names are printed in lists that run straight into a verb (…甲、乙在分会场出席会议), right after
stacked titles (市委书记甲), or followed by 一行/同志; a tagger trained on general text swallows the
neighbouring characters (乙在, 书记甲) and misses names in long lists. These rules are general:
they use separators, role words (kg.tag.titles) and a closed list of verbs, never specific names.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kg.model import Mention
from kg.tag.titles import SEPARATOR, Title, role_ending_at

LIST_SOURCE = "list"
# Words that follow a name and never belong to one: a PERSON span is cut where they start.
STRONG_FOLLOWERS = ("一行", "同志", "参加", "出席", "主持", "来到", "表示", "指出", "强调", "陪同", "前往", "在", "等")
# Characters that follow names but also occur in them (王春来, 李建和): cut only a span too long for a name.
WEAK_FOLLOWERS = ("说", "到", "赴", "来", "和", "与", "向", "对", "将", "是", "也", "就", "从", "率", "带")
NAME_FOLLOWERS = STRONG_FOLLOWERS + WEAK_FOLLOWERS
_NOT_IN_NAMES = frozenset("的了在是和与及等")
_NAME_LENGTHS = (2, 3)  # list items: Chinese personal names
_MIN_NAME = 2


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _looks_like_name(s: str) -> bool:
    return (
        len(s) in _NAME_LENGTHS
        and all(_is_cjk(c) and c not in _NOT_IN_NAMES for c in s)
        and role_ending_at(s, len(s)) is None
    )


def _name_ends_at(text: str, pos: int) -> bool:
    """True when a name may end at `pos`: end of text, punctuation, or a word that follows names."""
    return pos == len(text) or not _is_cjk(text[pos]) or text.startswith(NAME_FOLLOWERS, pos)


def _with_span(mention: Mention, text: str, start: int, end: int) -> Mention:
    return dataclasses.replace(mention, start=start, end=end, text=text[start:end], attrs=dict(mention.attrs))


def _name_end(text: str, start: int, end: int) -> int:
    """Where the name in text[start:end] ends: before a follower word the tagger swallowed."""
    for length in _NAME_LENGTHS:  # 谢纯在 -> 谢纯, 沈晓红一行 -> 沈晓红
        if start + length < end and text.startswith(STRONG_FOLLOWERS, start + length):
            return start + length
    if end - start > max(_NAME_LENGTHS):  # 王立新说 -> 王立新, 沈晓红来永 -> 沈晓红
        for length in sorted(_NAME_LENGTHS, reverse=True):
            if text.startswith(WEAK_FOLLOWERS, start + length):
                return start + length
    return end


def _trim_person(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of text[start:end] without a swallowed title in front and verbs/一行 behind; None when
    no name is left."""
    for cut in range(end - _MIN_NAME, start, -1):  # the last role word inside the span ends the title
        if role_ending_at(text[start:cut], cut - start) is not None:
            start = cut
            break
    end = _name_end(text, start, end)
    return (start, end) if end - start >= _MIN_NAME else None


def fix_person_boundaries(text: str, mentions: list[Mention]) -> list[Mention]:
    """Split PERSON mentions at 、, strip swallowed titles and trailing verbs; other types pass through."""
    fixed: list[Mention] = []
    for mention in mentions:
        if mention.type != "PERSON":
            fixed.append(mention)
            continue
        piece_start = mention.start
        for pos in range(mention.start, mention.end + 1):
            if pos == mention.end or text[pos] == SEPARATOR:
                trimmed = _trim_person(text, piece_start, pos) if pos > piece_start else None
                if trimmed == (mention.start, mention.end):
                    fixed.append(mention)
                elif trimmed is not None:
                    fixed.append(_with_span(mention, text, *trimmed))
                piece_start = pos + 1
    return fixed


def _list_items(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the 、-separated names starting at `start` (empty unless there are at least two)."""
    items: list[tuple[int, int]] = []
    pos = start
    while True:
        sep = text.find(SEPARATOR, pos)
        if sep != -1 and _looks_like_name(text[pos:sep]):
            items.append((pos, sep))
            pos = sep + 1
            continue
        # the last item runs into the rest of the sentence, or ends the text
        for end in (pos + length for length in sorted(_NAME_LENGTHS, reverse=True)):
            if end <= len(text) and _looks_like_name(text[pos:end]) and _name_ends_at(text, end):
                items.append((pos, end))
                break
        return items if len(items) >= 2 else []


def complete_title_lists(text: str, mentions: list[Mention], titles: Sequence[Title]) -> list[Mention]:
    """Add PERSON mentions for every name of a list printed right after a title (市领导甲、乙、丙出席).

    `titles` are `find_titles(text)`. Model mentions that overlap a list item are replaced, except a
    PERSON with exactly its span.
    """
    items = [span for title in titles for span in _list_items(text, title.end)]
    if not items:
        return mentions
    kept = [
        m
        for m in mentions
        if not any(m.start < end and start < m.end for start, end in items)
        or (m.type == "PERSON" and (m.start, m.end) in items)
    ]
    have = {(m.start, m.end) for m in kept if m.type == "PERSON"}
    added = [Mention(s, e, "PERSON", text[s:e], source=LIST_SOURCE) for s, e in items if (s, e) not in have]
    return kept + added


def drop_persons_in_titles(mentions: list[Mention], titles: Sequence[Title]) -> list[Mention]:
    """Drop PERSON mentions that overlap a role word (书记, 首席记者) of `titles`: titles are not names."""
    roles = [(t.role_start, t.end) for t in titles]
    return [m for m in mentions if m.type != "PERSON" or not any(m.start < e and s < m.end for s, e in roles)]
