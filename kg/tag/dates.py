"""Rule-based recognition and normalization of Chinese dates and times.

Why rules and not the NER model: newspaper dates come in a small closed set of forms
(12月9日上午, 当晚, 次日, 1月20日18时), the interesting part is normalization (which year, which
day a relative word points to), and a rule never invents a year.

`find_dates` matches on `fold(text)` (full-width digits and colons become ASCII/CJK canonical
forms; `fold` keeps offsets). `resolve_dates` then walks an article's date mentions in order:

- absolute dates keep their printed year; month-day dates take the year from the document date
  (the candidate year closest to it, preferring the past: a 12月 date in a January paper is from
  the previous year); without a document date they borrow the year of an earlier full date in
  the article, else stay partial ("--12-09");
- day-only dates (截至12日) take year and month from the previous date in the article when that day is
  not after the document date, else they are the nearest such day on or before the document date
  ("13日" in a paper of Oct 14 is Oct 13, "29日下午" on Dec 3 is Nov 29: news reports what happened), but one
  of the next two days is that day ("10日" in a paper of the 9th: what is to come, not a month back);
  a future marker around the date (将于, 下周, 明天, 即将 …; attrs["future"] = True) makes it the nearest
  such day on or after the document date instead;
- a day of 本月 (本月30日) is that day of the document's month;
- 当天/当日/同日/当晚/当夜/次日/翌日/第二天 count from the previous date in the article, else the document date;
  昨天/今天/明天/前天 count from the document date (the paper's "today");
- 今年/去年/明年/前年 normalize to a bare year ("2021"), and with a month (今年10月) to a year and month
  ("2021-10"). 今年 and a relative year with a month are spans of time (今年以来, 今年10月至今), never what a
  later date counts from: dates after one count from the article's date before it (7日…今年10月至今…8日;
  17日…明年3月…当天), or from the document date where there is none or the span brings the article from that
  date's month to the present (今年以来…8日; 2008年2月1日…今年11月…15日; 1981年9月…今年1月…22日); a day
  after a bare 去年 or 明年 in its sentence is None, like one after 2021年 (a day printed in a later sentence counts
  as if the 去年 or 明年 were not there: news mentions them in passing); a printed year alone or a year and month
  (2021年, 2021年3月) keep only what is printed, and a 当天 or a day after them takes nothing from the
  document date (2021年3月…22日 is 2021-03-22; 2021年…当天 is None), except a day printed after the
  document's own year alone (论坛2023年年会…16日 in a 2023 paper), which counts from the document date
  like a day after 今年;
- 近日/日前 and holiday expressions (春节假期刚过, 国庆前夕, 节后) are approximate: normalized None with
  attrs["approximate"] = True, never the publication date; a relative date after one (当天, 次日) is
  approximate too, but a day printed with its number after one (近日…3日称) is the nearest such day, as if
  none came before: the printed number says which day, and a news item's days are the paper's latest;
- 连日来 and bare times of day (上午, 18时) keep normalized None: nothing in the text says which day;
- a date that would leave the calendar (9999-12-31 + 次日, 0001-01-01 + 去年: "unknown" fillers of scraped
  data) is None too.

attrs: "time_of_day" (morning, noon, afternoon, evening, night, late_night, early_morning; derived
from the hour when only a clock time is printed), "time" ("HH:MM"), "approximate", "future".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from kg.model import Mention
from kg.regexguard import longest_literal_pattern
from kg.textnorm import fold

SOURCE = "dates"

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "两": 2}

_TIME_OF_DAY = {
    "上午": "morning",
    "早上": "morning",
    "早晨": "morning",
    "清晨": "morning",
    "一早": "morning",
    "中午": "noon",
    "午间": "noon",
    "下午": "afternoon",
    "午后": "afternoon",
    "傍晚": "evening",
    "晚上": "evening",
    "晚间": "evening",
    "晚": "evening",
    "夜间": "night",
    "夜里": "night",
    "夜": "night",
    "深夜": "late_night",
    "凌晨": "early_morning",
}
# Relative day words: (anchor, day offset, time of day). "article" counts from the previous date in
# the article (falling back to the document date), "doc" from the document date itself.
_RELATIVE_DAYS = {
    "当天": ("article", 0, None),
    "当日": ("article", 0, None),
    "当晚": ("article", 0, "evening"),
    "当夜": ("article", 0, "night"),
    "次日": ("article", 1, None),
    "翌日": ("article", 1, None),
    "第二天": ("article", 1, None),
    "同日": ("article", 0, None),
    "今天": ("doc", 0, None),
    "今日": ("doc", 0, None),
    "今晨": ("doc", 0, "morning"),
    "今晚": ("doc", 0, "evening"),
    "昨天": ("doc", -1, None),
    "昨日": ("doc", -1, None),
    "昨晚": ("doc", -1, "evening"),
    "昨夜": ("doc", -1, "night"),
    "前天": ("doc", -2, None),
    "明天": ("doc", 1, None),
}
# What makes a relative day word part of other words: 第二天然气站, 不可同日而语, 同日本首相会谈, 同日方.
_NOT_AFTER = {"第二天": "(?!然)", "同日": "(?![本方内韩而])"}
_RELATIVE_YEARS = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}
_THIS_MONTH = "本月"  # 本月30日: a day of the document's month
_APPROXIMATE = ("近日", "日前")
_VAGUE = ("连日来",)
# Holidays said instead of a date (春节假期刚过, 国庆前夕, 节后): approximate, never a day.
_HOLIDAYS = ("春节", "元旦", "国庆", "中秋", "端午", "清明", "元宵", "五一", "劳动节")
_HOLIDAY = (
    rf"(?:{'|'.join(_HOLIDAYS)})节?(?:假期|长假|小长假|黄金周)?(?:刚过|过后|之后|前后|前夕|期间|以来)"
    r"|(?<![季调环细礼章])节[后前](?![辈面])|假期刚过"
)
# Words that put a date in the future (将于13日, 13日将举行, 下周二, 明天): it resolves forwards.
_FUTURE_BEFORE = re.compile("将于|将在|将|拟于|拟|定于|计划于|计划|预计于|预计|即将|下周|下月|明天|明日|后天")
# 将 before a count or a demonstrative takes an object (8日将77名美国人列入名单: "put"), not the future.
_FUTURE_AFTER = re.compile("(?:起|开始)?(?:将(?![0-9一二三两四五六七八九十百千万这那其该此])|拟|即将)")
_CLAUSE_MARKS = "，。；！？,;!?\n"
_FUTURE_WINDOW = 8  # characters before a date read for a future marker, within its clause
# A future marker with no clause mark between it and the date (the markers hold no clause mark themselves).
_FUTURE_IN_CLAUSE = re.compile(f"(?:{_FUTURE_BEFORE.pattern})[^{re.escape(_CLAUSE_MARKS)}]*\\Z")

_S = r"[ \t]*"  # OCR letter-spacing between the parts of a date ("12 月 14 日")
_CN = "〇○零一二三四五六七八九"
_MONTH = rf"(?:1[0-2]|0?[1-9]|十[一二]?|[{_CN[3:]}])"
_DAY = rf"(?:3[01]|[12]\d|0?[1-9]|[一二三]?十[{_CN[3:]}]?|[{_CN[3:]}])"
_HOUR_ANY = rf"(?:2[0-3]|[01]?\d|[{_CN[2:]}十两]{{1,3}})"
_MINUTE = rf"(?:[0-5]?\d|[{_CN[2:]}十]{{1,3}})"
_CLOCK_WORD = rf"(?P<hour>{_HOUR_ANY}){_S}[时点](?![间期代候段效速刻])(?:{_S}(?P<minute>{_MINUTE}){_S}分|(?P<half>半))?"
_CLOCK_COLON = r"(?P<chour>2[0-3]|[01]?\d)：(?P<cminute>[0-5]\d)(?!\d)"
# Single-character 晚/夜 only after a date, and not when they start a word (晚会, 夜市).
_TOD_AFTER_DATE = (
    r"(?:上午|下午|中午|午间|午后|晚上|晚间|夜间|夜里|深夜|凌晨|一早|早上|早晨|清晨|傍晚"
    r"|晚(?![会宴饭餐报霞点年辈期])|夜(?![宵市班校色景]))"
)
_TOD_ALONE_WORDS = (
    "上午",
    "下午",
    "中午",
    "晚上",
    "晚间",
    "夜间",
    "深夜",
    "凌晨",
    "一早",
    "早上",
    "早晨",
    "清晨",
    "傍晚",
)
_TOD_ALONE = f"(?:{'|'.join(_TOD_ALONE_WORDS)})"
_TAIL = rf"(?:{_S}(?P<tod>{_TOD_AFTER_DATE}))?(?:{_S}(?:{_CLOCK_WORD}|{_CLOCK_COLON}))?"

_DATE_BODY = rf"""
    (?:
        (?:
            (?:(?<!\d)(?P<year>(?:19|20)\d\d|[{_CN[:3]}一二三四五六七八九]{{4}}){_S}年{_S}|(?P<ryear>今年|去年|明年|前年){_S})?
            (?<!\d)(?P<month>{_MONTH}){_S}月{_S}(?P<day>{_DAY}){_S}[日号]
          | {_THIS_MONTH}{_S}(?P<tmday>{_DAY}){_S}[日号]
          | (?<![\d.第月])(?P<dday>3[01]|[12]\d|[1-9]){_S}日(?!内|以内|之内|游)
          | (?<![此这本每上该首再])(?P<rel>{"|".join(word + _NOT_AFTER.get(word, "") for word in _RELATIVE_DAYS)})
          | (?<![接最])(?P<approx>近日)
          | (?P<holiday>{_HOLIDAY})
          | (?P<tod_alone>{_TOD_ALONE})
        ){_TAIL}
      | (?<![\d.])(?P<iy>(?:19|20)\d\d)(?P<sep>[-./])(?P<im>1[0-2]|0?[1-9])(?P=sep)(?P<id>3[01]|[12]\d|0?[1-9])(?![\d.])
        (?:[ T]?(?P<ihour>2[0-3]|[01]\d)：(?P<iminute>[0-5]\d))?
      | (?<!\d)(?P<ymyear>(?:19|20)\d\d){_S}年{_S}(?P<ymmonth>1[0-2]|0?[1-9]){_S}月(?![\d份底初])
      | (?<![\d周])(?P<yyear>(?:19|20)\d\d|[一二][{_CN[:3]}九][{_CN[:3]}一二三四五六七八九]{{2}}){_S}年(?![代度前])
      | (?P<rmyear>{"|".join(_RELATIVE_YEARS)}){_S}(?P<rmmonth>{_MONTH}){_S}月(?![\d份底初])
      | (?<![\d.第至到\-－~～—、])(?P<bmonth>1[0-2]|[1-9]){_S}月(?![\d份底初日号上中下旬]|以来|至今)
      | (?P<relyear>{"|".join(_RELATIVE_YEARS)})
      | (?<![节假生周作今昨明当次翌平末忌])(?P<approx2>日前)
      | (?P<vague>{"|".join(_VAGUE)})
      | (?<![\d第])(?P<ahour>2[0-3]|[01]?\d){_S}时(?![间期代候段效速刻])
        (?:{_S}(?P<aminute>[0-5]?\d){_S}分|(?P<ahalf>半))?
      | (?<![\d.：])(?P<achour>2[0-3]|[01]?\d)：(?P<acminute>[0-5]\d)(?![\d：])
    )
    """
# Every alternative above starts with a digit, a Chinese numeral before another numeral or 月 (二〇二一年, 十二月,
# 三 月), or the first two characters of one of these words (节后 and 假期刚过 are _HOLIDAY's too).
_WORDS = (
    *_RELATIVE_DAYS,
    *_RELATIVE_YEARS,
    *_TOD_ALONE_WORDS,
    *_HOLIDAYS,
    *_APPROXIMATE,
    *_VAGUE,
    _THIS_MONTH,
    "节后",
    "节前",
    "假期",
)
_FIRST_CHARS = set("0123456789" + _CN + "十") | {word[0] for word in _WORDS}
_FIRST_TWO = rf"[0-9]|[{_CN}十][{_CN}十两 \t月]|{longest_literal_pattern({word[:2] for word in _WORDS})}"
# Checking the first character lets the regex engine skip all other positions at once instead of trying each
# alternative there (7x faster); checking the first two then spares the alternatives at the 日 of 日常, the 一 of
# 一些, the 中 of 中心 (1,000 generated pages: 21,087 positions tried instead of 56,452; the scan 0.044 -> 0.027 s CPU).
_DATE_RE = re.compile(f"(?=[{''.join(sorted(_FIRST_CHARS))}])(?={_FIRST_TWO})" + _DATE_BODY, re.VERBOSE)


@dataclass
class _Parts:
    """What a date expression says, before any context is applied."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative_year: int | None = None  # 今年/去年 prefix or bare word
    relative: tuple[str, int] | None = None  # (anchor, day offset)
    this_month: bool = False  # 本月 before the day
    approximate: bool = False
    vague: bool = False
    time_of_day: str | None = None
    hour: int | None = None
    minute: int = 0


def _number(token: str) -> int:
    """Value of an ASCII or Chinese numeral up to 99 (十二 = 12, 二十一 = 21, 二〇二一 digit by digit)."""
    if token.isdigit() and token.isascii():
        return int(token)
    if "十" in token:
        tens, _, units = token.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    value = 0
    for ch in token:
        value = value * 10 + _CN_DIGITS[ch]
    return value


def _clock_hour(hour: int, time_of_day: str | None) -> int:
    """24-hour value of an hour printed with a time-of-day word (晚上8时 = 20:00, 深夜1时 = 01:00)."""
    if time_of_day in ("afternoon", "evening") and hour < 12:
        return hour + 12
    if time_of_day in ("night", "late_night") and 6 <= hour < 12:
        return hour + 12
    if time_of_day == "noon" and hour < 3:
        return hour + 12
    return hour


def _time_of_day_for(hour: int) -> str:
    """Time of day implied by a 24-hour clock value, for dates printed with a bare hour (18时)."""
    for limit, name in ((5, "early_morning"), (11, "morning"), (12, "noon"), (17, "afternoon"), (20, "evening")):
        if hour <= limit:
            return name
    return "night"


def _parts(match: re.Match[str]) -> _Parts | None:
    """Interpret a regex match; None when the numbers are out of range (十三月, 35时)."""
    g = match  # read group by group: building groupdict() of all 32 groups costs more than the reads
    parts = _Parts()
    if g["iy"]:
        parts.year, parts.month, parts.day = int(g["iy"]), int(g["im"]), int(g["id"])
        if g["ihour"]:
            parts.hour, parts.minute = int(g["ihour"]), int(g["iminute"])
    elif g["month"]:
        parts.month, parts.day = _number(g["month"]), _number(g["day"])
        if g["year"]:
            parts.year = _number(g["year"])
        elif g["ryear"]:
            parts.relative_year = _RELATIVE_YEARS[g["ryear"]]
    elif g["ymyear"]:
        parts.year, parts.month = int(g["ymyear"]), int(g["ymmonth"])
    elif g["dday"]:
        parts.day = int(g["dday"])
    elif g["tmday"]:
        parts.day, parts.this_month = _number(g["tmday"]), True
    elif g["yyear"]:
        parts.year = _number(g["yyear"])  # 2023 or 二〇二三
    elif g["rel"]:
        anchor, offset, parts.time_of_day = _RELATIVE_DAYS[g["rel"]]
        parts.relative = (anchor, offset)
    elif g["bmonth"]:
        parts.month = int(g["bmonth"])
    elif g["rmyear"]:
        parts.relative_year, parts.month = _RELATIVE_YEARS[g["rmyear"]], _number(g["rmmonth"])
    elif g["relyear"]:
        parts.relative_year = _RELATIVE_YEARS[g["relyear"]]
    elif g["approx"] or g["approx2"] or g["holiday"]:
        parts.approximate = True
    elif g["vague"]:
        parts.vague = True
    elif g["tod_alone"]:
        parts.time_of_day = _TIME_OF_DAY[g["tod_alone"]]
    elif g["ahour"]:
        parts.hour, parts.minute = int(g["ahour"]), int(g["aminute"] or (30 if g["ahalf"] else 0))
    elif g["achour"]:
        parts.hour, parts.minute = int(g["achour"]), int(g["acminute"])
    if g["tod"]:
        parts.time_of_day = _TIME_OF_DAY[g["tod"]]
    if g["hour"]:
        parts.hour = _number(g["hour"])
        parts.minute = _number(g["minute"]) if g["minute"] else (30 if g["half"] else 0)
    elif g["chour"]:
        parts.hour, parts.minute = int(g["chour"]), int(g["cminute"])
    if (parts.month is not None and not 1 <= parts.month <= 12) or (parts.day is not None and not 1 <= parts.day <= 31):
        return None
    if parts.hour is not None:
        parts.hour = _clock_hour(parts.hour, parts.time_of_day)
        if parts.hour > 23 or parts.minute > 59:
            return None
        parts.time_of_day = parts.time_of_day or _time_of_day_for(parts.hour)
    return parts


@lru_cache(maxsize=1 << 14)
def _parse(text: str) -> _Parts | None:
    """Parts of a whole date mention's text (as stored in Mention.text).

    Cached: papers repeat the same few date expressions (当天, 12月9日上午); callers only read the parts.
    """
    match = _DATE_RE.fullmatch(fold(text))
    return _parts(match) if match else None


def find_dates(text: str) -> list[Mention]:
    """DATE mentions in `text` (offsets into `text`), unresolved: call `resolve_dates` next."""
    found = []
    for match in _DATE_RE.finditer(fold(text)):
        parts = _parts(match)
        if parts is None:
            continue
        attrs: dict[str, object] = {}
        if parts.time_of_day:
            attrs["time_of_day"] = parts.time_of_day
        if parts.hour is not None:
            attrs["time"] = f"{parts.hour:02d}:{parts.minute:02d}"
        if parts.approximate:
            attrs["approximate"] = True
        if _future(text, match.start(), match.end()):
            attrs["future"] = True
        if found and parts.month is None and parts.day is not None and _joined(text, found[-1].end, match.start()):
            attrs["range_end"] = True
        found.append(
            Mention(match.start(), match.end(), "DATE", text[match.start() : match.end()], source=SOURCE, attrs=attrs)
        )
    return found


_JOINERS = frozenset("至到-－—～~、和及")  # between the two days of a range or a list (20日至24日, 3日、5日)


def _joined(text: str, previous_end: int, start: int) -> bool:
    """Whether one joiner, and nothing else, stands between the previous date and this one."""
    return start - previous_end == 1 and text[previous_end] in _JOINERS


def _future(text: str, start: int, end: int) -> bool:
    """Whether a future marker stands right before the date in its clause (将于13日) or right after it
    (13日将举行)."""
    return bool(_FUTURE_IN_CLAUSE.search(text, max(0, start - _FUTURE_WINDOW), start) or _FUTURE_AFTER.match(text, end))


def parse_iso_date(s: str | None) -> date | None:
    """The date of a "YYYY-MM-DD" string, or None when malformed or impossible (2021-02-30)."""
    if not s or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.strip()):
        return None
    try:
        return date.fromisoformat(s.strip())
    except ValueError:
        return None


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shifted(base: date, days: int) -> date | None:
    """`base` moved by `days`; None off the calendar (0001-01-01 - 1: "unknown" filler dates sit at its edges)."""
    try:
        return base + timedelta(days=days)
    except OverflowError:
        return None


def _year(year: int) -> str | None:
    """A bare year as text; None for a year no date can have (0001 + 去年)."""
    return f"{year:04d}" if date.min.year <= year <= date.max.year else None


def _partial(month: int, day: int) -> tuple[int, int] | None:
    """A year-less month-day, if it exists in some year (02-29 does, 02-30 does not)."""
    return (month, day) if _make_date(2004, month, day) else None


def _closest(candidates: Iterable[date | None], reference: date, future: bool = False) -> date | None:
    """The candidate closest to `reference`, preferring the past (news reports what has happened), or the
    future when the text says so."""
    valid = [d for d in candidates if d is not None]

    def distance(d: date) -> int:
        days = (d - reference).days if future else (reference - d).days
        return days if days >= 0 else -4 * days

    return min(valid, key=distance, default=None)


@lru_cache(maxsize=1 << 12)
def _closest_year(month: int, day: int, reference: date, future: bool = False) -> date | None:
    """The month-day in the year before, of, or after `reference` that is closest to it. Cached: a paper's
    pages count their month-days from the same few dates."""
    return _closest((_make_date(reference.year + shift, month, day) for shift in (-1, 0, 1)), reference, future)


NEXT_DAYS = 2  # a day-only date this many days after the document date or fewer is the coming day, not last month's


def _nearest_day(day: int, reference: date, future: bool) -> date | None:
    """Day `day` of the month of `reference` or of one near it: the last one on or before `reference`, or the
    first one on or after it when the text puts the date in the future (31日 skips months without one); a day of
    the next NEXT_DAYS is the coming one ("10日下午举行的全体会议" in a paper of the 9th: not a month back)."""
    coming = _make_date(reference.year, reference.month, day)
    if coming is not None and 0 < (coming - reference).days <= NEXT_DAYS:
        return coming
    months = [reference.year * 12 + reference.month - 1 + (shift if future else -shift) for shift in range(4)]
    candidates = (_make_date(m // 12, m % 12 + 1, day) for m in months)
    return next((d for d in candidates if d is not None and (d >= reference if future else d <= reference)), None)


@dataclass
class _Context:
    """What the next relative expression counts from: a full date, a month-day with unknown year, a printed
    year (and month) without a day, or an approximate date (then a day counted from it is unknown)."""

    full: date | None = None
    month_day: tuple[int, int] | None = None
    year_month: tuple[int, int | None] | None = None
    approximate: bool = False
    said_in: int | None = None  # a bare 去年/明年: where its sentence starts (see resolve_dates)


def _shift_partial(month_day: tuple[int, int], offset: int) -> tuple[int, int] | None:
    """Shift a year-less month-day; None when the result depends on the unknown year (02-28 + 1)."""
    results = set()
    for year in (2001, 2004):  # a common and a leap year
        base = _make_date(year, *month_day)
        if base is not None:
            shifted = base + timedelta(days=offset)
            results.add((shifted.month, shifted.day))
    return results.pop() if len(results) == 1 else None


def _with_time(value: str, parts: _Parts) -> str:
    return f"{value}T{parts.hour:02d}:{parts.minute:02d}" if parts.hour is not None else value


def resolve_dates(
    mentions_in_order: Sequence[Mention], doc_date: str | None, sentence_starts: Collection[int] = ()
) -> None:
    """Set `normalized` on an article's DATE mentions, in article order (see module docstring). `sentence_starts`:
    the indexes of the mentions that open a sentence: a bare 去年 or 明年 speaks of its own sentence ("中方愿办好明年
    友好年活动。…9日下午，X会见Y"), and a day printed in a later one counts as if it were not there."""
    doc = parse_iso_date(doc_date)
    ctx = _Context()
    sentence = 0
    for index, mention in enumerate(mentions_in_order):
        if index in sentence_starts:
            sentence = index
        if mention.type != "DATE":
            continue
        parts = _parse(mention.text)
        if parts is None:  # not ours (a lexicon date): keep its normalization
            continue
        day_only = parts.day is not None and parts.month is None and parts.relative is None
        counted_from = _Context() if day_only and ctx.said_in not in (None, sentence) else ctx
        resolved = _resolve_one(
            parts, doc, counted_from, bool(mention.attrs.get("future")), bool(mention.attrs.get("range_end"))
        )
        approximate = parts.approximate or (ctx.approximate and _counts_from_context(parts))
        mention.normalized = _normalized(resolved, parts)
        ctx = _next_context(resolved, parts, doc, counted_from, approximate)
        if parts.relative_year and parts.month is None:
            ctx = dataclasses.replace(ctx, said_in=sentence)
        if approximate:
            mention.attrs["approximate"] = True


def _counts_from_context(parts: _Parts) -> bool:
    """Whether a date is as approximate as the previous date of its article: 当天 and 次日 count from it; a day
    printed with its number (13日) only takes the month."""
    return parts.relative is not None and parts.relative[0] == "article"


def _normalized(resolved: date | tuple[int, int] | str | None, parts: _Parts) -> str | None:
    if isinstance(resolved, date):
        return _with_time(resolved.isoformat(), parts)
    if isinstance(resolved, tuple):
        return _with_time(f"--{resolved[0]:02d}-{resolved[1]:02d}", parts)
    return resolved


def _next_context(
    resolved: date | tuple[int, int] | str | None, parts: _Parts, doc: date | None, ctx: _Context, approximate: bool
) -> _Context:
    """The context the next date of the article counts from, after this one."""
    if isinstance(resolved, date):
        return _Context(full=resolved)
    if isinstance(resolved, tuple):
        return _Context(month_day=resolved)
    if approximate:
        return _Context(approximate=True)
    if parts.year is not None and parts.day is None:  # 2021年, 2021年3月; not a target year (2030年前, 2035年远景目标)
        return ctx if doc is not None and parts.year > doc.year else _Context(year_month=(parts.year, parts.month))
    if parts.relative_year and parts.month is None and doc is not None:  # 去年, 明年: not 今年, the paper's year
        return _Context(year_month=(doc.year + parts.relative_year, None))
    if parts.relative_year is not None and doc is not None and (before := _month_of(ctx)) is not None:  # 今年(10月)
        since = (doc.year + parts.relative_year, parts.month or 1)
        return _Context() if before < since <= (doc.year, doc.month) else ctx
    return ctx


def _month_of(ctx: _Context) -> tuple[int, int] | None:
    """The year and month a context counts from, where it has a year (January for a printed year alone)."""
    if ctx.full is not None:
        return ctx.full.year, ctx.full.month
    if ctx.year_month is not None:
        return ctx.year_month[0], ctx.year_month[1] or 1
    return None  # a bare time of day, 连日来, or nothing resolved


def _resolve_one(
    parts: _Parts, doc: date | None, ctx: _Context, future: bool = False, range_end: bool = False
) -> date | tuple[int, int] | str | None:
    """A full date, a year-less (month, day), a bare year/year-month string, or None."""
    if parts.vague or parts.approximate:
        return None
    if parts.relative_year is not None and parts.month is None:
        return _year(doc.year + parts.relative_year) if doc else None
    if parts.relative is not None:
        return _relative_day(parts.relative, doc, ctx)
    if parts.month is None and parts.day is None:  # bare year or bare time
        return str(parts.year) if parts.year else None
    if parts.day is None and parts.year is None and parts.relative_year is None:  # a month alone: 3月，…
        return _month_alone(parts.month, doc, ctx, future) if parts.month is not None else None
    if parts.day is None:  # year-month: 2021年3月, 今年3月
        year = parts.year if parts.relative_year is None else (doc.year + parts.relative_year if doc else None)
        return None if year is None or _year(year) is None else f"{year:04d}-{parts.month:02d}"
    if parts.this_month:
        return _make_date(doc.year, doc.month, parts.day) if doc else None
    if parts.month is None:
        return _day_only(parts.day, doc, ctx, future, range_end)
    if parts.year is not None:
        return _make_date(parts.year, parts.month, parts.day)
    if parts.relative_year is not None:
        return _make_date(doc.year + parts.relative_year, parts.month, parts.day) if doc else None
    reference = doc or ctx.full
    if reference:
        return _closest_year(parts.month, parts.day, reference, future)
    return _partial(parts.month, parts.day)


def _month_alone(month: int, doc: date | None, ctx: _Context, future: bool) -> str | None:
    """A month printed alone (3月，X会见Y) in the year of the article's dates before it, else in the year a day of it
    is read in (`_closest_year`: the nearest, preferring the past, or the future where the text says so)."""
    known = _month_of(ctx)
    if known is not None:
        return f"{known[0]:04d}-{month:02d}"
    first_day = _closest_year(month, 1, doc, future) if doc is not None else None
    return f"{first_day.year:04d}-{month:02d}" if first_day is not None else None


def _relative_day(relative: tuple[str, int], doc: date | None, ctx: _Context) -> date | tuple[int, int] | None:
    """当天/次日 from the article's previous date (nothing after an approximate or day-less one), 昨天/明天
    from the document date."""
    anchor, offset = relative
    if anchor == "article":
        if ctx.approximate or ctx.year_month is not None:
            return None
        if ctx.month_day is not None:
            return _shift_partial(ctx.month_day, offset)
    base = ctx.full if anchor == "article" and ctx.full else doc
    return _shifted(base, offset) if base else None


def _day_only(
    day: int, doc: date | None, ctx: _Context, future: bool, range_end: bool = False
) -> date | tuple[int, int] | None:
    """截至12日: the month of the article's previous date when that day is not after the document date (or
    the text puts it in the future), else the nearest such day before (after) the document date; so too after
    an approximate date (近日…3日) or the document's own year printed alone (2023年年会…16日). The second day of a
    range or list printed right after a date is in that date's month whatever the document date (10月20日至24日)."""
    if ctx.year_month is not None:
        year, month = ctx.year_month
        if month is not None:
            return _make_date(year, month, day)
        if doc is None or year != doc.year:  # 2021年…22日: which month is not printed
            return None
    elif ctx.full is not None:
        candidate = _make_date(ctx.full.year, ctx.full.month, day)
        if candidate is not None and (range_end or doc is None or (candidate >= doc if future else candidate <= doc)):
            return candidate
    elif ctx.month_day is not None:
        return _partial(ctx.month_day[0], day)
    return _nearest_day(day, doc, future) if doc else None
