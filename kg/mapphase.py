"""The map phase of a build: every document processed (or fetched from the cache) and its records streamed.

Documents that are skipped or fail are recorded and counted; the processed ones are kept in a
light form (`light`) for the reduce. Each document's records are written as its result arrives.
"""

from __future__ import annotations

import dataclasses
import signal
import sqlite3
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from kg.cache import ResultCache, document_key
from kg.executors import WorkerSettings, map_documents, open_executor
from kg.graph.gcpause import freeze_survivors
from kg.io.atomic import atomic_write, dumps
from kg.model import DocResult, Document
from kg.options import BuildError, BuildOptions, BuildReport
from kg.process import Components, failed
from kg.progress import Progress
from kg.records import document_record, mention_records, sentence_records
from kg.stopping import BuildInterrupted, check_stop

FREEZE_EVERY = 64  # documents between two freezes of the results held for the reduce (kg.graph.gcpause)
PARTIAL_MENTIONS = "mentions.partial.jsonl"  # mention records before alias resolution (staging only)
STREAMED = ("documents.jsonl", "sentences.jsonl", PARTIAL_MENTIONS)  # written as results arrive


def map_phase(
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
            check_stop(stop, len(documents), len(results), report.cache_hits)
            result = _write_records(files, doc, result)
            progress.update()
            if result is None or result.document.status != "ok":
                documents.append(dataclasses.replace(result.document if result else doc, text=""))
                _count_unprocessed(report, documents[-1], options.strict)
                continue
            report.cache_hits += not fresh
            results.append(light(result, keep_text=options.city is None))
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


def light(result: DocResult, keep_text: bool) -> DocResult:
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
