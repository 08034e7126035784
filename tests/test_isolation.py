"""No single document can stop a build: it is marked failed (stage, error, message) and the rest build.

A tagger plug-in (tests/plugins/kg_fake_taggers.py, registered in the `kg.taggers` entry point
group) misbehaves on marked documents: it raises, loops past the time budget, or ends its worker.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from build_helpers import run_kg, snapshot

from kg.api import build
from kg.io.atomic import read_jsonl

PLUGINS = Path(__file__).parent / "plugins"
GOOD = (
    "本报讯 12月9日上午，市委书记王立新到东城街道检查工作。副市长李春华参加检查。\n",
    "本报讯 12月10日，市长赵明主持召开常务会议。副市长孙丽出席会议。\n",
    "本报讯 12月11日，王立新到西城街道调研。赵明陪同调研。\n",
)


@pytest.fixture
def plugin(monkeypatch) -> None:
    """Make the fake taggers importable and discoverable here, in spawned workers and in `kg` subprocesses."""
    monkeypatch.syspath_prepend(str(PLUGINS))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")])))


def _pages(folder: Path, bad: str | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index, text in enumerate(GOOD):
        (folder / f"good{index}.txt").write_text(text, encoding="utf-8")
    if bad:
        (folder / "bad.txt").write_text(f"本报讯 12月12日，{bad}王立新主持会议。\n", encoding="utf-8")
    return folder


def _records(out: Path) -> dict[str, dict]:
    return {r["id"]: r for r in read_jsonl(out / "documents.jsonl")}


def _people(out: Path) -> set[str]:
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return {n.get("name") or n.get("label") for n in graph["nodes"] if n.get("kind") == "person"}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_whose_tagging_raises_is_failed_and_the_rest_build(plugin, tmp_path, workers):
    out = tmp_path / "out"
    report = build([_pages(tmp_path / "in", "POISON")], out, tagger="faulty", workers=workers, progress=False)
    assert (report.processed, report.failed) == (3, 1)
    record = _records(out)["bad"]
    assert record["status"] == "failed"
    assert record["failure"] == {"stage": "tag", "type": "RuntimeError", "message": "poisoned sentence"}
    assert report.failed_documents["bad"]["reason"] == "RuntimeError in tag: poisoned sentence"
    assert {"王立新", "李春华", "赵明", "孙丽"} <= _people(out)
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["failed"] == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_past_its_time_budget_is_failed_with_timeout_in_its_stage(plugin, tmp_path, workers):
    out = tmp_path / "out"
    report = build(
        [_pages(tmp_path / "in", "SLOWPAGE")], out, tagger="faulty", workers=workers, doc_timeout=3, progress=False
    )
    assert (report.processed, report.failed) == (3, 1)
    failure = _records(out)["bad"]["failure"]
    assert failure["type"] == "timeout" and failure["message"].startswith("timeout in tag")
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)  # the budget put the handler back


def test_on_a_dask_cluster_a_failing_document_is_failed_and_the_rest_build(plugin, tmp_path):
    out = tmp_path / "out"
    folder = _pages(tmp_path / "in", "POISON")
    report = build([folder], out, tagger="faulty", workers=2, executor="dask", progress=False)
    assert (report.processed, report.failed) == (3, 1)
    assert _records(out)["bad"]["failure"]["stage"] == "tag"


def test_a_document_that_kills_its_worker_loses_no_other_document(plugin, tmp_path):
    out = tmp_path / "out"
    report = build([_pages(tmp_path / "in", "KILLWORKER")], out, tagger="faulty", workers=2, progress=False)
    assert (report.processed, report.failed) == (3, 1)
    failure = _records(out)["bad"]["failure"]
    assert failure["stage"] == "worker" and failure["type"] == "BrokenProcessPool"


def test_the_cli_lists_failed_documents_and_exits_3(plugin, tmp_path):
    out = tmp_path / "out"
    done = run_kg("build", str(_pages(tmp_path / "in", "POISON")), "--out", str(out), "--tagger", "faulty")
    assert done.returncode == 3, done.stderr
    assert f"failed bad ({tmp_path / 'in' / 'bad.txt'}): RuntimeError in tag: poisoned sentence" in done.stderr
    assert "1 document(s) failed" in done.stderr
    assert "4 documents (3 processed, 0 of them from the cache, 0 skipped, 1 failed)" in done.stdout
    assert "Traceback" not in done.stderr


def test_strict_stops_at_a_failed_document_and_leaves_the_previous_outputs(plugin, tmp_path):
    out = tmp_path / "out"
    build([_pages(tmp_path / "first", None)], out, tagger="faulty", progress=False)
    before = snapshot(out)
    done = run_kg("build", str(_pages(tmp_path / "in", "POISON")), "--out", str(out), "--tagger", "faulty", "--strict")
    assert done.returncode == 1
    assert "document bad" in done.stderr and "--strict" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(out) == before


def test_a_failed_document_is_retried_on_the_next_build_not_served_from_the_cache(plugin, tmp_path):
    folder, out = _pages(tmp_path / "in", "POISON"), tmp_path / "out"
    build([folder], out, tagger="faulty", progress=False)
    (folder / "bad.txt").write_text("本报讯 12月12日，王立新主持会议。\n", encoding="utf-8")  # the user fixes it
    report = build([folder], out, tagger="faulty", progress=False)
    assert (report.processed, report.failed, report.cache_hits) == (4, 0, 3)


def test_one_result_the_cache_cannot_hold_fails_that_document_only(plugin, tmp_path, monkeypatch):
    from kg.cache import ResultCache

    real = ResultCache.put_many

    def put_many(self, items):
        items = list(items)
        if any(result.document.id == "good1" for _, result in items):
            raise TypeError("cannot store this result")
        real(self, items)

    monkeypatch.setattr(ResultCache, "put_many", put_many)
    report = build([_pages(tmp_path / "in", None)], tmp_path / "out", tagger="faulty", progress=False)
    assert (report.processed, report.failed) == (2, 1)
    assert report.failed_documents["good1"]["stage"] == "cache"


def test_a_document_whose_records_cannot_be_written_fails_alone(plugin, tmp_path, monkeypatch):
    import kg.mapphase

    real = kg.mapphase.sentence_records

    def sentence_records(result):
        if result.document.id == "good2":
            raise ValueError("unwritable sentence")
        return real(result)

    monkeypatch.setattr(kg.mapphase, "sentence_records", sentence_records)
    out = tmp_path / "out"
    report = build([_pages(tmp_path / "in", None)], out, tagger="faulty", progress=False)
    assert (report.processed, report.failed) == (2, 1)
    assert _records(out)["good2"]["failure"]["stage"] == "records"
    assert all(r["doc"] != "good2" for r in read_jsonl(out / "sentences.jsonl"))


def test_an_unknown_tagger_lists_the_installed_plug_ins(plugin, tmp_path):
    done = run_kg("build", str(_pages(tmp_path / "in", None)), "--out", str(tmp_path / "out"), "--tagger", "nope")
    assert done.returncode == 1
    assert "unknown tagger 'nope'" in done.stderr and "installed plug-ins: faulty" in done.stderr
