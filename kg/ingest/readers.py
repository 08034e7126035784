"""Turn input paths (.txt files, folders, .jsonl files) into Documents, never raising on bad input.

Every input document becomes exactly one Document: status "ok" with decoded text, or status
"skipped" with a reason a user can act on. Bad files are common in scraped or OCR'd
archives and must not stop a build of thousands of pages.

Only regular files are opened, and never more than max_bytes (+1) of one is read: FIFOs,
devices and sockets, dangling links and link loops are skipped documents with their reason; a
file met twice (named twice, inside a folder also given, through a link) is read once, its
other occurrences skipped naming the first.

Ids: a .txt file is named by its stem, a JSONL record by its `id` (or "<stem>:<line>" when it
has none). Derived ids (stems, "<stem>:<line>") that clash with an earlier id get a "~2",
"~3" ... suffix in input order; an explicit JSONL id seen before is a data error and that
record is skipped with a "duplicate id" reason (it keeps its id; the first one wins).

Dates (first source present wins): the record's `date`, the dates TSV (matched by file
name), the `date` argument, a full date printed in the text. An invalid date from the winning
source leaves the document undated with a warning in meta["warnings"].
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.ingest.dates import DateError, date_in_text, parse_date
from kg.ingest.decode import DecodeError, decode
from kg.model import Document

TEXT_SUFFIX = ".txt"
JSONL_SUFFIX = ".jsonl"
_LINE_CHUNK = 1 << 20  # the part of a too-large JSONL line read at a time, to skip it in bounded memory
# Files that are not regular files are never opened: a FIFO blocks until a writer comes, a device never ends.
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)
_RECORD_FIELDS = ("id", "text", "date", "title")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class DateContext:
    """The user-given date sources shared by all documents of one load."""

    cli: str | None = None
    by_file: dict[str, str] = field(default_factory=dict)  # file name or stem -> raw date

    def lookup(self, path: Path) -> str | None:
        return self.by_file.get(path.name, self.by_file.get(path.stem))


class DatesFileError(ValueError):
    """The --dates file cannot be used; the message names the file, the row and the fix."""


def read_dates_tsv(path: str | Path) -> tuple[dict[str, str], list[str]]:
    """Read a TSV with a header naming columns `file` and `date`; returns the map and warnings.

    A missing or unreadable file, a missing header or a date that is not a real YYYY-MM-DD is
    an error (every bad row listed); a file listed twice is a warning and its first row wins.
    """
    try:
        text = decode(Path(path).read_bytes()).text
    except (OSError, DecodeError) as exc:
        raise DatesFileError(f"dates file {path}: cannot read it ({getattr(exc, 'strerror', None) or exc})") from exc
    rows = [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), 1) if line.strip() and line[0] != "#"]
    header = [c.strip().lower() for c in rows[0][1]] if rows else []
    if not {"file", "date"} <= set(header):
        raise DatesFileError(
            f"dates file {path}: the first line must be a header naming the columns, e.g. file<TAB>date"
        )
    file_col, date_col = header.index("file"), header.index("date")
    mapping: dict[str, str] = {}
    first_row: dict[str, int] = {}
    warnings, errors = [], []
    for number, row in rows[1:]:
        if len(row) <= max(file_col, date_col):
            errors.append(f"line {number}: {len(row)} column(s), expected file<TAB>date")
            continue
        name, raw = Path(row[file_col].strip()).name, row[date_col].strip()
        try:
            date = parse_date(raw)
        except DateError as exc:
            errors.append(f"line {number}: {exc}")
            continue
        if name in first_row:
            warnings.append(f"dates file {path}: line {number} lists {name} again (line {first_row[name]} is used)")
            continue
        mapping[name], first_row[name] = date, number
    if errors:
        shown = "; ".join(errors[:5]) + (f"; and {len(errors) - 5} more" if len(errors) > 5 else "")
        raise DatesFileError(f"dates file {path}: {shown}. Fix these lines (dates as YYYY-MM-DD) and run again")
    return mapping, warnings


class _Ids:
    """Hands out unique document ids in input order."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}  # id -> source that took it

    def derived(self, base: str, source: str) -> str:
        name, suffix = base, 2
        while name in self.seen:
            name, suffix = f"{base}~{suffix}", suffix + 1
        self.seen[name] = source
        return name

    def explicit(self, value: str, source: str) -> str | None:
        """The first source that used `value`, or None after registering it."""
        if value in self.seen:
            return self.seen[value]
        self.seen[value] = source
        return None


def _skip(doc: Document, reason: str) -> Document:
    doc.status, doc.reason = "skipped", reason
    return doc


def _warn(doc: Document, warnings: list[str]) -> None:
    if warnings:
        doc.meta.setdefault("warnings", []).extend(warnings)


def _assign_date(doc: Document, record_date: Any, path: Path, dates: DateContext) -> None:
    """Set doc.date/date_source from the first source present (see module doc)."""
    if dates.by_file and record_date in (None, "") and dates.lookup(path) is None:
        _warn(doc, [f"{path.name} is not listed in the dates file"])
    for source, raw in (("jsonl", record_date), ("tsv", dates.lookup(path)), ("cli", dates.cli)):
        if raw is None or raw == "":
            continue
        try:
            doc.date, doc.date_source = parse_date(str(raw)), source
        except DateError as exc:
            _warn(doc, [f"{source} date: {exc}; document left undated"])
        return
    found, warnings = date_in_text(doc.text)
    _warn(doc, warnings)
    if found:
        doc.date, doc.date_source = found, "text"


def _open_regular(path: Path) -> Any:
    """A binary handle on `path`, which must still be a regular file once open (raises OSError otherwise).

    Opened without blocking, so a file swapped for a FIFO after it was checked cannot hang the build.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        kind = _special_kind(os.fstat(fd).st_mode)
        if kind:
            raise OSError(errno.EINVAL, f"not a regular file: {kind}")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _text_document(path: Path, ids: _Ids, dates: DateContext, max_bytes: int) -> Document:
    doc = Document(id=ids.derived(path.stem, str(path)), source=str(path))
    try:
        with _open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(max_bytes + 1) if size <= max_bytes else b""  # bounded even if the file grows
        size = max(size, len(data))
        if size > max_bytes:
            return _skip(doc, f"too large: {size:,} bytes > limit {max_bytes:,} bytes")
    except OSError as exc:
        return _skip(doc, f"unreadable: {exc.strerror or exc}")
    if not data:
        return _skip(doc, "empty file (0 bytes)")
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return _skip(doc, str(exc))
    if not decoded.text.strip():
        return _skip(doc, "whitespace-only text")
    doc.text, doc.encoding = decoded.text, decoded.encoding
    _warn(doc, decoded.warnings)
    _assign_date(doc, None, path, dates)
    return doc


def _decode_line(raw: bytes) -> tuple[str, str, list[str]]:
    """JSONL should be UTF-8; a legacy-encoded line is still accepted (with its encoding named)."""
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        decoded = decode(raw)
        return decoded.text, decoded.encoding, decoded.warnings


def _scrub_surrogates(value: Any) -> Any:
    """JSON may escape lone UTF-16 surrogates ("\\ud800") that no UTF-8 output can hold: U+FFFD instead."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_scrub_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_scrub_surrogates(k): _scrub_surrogates(v) for k, v in value.items()}
    return value


def _record_document(
    raw: bytes | int, number: int, path: Path, ids: _Ids, dates: DateContext, max_bytes: int
) -> Document:
    """One JSONL line (or the size of one too large to read) -> Document, skipped with a 'line N: ...' reason
    when it is bad."""
    source = f"{path}:{number}"
    derived_id = f"{path.stem}:{number}"
    if isinstance(raw, int):
        return _skip(
            Document(id=ids.derived(derived_id, source), source=source),
            f"line {number}: too large: {raw:,} bytes > limit {max_bytes:,} bytes",
        )
    try:
        line, encoding, warnings = _decode_line(raw)
        record = json.loads(line)
    except DecodeError as exc:
        return _skip(Document(id=ids.derived(derived_id, source), source=source), f"line {number}: {exc}")
    except json.JSONDecodeError as exc:
        reason = f"line {number}: malformed JSON ({exc.msg} at column {exc.colno})"
        return _skip(Document(id=ids.derived(derived_id, source), source=source), reason)
    if not isinstance(record, dict):
        reason = f"line {number}: not a JSON object ({type(record).__name__})"
        return _skip(Document(id=ids.derived(derived_id, source), source=source), reason)
    cleaned = _scrub_surrogates(record)
    if cleaned != record:
        record, warnings = cleaned, [*warnings, f"line {number}: lone surrogate escapes (\\udXXX) replaced by U+FFFD"]
    given_id = record.get("id")
    if given_id is None or given_id == "":
        doc = Document(id=ids.derived(derived_id, source), source=source)
    else:
        doc = Document(id=str(given_id), source=source)
        first = ids.explicit(doc.id, source)
        if first:
            return _skip(doc, f"line {number}: duplicate id {doc.id!r} (first used at {first})")
    if "text" not in record:
        return _skip(doc, f"line {number}: missing 'text'")
    text = record["text"]
    if not isinstance(text, str):
        return _skip(doc, f"line {number}: 'text' is not a string ({type(text).__name__})")
    if not text.strip():
        return _skip(doc, f"line {number}: empty text")
    if "\x00" in text:
        return _skip(doc, f"line {number}: binary content (NUL characters in 'text')")
    doc.text, doc.encoding = text, encoding
    title = record.get("title")
    doc.title = title if isinstance(title, str) else None
    doc.meta = {k: v for k, v in record.items() if k not in _RECORD_FIELDS}  # includes the record's `source`
    _warn(doc, warnings)
    _assign_date(doc, record.get("date"), path, dates)
    return doc


def _lines(handle: Any, max_bytes: int) -> Iterator[bytes | int]:
    """The lines of a binary file; a line longer than max_bytes comes as its size, read in bounded chunks."""
    while line := handle.readline(max_bytes + 1):
        if len(line) <= max_bytes:
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n") and (line := handle.readline(_LINE_CHUNK)):
            size += len(line)
        yield size


def _jsonl_documents(path: Path, ids: _Ids, dates: DateContext, max_bytes: int) -> Iterator[Document]:
    try:
        handle = _open_regular(path)
    except OSError as exc:
        yield _skip(
            Document(id=ids.derived(path.stem, str(path)), source=str(path)), f"unreadable: {exc.strerror or exc}"
        )
        return
    with handle:
        for number, raw in enumerate(_lines(handle, max_bytes), 1):
            if number == 1 and isinstance(raw, bytes):
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if isinstance(raw, int) or raw.strip():
                yield _record_document(raw, number, path, ids, dates, max_bytes)


def _under(path: Path, folders: Sequence[Path]) -> bool:
    if not folders:  # resolving costs a system call per path component
        return False
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: judged by where it is, not where it points
        resolved = path.absolute()
    return any(resolved == folder or folder in resolved.parents for folder in folders)


def _expand(inputs: Sequence[str | Path], exclude: Sequence[str | Path] = ()) -> Iterator[Path]:
    """Input paths in a deterministic order: folders are walked recursively, sorted by relative path.

    A walk lists every .txt/.jsonl entry that is not a folder, links and special files included, so
    that they are reported rather than silently dropped. Nothing under an `exclude` folder is listed
    (a build's own output folder inside its input).
    """
    excluded = [Path(e).resolve() for e in exclude]
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = [
                p
                for p in path.rglob("*")
                if p.suffix.lower() in (TEXT_SUFFIX, JSONL_SUFFIX) and not p.is_dir() and not _under(p, excluded)
            ]
            yield from sorted(found, key=lambda p: p.relative_to(path).as_posix())
        elif not _under(path, excluded):
            yield path


def _special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")


def _unreachable(path: Path, exc: OSError) -> str:
    """Why os.stat failed on `path`, for the user: a missing file, a dangling link, a link loop."""
    if exc.errno in (errno.ENOENT, errno.ENOTDIR) and not os.path.islink(path):
        return "no such file or directory"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link leads back to itself): fix or remove the link"
    if exc.errno == errno.ENOENT:
        return f"dangling symbolic link: its target {os.readlink(path)} does not exist; fix or remove the link"
    return f"unreadable: {exc.strerror or exc}"


@dataclass(frozen=True)
class _Entry:
    """One input file in input order: to read, or to report as skipped with `reason`."""

    path: Path
    reason: str | None = None


def _entries(inputs: Sequence[str | Path], exclude: Sequence[str | Path]) -> Iterator[_Entry]:
    """The files of `inputs` (see `_expand`), each checked before anything opens it.

    Only regular files are read: a FIFO would block the build forever and a device never ends. A file
    met again (named twice, inside a folder also given, through a link) is reported, not read twice.
    """
    first_seen: dict[tuple[int, int], Path] = {}  # (device, inode) -> where the file was met first
    for path in _expand(inputs, exclude):
        try:
            info = os.stat(path)
        except OSError as exc:
            yield _Entry(path, _unreachable(path, exc))
            continue
        kind = _special_kind(info.st_mode)
        if kind:
            yield _Entry(path, f"not a regular file: {kind}; kg reads only regular files (save the text to a file)")
            continue
        first = first_seen.setdefault((info.st_dev, info.st_ino), path)
        if first is not path:
            yield _Entry(path, f"the same file as {first}, already read (given twice, or through a link)")
            continue
        yield _Entry(path)


def count_documents(inputs: Sequence[str | Path], *, exclude: Sequence[str | Path] = ()) -> int:
    """How many documents `load_documents` will yield at most (one per file, one per non-blank JSONL line):
    the total for a progress bar, counted without decoding anything."""
    total = 0
    for entry in _entries(inputs, exclude):
        if entry.reason or entry.path.suffix.lower() != JSONL_SUFFIX:
            total += 1
            continue
        try:
            with _open_regular(entry.path) as handle:
                total += sum(1 for line in _lines(handle, _LINE_CHUNK) if isinstance(line, int) or line.strip())
        except OSError:
            total += 1  # reported as one skipped document
    return total


def load_documents(
    inputs: Sequence[str | Path],
    *,
    date: str | None = None,
    dates_file: str | Path | None = None,
    max_bytes: int = 20_000_000,
    exclude: Sequence[str | Path] = (),
) -> Iterator[Document]:
    """Yield one Document per input document (see module doc); bad input is skipped with a reason.

    Files under an `exclude` folder are never read.
    """
    dates = DateContext(cli=date)
    if dates_file is not None:
        dates.by_file, _ = read_dates_tsv(dates_file)  # its warnings are the build's, reported once
    ids = _Ids()
    for entry in _entries(inputs, exclude):
        path = entry.path
        if entry.reason:
            yield _skip(Document(id=ids.derived(path.stem or str(path), str(path)), source=str(path)), entry.reason)
        elif path.suffix.lower() == JSONL_SUFFIX:
            yield from _jsonl_documents(path, ids, dates, max_bytes)
        else:
            yield _text_document(path, ids, dates, max_bytes)
