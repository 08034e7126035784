"""The build: documents in, a knowledge graph and its exports out.

Map: every document goes through ingest -> tag -> events on its own (serially, in local
worker processes, or on a Dask cluster), and its result is cached. Reduce: aliases are merged
across all documents, the graph is assembled and every output is written atomically.
"""

from __future__ import annotations

import dataclasses
import shutil
import signal
import sqlite3
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import __version__
from kg.cache import CacheRebuilt, ResultCache, document_key
from kg.executors import WorkerSettings, map_documents, open_executor
from kg.graph.gcpause import freeze_survivors, freezing_scope, paused_gc
from kg.io.atomic import atomic_write, dumps, output_errors, read_jsonl, write_json, write_jsonl
from kg.model import DocResult, Document, Entity, Event
from kg.outdir import STAGING_PREFIX, build_lock, check_output_dir, publish
from kg.process import DEFAULT_DOC_TIMEOUT, Components, failed, load_components, settings_id
from kg.progress import Progress, make_progress
from kg.stopping import BuildInterrupted, stop_requests
from kg.tag import tagger_id
from kg.tag.reporters import mentions_in_order

if TYPE_CHECKING:
    import networkx as nx

FREEZE_EVERY = 64  # documents between two freezes of the results held for the reduce (kg.graph.gcpause)
PARTIAL_MENTIONS = "mentions.partial.jsonl"  # mention records before alias resolution (staging only)
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
    progress: bool | None = None  # None: a bar on a terminal, a line every 30 s otherwise; False: nothing
    max_bytes: int = 20_000_000
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT  # seconds per document; None or 0: no limit
    strict: bool = False  # a failed document stops the build (previous outputs untouched)


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
        **({"failure": doc.meta["failure"]} if doc.status == "failed" else {}),  # stage, type, message
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


MENTION_ATTRS = ("time_of_day", "time", "approximate", "future", "titles", "title_orgs", "kind", "role", "byline")


def mention_records(result: DocResult) -> Iterator[dict[str, Any]]:
    """Mentions with raw-document offsets, article by article (its sentences, then its bylines' reporters,
    which have no sentence)."""
    for article, sentence, mention in mentions_in_order(result.document, result.mentions):
        start, end = sentence.raw_span(mention.start, mention.end) if sentence else (mention.start, mention.end)
        yield {
            "doc": result.document.id,
            "article": article,
            "sentence": sentence.id if sentence else None,
            "start": start,
            "end": end,
            "text": mention.text,
            "type": mention.type,
            "normalized": mention.normalized,
            "title": mention.title,
            "entity": mention.entity,
            "source": mention.source,
            **{k: v for k, v in mention.attrs.items() if k in MENTION_ATTRS},
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
    resolved = (m for r in results for _, _, m in mentions_in_order(r.document, r.mentions))
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
    from kg.graph.gexf import write_gexf
    from kg.graph.html import write_html
    from kg.graph.neo4j import write_neo4j

    events = [e for r in results for e in r.events]
    graph = build_graph(entities, events, documents)
    report.met_edges = sum(1 for *_, rel in graph.edges(data="relation") if rel == "met")
    _report_counts(report, results, entities, events)

    written = {
        "mentions.jsonl": lambda p: write_jsonl(_resolved_mentions(staging / PARTIAL_MENTIONS, results), p),
        "entities.jsonl": lambda p: write_jsonl((e.to_dict() for e in entities), p),
        "events.jsonl": lambda p: write_jsonl((e.to_dict() for e in events), p),
        "graph.graphml": lambda p: write_graphml(graph, p),
        "graph.gexf": lambda p: write_gexf(graph, p),
        "neo4j": lambda p: write_neo4j(graph, p),
        "graph.json": lambda p: write_graph_json(graph, p),
        "nodes.csv": None,
        "edges.csv": lambda p: write_csv(graph, staging / "nodes.csv", p),
        "graph.html": lambda p: write_html(
            graph, p, sentences=read_jsonl(staging / STREAMED[1]), documents=read_jsonl(staging / STREAMED[0])
        ),
    }
    for name, writer in written.items():
        if writer is not None:
            writer(staging / name)
    report.outputs = sorted([*STREAMED[:2], *written, "report.json"])
    return graph


# --------------------------------------------------------------------------- the build


class BuildError(RuntimeError):
    """The build could not run; the message says what to do."""


def _map_phase(
    options: BuildOptions,
    local: Components | None,
    settings: str,
    staging: Path,
    report: BuildReport,
    stop: Callable[[], int],
    progress: Progress,
) -> tuple[list[Document], list[DocResult]]:
    """Pass 1: process (or fetch from the cache) every document and stream its records to `staging`.

    Returns every document and the light results of the processed ones (see `_light`), in input order.
    """
    from kg.ingest import load_documents

    cache = ResultCache(Path(options.out) / "cache" / "results.sqlite") if options.cache else None

    def cached(doc: Document) -> DocResult | None:
        return cache.get(document_key(doc, settings)) if cache is not None else None

    def store(results: list[DocResult]) -> None:
        if cache is not None:
            _store(cache, settings, results)

    inputs = load_documents(
        options.inputs,
        date=options.date,
        dates_file=options.dates_file,
        max_bytes=options.max_bytes,
        exclude=[options.out],
    )
    worker = WorkerSettings(
        options.tagger,
        tuple(str(r) for r in options.rules),
        str(options.lexicon) if options.lexicon else None,
        options.doc_timeout,
    )
    documents: list[Document] = []
    results: list[DocResult] = []
    with ExitStack() as stack:
        files = {name: stack.enter_context(atomic_write(staging / name)) for name in STREAMED}
        executor = stack.enter_context(
            open_executor(
                worker, workers=options.workers, kind=options.executor, dask_address=options.dask_address,
                components=local,
            )
        )  # fmt: skip
        if cache is not None:
            stack.callback(cache.close)
        mapped = map_documents(inputs, executor, cached, store, ahead=4 * max(options.workers, 1))
        stack.push(_count_on_interrupt(documents, results, report))
        for doc, result, fresh in mapped:
            _stop_here(stop, report, documents, results)
            result = _write_records(files, doc, result)
            progress.update()
            if result is None or result.document.status != "ok":
                documents.append(dataclasses.replace(result.document if result else doc, text=""))
                _count_unprocessed(report, documents[-1], options.strict)
                continue
            report.cache_hits += not fresh
            results.append(_light(result, keep_text=options.city is None))
            documents.append(results[-1].document)
            if len(results) % FREEZE_EVERY == 0:
                freeze_survivors()  # what the reduce needs stays alive: keep full collections off it
    report.documents, report.processed = len(documents), len(results)
    report.skipped, report.failed = len(report.skipped_reasons), len(report.failed_documents)
    return documents, results


def _store(cache: ResultCache, settings: str, results: list[DocResult]) -> None:
    """Cache the processed results; one that cannot be stored is marked failed in stage "cache" (in place)."""
    done = [(i, r) for i, r in enumerate(results) if r.document.status == "ok"]
    try:
        cache.put_many((document_key(r.document, settings), r) for _, r in done)
        return
    except sqlite3.OperationalError:  # the disk or the database itself: no document's fault
        raise
    except Exception:  # a result the cache cannot hold: find which
        pass
    for index, result in done:
        try:
            cache.put_many([(document_key(result.document, settings), result)])
        except sqlite3.OperationalError:
            raise
        except Exception as error:
            results[index] = failed(result.document, "cache", error)


def _write_records(files: dict[str, Any], doc: Document, result: DocResult | None) -> DocResult | None:
    """Stream one document's records; a result whose records cannot be written becomes a failed document."""
    if result is not None and result.document.status == "ok":
        try:
            lines = [
                dumps(document_record(result)) + "\n",
                [dumps(r) + "\n" for r in sentence_records(result)],
                [dumps(r) + "\n" for r in mention_records(result)],
            ]
        except Exception as error:
            result = failed(doc, "records", error)
        else:
            files["documents.jsonl"].write(lines[0])
            files["sentences.jsonl"].writelines(lines[1])
            files[PARTIAL_MENTIONS].writelines(lines[2])
            return result
    files["documents.jsonl"].write(dumps(document_record(result or doc)) + "\n")
    return result


def _count_unprocessed(report: BuildReport, doc: Document, strict: bool) -> None:
    """Record a skipped or failed document in the report; with `strict`, a failed one stops the build."""
    if doc.status == "skipped":
        report.skipped_reasons[doc.id] = doc.reason or ""
        return
    report.failed_documents[doc.id] = {"source": doc.source, "reason": doc.reason or "", **doc.meta.get("failure", {})}
    if strict:
        raise BuildError(
            f"document {doc.id} ({doc.source}) failed: {doc.reason}. --strict stops at the first failed document; "
            "the previous outputs are untouched (run without --strict to build the rest)"
        )


def _count_on_interrupt(documents: list, results: list, report: BuildReport):
    """An ExitStack callback turning a bare KeyboardInterrupt into a BuildInterrupted with counts."""

    def handler(kind, error, traceback) -> bool:
        if kind is not None and issubclass(kind, KeyboardInterrupt) and not issubclass(kind, BuildInterrupted):
            signum = getattr(error, "signum", signal.SIGINT)
            raise BuildInterrupted(signum, len(documents), len(results), report.cache_hits) from error
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


def _nothing_processed(report: BuildReport, options: BuildOptions) -> BuildError:
    inputs = ", ".join(str(i) for i in options.inputs)
    if not report.documents:
        found = f"no input documents found in {inputs} (.txt files, folders of them, .jsonl)"
    else:
        reasons = [*report.skipped_reasons.values(), *(f["message"] for f in report.failed_documents.values())]
        found = (
            f"none of the {report.documents} input documents could be processed "
            f"({report.skipped} skipped, {report.failed} failed; first reason: {reasons[0]})"
        )
    return BuildError(f"{found}. Nothing was written: the previous outputs in {options.out} are untouched")


def _checked_dates_file(options: BuildOptions, report: BuildReport) -> None:
    """A bad --dates file stops the build before anything is written; its warnings go to the report."""
    from kg.ingest.readers import DatesFileError, read_dates_tsv

    if options.dates_file is None:
        return
    try:
        report.warnings.extend(read_dates_tsv(options.dates_file)[1])
    except DatesFileError as error:
        raise BuildError(str(error)) from error


def build(options: BuildOptions) -> BuildReport:
    """Run the whole build described by `options`; returns its report (also written to OUT/report.json).

    Outputs are written to a staging folder inside OUT and published as one set at the end, so a
    failed or interrupted build leaves the previous outputs untouched (its finished documents stay
    cached). A document that fails is reported and left out; with `options.strict` it stops the build.
    """
    from kg.graph import resolve_entities
    from kg.graph.aliases import choose_city

    started = time.perf_counter()
    out = Path(options.out)
    local, rules, lexicon = _load_for_build(options)
    tagger = tagger_id(options.tagger)
    report = BuildReport(out=str(out), tagger=tagger, rules_version=rules.version)
    _checked_dates_file(options, report)
    check_output_dir(out)  # after rules, tagger, lexicon and dates checked: a bad one leaves OUT untouched

    with build_lock(out), stop_requests() as stop, freezing_scope():
        with output_errors(out / STAGING_PREFIX):
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        progress = make_progress(options.progress, options.inputs, exclude=[options.out])
        try:
            with closing(progress), warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", CacheRebuilt)
                documents, results = _map_phase(
                    options, local, settings_id(tagger, rules, lexicon), staging, report, stop, progress
                )
            for caught_warning in caught:  # the cache's go to the report and the terminal; others as usual
                if issubclass(caught_warning.category, CacheRebuilt):
                    report.warnings.append(str(caught_warning.message))
                else:
                    warnings.showwarning(
                        *(getattr(caught_warning, k) for k in ("message", "category", "filename", "lineno"))
                    )
            _stop_here(stop, report, documents, results)
            if not results:
                raise _nothing_processed(report, options)
            progress.phase(f"merging the entities of {len(results):,} documents")
            city = choose_city(results, options.city)
            report.city = city.as_dict()
            entities = resolve_entities(results, city=city)
            progress.phase("building the graph and writing the outputs")
            write_outputs(staging, documents, results, entities, report)
            _stop_here(stop, report, documents, results)
            report.seconds = round(time.perf_counter() - started, 3)
            write_json(report.__dict__, staging / "report.json")
            with output_errors(out):
                publish(staging, out, report.outputs)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return report


def _stop_here(stop: Callable[[], int], report: BuildReport, documents: list, results: list) -> None:
    """Between documents and phases: end the build if Ctrl-C or SIGTERM came in meanwhile."""
    if stop():
        raise BuildInterrupted(stop(), len(documents), len(results), report.cache_hits)
