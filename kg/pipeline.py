"""The build: documents in, a knowledge graph and its exports out.

Map: every document goes through ingest -> tag -> events on its own (serially, in local
worker processes, or on a Dask cluster), and its result is cached. Reduce: aliases are merged
across all documents, the graph is assembled and every output is written atomically.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import __version__
from kg.cache import ResultCache, document_key
from kg.io.atomic import write_json
from kg.model import DocResult, Document, Entity, Event
from kg.textnorm import fold

if TYPE_CHECKING:
    import networkx as nx

CHUNK_DOCUMENTS = 16  # documents tagged in one batched model call


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
            f"{self.documents} documents ({self.processed} processed, {self.skipped} skipped), "
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

    @property
    def settings_id(self) -> str:
        lexicon_id = getattr(self.lexicon, "version", "") if self.lexicon is not None else ""
        return "|".join((__version__, self.tagger.name, self.rules.version, lexicon_id))


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
    return process_documents(docs, load_components(tagger, rules, lexicon))


def _limit_threads() -> None:
    """One compute thread per worker process: N workers should use N cores, not N x cores."""
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:  # pragma: no cover - torch is a dependency
        pass


def _chunks(docs: Sequence[Document], size: int) -> list[list[Document]]:
    return [list(docs[i : i + size]) for i in range(0, len(docs), size)]


def map_documents(
    docs: Sequence[Document], options: BuildOptions, components: Components | None, on_done: Callable[[int], None]
) -> Iterator[tuple[int, DocResult]]:
    """Yield (position, result) for every document, in any order, with the chosen executor."""
    chunks = _chunks(docs, CHUNK_DOCUMENTS)
    starts = [i * CHUNK_DOCUMENTS for i in range(len(chunks))]
    args = (options.tagger, tuple(str(r) for r in options.rules), str(options.lexicon) if options.lexicon else None)
    if options.executor == "dask":
        yield from _map_dask(chunks, starts, args, options, on_done)
    elif options.workers > 1 and len(chunks) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        context = multiprocessing.get_context("spawn")  # torch is not fork-safe
        with ProcessPoolExecutor(options.workers, mp_context=context, initializer=_limit_threads) as pool:
            futures = {
                pool.submit(_process_chunk_in_worker, chunk, *args): start for chunk, start in zip(chunks, starts)
            }
            for future in as_completed(futures):
                results = future.result()
                on_done(len(results))
                for offset, result in enumerate(results):
                    yield futures[future] + offset, result
    else:
        assert components is not None
        for chunk, start in zip(chunks, starts, strict=True):
            results = process_documents(chunk, components)
            on_done(len(results))
            for offset, result in enumerate(results):
                yield start + offset, result


def _map_dask(chunks, starts, args, options: BuildOptions, on_done) -> Iterator[tuple[int, DocResult]]:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if options.dask_address:
        client = Client(options.dask_address)
    else:
        cluster = LocalCluster(n_workers=max(options.workers, 1), threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        client.run(_limit_threads)
        futures = client.map(_process_chunk_in_worker, chunks, *[[a] * len(chunks) for a in args], pure=False)
        start_of = {future.key: start for future, start in zip(futures, starts, strict=True)}
        for future in as_completed(futures):
            results = future.result()
            on_done(len(results))
            for offset, result in enumerate(results):
                yield start_of[future.key] + offset, result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


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


def write_outputs(
    out: Path, documents: list[Document], results: list[DocResult], entities: list[Entity], report: BuildReport
) -> nx.MultiDiGraph:
    """Assemble the graph and write every output file atomically (report.json is the caller's)."""
    from kg.graph import build_graph
    from kg.graph.export import write_csv, write_graphml
    from kg.graph.export import write_json as write_graph_json
    from kg.graph.html import write_html
    from kg.io.atomic import write_jsonl

    events = [e for r in results for e in r.events]
    by_id = {r.document.id: r for r in results}
    graph = build_graph(entities, events, [by_id[d.id].document if d.id in by_id else d for d in documents])
    report.met_edges = sum(1 for *_, rel in graph.edges(data="relation") if rel == "met")
    _report_counts(report, results, entities, events)

    written = {
        "documents.jsonl": lambda p: write_jsonl(p, (document_record(by_id.get(d.id, d)) for d in documents)),
        "sentences.jsonl": lambda p: write_jsonl(p, (rec for r in results for rec in sentence_records(r))),
        "mentions.jsonl": lambda p: write_jsonl(p, (rec for r in results for rec in mention_records(r))),
        "entities.jsonl": lambda p: write_jsonl(p, (e.to_dict() for e in entities)),
        "events.jsonl": lambda p: write_jsonl(p, (e.to_dict() for e in events)),
        "graph.graphml": lambda p: write_graphml(graph, p),
        "graph.json": lambda p: write_graph_json(graph, p),
        "nodes.csv": None,
        "edges.csv": lambda p: write_csv(graph, out / "nodes.csv", p),
        "graph.html": lambda p: write_html(graph, p),
    }
    for name, writer in written.items():
        if writer is not None:
            writer(out / name)
    report.outputs = sorted([*written, "report.json"])
    return graph


# --------------------------------------------------------------------------- the build


def _progress(total: int, enabled: bool | None, unit: str = "doc"):
    from tqdm import tqdm

    disable = (not enabled) if enabled is not None else (total <= 3 or not sys.stderr.isatty())
    return tqdm(total=total, unit=unit, desc="kg build", disable=disable, dynamic_ncols=True)


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


def build(options: BuildOptions) -> BuildReport:
    """Run the whole build described by `options`; returns its report (also written to OUT/report.json)."""
    from kg.graph import resolve_entities
    from kg.ingest import load_documents

    started = time.perf_counter()
    out = Path(options.out)
    check_output_dir(out)
    documents = list(
        load_documents(options.inputs, date=options.date, dates_file=options.dates_file, max_bytes=options.max_bytes)
    )
    report = BuildReport(out=str(out), documents=len(documents))
    ok_docs = [d for d in documents if d.status == "ok"]
    report.skipped_reasons = {d.id: d.reason or "" for d in documents if d.status != "ok"}
    report.skipped = len(report.skipped_reasons)

    needs_local = options.executor != "dask" and options.workers <= 1
    components = (
        load_components(options.tagger, options.rules, options.lexicon) if (needs_local or options.cache) else None
    )
    if components is not None:
        report.tagger, report.rules_version = components.tagger.name, components.rules.version

    cache = ResultCache(out / "cache" / "results.sqlite") if options.cache else None
    results: list[DocResult | None] = [None] * len(ok_docs)
    todo: list[int] = []
    for position, doc in enumerate(ok_docs):
        cached = cache.get(document_key(doc, components.settings_id)) if cache and components else None
        if cached is not None:
            results[position] = cached
            report.cache_hits += 1
        else:
            todo.append(position)

    bar = _progress(len(ok_docs), options.progress)
    bar.update(report.cache_hits)
    try:
        pending = [ok_docs[i] for i in todo]
        for index, result in map_documents(pending, options, components if needs_local else None, bar.update):
            position = todo[index]
            results[position] = result
            if cache and components:
                cache.put(document_key(ok_docs[position], components.settings_id), result)
    finally:
        bar.close()
        if cache:
            cache.close()

    done = [r for r in results if r is not None]
    report.processed = len(done)
    entities = resolve_entities(done, city=options.city)
    write_outputs(out, documents, done, entities, report)
    report.seconds = round(time.perf_counter() - started, 3)
    write_json(out / "report.json", report.__dict__)
    return report
