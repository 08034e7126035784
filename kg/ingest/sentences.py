"""Sentence splitting for Chinese news paragraphs, quote- and bracket-aware.

Events are extracted per sentence, so a split inside a quotation or a book title would cut a
speaker from what was said, and a missed split would glue two meetings together.
"""

from __future__ import annotations

import re

TERMINATORS = set("。！？；!?;…⋯")
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】"}
CLOSING = set(PAIRS.values())
_MAX_PAIR = 200  # an opener without its closer this close is an OCR loss, not a quotation
MAX_SENTENCE = 400  # longer "sentences" (lists without full stops) are cut at a comma
# After “…。” these keep the sentence going: 他说 / 王立新表示 / a comma / another quotation.
_CONTINUES = re.compile(r"[，,、：:“]|[^，。！？；,!?;“”]{0,6}?(?:说|表示|指出|强调|介绍|问道|坦言|感慨|告诉)")
_WORDY = re.compile(r"[\w\u4e00-\u9fff]")


def _protected(text: str) -> list[bool]:
    """inside[i]: position i lies within a matched quotation or bracket pair."""
    depth = [0] * (len(text) + 1)
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in PAIRS:
            stack.append(i)
        elif ch in CLOSING:
            for level in range(len(stack) - 1, -1, -1):
                opener = stack[level]
                if PAIRS[text[opener]] == ch and i - opener <= _MAX_PAIR:
                    depth[opener + 1] += 1
                    depth[i] -= 1
                    del stack[level:]
                    break
    inside, running = [], 0
    for i in range(len(text)):
        running += depth[i]
        inside.append(running > 0)
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
    spans, start, i, n = [], 0, 0, len(text)
    while i < n:
        ch = text[i]
        end = None
        if ch in TERMINATORS and not inside[i]:
            end = _absorb(text, i + 1)
        elif ch in CLOSING and i and text[i - 1] in TERMINATORS and not inside[i]:
            end = _absorb(text, i + 1)
            if end < n and _CONTINUES.match(text, end):
                end = None
        if end is None:
            i += 1
            continue
        spans.append((start, end))
        start = i = end
    if start < n:
        spans.append((start, n))
    return [cut for s, e in spans if _WORDY.search(text, s, e) for cut in _cut_long(s, e, text)]
