"""Atomic output files: write to a temporary file beside the target, then rename.

A build killed half-way leaves every previous output intact: readers see either the old
file or the new one, never a truncated mix.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any


class OutputError(OSError):
    """An output file could not be written; the message names the file and what to do."""

    def __str__(self) -> str:
        return self.strerror or ""


_ADVICE = {  # errno -> what the user can do about it
    errno.ENOSPC: "the disk is full: free some space there or choose another output directory",
    errno.EDQUOT: "the disk quota is exhausted: free some space there or choose another output directory",
    errno.EFBIG: "the file is too large for this file system: choose another output directory",
    errno.EROFS: "the file system is read-only: choose another output directory",
    errno.EACCES: "permission denied: fix the directory's permissions or choose another output directory",
    errno.EPERM: "operation not permitted: fix the directory's permissions or choose another output directory",
}


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_read_umask()  # read once at import: os.umask() can only be read by setting it
# Outputs run to hundreds of MB written in small pieces: the default 8 KiB buffer makes a system call
# every 8 KiB, which costs more than the writing itself.
_BUFFER_BYTES = 1 << 20
ESCAPE_SURROGATES = "kg-escape-surrogates"  # error handler of every text output (see _escape_surrogates)


def _escape_surrogates(error: UnicodeError) -> tuple[str, int]:
    """Write lone surrogates as \\uXXXX, which JSON reads back as the same surrogates.

    Why: a file name that is not valid UTF-8 is decoded with surrogateescape (张 in GBK -> "\\udcd5\\udcc5")
    and reaches the outputs in ids and sources. Outputs stay valid UTF-8, JSON keeps the name losslessly,
    and only strings that hold such characters pay anything.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(f"\\u{ord(ch):04x}" for ch in bad), error.end


codecs.register_error(ESCAPE_SURROGATES, _escape_surrogates)


@contextmanager
def output_errors(path: Path) -> Iterator[None]:
    """Turn a full disk or an unwritable directory into an OutputError naming `path` and the fix."""
    try:
        yield
    except OutputError:
        raise
    except OSError as error:
        if error.errno not in _ADVICE:
            raise
        reason = error.strerror or os.strerror(error.errno)
        message = f"cannot write {path} in {path.parent}: {reason}; {_ADVICE[error.errno]}"
        raise OutputError(error.errno, message) from error


@contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temp file for writing; on success it replaces `path` atomically.

    The file gets the permissions a plain open() would give it (mkstemp's are owner-only), and a
    full disk or a read-only directory raises OutputError with a message a user can act on.
    """
    path = Path(path)
    with output_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    binary = "b" in mode
    try:
        with output_errors(path):
            with os.fdopen(
                fd,
                mode,
                _BUFFER_BYTES,
                encoding=None if binary else encoding,
                errors=None if binary else ESCAPE_SURROGATES,
                newline=None if binary else "",
            ) as handle:
                os.fchmod(handle.fileno(), _FILE_MODE)
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# Built once: json.dumps with any option set builds a new encoder on every call. Records are trees
# (parsed or dataclass-made data), so the circular-reference bookkeeping is skipped.
_COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), check_circular=False)


def dumps(record: Any) -> str:
    """Compact, deterministic JSON (sorted keys, real Unicode characters)."""
    return _COMPACT.encode(record)


def write_jsonl(records: Iterable[Any], path: str | Path) -> int:
    """Write one JSON object per line atomically (data first, path second, as networkx's writers); returns the
    number of lines."""
    count = 0
    with atomic_write(path) as handle:
        for record in records:
            handle.write(dumps(record) + "\n")
            count += 1
    return count


def write_json(data: Any, path: str | Path) -> None:
    """Write `data` as indented, deterministic JSON atomically (data first, path second)."""
    with atomic_write(path) as handle:
        handle.write(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n")


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
