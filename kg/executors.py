"""Where documents are processed: in this process, in local worker processes, or on a Dask cluster.

Every executor answers `submit(chunk) -> future` with the chunk's DocResults. `map_documents`
streams documents through one, and when a whole chunk is lost (a worker process died, a Dask
worker vanished, a result could not be sent back) it retries that chunk's documents one by one,
so only the document at fault is marked failed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from kg.model import DocResult, Document
from kg.process import Components, failed, load_components, process_documents
from kg.threads import one_thread_per_process, torch_threads

CHUNK_DOCUMENTS = 16  # documents tagged in one batched model call


@dataclass(frozen=True)
class WorkerSettings:
    """What a worker needs to load its components and process chunks (picklable)."""

    tagger: str
    rules: tuple[str, ...]
    lexicon: str | None
    doc_timeout: float | None


class Executor(Protocol):
    def submit(self, chunk: list[Document]) -> Any:
        """Start processing `chunk`; returns a future (`.done()`, `.result()`) of its DocResults."""
        ...


def process_chunk_in_worker(docs: list[Document], settings: WorkerSettings) -> list[DocResult]:
    """Entry point in worker processes (local pool or Dask): components load once per worker."""
    one_thread_per_process()
    components = load_components(settings.tagger, settings.rules, settings.lexicon)
    return process_documents(docs, components, doc_timeout=settings.doc_timeout)


def _finished(value: Any) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class InProcess:
    """Processes chunks right away in this process (a serial build)."""

    def __init__(self, components: Components, settings: WorkerSettings) -> None:
        self.components, self.settings = components, settings

    def submit(self, chunk: list[Document]) -> Future:
        return _finished(process_documents(chunk, self.components, doc_timeout=self.settings.doc_timeout))


class ProcessPool:
    """Local worker processes; a pool broken by a dying worker is replaced at the next submit."""

    def __init__(self, workers: int, settings: WorkerSettings) -> None:
        self.workers, self.settings = workers, settings
        self.pool = self._start()

    def _start(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))  # torch: no fork

    def submit(self, chunk: list[Document]) -> Future:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(process_chunk_in_worker, chunk, self.settings)
        except BrokenProcessPool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            return self.pool.submit(process_chunk_in_worker, chunk, self.settings)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """A dask.distributed client: a scheduler at `address`, or a LocalCluster of `workers` processes."""

    def __init__(self, address: str | None, workers: int, settings: WorkerSettings) -> None:
        from dask.distributed import Client, LocalCluster

        self.settings = settings
        self.cluster = None if address else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
        self.client = Client(address) if address else Client(self.cluster)

    def submit(self, chunk: list[Document]) -> Any:
        return self.client.submit(process_chunk_in_worker, chunk, self.settings, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


@contextmanager
def open_executor(
    settings: WorkerSettings, *, workers: int, kind: str, dask_address: str | None, components: Components | None
) -> Iterator[Executor]:
    """The executor a build asked for (`kind` local|dask), closed on exit."""
    if kind == "dask":
        executor: Any = DaskCluster(dask_address, max(workers, 1), settings)
    elif workers > 1:
        executor = ProcessPool(workers, settings)
    else:
        assert components is not None
        with torch_threads(1):  # restored after the build: the caller's process is not kg's to keep
            yield InProcess(components, settings)
        return
    try:
        yield executor
    finally:
        executor.close()


def _results(docs: list[Document], future: Any, executor: Executor) -> list[DocResult]:
    """The chunk's results; a lost chunk is retried document by document, and a document that loses
    its worker again on its own is marked failed in stage "worker"."""
    try:
        return future.result()
    except Exception as error:
        if len(docs) == 1:
            return [failed(docs[0], "worker", error)]
    retried = []
    for doc in docs:
        try:
            retried.extend(executor.submit([doc]).result())
        except Exception as error:
            retried.append(failed(doc, "worker", error))
    return retried


def map_documents(
    documents: Iterable[Document],
    executor: Executor,
    cached: Callable[[Document], DocResult | None],
    store: Callable[[list[DocResult]], None],
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
            queue.append((list(chunk), executor.submit(list(chunk)), True))
            chunk.clear()

    def ready(limit: int) -> Iterator[tuple[Document, DocResult | None, bool]]:
        while queue and (len(queue) > limit or queue[0][1].done()):
            docs, future, fresh = queue.popleft()
            results = _results(docs, future, executor) if fresh else future.result()
            if fresh:
                store(results)
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
