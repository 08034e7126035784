"""Length-preserving text folding used for matching and tagging.

OCR pages mix full-width and half-width punctuation and digits (，/, ；/; １２/12).
`fold` maps every character to one canonical character so rules and models see one form,
while offsets stay valid: `len(fold(s)) == len(s)` always.
"""

from __future__ import annotations

import re
import unicodedata

# Punctuation that NFKC leaves alone or maps to ASCII, but that we want in the CJK form
# the rules and the models were written against.
_TO_CJK = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_EXTRA = {"⋯": "…", "．": ".", "\u3000": " ", "“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'}


def fold_char(ch: str) -> str:
    """Canonical single-character form of `ch` (digits and Latin letters half-width, punctuation CJK)."""
    if ch in _EXTRA:
        return _EXTRA[ch]
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        return ch
    return _TO_CJK.get(folded, folded)


class _FoldTable(dict):
    """A `str.translate` table that fills itself: each code point is folded once per process."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()
# Characters fold_char maps to themselves (a test checks every one): news text is mostly these, so only the
# runs of other characters are translated, and the regex engine skips the rest in C.
FOLD_INVARIANT = "\u4e00-\u9fff0-9A-Za-z \n，。、；：？！（）《》【】—…·□■"
_MAY_FOLD = re.compile(f"[^{FOLD_INVARIANT}]+")


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD_TABLE)


def fold(text: str) -> str:
    """Fold `text` character by character; the result has the same length."""
    return _MAY_FOLD.sub(_fold_run, text)
