"""Known bodies: organizations national news prints every day, tagged by name (`bodies.yaml`).

Why: the embedded model learned its organizations from text of the 1990s, so ministries named since then are
missed (农业农村部 in 142 of its 163 sentences of the 新闻联播 corpus) or cut at a conjunction (工业和信息化部 ->
信息化部), and short names of international bodies are missed (上合组织) or read as places (阿盟). A printed name
of the list is an ORGANIZATION unless the model found a longer name that holds it (俄罗斯外交部) or the name runs
into a longer word (外交部长, 教育部门). A place printed right before the body makes one organization with it
(辽宁省 + 农业农村厅, 美国 + 国务院): that body is the place's, not the one the list means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from kg.model import Mention
from kg.tag.boundaries import LEADING_VERBS
from kg.tag.gazetteer import HOME_COUNTRY, well_known_place
from kg.tag.titles import SEPARATOR
from kg.tag.words import word_across, words_after

DATA_FILE = Path(__file__).resolve().parent / "bodies.yaml"
SOURCE = "bodies"
ORGANIZATION = "ORGANIZATION"
LONGEST_PLACE = 6  # characters of a dictionary place name looked for right before a body (哈萨克斯坦)
# How the names of the bodies a place has its own of end (美国国务院, 辽宁省农业农村厅); an alliance or a world
# body printed after a place is not the place's (美国、北约 printed without the 、: 美国北约).
OWNED_ENDINGS = ("部", "厅", "局", "院", "署", "委", "委员会", "办公室", "办")


@dataclass(frozen=True)
class Bodies:
    names: frozenset[str]
    pattern: re.Pattern[str]  # every name, longest first: a match is the longest name at its start
    full_names: dict[str, str]  # other name -> full name (国家发改委 -> 国家发展和改革委员会)
    owned: frozenset[str] = frozenset()  # bodies only with their place before them (乌克兰 + 武装部队)


def read_bodies(path: Path = DATA_FILE) -> Bodies:
    """The names of `path` (see bodies.yaml for its sections)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    full_names: dict[str, str] = {}
    for entry in raw.get("organizations") or []:
        full, *others = [entry] if isinstance(entry, str) else entry
        names.update((full, *others))
        full_names.update(dict.fromkeys(others, full))
    departments = raw.get("departments") or {}
    names.update(stem + ending for stem in departments.get("stems", []) for ending in departments.get("endings", []))
    owned = frozenset(raw.get("owned") or [])
    alternatives = "|".join(map(re.escape, sorted(names | owned, key=len, reverse=True)))
    return Bodies(frozenset(names), re.compile(alternatives), full_names, owned)


@cache
def _bodies() -> Bodies:
    return read_bodies()


def _place_before(text: str, start: int, mentions: list[Mention]) -> int | None:
    """Where a place printed right before `start` begins: a LOCATION mention of two characters or more ending
    there (not 京 of 在京), or a well-known dictionary place the segmentation keeps whole (美国 of 美国国务院);
    None when there is none."""
    for m in mentions:
        if m.type == "LOCATION" and m.end == start and m.end - m.start > 1:
            return m.start
    for size in range(min(LONGEST_PLACE, start), 1, -1):
        if well_known_place(text[start - size : start]) and word_across(text, start - size) is None:
            return start - size
    return None


def _goes_on_as_one_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], what a model organization adds after a body, is the rest of one name (工业和信息化部 +
    消费品工业司, 全国政协 + 社会和法制委员会): no 、 and no verb that leads another body (会同文物局, 联合财政部)."""
    words = [text[s:e] for s, e in words_after(text, start, end - start)]
    leading = words if len(words) == 1 else words[:-1]  # a last 组织 ends a name (联合国工业发展组织)
    return SEPARATOR not in words and not any(word in LEADING_VERBS for word in leading)


# What a sentence goes on with after a subject, which the dictionary may join to a name's last character into a
# word of its own (交通运输部|将 read as 部将, a general's officer): no longer word of the name.
_FUNCTION_AFTER = frozenset("将在和与对已也就还又")


def _runs_on(text: str, end: int) -> bool:
    """Whether a name ending at `end` is the start of a longer word (教育部|门), not of a word of its last character
    and a function word (部|将)."""
    across = word_across(text, end)
    return across is not None and not (across[1] == end + 1 and text[end] in _FUNCTION_AFTER)


def _holds(text: str, mention: Mention, start: int, end: int) -> bool:
    """Whether `mention` starts before the body text[start:end] with more than a verb that leads it (联合|教育部) or
    the home country before the body alone (中国|全国人大; but 中国联合国教科文组织全国委员会 is a name of its own)."""
    return (
        mention.start < start
        and text[mention.start : start] not in LEADING_VERBS
        and not _home_body(text, mention, start, end)
    )


def _home_body(text: str, mention: Mention, start: int, end: int) -> bool:
    return text[mention.start : start] == HOME_COUNTRY and mention.end <= end


def known_bodies(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with the known bodies printed in `text` (one sentence) tagged as organizations; a mention a body
    holds gives way to it, an organization that starts inside a body and goes on grows back to its start
    (信息化部消费品工业司 -> 工业和信息化部消费品工业司) where the rest is one name (`_goes_on_as_one_name`), and a
    place printed right before a department joins it (江西省 + 文化和旅游厅), as it joins an owned body
    (乌克兰 + 武装部队), which is no body without one; the home country before a body it holds (中国全国人大) is a
    place of its own, the body the same as without it."""
    bodies = _bodies()
    out = list(mentions)
    for match in bodies.pattern.finditer(text):
        start, end = match.span()
        owned = match.group() in bodies.owned
        owner = _place_before(text, start, out) if owned else None
        if owned and owner is None:
            continue  # 地方武装部队: whose forces, the text does not say
        across = word_across(text, start)
        if (across is not None and across[0] != owner) or _runs_on(text, end):
            continue  # 外交部|长, 教育部|门: the name is part of a longer word (以色列国防军 is one word: the owner's)
        overlapping = [m for m in out if m.start < end and start < m.end]
        if any(_holds(text, m, start, end) or (m.end > end and m.type != ORGANIZATION) for m in overlapping):
            continue  # a longer name holds it (俄罗斯国防部), or a mention crosses its start
        going_on = [m for m in overlapping if m.end > end]
        given_way = {id(m) for m in overlapping}
        out = [m for m in out if id(m) not in given_way]
        if any(_home_body(text, m, start, end) for m in overlapping):
            out.append(Mention(start - len(HOME_COUNTRY), start, "LOCATION", HOME_COUNTRY, source=SOURCE))
        name = match.group()
        # one organization, by the test above, unless another known body follows (中央纪委 + 国家监委: two bodies)
        if going_on and _goes_on_as_one_name(text, end, going_on[0].end) and not bodies.pattern.match(text, end):
            name, end = text[start : going_on[0].end], going_on[0].end  # 工业和信息化部 + 消费品工业司
        place = owner if owned else _place_before(text, start, out) if match.group().endswith(OWNED_ENDINGS) else None
        if place is not None:
            out = [m for m in out if not (place <= m.start and m.end <= start)]
            out.append(Mention(place, end, ORGANIZATION, text[place:end], source=SOURCE))
        else:
            out.append(Mention(start, end, ORGANIZATION, name, normalized=bodies.full_names.get(name), source=SOURCE))
    return sorted(out, key=lambda m: (m.start, m.end))
