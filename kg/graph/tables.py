"""Query results as compact terminal tables: aligned columns (a CJK character is two columns wide), long cells
cut with an ellipsis, lists shown by their first items. `--json` prints the full records instead."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

MAX_CELL = 28  # display columns of one cell
MAX_ITEMS = 3  # items of a list shown in one cell

Column = tuple[str, Callable[[dict[str, Any]], Any], int]  # header, cell of a row, display columns at most


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, limit: int = MAX_CELL) -> str:
    if _width(text) <= limit:
        return text
    kept = ""
    for ch in text:
        if _width(kept + ch) > limit - 1:
            break
        kept += ch
    return kept + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        more = f" +{len(value) - MAX_ITEMS}" if len(value) > MAX_ITEMS else ""
        return "、".join(str(v) for v in value[:MAX_ITEMS]) + more
    return str(value).replace("\n", " ")


def format_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    """A table with a header line; cells are cut to their column's width and padded to align."""
    cells = [[_cut(_cell(get(row)), limit) for _, get, limit in columns] for row in rows]
    headers = [header for header, *_ in columns]
    widths = [max(_width(text) for text in column) for column in zip(headers, *cells, strict=True)]
    lines = []
    for line in [headers, *cells]:
        padded = [text + " " * (width - _width(text)) for text, width in zip(line, widths, strict=True)]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def columns(*names: str) -> list[Column]:
    """Columns that show the row fields of these names."""
    return [(name, lambda row, name=name: row.get(name), MAX_CELL) for name in names]


WHO_MET: list[Column] = [
    ("name", lambda r: r["label"], MAX_CELL),
    ("titles", lambda r: r["titles"][:1], 36),
    ("count", lambda r: r["count"], 6),
    ("closeness", lambda r: f"{r['closeness']:.2f}", 9),
    ("last date", lambda r: r["last_date"], 10),
    ("places", lambda r: r["places"][:2], MAX_CELL),
    ("strongest event", lambda r: r["strongest"]["label"], 56),
    ("people there", lambda r: r["strongest"]["people"], 12),
]
TIMELINE = columns("date", "type", "role", "places", "with", "id")
EVENTS = columns("date", "type", "participants", "places", "id")
ENTITIES: list[Column] = [
    ("name", lambda r: r["label"], MAX_CELL),
    ("type", lambda r: r["kind"], 12),
    ("mentions", lambda r: r["mentions"], 8),
    ("events", lambda r: r["events"], 6),
    ("documents", lambda r: r["documents"], 9),
    ("titles", lambda r: r["titles"][:1], 36),
    ("id", lambda r: r["id"], 40),
]
