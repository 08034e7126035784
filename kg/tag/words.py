"""Dictionary words around a position, from jieba's dictionary (offline, bundled with jieba).

Why: a character tagger does not know where words end, so its spans can start or end inside a word
the rest of the sentence needs (负责人|李强 tagged 人李强, 李强|作出 tagged 李强作). A dictionary
segmentation of the few characters around a boundary says whether the boundary cuts a word. Only
small windows are segmented, and only when a dictionary word crosses the position at all (a few set
lookups), so this costs little next to the tagger.
"""

from __future__ import annotations

from functools import cache
from typing import Any

WINDOW = 5  # characters segmented on each side of a position
MAX_WORD = 4  # longest crossing word looked for before segmenting


@cache
def _tokenizer() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter on stderr
    jieba.dt.check_initialized()
    return jieba.dt


def is_word(text: str) -> bool:
    """Whether `text` is a word of jieba's dictionary (its prefix table also holds non-words at frequency 0)."""
    return bool(_tokenizer().FREQ.get(text))


def _may_cross(text: str, pos: int) -> bool:
    """Whether any dictionary word of text spans `pos` (starts before it and ends after it)."""
    for start in range(max(0, pos - MAX_WORD + 1), pos):
        for end in range(pos + 1, min(len(text), start + MAX_WORD) + 1):
            if is_word(text[start:end]):
                return True
    return False


def _segment(text: str, low: int, high: int) -> list[tuple[int, int]]:
    """Word spans of a dictionary segmentation of text[low:high] (offsets into `text`)."""
    spans = []
    at = low
    for word in _tokenizer().cut(text[low:high], HMM=False):
        spans.append((at, at + len(word)))
        at += len(word)
    return spans


def _words_near(text: str, pos: int) -> list[tuple[int, int]]:
    """Word spans of a dictionary segmentation of the window around `pos`."""
    return _segment(text, max(0, pos - WINDOW), min(len(text), pos + WINDOW))


def words_before(text: str, pos: int) -> list[tuple[int, int]]:
    """Word spans of a dictionary segmentation of the few characters that end at `pos`, in order."""
    return _segment(text, max(0, pos - WINDOW - 1), pos)


def word_across(text: str, pos: int) -> tuple[int, int] | None:
    """The (start, end) of the word a dictionary segmentation keeps whole across `pos`, if any."""
    if not 0 < pos < len(text) or not _may_cross(text, pos):
        return None
    return next(((s, e) for s, e in _words_near(text, pos) if s < pos < e), None)


def word_at(text: str, pos: int) -> tuple[int, int] | None:
    """The (start, end) of the word a dictionary segmentation starts at `pos`, or None when `pos` is
    inside a word."""
    if word_across(text, pos) is not None:
        return None
    return next(((s, e) for s, e in _words_near(text, pos) if s == pos), None)
