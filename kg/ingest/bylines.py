"""Reporter bylines and photo credits ("□融媒首席记者 NAME", "通讯员 A B", "融媒记者 NAME 摄").

Bylines name reporters, not people in the news: they must become structured Byline data and
never reach sentence text, or every reporter would "meet" every official on the page.
"""

from __future__ import annotations

import re

from kg.model import Byline

# Longest first, so 融媒首席记者 is not read as 记者 preceded by a "name".
ROLES = (
    "融媒体首席记者", "融媒首席记者", "本报首席记者", "融媒体记者", "融媒记者", "本报记者", "首席记者", "特约记者",
    "见习记者", "实习记者", "摄影记者", "特约通讯员", "通讯员", "实习生", "记者",
)  # fmt: skip
_ROLE = "|".join(ROLES)
_BOX = "□"
_SPACES = " \t\u3000\xa0"
_SPACE = f"[{_SPACES}]"
_NAME = rf"(?:(?!{_ROLE})[\u4e00-\u9fff·]{{2,4}})"
_GROUP = re.compile(rf"(?P<role>{_ROLE})(?P<gap>{_SPACE}*)(?P<names>{_NAME}(?:{_SPACE}+{_NAME})*)")
_GROUP_SRC = rf"(?:{_ROLE}){_SPACE}*{_NAME}(?:{_SPACE}+{_NAME})*"
_WHOLE = re.compile(rf"{_GROUP_SRC}(?:{_SPACE}+{_GROUP_SRC})*")
_PHOTO = "摄"
_ROLE_AT = re.compile(_ROLE)
BYLINE_START = re.compile(rf"[{_BOX}{_SPACES}]*(?:{_ROLE})")  # parse_byline accepts only texts starting so
_ROLE_HINT = re.compile("记者|通讯员|实习生")  # every role contains one of these: a cheap test before the role regexes
SENTENCE_END = "。！？!?…⋯"
CLOSERS = "”’」』）)》】"


def parse_byline(text: str, offset: int = 0, *, require_space: bool = True) -> list[Byline] | None:
    """Bylines of `text` if the whole string is a byline, else None.

    `offset` is the raw offset of text[0]. Without a leading □ the role must be followed by a
    space, so headlines such as "融媒记者开展暗访" are not bylines.
    """
    if not BYLINE_START.match(text):  # most lines: no need to strip them and search for 摄
        return None
    end = len(text.rstrip())
    return _byline_at(text, 0, end, _photo_start(text, end), offset, require_space)


def _skip_back(text: str, pos: int, chars: str) -> int:
    """The start of the run of `chars` that ends at `pos`."""
    while pos and text[pos - 1] in chars:
        pos -= 1
    return pos


def _photo_start(text: str, end: int) -> int | None:
    """Where the photo credit mark (spaces and 摄) ending text[:end] starts, or None when there is none."""
    return _skip_back(text, end - 1, _SPACES) if text.endswith(_PHOTO, 0, end) else None


def _byline_at(
    text: str, start: int, end: int, photo: int | None, offset: int, require_space: bool
) -> list[Byline] | None:
    """`parse_byline` of text[start:end] (already right-stripped) without copying it: trailing bylines
    try many starts in one long line. `photo` is `_photo_start` of text[:end]; `offset` the raw offset of text[0].
    """
    boxed = text.startswith(_BOX, start)
    lead = start
    while lead < end and text[lead] in _BOX + _SPACES:
        lead += 1
    core_end = end if photo is None else photo
    if lead >= core_end or not _WHOLE.fullmatch(text, lead, core_end):
        return None
    groups = list(_GROUP.finditer(text, lead, core_end))
    if require_space and not boxed and not groups[0].group("gap"):
        return None
    kind = "photo_credit" if photo is not None else "byline"
    bylines = []
    for number, group in enumerate(groups):
        first = offset + (start if number == 0 and boxed else group.start())
        last = offset + (end if photo is not None and number == len(groups) - 1 else group.end())
        names = group.group("names").split()
        bylines.append(Byline(role=group.group("role"), names=names, kind=kind, start=first, end=last))
    return bylines


def trailing_byline(text: str, offset: int = 0) -> tuple[int, list[Byline]] | None:
    """A byline run into the end of a paragraph ("…保障。融媒记者 程明星"): (cut position, bylines).

    Only after sentence-final punctuation, and the role must be followed by a space. Each role is
    tried once, from the spaces and □ before it, with no copy of the text: linear in the line.
    """
    if not _ROLE_HINT.search(text):
        return None
    end = len(text.rstrip())
    photo = _photo_start(text, end)
    for role in _ROLE_AT.finditer(text):
        start = _skip_back(text, role.start(), _SPACES)
        if start and text[start - 1] == _BOX:
            start -= 1
        cut = _skip_back(text, start, _SPACES)
        if not cut or text[cut - 1] not in SENTENCE_END + CLOSERS:
            continue
        found = _byline_at(text, start, end, photo, offset, require_space=True)
        if found:
            return cut, found
    return None
