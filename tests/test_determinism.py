"""Equal inputs give byte-identical outputs: across runs, across --workers 1 and 2, and from the cache.

report.json's timing, cache-hit count and output path are the only fields allowed to differ
(build_helpers.VOLATILE_REPORT_KEYS); every other file is compared byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from build_helpers import REPO, comparable, corpus_records, run_kg, write_jsonl

from kg.api import build

SAMPLE = REPO / "data" / "sample"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """The sample pages plus a generated corpus of 40 pages (three chunks of work for the workers)."""
    root = tmp_path_factory.mktemp("inputs")
    return [SAMPLE, write_jsonl(root / "generated.jsonl", corpus_records(40, seed=11))]


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("reference") / "out"
    build(inputs, out, dates_file=SAMPLE / "dates.tsv", cache=False, progress=False)
    return comparable(out)


def test_two_runs_give_byte_identical_outputs(inputs, reference, tmp_path):
    build(inputs, tmp_path / "again", dates_file=SAMPLE / "dates.tsv", cache=False, progress=False)
    assert comparable(tmp_path / "again") == reference


def test_outputs_rebuilt_from_the_cache_are_byte_identical(inputs, reference, tmp_path):
    out = tmp_path / "cached"
    build(inputs, out, dates_file=SAMPLE / "dates.tsv", progress=False)  # fills the cache
    report = build(inputs, out, dates_file=SAMPLE / "dates.tsv", progress=False)  # served from it
    assert report.cache_hits == report.processed > 0
    assert comparable(out) == reference


def test_two_worker_processes_give_the_same_bytes_as_one(inputs, reference, tmp_path):
    out = tmp_path / "workers2"
    done = run_kg(
        "build", *map(str, inputs), "--dates", str(SAMPLE / "dates.tsv"), "--out", str(out),
        "--workers", "2", "--no-cache", "--no-progress",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert comparable(out) == reference
