"""A user lexicon: known names that override what the tagger found.

Why: a county paper has a few dozen recurring people, bureaus and places; a CSV the user
maintains (name,type,aliases[,id]) fixes the tagger's misses on them for good and gives every alias
its canonical name. A person's optional `id` pins their identity: every use of the name or its
aliases is that one entity, with that id, whatever titles namesakes carry. Matching is on `fold`ed
text, longest entry first, and a lexicon match replaces every model mention it overlaps.
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
HEADER = ("name", "type", "aliases", "id")
_ALIAS_SPLIT = re.compile(r"[|;；]")


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    id: str | None = None  # a pinned entity id (persons)


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
        """Read a CSV with header name,type[,aliases[,id]] (aliases separated by | or ;)."""
        path = Path(path)
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LexiconError(f"{path}: not UTF-8 ({exc})") from exc
        rows = csv.reader(io.StringIO(text, newline=""))
        header = tuple(h.strip().lower() for h in next(rows, []))
        if header not in (HEADER[:2], HEADER[:3], HEADER):
            raise LexiconError(
                f"{path}:1: header must be {','.join(HEADER)} (aliases, id optional), got {','.join(header)!r}"
            )
        entries = [
            _parse_row(row, len(header), f"{path}:{rows.line_num}") for row in rows if any(cell.strip() for cell in row)
        ]
        _check_ids(entries, path)
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
                    attrs={"lexicon_id": entry.id} if entry.id else {},
                )
            )
        kept = [m for m in mentions if not any(m.start < f.end and f.start < m.end for f in found)]
        return sorted(kept + found, key=lambda m: (m.start, m.end))


def _check_ids(entries: list[Entry], path: Path) -> None:
    """An id names one entry: two names of one person are one entry with aliases."""
    first: dict[str, str] = {}
    for entry in entries:
        if entry.id and first.setdefault(entry.id, entry.name) != entry.name:
            raise LexiconError(
                f"{path}: id {entry.id!r} is given to both {first[entry.id]} and {entry.name}: "
                "list the other name as an alias of one entry instead"
            )


def _parse_row(row: list[str], columns: int, where: str) -> Entry:
    if len(row) < 2 or len(row) > columns:
        raise LexiconError(f"{where}: expected {','.join(HEADER[:columns])}, got {len(row)} fields")
    name, raw_type = row[0].strip(), row[1].strip()
    if not name:
        raise LexiconError(f"{where}: empty name")
    entity_type = TYPE_ALIASES.get(raw_type.upper())
    if entity_type is None:
        raise LexiconError(f"{where}: unknown type {raw_type!r} (use {', '.join(TYPE_ALIASES)})")
    aliases = tuple(a.strip() for a in _ALIAS_SPLIT.split(row[2]) if a.strip()) if len(row) >= 3 else ()
    pinned = row[3].strip() if len(row) == 4 and row[3].strip() else None
    if pinned and entity_type != "PERSON":
        raise LexiconError(f"{where}: an id pins a person's identity; {name} is {entity_type}")
    return Entry(name, entity_type, aliases, pinned)
