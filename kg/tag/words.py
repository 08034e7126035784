"""Dictionary words around a position, from jieba's dictionary (offline, bundled with jieba).

Why: a character tagger does not know where words end, so its spans can start or end inside a word
the rest of the sentence needs (负责人|李强 tagged 人李强, 李强|作出 tagged 李强作). A dictionary
segmentation of the few characters around a boundary says whether the boundary cuts a word. Only
small windows are segmented, and only when a dictionary word crosses the position at all (a few set
lookups), so this costs little next to the tagger.
"""

from __future__ import annotations

from functools import cache, lru_cache
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


def frequency(word: str) -> int:
    """How often jieba's dictionary counts `word` (0 for no word): how common a name is."""
    return _tokenizer().FREQ.get(word) or 0


def _may_cross(text: str, pos: int) -> bool:
    """Whether any dictionary word of text spans `pos` (starts before it and ends after it)."""
    for start in range(max(0, pos - MAX_WORD + 1), pos):
        for end in range(pos + 1, min(len(text), start + MAX_WORD) + 1):
            if is_word(text[start:end]):
                return True
    return False


def _segment(text: str, low: int, high: int) -> list[tuple[int, int]]:
    """Word spans of a dictionary segmentation of text[low:high] (offsets into `text`)."""
    return [(low + start, low + end) for start, end in _segmented(text[low:high])]


@lru_cache(maxsize=1 << 16)
def _segmented(window: str) -> tuple[tuple[int, int], ...]:
    """Word spans of a dictionary segmentation of `window`. Cached: the same few characters around a name
    come back for every boundary test of a sentence and across a paper's pages."""
    spans = []
    at = 0
    for word in _tokenizer().cut(window, HMM=False):
        spans.append((at, at + len(word)))
        at += len(word)
    return tuple(spans)


def words_before(text: str, pos: int) -> list[tuple[int, int]]:
    """Word spans of a dictionary segmentation of the few characters that end at `pos`, in order."""
    return _segment(text, max(0, pos - WINDOW - 1), pos)


def words_after(text: str, pos: int, size: int = WINDOW) -> list[tuple[int, int]]:
    """Word spans of a dictionary segmentation of the `size` characters that start at `pos`, in order."""
    return _segment(text, pos, min(len(text), pos + size))


def word_across(text: str, pos: int) -> tuple[int, int] | None:
    """The (start, end) of the word a dictionary segmentation keeps whole across `pos`, if any."""
    low = max(0, pos - WINDOW)
    across = _word_across_window(text[low : pos + WINDOW], pos - low)
    return None if across is None else (low + across[0], low + across[1])


@lru_cache(maxsize=1 << 16)
def _word_across_window(window: str, pos: int) -> tuple[int, int] | None:
    """`word_across` on the window of WINDOW characters each side of `pos`: all it reads, so its answer can be
    cached by the window's text."""
    if not 0 < pos < len(window) or not _may_cross(window, pos):
        return None
    return next(((s, e) for s, e in _segmented(window) if s < pos < e), None)


def word_at(text: str, pos: int) -> tuple[int, int] | None:
    """The (start, end) of the word a dictionary segmentation starts at `pos`, or None when `pos` is
    inside a word."""
    if word_across(text, pos) is not None:
        return None
    low = max(0, pos - WINDOW)
    return next(((s, e) for s, e in _segment(text, low, min(len(text), pos + WINDOW)) if s == pos), None)
