"""Progress of a build: a bar on a terminal, a line every half minute in a log file, phase lines for the reduce."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

LOG_EVERY_SECONDS = 30.0  # progress lines when stderr is not a terminal (a log file)


class LogProgress:
    """Progress for a log file: a line every LOG_EVERY_SECONDS with count, total, rate and ETA, and one at the end."""

    def __init__(self, total: int | None) -> None:
        self.total, self.done = total, 0
        self.started = self.last = time.monotonic()

    def update(self) -> None:
        self.done += 1
        if time.monotonic() - self.last >= LOG_EVERY_SECONDS:
            self.last = time.monotonic()
            self._line()

    def _line(self) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        line = f"kg build: {self.done:,}"
        if self.total:
            left = max(self.total - self.done, 0)
            eta = f", about {left / rate:.0f} s left" if rate and left else ""
            line += f"/{self.total:,} documents ({100 * self.done / self.total:.0f}%), {rate:.1f} docs/s{eta}"
        else:
            line += f" documents, {rate:.1f} docs/s"
        print(line, file=sys.stderr, flush=True)

    def phase(self, name: str) -> None:
        print(f"kg build: {name}", file=sys.stderr, flush=True)

    def close(self) -> None:
        self._line()


class BarProgress:
    """Progress on a terminal: a bar with total and ETA, then a line per reduce phase."""

    def __init__(self, total: int | None) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="doc", desc="kg build", dynamic_ncols=True)

    def update(self) -> None:
        self.bar.update()

    def phase(self, name: str) -> None:
        self.bar.write(f"kg build: {name}", file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


class NoProgress:
    def update(self) -> None:
        pass

    def phase(self, name: str) -> None:
        pass

    def close(self) -> None:
        pass


Progress = LogProgress | BarProgress | NoProgress


def make_progress(enabled: bool | None, inputs: Sequence[str | Path], exclude: Sequence[str | Path]) -> Progress:
    """A bar on a terminal, periodic lines otherwise (None), forced bar (True) or nothing (False)."""
    from kg.ingest import count_documents

    if enabled is False:
        return NoProgress()
    total = count_documents(inputs, exclude=exclude)
    return BarProgress(total) if enabled or sys.stderr.isatty() else LogProgress(total)
