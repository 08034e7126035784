"""The build: documents in, a knowledge graph and its exports out.

Map: every document goes through ingest -> tag -> events on its own (serially, in local
worker processes, or on a Dask cluster), and its result is cached. Reduce: aliases are merged
across all documents, the graph is assembled and every output is written atomically.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import __version__
from kg.cache import ResultCache, document_key
from kg.graph.gcpause import freeze_survivors, paused_gc, release_frozen
from kg.io.atomic import atomic_write, dumps, output_errors, read_jsonl, write_json, write_jsonl
from kg.model import DocResult, Document, Entity, Event
from kg.tag import tagger_id
from kg.textnorm import fold

if TYPE_CHECKING:
    import networkx as nx

CHUNK_DOCUMENTS = 16  # documents tagged in one batched model call
FREEZE_EVERY = 64  # documents between two freezes of the results held for the reduce (kg.graph.gcpause)
PARTIAL_MENTIONS = "mentions.partial.jsonl"  # mention records before alias resolution (staging only)
STAGING_PREFIX = ".kg-build-"  # hidden folder inside OUT where a build writes before moving into place
STREAMED = ("documents.jsonl", "sentences.jsonl", PARTIAL_MENTIONS)  # written as results arrive


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
    progress: bool | None = None  # None: show bars on a terminal
    max_bytes: int = 20_000_000


@dataclass
class BuildReport:
    out: str
    documents: int = 0
    processed: int = 0
    skipped: int = 0
    skipped_reasons: dict[str, str] = field(default_factory=dict)
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

    def summary(self) -> str:
        return (
            f"{self.documents} documents ({self.processed} processed, {self.cache_hits} of them from the cache, "
            f"{self.skipped} skipped), "
            f"{self.sentences} sentences, {sum(self.entities.values())} entities, "
            f"{sum(self.events.values())} events, {self.met_edges} met edges in {self.seconds:.1f} s -> {self.out}"
        )


# --------------------------------------------------------------------------- map: one document


@dataclass
class Components:
    """What a worker loads once and reuses for every document it processes."""

    tagger: Any
    rules: Any
    lexicon: Any


def settings_id(tagger_id: str, rules: Any, lexicon: Any) -> str:
    """Everything besides a document that decides its result: part of every cache key."""
    lexicon_id = getattr(lexicon, "version", "") if lexicon is not None else ""
    return "|".join((__version__, tagger_id, rules.version, lexicon_id))


_COMPONENTS: dict[tuple, Components] = {}


def load_components(tagger: str, rules: Sequence[str | Path] = (), lexicon: str | Path | None = None) -> Components:
    """Load (once per process) the tagger, the rules and the lexicon."""
    key = (tagger, tuple(str(r) for r in rules), str(lexicon or ""))
    if key not in _COMPONENTS:
        from kg.events import load_rules
        from kg.tag import get_tagger
        from kg.tag.lexicon import Lexicon

        _COMPONENTS[key] = Components(
            tagger=get_tagger(tagger),
            rules=load_rules(list(rules)),
            lexicon=Lexicon.load(lexicon) if lexicon else None,
        )
    return _COMPONENTS[key]


def process_documents(docs: Sequence[Document], components: Components) -> list[DocResult]:
    """Segment, tag (one batched model call for all sentences) and extract events."""
    from kg.events import extract_events
    from kg.ingest import segment
    from kg.tag.annotate import annotate_document

    segmented = [segment(doc) for doc in docs]
    sentences = [s for doc in segmented for s in doc.sentences]
    tagged = components.tagger.tag([fold(s.text) for s in sentences]) if sentences else []
    by_sentence = {s.id: found for s, found in zip(sentences, tagged, strict=True)}
    results = []
    for doc in segmented:
        model_mentions = {s.id: by_sentence[s.id] for s in doc.sentences}
        mentions = annotate_document(doc, model_mentions, lexicon=components.lexicon)
        events = extract_events(doc, mentions, components.rules)
        results.append(DocResult(document=doc, mentions=mentions, events=events))
    return results


def _process_chunk_in_worker(docs: list[Document], tagger: str, rules: tuple, lexicon: str | None) -> list[DocResult]:
    """Entry point in worker processes (local pool or Dask): components load once per worker."""
    _limit_threads()
    return process_documents(docs, load_components(tagger, rules, lexicon))


def _limit_threads() -> None:
    """One compute thread per process: N workers use N cores, and a busy machine does not stall torch.

    With two intra-op threads on a machine whose other core is busy, a batch of sentences took
    100x longer (measured: 0.3 s with one thread, 27 s with two).
    """
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:  # pragma: no cover - torch is a dependency
        pass


def _finished(value: Any) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


@contextmanager
def _executor(options: BuildOptions, components: Components | None) -> Iterator[Callable[[list[Document]], Any]]:
    """A function that starts the processing of one chunk and returns its future (`.done()`, `.result()`)."""
    args = (options.tagger, tuple(str(r) for r in options.rules), str(options.lexicon) if options.lexicon else None)
    if options.executor == "dask":
        from dask.distributed import Client, LocalCluster

        cluster = None
        if options.dask_address:
            client = Client(options.dask_address)
        else:
            cluster = LocalCluster(n_workers=max(options.workers, 1), threads_per_worker=1, processes=True)
            client = Client(cluster)
        try:
            yield lambda chunk: client.submit(_process_chunk_in_worker, chunk, *args, pure=False)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    elif options.workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")  # torch is not fork-safe
        pool = ProcessPoolExecutor(options.workers, mp_context=context)
        try:
            yield lambda chunk: pool.submit(_process_chunk_in_worker, chunk, *args)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        assert components is not None
        _limit_threads()
        yield lambda chunk: _finished(process_documents(chunk, components))


def map_documents(
    documents: Iterable[Document],
    submit: Callable[[list[Document]], Any],
    cached: Callable[[Document], DocResult | None],
    store: Callable[[list[Document], list[DocResult]], None],
    ahead: int,
) -> Iterator[tuple[Document, DocResult | None, bool]]:
    """Every document with its result (None when skipped) and whether it is fresh (not cached), in input order.

    Documents without a cached result are processed in chunks of CHUNK_DOCUMENTS; at most `ahead`
    chunks are queued, so memory stays flat however long the input is. Fresh results go to `store`
    as their chunk is yielded.
    """
    queue: deque[tuple[list[Document], Any, bool]] = deque()  # (documents, future of their results, fresh)
    chunk: list[Document] = []

    def flush() -> None:
        if chunk:
            queue.append((list(chunk), submit(list(chunk)), True))
            chunk.clear()

    def ready(limit: int) -> Iterator[tuple[Document, DocResult | None, bool]]:
        while queue and (len(queue) > limit or queue[0][1].done()):
            docs, future, fresh = queue.popleft()
            results = future.result()
            if fresh:
                store(docs, results)
            yield from ((doc, result, fresh) for doc, result in zip(docs, results, strict=True))

    for doc in documents:
        result = cached(doc) if doc.status == "ok" else None
        if doc.status == "ok" and result is None:
            chunk.append(doc)
            if len(chunk) == CHUNK_DOCUMENTS:
                flush()
        else:
            flush()
            queue.append(([doc], _finished([result]), False))
        yield from ready(ahead)
    flush()
    yield from ready(0)


# --------------------------------------------------------------------------- reduce: records and outputs


def document_record(result_or_doc: DocResult | Document) -> dict[str, Any]:
    doc = result_or_doc.document if isinstance(result_or_doc, DocResult) else result_or_doc
    return {
        "id": doc.id,
        "source": doc.source,
        "date": doc.date,
        "date_source": doc.date_source,
        "encoding": doc.encoding,
        "title": doc.title,
        "status": doc.status,
        "reason": doc.reason,
        "warnings": doc.meta.get("warnings", []),
        "chars": len(doc.text),
        "articles": len(doc.articles),
        "sentences": sum(len(a.sentences) for a in doc.articles),
        "headlines": [a.headlines for a in doc.articles],
        "bylines": [b.to_dict() for a in doc.articles for b in a.bylines],
    }


def sentence_records(result: DocResult) -> Iterator[dict[str, Any]]:
    for sentence in result.document.sentences:
        yield {
            "id": sentence.id,
            "doc": sentence.doc,
            "article": sentence.article,
            "start": sentence.start,
            "end": sentence.end,
            "text": sentence.text,
        }


def mention_records(result: DocResult) -> Iterator[dict[str, Any]]:
    """Mentions with raw-document offsets, in document order."""
    for sentence in result.document.sentences:
        for mention in result.mentions.get(sentence.id, []):
            start, end = sentence.raw_span(mention.start, mention.end)
            yield {
                "doc": sentence.doc,
                "article": sentence.article,
                "sentence": sentence.id,
                "start": start,
                "end": end,
                "text": mention.text,
                "type": mention.type,
                "normalized": mention.normalized,
                "title": mention.title,
                "entity": mention.entity,
                "source": mention.source,
                **{k: v for k, v in mention.attrs.items() if k in ("time_of_day", "time", "titles", "title_orgs")},
            }


def _light(result: DocResult, keep_text: bool) -> DocResult:
    """What the reduce keeps of one document: structure, mentions and events, without raw text or offsets.

    Sentence texts stay only when the city must be inferred from them (`keep_text`).
    """
    doc = result.document
    articles = [
        dataclasses.replace(
            article,
            sentences=[dataclasses.replace(s, text=s.text if keep_text else "", offsets=[]) for s in article.sentences],
        )
        for article in doc.articles
    ]
    text = doc.text if keep_text and not any(a.sentences for a in articles) else ""
    return DocResult(dataclasses.replace(doc, text=text, articles=articles), result.mentions, result.events)


def _resolved_mentions(partial: Path, results: list[DocResult]) -> Iterator[dict[str, Any]]:
    """Mention records written before alias resolution, now with their entity ids (same order)."""
    resolved = (m for r in results for s in r.document.sentences for m in r.mentions.get(s.id, []))
    for record, mention in zip(read_jsonl(partial), resolved, strict=True):
        record["entity"] = mention.entity
        yield record


def _report_counts(report: BuildReport, results: list[DocResult], entities: list[Entity], events: list[Event]) -> None:
    mention_types: Counter[str] = Counter()
    for result in results:
        for found in result.mentions.values():
            mention_types.update(m.type for m in found)
    report.articles = sum(len(r.document.articles) for r in results)
    report.sentences = sum(len(r.document.sentences) for r in results)
    report.mentions = dict(sorted(mention_types.items()))
    report.entities = dict(sorted(Counter(e.type for e in entities).items()))
    report.events = dict(sorted(Counter(e.type for e in events).items()))


@paused_gc()
def write_outputs(
    staging: Path, documents: list[Document], results: list[DocResult], entities: list[Entity], report: BuildReport
) -> nx.MultiDiGraph:
    """Assemble the graph and write the reduce's outputs into `staging` (beside the streamed ones)."""
    from kg.graph import build_graph
    from kg.graph.export import write_csv, write_graphml
    from kg.graph.export import write_json as write_graph_json
    from kg.graph.html import write_html

    events = [e for r in results for e in r.events]
    graph = build_graph(entities, events, documents)
    report.met_edges = sum(1 for *_, rel in graph.edges(data="relation") if rel == "met")
    _report_counts(report, results, entities, events)

    written = {
        "mentions.jsonl": lambda p: write_jsonl(p, _resolved_mentions(staging / PARTIAL_MENTIONS, results)),
        "entities.jsonl": lambda p: write_jsonl(p, (e.to_dict() for e in entities)),
        "events.jsonl": lambda p: write_jsonl(p, (e.to_dict() for e in events)),
        "graph.graphml": lambda p: write_graphml(graph, p),
        "graph.json": lambda p: write_graph_json(graph, p),
        "nodes.csv": None,
        "edges.csv": lambda p: write_csv(graph, staging / "nodes.csv", p),
        "graph.html": lambda p: write_html(graph, p),
    }
    for name, writer in written.items():
        if writer is not None:
            writer(staging / name)
    report.outputs = sorted([*STREAMED[:2], *written, "report.json"])
    return graph


# --------------------------------------------------------------------------- the build


def _progress(enabled: bool | None):
    from tqdm import tqdm

    disable = (not enabled) if enabled is not None else not sys.stderr.isatty()
    return tqdm(unit="doc", desc="kg build", disable=disable, dynamic_ncols=True)


def check_output_dir(out: Path) -> None:
    """Fail early, with a clear message, when outputs could not be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create output directory {out}: {error.strerror}") from error
    if not os.access(out, os.W_OK):
        raise BuildError(f"output directory {out} is not writable: choose another --out or fix its permissions")


class BuildError(RuntimeError):
    """The build could not run; the message says what to do."""


@contextmanager
def _ctrl_c_noticed() -> Iterator[Callable[[], bool]]:
    """A function telling whether Ctrl-C was pressed, for the document loop to check and stop cleanly.

    The first Ctrl-C only sets a flag: a KeyboardInterrupt raised wherever Python happens to be can land
    in a finalizer run by the garbage collector, where Python prints it and drops it. A second Ctrl-C
    raises at once, for a document that takes too long. Only the main thread may set signal handlers.
    """
    pressed = threading.Event()
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        yield pressed.is_set  # run with Ctrl-C ignored (nohup, a background job): it stays ignored
        return

    def on_sigint(signum: int, frame: Any) -> None:
        if pressed.is_set():
            raise KeyboardInterrupt
        pressed.set()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield pressed.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def _map_phase(
    options: BuildOptions,
    local: Components | None,
    settings: str,
    staging: Path,
    report: BuildReport,
    interrupted: Callable[[], bool],
) -> tuple[list[Document], list[DocResult]]:
    """Pass 1: process (or fetch from the cache) every document and stream its records to `staging`.

    Returns every document and the light results of the processed ones (see `_light`), in input order.
    """
    from kg.ingest import load_documents

    cache = ResultCache(Path(options.out) / "cache" / "results.sqlite") if options.cache else None

    def cached(doc: Document) -> DocResult | None:
        return cache.get(document_key(doc, settings)) if cache is not None else None

    def store(docs: list[Document], results: list[DocResult]) -> None:
        if cache is not None:
            cache.put_many((document_key(d, settings), r) for d, r in zip(docs, results, strict=True))

    inputs = load_documents(
        options.inputs, date=options.date, dates_file=options.dates_file, max_bytes=options.max_bytes
    )
    documents: list[Document] = []
    results: list[DocResult] = []
    sentences = 0
    with ExitStack() as stack:
        files = {name: stack.enter_context(atomic_write(staging / name)) for name in STREAMED}
        submit = stack.enter_context(_executor(options, local))
        if cache is not None:
            stack.callback(cache.close)
        bar = stack.enter_context(_progress(options.progress))
        mapped = map_documents(inputs, submit, cached, store, ahead=4 * max(options.workers, 1))
        stack.push(_count_on_interrupt(documents, results, report))
        for doc, result, fresh in mapped:
            if interrupted():
                raise KeyboardInterrupt
            files["documents.jsonl"].write(dumps(document_record(result or doc)) + "\n")
            if result is None:
                report.skipped_reasons[doc.id] = doc.reason or ""
                documents.append(dataclasses.replace(doc, text=""))
                continue
            report.cache_hits += not fresh
            files["sentences.jsonl"].writelines(dumps(r) + "\n" for r in sentence_records(result))
            files[PARTIAL_MENTIONS].writelines(dumps(r) + "\n" for r in mention_records(result))
            results.append(_light(result, keep_text=options.city is None))
            documents.append(results[-1].document)
            if len(results) % FREEZE_EVERY == 0:
                freeze_survivors()  # what the reduce needs stays alive: keep full collections off it
            sentences += len(results[-1].document.sentences)
            bar.set_postfix_str(f"{sentences / max(bar.format_dict['elapsed'], 1e-9):.0f} sentences/s", refresh=False)
            bar.update()
    report.documents, report.processed, report.skipped = len(documents), len(results), len(report.skipped_reasons)
    return documents, results


class BuildInterrupted(KeyboardInterrupt):
    """Ctrl-C during a build, with how far it got (the CLI prints it as the summary)."""

    def __init__(self, documents: int, processed: int, from_cache: int) -> None:
        super().__init__(f"{documents} documents read, {processed} processed ({from_cache} of them from the cache)")
        self.documents, self.processed, self.from_cache = documents, processed, from_cache


def _count_on_interrupt(documents: list, results: list, report: BuildReport):
    """An ExitStack callback turning a bare KeyboardInterrupt into a BuildInterrupted with counts."""

    def handler(kind, error, traceback) -> bool:
        if kind is KeyboardInterrupt:
            raise BuildInterrupted(len(documents), len(results), report.cache_hits) from error
        return False

    return handler


def _load_for_build(options: BuildOptions) -> tuple[Components | None, Any, Any]:
    """(components for a serial build, rules, lexicon): parallel builds load the tagger in their workers only."""
    if options.executor != "dask" and options.workers <= 1:
        local = load_components(options.tagger, options.rules, options.lexicon)
        return local, local.rules, local.lexicon
    from kg.events import load_rules
    from kg.tag.lexicon import Lexicon

    return None, load_rules(list(options.rules)), Lexicon.load(options.lexicon) if options.lexicon else None


def build(options: BuildOptions) -> BuildReport:
    """Run the whole build described by `options`; returns its report (also written to OUT/report.json).

    Outputs are written to a staging folder inside OUT and moved into place at the end, so an
    interrupted build leaves the previous outputs untouched (its finished documents stay cached).
    """
    from kg.graph import resolve_entities

    started = time.perf_counter()
    out = Path(options.out)
    local, rules, lexicon = _load_for_build(options)
    tagger = tagger_id(options.tagger)
    report = BuildReport(out=str(out), tagger=tagger, rules_version=rules.version)
    check_output_dir(out)  # after rules, tagger and lexicon checked: a bad one leaves OUT untouched

    for stale in out.glob(f"{STAGING_PREFIX}*"):  # left by a killed build
        shutil.rmtree(stale, ignore_errors=True)
    with output_errors(out / STAGING_PREFIX):
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        with _ctrl_c_noticed() as interrupted:
            documents, results = _map_phase(
                options, local, settings_id(tagger, rules, lexicon), staging, report, interrupted
            )
        if interrupted():  # pressed after the last document
            raise BuildInterrupted(report.documents, report.processed, report.cache_hits)
        entities = resolve_entities(results, city=options.city)
        write_outputs(staging, documents, results, entities, report)
        for name in report.outputs:
            if name != "report.json":
                os.replace(staging / name, out / name)
    finally:
        release_frozen()
        shutil.rmtree(staging, ignore_errors=True)
    report.seconds = round(time.perf_counter() - started, 3)
    write_json(out / "report.json", report.__dict__)
    return report
