"""Short names the model reads by MSRA's conventions, put the way kg prints them.

Why: MSRA tags only the surname of an anonymised or familiar name (王 of 王某, 叶 of 老叶), so a model trained
on it gives bare one-character people; and it reads a pair of places printed by one character each
(金衢两地: 金华 and 衢州) as a person's name. kg's mentions are the name as printed: 王某, 老叶, and 金衢 a place.
"""

from __future__ import annotations

import dataclasses
import re

from kg.model import Mention
from kg.tag.gazetteer import SURNAME_PREFIXES

ANONYMISED = "某"  # 王某, 王某某
# A count of places right after the span (两地, 三省): 金衢两地, 京津冀三地, 沪苏浙皖四省.
_COUNTED_PLACES = re.compile("([两二三四五])[地省市县区国岸]")
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


def _grown_surname(text: str, mention: Mention, taken: set[int]) -> Mention:
    """A one-character PERSON grown over the 某 after it (王某某) or the 老/小 before it (老叶), where no
    other mention holds those characters."""
    start, end = mention.start, mention.end
    while end < len(text) and text[end] == ANONYMISED and end not in taken:
        end += 1
    if end == mention.end and start > 0 and text[start - 1] in SURNAME_PREFIXES and start - 1 not in taken:
        start -= 1
    if (start, end) == (mention.start, mention.end):
        return mention
    return dataclasses.replace(mention, start=start, end=end, text=text[start:end], attrs=dict(mention.attrs))


def _counted_places(text: str, mention: Mention) -> bool:
    """Whether a count of places as large as the span follows it: each character names one place (金衢两地)."""
    counted = _COUNTED_PLACES.match(text, mention.end)
    return counted is not None and _COUNTS[counted.group(1)] == mention.end - mention.start


def fix_short_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with bare one-character surnames grown to the printed name (王某, 老叶, 小王) and PERSONs
    that are one-character place names counted as places (金衢两地) retagged LOCATION."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    fixed = []
    for mention in mentions:
        if mention.type != "PERSON":
            fixed.append(mention)
        elif mention.end - mention.start == 1:
            fixed.append(_grown_surname(text, mention, taken))
        elif _counted_places(text, mention):
            fixed.append(dataclasses.replace(mention, type="LOCATION", title=None, attrs={}))
        else:
            fixed.append(mention)
    return fixed
