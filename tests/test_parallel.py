"""Parallel builds (local worker processes, a Dask LocalCluster) give the serial build's outputs, byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from kg.api import build
from kg.executors import map_documents
from kg.model import DocResult, Document

ROOT = Path(__file__).resolve().parents[1]
VOLATILE = ("seconds", "cache_hits", "out")  # report.json fields that differ between equal builds


def generate_corpus(path: Path, docs: int, seed: int = 7) -> Path:
    """A JSONL corpus of generated newspaper pages (pipelines/corpus_gen.py)."""
    command = [sys.executable, str(ROOT / "pipelines" / "corpus_gen.py"), "--docs", str(docs), "--seed", str(seed)]
    subprocess.run([*command, "--out", str(path)], check=True, capture_output=True)
    return path


def assert_same_outputs(left: Path, right: Path) -> None:
    """Every output file equal byte for byte; report.json equal but for its volatile fields."""
    names = sorted(p.name for p in left.iterdir() if p.is_file())
    assert names == sorted(p.name for p in right.iterdir() if p.is_file())
    assert "graph.json" in names and "mentions.jsonl" in names
    for name in names:
        if name == "report.json":
            reports = [json.loads((d / name).read_text(encoding="utf-8")) for d in (left, right)]
            for report in reports:
                for key in VOLATILE:
                    report.pop(key)
            assert reports[0] == reports[1]
        else:
            assert (left / name).read_bytes() == (right / name).read_bytes(), name


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generate_corpus(tmp_path_factory.mktemp("corpus") / "pages.jsonl", 40)  # three chunks of 16


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial")
    report = build([corpus], out, cache=False, progress=False)
    assert report.processed == 40 and report.sentences > 0 and sum(report.events.values()) > 0
    return out


def _no_tagger_here(spec: str = "") -> None:
    raise AssertionError("a parallel build loaded the tagger in its main process")


def test_local_worker_processes_give_the_serial_outputs_and_only_they_load_the_tagger(
    corpus, serial, tmp_path, monkeypatch
):
    monkeypatch.setattr("kg.tag.get_tagger", _no_tagger_here)  # the spawned workers import kg afresh
    build([corpus], tmp_path, workers=2, cache=False, progress=False)
    assert_same_outputs(serial, tmp_path)


def test_dask_local_cluster_of_two_workers_gives_the_serial_outputs_and_only_they_load_the_tagger(
    corpus, serial, tmp_path, monkeypatch
):
    monkeypatch.setattr("kg.tag.get_tagger", _no_tagger_here)
    build([corpus], tmp_path, workers=2, executor="dask", cache=False, progress=False)
    assert_same_outputs(serial, tmp_path)


def _doc(index: int, status: str = "ok") -> Document:
    return Document(id=f"d{index}", source="-", text="文" * index, status=status)  # type: ignore[arg-type]


def test_map_documents_yields_input_order_when_chunks_finish_out_of_order(monkeypatch):
    monkeypatch.setattr("kg.executors.CHUNK_DOCUMENTS", 2)
    docs = [_doc(i, "skipped" if i == 4 else "ok") for i in range(9)]
    cached_ids = {"d2", "d3"}
    pending: list[tuple[Future, list[Document]]] = []
    stored: list[str] = []

    def finish_newest_first() -> None:
        for future, chunk in reversed(pending):
            future.set_result([DocResult(document=d) for d in chunk])

    class Pending:
        def submit(self, chunk: list[Document]) -> Future:
            pending.append((Future(), chunk))
            if len(pending) == 3:  # d0 d1 | d5 d6 | d7 d8: all submitted, now let another thread finish them
                threading.Timer(0.05, finish_newest_first).start()
            return pending[-1][0]

    def cached(doc: Document) -> DocResult | None:
        return DocResult(document=doc) if doc.id in cached_ids else None

    def store(results: list[DocResult]) -> None:
        stored.extend(r.document.id for r in results)

    mapped = list(map_documents(docs, Pending(), cached, store, ahead=8))
    assert [doc.id for doc, _, _ in mapped] == [d.id for d in docs]
    expected = [None if d.status == "skipped" else d.id for d in docs]
    assert [r.document.id if r else None for _, r, _ in mapped] == expected
    assert {doc.id for doc, result, fresh in mapped if result is not None and not fresh} == cached_ids
    assert stored == ["d0", "d1", "d5", "d6", "d7", "d8"]
