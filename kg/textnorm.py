"""Length-preserving text folding used for matching and tagging.

OCR pages mix full-width and half-width punctuation and digits (，/, ；/; １２/12).
`fold` maps every character to one canonical character so rules and models see one form,
while offsets stay valid: `len(fold(s)) == len(s)` always.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Punctuation that NFKC leaves alone or maps to ASCII, but that we want in the CJK form
# the rules and the models were written against.
_TO_CJK = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_EXTRA = {"⋯": "…", "．": ".", "\u3000": " ", "“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'}


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """Canonical single-character form of `ch` (digits and Latin letters half-width, punctuation CJK)."""
    if ch in _EXTRA:
        return _EXTRA[ch]
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        return ch
    return _TO_CJK.get(folded, folded)


def fold(text: str) -> str:
    """Fold `text` character by character; the result has the same length."""
    return "".join(fold_char(c) for c in text)
