"""fold: one canonical form per character, same length, and the fast path equal to the per-character definition."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.textnorm import FOLD_INVARIANT, fold, fold_char

_BMP = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]


def test_characters_left_unfolded_are_fold_invariant():
    invariant = re.compile(f"[{FOLD_INVARIANT}]")
    assert all(fold_char(c) == c for c in _BMP if invariant.fullmatch(c))


_MIXED = st.sampled_from("王立新１２３ＡＢabc，,。.：:（(）)“”‘’　 \t\n⋯．ⅫⒶ①﹐\u00a0")


@given(st.text(alphabet=_MIXED, max_size=40) | st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_fold_is_fold_char_applied_to_every_character(text: str):
    assert fold(text) == "".join(map(fold_char, text))
    assert len(fold(text)) == len(text)


def test_fold_maps_full_width_digits_and_ascii_punctuation_to_one_form():
    assert fold("１２月3日,上午(会议)") == "12月3日，上午（会议）"
