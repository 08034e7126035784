"""Per-document result cache: re-running a build only processes documents it has not seen.

Keyed by a hash of the document (id, text, date) and of everything that changes its result
(tagger name, rules version, lexicon, kg version). Stored in one SQLite file under the output
directory; every finished document is committed at once, so an interrupted build resumes
where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path

from kg.model import DocResult, Document


def document_key(doc: Document, settings_id: str) -> str:
    """Cache key of one document under one configuration (`settings_id`)."""
    digest = hashlib.sha256()
    for part in (settings_id, doc.id, doc.date or "", doc.source, doc.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class ResultCache:
    """SQLite-backed store of DocResults, one row per document key."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        self._db.commit()

    def get(self, key: str) -> DocResult | None:
        row = self._db.execute("SELECT data FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return DocResult.from_dict(json.loads(zlib.decompress(row[0])))
        except (zlib.error, ValueError, TypeError, KeyError, AttributeError):
            return None  # a damaged row is recomputed, never trusted

    def put(self, key: str, result: DocResult) -> None:
        self.put_many([(key, result)])

    def put_many(self, items: Iterable[tuple[str, DocResult]]) -> None:
        """Store results in one transaction: a killed build keeps every batch committed before it."""
        rows = [
            (key, zlib.compress(json.dumps(r.to_dict(), ensure_ascii=False).encode("utf-8"), 6)) for key, r in items
        ]
        self._db.executemany("INSERT OR REPLACE INTO results (key, data) VALUES (?, ?)", rows)
        self._db.commit()

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self._db.close()
