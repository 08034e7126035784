"""The per-document chain: segment -> tag -> annotate -> events, with each document isolated.

One document that raises, or runs past its time budget, in any stage comes back as a Document
with status "failed" (stage, exception type and message in `meta["failure"]`); every other
document of the chunk is processed as if it were alone. Tagging is batched over the chunk for
speed; when the batch fails, each document is tagged on its own to find the one at fault.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kg import __version__
from kg.budget import TimeBudgetExceeded, time_budget
from kg.model import DocResult, Document, Mention

T = TypeVar("T")

CODE_SUFFIXES = frozenset({".py", ".yaml"})  # what decides a document's result; templates only shape graph.html
DEFAULT_DOC_TIMEOUT = 300.0  # seconds per document; a 20 MB page tags in about 4 minutes on one core


@dataclass
class Components:
    """What a worker loads once and reuses for every document it processes."""

    tagger: Any
    rules: Any
    lexicon: Any


def code_id(package: Path = Path(__file__).parent) -> str:
    """A hash of the code and data files of the kg package (not the model weights: the tagger id covers those),
    so a cache never serves results an older kg computed, even between two releases with one version string."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in CODE_SUFFIXES and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def settings_id(tagger_id: str, rules: Any, lexicon: Any) -> str:
    """Everything besides a document that decides its result: part of every cache key."""
    lexicon_id = getattr(lexicon, "version", "") if lexicon is not None else ""
    return "|".join((__version__, _code_id(), tagger_id, rules.version, lexicon_id))


_code_id = functools.cache(code_id)  # once per process: about 100 small files


_COMPONENTS: dict[tuple, Components] = {}


def load_components(tagger: str, rules: Sequence[str | Path] = (), lexicon: str | Path | None = None) -> Components:
    """Load (once per process) the tagger, the rules and the lexicon."""
    key = (tagger, tuple(str(r) for r in rules), str(lexicon or ""))
    if key not in _COMPONENTS:
        from kg.events import load_rules
        from kg.tag import get_tagger
        from kg.tag.lexicon import Lexicon

        components = Components(
            tagger=get_tagger(tagger),
            rules=load_rules(list(rules)),
            lexicon=Lexicon.load(lexicon) if lexicon else None,
        )
        _warm_up(components)
        _COMPONENTS[key] = components
    return _COMPONENTS[key]


WARM_UP_TEXT = "本报讯 3月5日上午，市委书记王立新主持召开会议，副市长李春华出席。次日，王立新到东城街道调研。"


def _warm_up(components: Components) -> None:
    """Process one small document now, so that what loads on first use (dictionaries, gazetteers, compiled
    patterns) is loaded with the components, not charged to the time budget of a build's first document."""
    process_documents(
        [Document(id="warm-up", source="", text=WARM_UP_TEXT, date="2021-03-05")], components, doc_timeout=None
    )


class StageFailed(Exception):
    """One document failed in one stage; `record` is what documents.jsonl says about it."""

    def __init__(self, stage: str, error: BaseException, seconds: float | None) -> None:
        if isinstance(error, TimeBudgetExceeded):
            kind, message = "timeout", f"timeout in {stage}: over the {seconds:g} s budget per document"
        else:
            kind, message = type(error).__name__, str(error).splitlines()[0] if str(error) else ""
        super().__init__(message)
        self.record = {"stage": stage, "type": kind, "message": message}


def failed(doc: Document, stage: str, error: BaseException, seconds: float | None = None) -> DocResult:
    """The result of a document that could not be processed: the input document, marked failed."""
    failure = error.record if isinstance(error, StageFailed) else StageFailed(stage, error, seconds).record
    reason = (
        failure["message"]
        if failure["type"] == "timeout"
        else (f"{failure['type']} in {failure['stage']}: {failure['message']}")
    )
    meta = {**doc.meta, "failure": failure}
    return DocResult(document=dataclasses.replace(doc, status="failed", reason=reason, meta=meta))


class _Clock:
    """What is left of one document's time budget across its stages."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.used = 0.0

    def run(self, stage: str, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`work(*args, **kwargs)` within the time left; any exception becomes StageFailed(stage)."""
        left = None if not self.seconds else max(self.seconds - self.used, 0.001)
        started = time.perf_counter()
        try:
            with time_budget(left):
                return work(*args, **kwargs)
        except Exception as error:
            raise StageFailed(stage, error, self.seconds) from error
        finally:
            self.used += time.perf_counter() - started


def _tag_chunk(
    segmented: list[tuple[Document, _Clock]], tagger: Any, seconds: float | None
) -> tuple[dict[str, list[Mention]], dict[str, StageFailed]]:
    """(sentence id -> model mentions, document id -> why its tagging failed) for the segmented documents.

    One batched call for the chunk (fast); if it raises or overruns, each document is tagged alone.
    """
    sentences = [s for doc, _ in segmented for s in doc.sentences]
    if not sentences:
        return {}, {}
    try:
        with time_budget(seconds * len(segmented) if seconds else None):
            tagged = tagger.tag([s.text for s in sentences])
        return {s.id: found for s, found in zip(sentences, tagged, strict=True)}, {}
    except Exception:  # find the document at fault: tag each on its own
        pass
    by_sentence: dict[str, list[Mention]] = {}
    failures: dict[str, StageFailed] = {}
    for doc, clock in segmented:
        texts = [s.text for s in doc.sentences]
        try:
            found = clock.run("tag", tagger.tag, texts) if texts else []
            by_sentence.update((s.id, m) for s, m in clock.run("tag", list, zip(doc.sentences, found, strict=True)))
        except StageFailed as error:
            failures[doc.id] = error
    return by_sentence, failures


def process_documents(
    docs: Sequence[Document], components: Components, *, doc_timeout: float | None = DEFAULT_DOC_TIMEOUT
) -> list[DocResult]:
    """Segment, tag (one batched model call for the chunk) and extract events; one result per document, in order.

    A document that fails any stage, or uses more than `doc_timeout` seconds (None: no limit),
    comes back marked failed (see `failed`); the others are unaffected.
    """
    from kg.events import extract_events
    from kg.ingest import segment
    from kg.tag.annotate import annotate_document

    results: dict[str, DocResult] = {}
    segmented: list[tuple[Document, _Clock]] = []
    for doc in docs:
        clock = _Clock(doc_timeout)
        try:
            segmented.append((clock.run("segment", segment, doc), clock))
        except StageFailed as error:
            results[doc.id] = failed(doc, "segment", error)
    tagged, tag_failures = _tag_chunk(segmented, components.tagger, doc_timeout)
    originals = {doc.id: doc for doc in docs}
    for doc, clock in segmented:
        try:
            if doc.id in tag_failures:
                raise tag_failures[doc.id]
            model_mentions = {s.id: tagged[s.id] for s in doc.sentences}
            mentions = clock.run("annotate", annotate_document, doc, model_mentions, lexicon=components.lexicon)
            events = clock.run("events", extract_events, doc, mentions, components.rules)
            results[doc.id] = DocResult(document=doc, mentions=mentions, events=events)
        except StageFailed as error:
            results[doc.id] = failed(originals[doc.id], error.record["stage"], error)
    return [results[doc.id] for doc in docs]
