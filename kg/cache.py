"""Per-document result cache: re-running a build only processes documents it has not seen.

Keyed by a hash of everything of the input document (text, id, date, source, encoding, title, warnings:
all of it reaches the outputs) and of everything that changes its result (tagger name, rules version,
lexicon, kg version). Stored in one SQLite file under the output directory; every finished document is
committed at once, so an interrupted build resumes where it stopped. A damaged file (garbage, truncated) is
moved aside with a `CacheRebuilt` warning and the cache starts empty: it only ever costs recomputation.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import warnings
import zlib
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from kg.model import DocResult, Document

T = TypeVar("T")

# What segmentation (kg.ingest.segment) adds to a Document in place: results, not inputs. A serial build
# computes the key of a stored result after segmentation, so these must not change it.
_SEGMENTATION_FIELDS = frozenset({"articles"})
_SEGMENTATION_META = frozenset({"labels"})
_DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_SIDE_FILES = ("", "-wal", "-shm", "-journal")  # the database and SQLite's companions, moved aside together


class CacheRebuilt(UserWarning):
    """The cache file was damaged: it was moved aside and the cache starts empty."""


def document_key(doc: Document, settings_id: str) -> str:
    """Cache key of one input document under one configuration (`settings_id`).

    Every field of the document is covered (a GBK page re-saved as UTF-8 must not keep "gb18030"), except
    what segmentation adds. Text is hashed on its own: it is the bulk, and may hold lone surrogates.
    """
    header = {
        f.name: getattr(doc, f.name)
        for f in dataclasses.fields(doc)
        if f.name != "text" and f.name not in _SEGMENTATION_FIELDS
    }
    header["meta"] = {k: v for k, v in doc.meta.items() if k not in _SEGMENTATION_META}
    digest = hashlib.sha256()
    for part in (settings_id, json.dumps(header, sort_keys=True, default=str), doc.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class _FailedCheck(sqlite3.DatabaseError):
    """PRAGMA quick_check found damage that no statement has run into yet (a truncated file)."""


def _is_damage(error: sqlite3.Error) -> bool:
    """A damaged database file (not a full disk, a lock or a permission: those are the user's to fix)."""
    return isinstance(error, _FailedCheck) or (getattr(error, "sqlite_errorcode", 0) & 0xFF) in _DAMAGED


def _encode(result: DocResult) -> bytes:
    # surrogatepass: names of files that are not valid UTF-8 are kept as lone surrogates, losslessly
    return zlib.compress(json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8", "surrogatepass"), 6)


def _decode(data: bytes) -> DocResult:
    return DocResult.from_dict(json.loads(zlib.decompress(data).decode("utf-8", "surrogatepass")))


class ResultCache:
    """SQLite-backed store of DocResults, one row per document key."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:
            if not _is_damage(error):
                raise
            self._move_aside(error)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        """A connection to the file, with the table in place and the file checked."""
        db = sqlite3.connect(self.path)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
            db.commit()
            problems = [row[0] for row in db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise _FailedCheck("; ".join(problems[:3]))
        except BaseException:
            db.close()
            raise
        return db

    def _repaired(self, operation: Callable[[], T]) -> T:
        """Run `operation`; if the file turns out damaged, move it aside, start an empty cache and run it again."""
        try:
            return operation()
        except sqlite3.DatabaseError as error:
            if not _is_damage(error):
                raise
            self._db.close()
            self._move_aside(error)
            self._db = self._open()
            return operation()

    def _move_aside(self, error: sqlite3.Error) -> None:
        """Rename the damaged file (and SQLite's companions of it) to results.sqlite.corrupt-<time>, and say so."""
        aside = self.path.with_name(f"{self.path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S-%f}")
        for suffix in _SIDE_FILES:
            part = self.path.with_name(self.path.name + suffix)
            if part.exists():
                part.replace(aside.with_name(aside.name + suffix))
        warnings.warn(
            f"the result cache {self.path} was damaged ({error}): moved it to {aside.name} and started an empty "
            "cache, so every document is processed again; delete the moved file once you no longer need it",
            CacheRebuilt,
            stacklevel=3,
        )

    def get(self, key: str) -> DocResult | None:
        row = self._repaired(lambda: self._db.execute("SELECT data FROM results WHERE key = ?", (key,)).fetchone())
        if row is None:
            return None
        try:
            return _decode(row[0])
        except (zlib.error, ValueError, TypeError, KeyError, AttributeError):
            return None  # a damaged row is recomputed, never trusted

    def put_many(self, items: Iterable[tuple[str, DocResult]]) -> None:
        """Store results in one transaction: a killed build keeps every batch committed before it."""
        rows = [(key, _encode(result)) for key, result in items]

        def insert() -> None:
            with self._db:  # commits, or rolls back what a damaged file let through
                self._db.executemany("INSERT OR REPLACE INTO results (key, data) VALUES (?, ?)", rows)

        self._repaired(insert)

    def __len__(self) -> int:
        return self._repaired(lambda: self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0])

    def close(self) -> None:
        self._db.close()
