"""A user lexicon: known names that override what the tagger found.

Why: a county paper has a few dozen recurring people, bureaus and places; a CSV the user
maintains (name,type,aliases) fixes the tagger's misses on them for good and gives every alias
its canonical name. Matching is on `fold`ed text, longest entry first, and a lexicon match
replaces every model mention it overlaps.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from kg.model import Mention
from kg.textnorm import fold

SOURCE = "lexicon"
TYPE_ALIASES = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "LOCATION": "LOCATION",
    "LOC": "LOCATION",
    "ORGANIZATION": "ORGANIZATION",
    "ORG": "ORGANIZATION",
    "DATE": "DATE",
}
HEADER = ("name", "type", "aliases")
_ALIAS_SPLIT = re.compile(r"[|;；]")


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    aliases: tuple[str, ...] = ()


class Lexicon:
    """Surface forms (names and aliases) -> entries, matched longest first."""

    def __init__(self, entries: list[Entry], version: str = "") -> None:
        self.entries = entries
        self.version = version  # part of the pipeline's cache key: changes when the file changes
        self._by_surface: dict[str, Entry] = {}
        for entry in entries:
            for surface in (entry.name, *entry.aliases):
                self._by_surface.setdefault(fold(surface), entry)
        surfaces = sorted(self._by_surface, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, surfaces))) if surfaces else None

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        """Read a CSV with header name,type,aliases (aliases separated by | or ;)."""
        path = Path(path)
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LexiconError(f"{path}: not UTF-8 ({exc})") from exc
        rows = csv.reader(io.StringIO(text, newline=""))
        header = tuple(h.strip().lower() for h in next(rows, []))
        if header not in (HEADER[:2], HEADER):
            raise LexiconError(f"{path}:1: header must be {','.join(HEADER)}, got {','.join(header)!r}")
        entries = [_parse_row(row, f"{path}:{rows.line_num}") for row in rows if any(cell.strip() for cell in row)]
        return cls(entries, version=hashlib.sha256(data).hexdigest()[:16])

    def apply(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Lexicon matches in `text` plus the mentions that overlap none of them, sorted by offset."""
        if self._pattern is None:
            return sorted(mentions, key=lambda m: (m.start, m.end))
        found = []
        for match in self._pattern.finditer(fold(text)):
            entry = self._by_surface[match.group()]
            found.append(
                Mention(
                    match.start(),
                    match.end(),
                    entry.type,
                    text[match.start() : match.end()],
                    normalized=entry.name,
                    source=SOURCE,
                )
            )
        kept = [m for m in mentions if not any(m.start < f.end and f.start < m.end for f in found)]
        return sorted(kept + found, key=lambda m: (m.start, m.end))


def _parse_row(row: list[str], where: str) -> Entry:
    if len(row) < 2 or len(row) > 3:
        raise LexiconError(f"{where}: expected name,type[,aliases], got {len(row)} fields")
    name, raw_type = row[0].strip(), row[1].strip()
    if not name:
        raise LexiconError(f"{where}: empty name")
    entity_type = TYPE_ALIASES.get(raw_type.upper())
    if entity_type is None:
        raise LexiconError(f"{where}: unknown type {raw_type!r} (use {', '.join(TYPE_ALIASES)})")
    aliases = tuple(a.strip() for a in _ALIAS_SPLIT.split(row[2]) if a.strip()) if len(row) == 3 else ()
    return Entry(name, entity_type, aliases)
