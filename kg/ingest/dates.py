"""Document dates: parse and validate the dates users give, find a full date printed in the text.

A wrong document date silently shifts every relative date ("次日", "12月9日") downstream, so
dates are validated on the calendar and invalid ones are reported, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.textnorm import fold

_ISO_LIKE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
# A full date printed in running text; OCR may put spaces between every part.
_IN_TEXT = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


class DateError(ValueError):
    """A date that does not parse or does not exist on the calendar."""


def _iso(year: str, month: str, day: str, original: str) -> str:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError as exc:
        raise DateError(f"invalid date {original!r}: {exc}") from exc


def parse_date(value: str) -> str:
    """Normalize 2021-12-10, 2021/12/10, 20211210 or 2021年12月10日 to ISO; raise DateError otherwise."""
    folded = fold(value)
    match = _ISO_LIKE.match(folded) or _COMPACT.match(folded)
    if not match:
        raise DateError(f"unparseable date {value!r} (expected YYYY-MM-DD)")
    return _iso(*match.groups(), original=value)


def date_in_text(text: str) -> tuple[str | None, list[str]]:
    """First valid full date printed in `text` (ISO), plus warnings for invalid ones met before it."""
    warnings = []
    for match in _IN_TEXT.finditer(fold(text)):
        try:
            return _iso(*match.groups(), original=text[match.start() : match.end()]), warnings
        except DateError as exc:
            warnings.append(f"date in text: {exc}")
    return None, warnings
