"""Sentence splitting for Chinese news paragraphs, quote- and bracket-aware.

Events are extracted per sentence, so a split inside a quotation or a book title would cut a
speaker from what was said, and a missed split would glue two meetings together.
"""

from __future__ import annotations

import re

TERMINATORS = set("。！？；!?;…⋯")
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】"}
CLOSING = set(PAIRS.values())
_OPENER = {closer: opener for opener, closer in PAIRS.items()}
_MAX_PAIR = 200  # an opener without its closer this close is an OCR loss, not a quotation
MAX_SENTENCE = 400  # longer "sentences" (lists without full stops) are cut at a comma
# After “…。” these keep the sentence going: 他说 / 王立新表示 / a comma / another quotation.
_CONTINUES = re.compile(r"[，,、：:“]|[^，。！？；,!?;“”]{0,6}?(?:说|表示|指出|强调|介绍|问道|坦言|感慨|告诉)")
_WORDY = re.compile(r"[\w\u4e00-\u9fff]")
_TERMINATOR = re.escape("".join(TERMINATORS))
_CLOSER = re.escape("".join(CLOSING))
_MARKS = re.compile(f"[{re.escape(''.join(PAIRS))}{_CLOSER}]")
# Where a sentence may end: a terminator, or a closing mark right after one (the "”" of "。”" when "。" is quoted).
_BREAK = re.compile(f"[{_TERMINATOR}]|(?<=[{_TERMINATOR}])[{_CLOSER}]")


def _protected(text: str) -> bytearray:
    """inside[i]: position i lies within a matched quotation or bracket pair.

    A closer pairs with the innermost open mark of its kind (no farther than _MAX_PAIR) and closes the
    marks opened after it. Open marks are also indexed by kind, so a closer whose kind is not open
    costs nothing however many other marks are ("“"×n + "》"×n is linear).
    """
    inside = bytearray(len(text))
    stack: list[int] = []  # positions of open marks, innermost last
    by_kind: dict[str, list[int]] = {}  # stack levels of each kind of opener
    for mark in _MARKS.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch in PAIRS:
            by_kind.setdefault(ch, []).append(len(stack))
            stack.append(i)
            continue
        levels = by_kind.get(_OPENER[ch])
        if not levels or i - stack[levels[-1]] > _MAX_PAIR:  # deeper ones of its kind are farther still
            continue
        level = levels[-1]
        opener = stack[level]
        inside[opener + 1 : i] = b"\x01" * (i - opener - 1)
        for closed in stack[level:]:  # each open mark is closed at most once: linear overall
            by_kind[text[closed]].pop()
        del stack[level:]
    return inside


def _cut_long(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut [start, end) at the last comma before MAX_SENTENCE chars, repeatedly."""
    spans = []
    while end - start > MAX_SENTENCE:
        comma = max(text.rfind("，", start, start + MAX_SENTENCE), text.rfind(",", start, start + MAX_SENTENCE))
        cut = comma + 1 if comma > start else start + MAX_SENTENCE
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _absorb(text: str, end: int) -> int:
    """Extend a sentence end over following terminators and closing marks ("？！", "。”", "）。")."""
    while end < len(text) and (text[end] in TERMINATORS or text[end] in CLOSING):
        end += 1
    return end


def split_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of one paragraph; spans without words are dropped."""
    inside = _protected(text)
    spans, start, n = [], 0, len(text)
    for candidate in _BREAK.finditer(text):
        i = candidate.start()
        if i < start or inside[i]:  # swallowed by the sentence before, or quoted
            continue
        end = _absorb(text, i + 1)
        if text[i] in CLOSING and end < n and _CONTINUES.match(text, end):
            continue
        spans.append((start, end))
        start = end
    if start < n:
        spans.append((start, n))
    kept = []
    for s, e in spans:
        if _WORDY.search(text, s, e):
            kept.extend(_cut_long(s, e, text) if e - s > MAX_SENTENCE else [(s, e)])
    return kept
