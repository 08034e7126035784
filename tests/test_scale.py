"""Long builds: a build killed half-way resumes from its cache, and the outputs do not depend on chunking."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

from test_parallel import assert_same_outputs, generate_corpus

from kg.api import build


def _cached_rows(path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=0.1) as db:
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.OperationalError:  # table not created yet, or locked for a moment
        return 0


def test_build_killed_after_some_documents_resumes_to_the_uninterrupted_result(tmp_path):
    corpus = generate_corpus(tmp_path / "pages.jsonl", 96)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--no-progress"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cache = out / "cache" / "results.sqlite"
    while proc.poll() is None and _cached_rows(cache) == 0:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    done = _cached_rows(cache)
    assert 0 < done < 96
    assert not (out / "graph.json").exists()  # outputs appear only when a build completes

    resumed = build([corpus], out, progress=False)
    assert resumed.cache_hits == done and resumed.processed == 96
    build([corpus], tmp_path / "clean", cache=False, progress=False)
    assert_same_outputs(tmp_path / "clean", out)


def test_outputs_do_not_depend_on_chunk_size(tmp_path, monkeypatch):
    corpus = generate_corpus(tmp_path / "pages.jsonl", 12, seed=3)
    build([corpus], tmp_path / "sixteen", cache=False, progress=False)
    monkeypatch.setattr("kg.executors.CHUNK_DOCUMENTS", 5)
    build([corpus], tmp_path / "five", cache=False, progress=False)
    assert_same_outputs(tmp_path / "sixteen", tmp_path / "five")


def test_skipped_documents_keep_their_place_and_reason(tmp_path):
    lines = generate_corpus(tmp_path / "pages.jsonl", 4).read_text(encoding="utf-8").splitlines(keepends=True)
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("".join([lines[0], '{"id": "broken", "text": ""}\n', *lines[1:]]), encoding="utf-8")
    report = build([corpus], tmp_path / "out", progress=False)
    assert (report.documents, report.processed, report.skipped) == (5, 4, 1)
    assert list(report.skipped_reasons) == ["broken"]
    ids = [line.split('"id":"', 1)[1].split('"', 1)[0] for line in (tmp_path / "out" / "documents.jsonl").open()]
    assert ids == ["gen000000", "broken", "gen000001", "gen000002", "gen000003"]
