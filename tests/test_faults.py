"""Faults during a build: a kill, Ctrl-C, a full disk or an unwritable output directory.

Previous outputs must survive every one of them byte for byte (outputs are staged and renamed
into place), a killed build resumes from its cache, and each failure ends with a message that
names the directory and what to do, exit code 1 (130 for Ctrl-C) and no traceback.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import sqlite3
from pathlib import Path

import pytest
from build_helpers import corpus_records, snapshot, start_kg, wait_until_cached, write_jsonl

from kg.api import build
from kg.cache import ResultCache
from kg.cli import main
from kg.io.atomic import OutputError, atomic_write
from kg.outdir import STAGING_PREFIX

BIG_CORPUS = 200  # documents: enough that a build is still running when the test stops it


@pytest.fixture
def previous(tmp_path) -> tuple[Path, dict[str, bytes]]:
    """A finished build of a small corpus in tmp_path/out and the snapshot of its outputs."""
    out = tmp_path / "out"
    build([write_jsonl(tmp_path / "small.jsonl", corpus_records(12, seed=1))], out, progress=False)
    return out, snapshot(out)


def _leftovers(out: Path) -> list[str]:
    """Staging folders and temp files a build left behind."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith(STAGING_PREFIX) or p.name.endswith(".tmp"))


def _interrupted_build(out: Path, tmp_path: Path, *, seed: int, cached: int, sig: int):
    """Start `kg build` on a big corpus, send `sig` once `cached` documents are cached; (corpus, process, stderr)."""
    corpus = write_jsonl(tmp_path / "big.jsonl", corpus_records(BIG_CORPUS, seed=seed))
    process = start_kg("build", str(corpus), "--out", str(out), "--no-progress")
    wait_until_cached(process, out, cached)
    process.send_signal(sig)
    _, err = process.communicate(timeout=120)
    return corpus, process, err


def test_a_killed_build_leaves_previous_outputs_intact_and_resumes_from_its_cache(previous, tmp_path):
    out, before = previous
    corpus, process, _ = _interrupted_build(out, tmp_path, seed=2, cached=32, sig=signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    killed = snapshot(out)
    assert killed == before

    report = build([corpus], out, progress=False)
    after = snapshot(out)
    assert report.cache_hits >= 32
    assert report.processed == BIG_CORPUS
    assert set(after) == set(before)
    assert all(after[name] != before[name] for name in after)  # a different corpus: every output is new
    assert _leftovers(out) == []  # the killed build's staging folder is cleaned up


@pytest.mark.parametrize(("sig", "said"), [(signal.SIGINT, "interrupted"), (signal.SIGTERM, "terminated (SIGTERM)")])
def test_ctrl_c_or_sigterm_stops_with_128_plus_signal_a_summary_and_previous_outputs_intact(
    previous, tmp_path, sig, said
):
    out, before = previous
    _, process, err = _interrupted_build(out, tmp_path, seed=3, cached=16, sig=sig)
    assert process.returncode == 128 + sig
    assert said in err
    assert "run the same command again to resume" in err
    assert re.search(r"after \d+ documents read, \d+ processed \(\d+ of them from the cache\)", err), err
    assert str(out) in err
    assert "Traceback" not in err
    assert snapshot(out) == before
    assert _leftovers(out) == []


def _fail_fsync(monkeypatch, error_number: int) -> None:
    def fsync(fd: int) -> None:
        raise OSError(error_number, os.strerror(error_number))

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_full_disk_is_a_clear_error_naming_the_directory_and_previous_outputs_survive(
    previous, tmp_path, monkeypatch, capsys
):
    out, before = previous
    corpus = write_jsonl(tmp_path / "other.jsonl", corpus_records(6, seed=4))
    _fail_fsync(monkeypatch, errno.ENOSPC)
    assert main(["build", str(corpus), "--out", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write ")
    assert f"in {out}" in err  # the staging folder is inside OUT
    assert "disk is full" in err and "free some space" in err
    assert "Traceback" not in err
    assert snapshot(out) == before
    assert _leftovers(out) == []


def test_a_full_disk_under_the_cache_is_a_clear_error_suggesting_no_cache(previous, tmp_path, monkeypatch, capsys):
    out, before = previous
    corpus = write_jsonl(tmp_path / "other.jsonl", corpus_records(6, seed=5))

    def put_many(self, items) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ResultCache, "put_many", put_many)
    assert main(["build", str(corpus), "--out", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert str(out / "cache") in err
    assert "database or disk is full" in err and "--no-cache" in err
    assert snapshot(out) == before


def test_an_unwritable_output_directory_is_a_clear_error_before_any_work(previous, tmp_path, monkeypatch, capsys):
    """What the kernel answers for a read-only or permission-less directory (root ignores mode bits, so patched)."""
    out, before = previous
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != out and real_access(path, mode, **kw))
    page = write_jsonl(tmp_path / "other.jsonl", corpus_records(2, seed=6))
    assert main(["build", str(page), "--out", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert f"output directory {out} is not writable" in err
    assert "choose another --out or fix its permissions" in err
    assert snapshot(out) == before


@pytest.mark.parametrize(
    ("error_number", "advice"),
    [(errno.EROFS, "read-only"), (errno.EACCES, "permission denied"), (errno.ENOSPC, "disk is full")],
)
def test_atomic_write_failures_name_the_file_and_keep_the_old_one(tmp_path, monkeypatch, error_number, advice):
    target = tmp_path / "graph.json"
    target.write_text("old", encoding="utf-8")
    _fail_fsync(monkeypatch, error_number)
    with pytest.raises(OutputError) as raised, atomic_write(target) as handle:
        handle.write("new")
    assert raised.value.errno == error_number
    assert str(target) in str(raised.value) and advice in str(raised.value)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]  # no temp file left


def test_atomic_write_leaves_other_errors_alone_and_the_old_file_in_place(tmp_path):
    target = tmp_path / "nodes.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ValueError), atomic_write(target) as handle:
        handle.write("half")
        raise ValueError("a writer bug")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nodes.csv"]


def test_atomic_outputs_get_ordinary_file_permissions(tmp_path):
    target = tmp_path / "edges.csv"
    with atomic_write(target) as handle:
        handle.write("a,b\n")
    plain = tmp_path / "plain.csv"
    plain.write_text("a,b\n", encoding="utf-8")
    assert target.stat().st_mode == plain.stat().st_mode


@pytest.fixture
def ctrl_c(request):
    """SIGINT set to `request.param` (default: Python's KeyboardInterrupt) for the test, then put back:
    the tests may themselves run with Ctrl-C ignored, as a background job does."""
    before = signal.signal(signal.SIGINT, getattr(request, "param", signal.default_int_handler))
    yield
    signal.signal(signal.SIGINT, before)


def _record_pressing_ctrl_c(monkeypatch, presses: int) -> list[str]:
    """Make the build press Ctrl-C `presses` times while it records the 3rd page; what each record call saw."""
    import kg.mapphase

    real_record = kg.mapphase.document_record
    seen: list[str] = []

    def record_pressing_ctrl_c(result_or_doc):
        if len(seen) == 2:
            try:
                for _ in range(presses):
                    os.kill(os.getpid(), signal.SIGINT)
            except KeyboardInterrupt:
                seen.append("raised")
                raise
        seen.append("recorded")
        return real_record(result_or_doc)

    monkeypatch.setattr(kg.mapphase, "document_record", record_pressing_ctrl_c)
    return seen


def _build_pressing_ctrl_c(tmp_path, monkeypatch, presses: int) -> tuple[list[str], pytest.ExceptionInfo]:
    """Build 8 pages, pressing Ctrl-C `presses` times while the 3rd is recorded; (what each record call
    saw, the build's exception)."""
    from kg.stopping import BuildInterrupted

    seen = _record_pressing_ctrl_c(monkeypatch, presses)
    corpus = write_jsonl(tmp_path / "pages.jsonl", corpus_records(8, seed=4))
    with pytest.raises(BuildInterrupted, match="documents read") as stopped:
        build([corpus], tmp_path / "out", progress=False)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the handler was put back
    assert not (tmp_path / "out" / "graph.json").exists()
    return seen, stopped


def test_ctrl_c_finishes_the_current_document_and_stops_before_the_next(tmp_path, monkeypatch, ctrl_c):
    """The first Ctrl-C raises nowhere (a KeyboardInterrupt landing in a garbage-collector finalizer
    would be printed and dropped); the build stops at the next document instead."""
    seen, _ = _build_pressing_ctrl_c(tmp_path, monkeypatch, presses=1)
    assert seen == ["recorded"] * 3


def test_a_second_ctrl_c_stops_the_build_at_once(tmp_path, monkeypatch, ctrl_c):
    seen, stopped = _build_pressing_ctrl_c(tmp_path, monkeypatch, presses=2)
    assert seen == ["recorded", "recorded", "raised"]
    assert "2 processed" in str(stopped.value)


@pytest.mark.parametrize("ctrl_c", [signal.SIG_IGN], indirect=True)
def test_an_ignored_ctrl_c_stays_ignored(tmp_path, monkeypatch, ctrl_c):
    """Started with Ctrl-C ignored (nohup, a background job), a build runs to the end and leaves it ignored."""
    seen = _record_pressing_ctrl_c(monkeypatch, presses=2)
    corpus = write_jsonl(tmp_path / "pages.jsonl", corpus_records(8, seed=4))
    try:
        report = build([corpus], tmp_path / "out", progress=False)
    except KeyboardInterrupt as stopped:  # would otherwise end the whole pytest session
        pytest.fail(f"an ignored Ctrl-C stopped the build: {stopped}")
    assert report.processed == len(seen) == 8
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_ctrl_c_in_a_terminal_stops_a_parallel_build_cleanly(previous, tmp_path):
    """A terminal sends Ctrl-C to every process of the job, the workers included: still a clean stop."""
    out, before = previous
    corpus = write_jsonl(tmp_path / "big.jsonl", corpus_records(BIG_CORPUS, seed=5))
    process = start_kg("build", str(corpus), "--out", str(out), "--no-progress", "--workers", "2", new_session=True)
    wait_until_cached(process, out, 16)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert "run the same command again to resume" in err
    assert snapshot(out) == before
    assert _leftovers(out) == []
