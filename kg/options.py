"""What configures a build and what it reports: shared by the map phase, the reduce and the build itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import __version__
from kg.process import DEFAULT_DOC_TIMEOUT


@dataclass
class BuildOptions:
    """Everything that configures a build; the CLI flags map one to one onto these fields."""

    inputs: Sequence[str | Path]
    out: str | Path
    date: str | None = None
    dates_file: str | Path | None = None
    tagger: str = "embedded"
    lexicon: str | Path | None = None
    rules: Sequence[str | Path] = ()
    city: str | None = None
    workers: int = 1
    executor: str = "local"  # local | dask
    dask_address: str | None = None
    cache: bool = True
    progress: bool | None = None  # None: a bar on a terminal, a line every 30 s otherwise; False: nothing
    max_bytes: int = 20_000_000
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT  # seconds per document; None or 0: no limit
    strict: bool = False  # a failed document stops the build (previous outputs untouched)
    exporters: Sequence[str] = ()  # plug-in exporters (kg.exporters entry points) written beside the built-in ones


@dataclass
class BuildReport:
    out: str
    documents: int = 0
    processed: int = 0
    skipped: int = 0
    skipped_reasons: dict[str, str] = field(default_factory=dict)
    failed: int = 0
    failed_documents: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> source, reason, stage, type, …
    warnings: list[str] = field(default_factory=list)  # about the build's inputs as a whole (the dates file)
    articles: int = 0
    sentences: int = 0
    mentions: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    met_edges: int = 0
    cache_hits: int = 0
    seconds: float = 0.0
    tagger: str = ""
    rules_version: str = ""
    kg_version: str = __version__
    outputs: list[str] = field(default_factory=list)
    city: dict[str, Any] = field(default_factory=dict)  # the paper's city, how it was chosen and the evidence

    def summary(self) -> str:
        return (
            f"{self.documents} documents ({self.processed} processed, {self.cache_hits} of them from the cache, "
            f"{self.skipped} skipped, {self.failed} failed), "
            f"{self.sentences} sentences, {sum(self.entities.values())} entities, "
            f"{sum(self.events.values())} events, {self.met_edges} met edges in {self.seconds:.1f} s -> {self.out}"
        )


class BuildError(RuntimeError):
    """The build could not run; the message says what to do."""
