"""The output directory of a build: who may write it, and how a finished build's files replace the old ones.

- One build per OUT at a time: a lock file in OUT, held (flock) for the whole build, names the
  process holding it; the lock dies with its process, so a killed build never blocks the next.
- Staging folders inside OUT left by dead builds are removed once the lock is held (never a
  live build's: it would hold the lock).
- Publishing is all or nothing: the old outputs are kept aside (hard links) while the new ones
  are renamed into place, and put back if any rename fails, so OUT never mixes two builds.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

LOCK_NAME = ".kg-build.lock"
STAGING_PREFIX = ".kg-build-"  # hidden folder inside OUT where a build writes before moving into place
_SYSTEM_FOLDERS = ("/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/run", "/sbin", "/sys", "/usr",
                   "/var")  # fmt: skip


class OutputDirError(RuntimeError):
    """OUT cannot be used for this build; the message says why and what to do."""


def check_output_dir(out: Path) -> None:
    """Refuse system folders and the home folder itself; create OUT; fail early if it is not writable."""
    resolved = out.expanduser().resolve()
    if str(resolved) in _SYSTEM_FOLDERS or resolved == Path.home().resolve():
        raise OutputDirError(
            f"refusing to write a build into {resolved}: a build owns its output folder (it removes its stale "
            "staging folders and replaces files there). Choose a folder of its own, e.g. --out out/news"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputDirError(f"cannot create output directory {out}: {error.strerror}") from error
    if not os.access(out, os.W_OK):
        raise OutputDirError(f"output directory {out} is not writable: choose another --out or fix its permissions")


def _holder(handle) -> str:
    handle.seek(0)
    pid = handle.read().strip()
    return f"process {pid}" if pid else "another process"


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold OUT's build lock for the body; another build into OUT fails at once naming the holder.

    Staging folders found once the lock is held belong to dead builds and are removed.
    """
    handle = (out / LOCK_NAME).open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputDirError(
                f"another kg build ({_holder(handle)}) is writing to {out}: wait for it to finish, "
                "or choose another --out"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        for stale in out.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        handle.close()  # closing releases the lock


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _keep_aside(path: Path, aside: Path) -> bool:
    """Hard-link (or copy) the current file at `path`, or each file of the folder there, into `aside`; False when
    there is none."""
    if path.is_dir() and not path.is_symlink():
        shutil.copytree(path, aside, copy_function=_link_or_copy)
        return True
    if not path.is_file():
        return False
    _link_or_copy(path, aside)
    return True


def _move_into_place(source: Path, target: Path) -> None:
    """os.replace, also for a folder output (such as neo4j/): a folder cannot be renamed over a non-empty one, so
    the old folder (already kept aside) is removed first."""
    if source.is_dir() and target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    os.replace(source, target)


def publish(staging: Path, out: Path, names: Sequence[str]) -> None:
    """Move `names` from `staging` into `out` as one set; on any failure the old set is restored, then it raises."""
    aside = staging / ".previous"
    aside.mkdir()
    had_old = {name: _keep_aside(out / name, aside / name) for name in names}
    moved: list[str] = []
    try:
        for name in names:
            _move_into_place(staging / name, out / name)
            moved.append(name)
    except OSError:
        for name in reversed(moved):
            with suppress(OSError):
                if had_old[name]:
                    _move_into_place(aside / name, out / name)
                elif (out / name).is_dir():
                    shutil.rmtree(out / name)
                else:
                    os.unlink(out / name)
        raise
