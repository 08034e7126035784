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
_SPACE = "[ \t\u3000\xa0]"
_NAME = rf"(?:(?!{_ROLE})[\u4e00-\u9fff·]{{2,4}})"
_GROUP = re.compile(rf"(?P<role>{_ROLE})(?P<gap>{_SPACE}*)(?P<names>{_NAME}(?:{_SPACE}+{_NAME})*)")
_GROUP_SRC = rf"(?:{_ROLE}){_SPACE}*{_NAME}(?:{_SPACE}+{_NAME})*"
_WHOLE = re.compile(rf"{_GROUP_SRC}(?:{_SPACE}+{_GROUP_SRC})*")
_PHOTO = re.compile(rf"{_SPACE}*摄$")
_BOX = "□"
_ROLE_START = re.compile(rf"{_BOX}?{_SPACE}*(?:{_ROLE})")
BYLINE_START = re.compile(rf"[{_BOX} \t\u3000\xa0]*(?:{_ROLE})")  # parse_byline accepts only texts starting so
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
    body = text.rstrip()
    boxed = body.startswith(_BOX)
    lead = len(body) - len(body.lstrip(_BOX + " \t\u3000\xa0"))
    photo = _PHOTO.search(body)
    core_end = photo.start() if photo else len(body)
    core = body[lead:core_end]
    if not core or not _WHOLE.fullmatch(core):
        return None
    groups = list(_GROUP.finditer(core))
    if require_space and not boxed and not groups[0].group("gap"):
        return None
    kind = "photo_credit" if photo else "byline"
    bylines = []
    for number, group in enumerate(groups):
        start = offset if number == 0 and boxed else offset + lead + group.start()
        end = offset + (len(body) if photo and number == len(groups) - 1 else lead + group.end())
        names = group.group("names").split()
        bylines.append(Byline(role=group.group("role"), names=names, kind=kind, start=start, end=end))
    return bylines


def trailing_byline(text: str, offset: int = 0) -> tuple[int, list[Byline]] | None:
    """A byline run into the end of a paragraph ("…保障。融媒记者 程明星"): (cut position, bylines).

    Only after sentence-final punctuation, and the role must be followed by a space.
    """
    if not _ROLE_HINT.search(text):
        return None
    for match in _ROLE_START.finditer(text):
        before = text[: match.start()].rstrip(" \t\u3000\xa0")
        if not before or before[-1] not in SENTENCE_END + CLOSERS:
            continue
        found = parse_byline(text[match.start() :], offset + match.start(), require_space=True)
        if found:
            return len(before), found
    return None
