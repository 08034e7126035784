"""A build on an archive nobody foresaw: it survives odd pages, says what happened and never wipes good outputs.

Covers the build-level guarantees: the crash pages of real archives build, one build per OUT,
outputs published as a whole, loud failures when nothing could be processed, the dates file
checked before anything is written, OUT never read back as input, system folders refused,
progress lines in a log file, `kg tag` decoding its input like `kg build`.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from build_helpers import GOOD_PAGE, run_kg, snapshot

from kg.api import build
from kg.budget import TimeBudgetExceeded, time_budget
from kg.cli import main
from kg.io.atomic import read_jsonl
from kg.outdir import LOCK_NAME, STAGING_PREFIX, OutputDirError

PAGES = (
    GOOD_PAGE,
    "本报讯 12月10日下午，市长赵明主持召开常务会议。副市长孙丽出席会议并讲话。\n",
    "本报讯 12月11日，市委副书记钱进到南湖镇调研农业生产。\n",
)
GBK_NAME = "张".encode("gbk") + b".txt"  # not valid UTF-8


def _three_good_pages(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index, text in enumerate(PAGES):
        (folder / f"page{index}.txt").write_text(text, encoding="utf-8")
    return folder


def _crash_pages(folder: Path) -> Path:
    """The pages that stopped real builds: a title + name ending the text, a far-future date with 次日,
    and a file whose name is not UTF-8."""
    _three_good_pages(folder)
    (folder / "headline.txt").write_text("局长谢纯", encoding="utf-8")
    record = {"id": "future", "date": "9999-12-31", "text": "12月31日，市长赵明主持会议。次日，赵明到南湖镇调研。"}
    (folder / "records.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), GBK_NAME), "wb") as handle:
        handle.write("本报讯 12月12日，副市长孙丽到东城街道检查工作。\n".encode())
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_the_pages_that_crashed_real_builds_are_processed(tmp_path, workers):
    out = tmp_path / "out"
    report = build([_crash_pages(tmp_path / "in")], out, workers=workers, progress=False)
    assert (report.documents, report.processed, report.failed, report.skipped) == (6, 6, 0, 0)
    records = list(read_jsonl(out / "documents.jsonl"))
    assert all(r["status"] == "ok" for r in records)
    assert {r["id"] for r in records} >= {"page0", "page1", "page2", "headline", "future"}
    names = {n.get("name") for n in json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]}
    assert {"王立新", "赵明", "孙丽"} <= names


def test_a_second_build_into_the_same_out_fails_at_once_naming_the_holder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / LOCK_NAME, "a+", encoding="utf-8") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242\n")
        held.flush()
        staging = out / f"{STAGING_PREFIX}live"
        staging.mkdir()  # the running build's folder: must survive the refused build
        with pytest.raises(OutputDirError, match="another kg build \\(process 4242\\) is writing to"):
            build([_three_good_pages(tmp_path / "in")], out, progress=False)
        assert staging.is_dir()
    report = build([tmp_path / "in"], out, progress=False)  # lock released: builds, and cleans the dead staging
    assert report.processed == 3
    assert not staging.exists()


def test_publishing_that_fails_midway_restores_every_previous_output(tmp_path):
    out = tmp_path / "out"
    build([_three_good_pages(tmp_path / "first")], out, progress=False)
    before = snapshot(out)
    (out / "graph.json").unlink()
    (out / "graph.json").mkdir()  # a path in OUT turned into a (non-empty) directory: its rename will fail
    (out / "graph.json" / "keep").write_text("x", encoding="utf-8")
    second = tmp_path / "second"
    second.mkdir()
    (second / "other.txt").write_text("本报讯 12月20日，市长赵明到北山村走访。\n", encoding="utf-8")
    with pytest.raises(OSError):
        build([second], out, progress=False)
    after = snapshot(out)
    assert after == {name: data for name, data in before.items() if name != "graph.json"}
    assert not list(out.glob(f"{STAGING_PREFIX}*"))


@pytest.mark.parametrize("inputs", ["typo", "empty", "all_skipped"])
def test_a_build_that_processes_nothing_exits_1_and_keeps_the_previous_outputs(tmp_path, capsys, inputs):
    out = tmp_path / "out"
    build([_three_good_pages(tmp_path / "first")], out, progress=False)
    before = snapshot(out)
    target = tmp_path / inputs
    if inputs == "empty":
        target.mkdir()
    elif inputs == "all_skipped":
        target.mkdir()
        (target / "blank.txt").write_text("   \n", encoding="utf-8")
    assert main(["build", str(target), "--out", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "Nothing was written" in err and "Traceback" not in err
    expected = {"typo": "no such file or directory", "empty": "no input documents found", "all_skipped": "whitespace"}
    assert expected[inputs] in err
    assert snapshot(out) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read it"),
        ("page0.txt\t2021-12-09\n", "header"),
        ("file\tdate\npage0.txt\t2021-02-30\n", "line 2: invalid date"),
    ],
)
def test_a_bad_dates_file_stops_the_build_before_anything_is_written(tmp_path, capsys, content, expected):
    out, tsv = tmp_path / "out", tmp_path / "dates.tsv"
    if content is not None:
        tsv.write_text(content, encoding="utf-8")
    args = ["build", str(_three_good_pages(tmp_path / "in")), "--out", str(out), "--dates", str(tsv)]
    assert main([*args, "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert expected in err and str(tsv) in err and "Traceback" not in err
    assert not out.exists()


def test_unlisted_documents_and_repeated_rows_of_the_dates_file_are_warned_on_the_terminal(tmp_path, capsys):
    tsv = tmp_path / "dates.tsv"
    tsv.write_text("file\tdate\npage0.txt\t2021-12-09\npage0.txt\t2021-12-10\npage1.txt\t2021-12-10\n", "utf-8")
    folder = _three_good_pages(tmp_path / "in")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--dates", str(tsv), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "line 3 lists page0.txt again (line 2 is used)" in err
    assert "warning: page2: page2.txt is not listed in the dates file" in err


def test_out_inside_an_input_folder_is_never_read_back(tmp_path):
    folder = _three_good_pages(tmp_path / "in")
    first = build([folder], folder / "out", progress=False)
    second = build([folder], folder / "out", progress=False)
    assert first.documents == second.documents == 3


@pytest.mark.parametrize("folder", ["/", "/etc", "/usr", "~"])
def test_system_folders_and_home_are_refused_as_out(tmp_path, capsys, folder):
    assert main(["build", str(_three_good_pages(tmp_path / "in")), "--out", folder, "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "refusing to write a build into" in err and "Traceback" not in err


def test_without_a_terminal_progress_comes_as_lines_with_total_rate_and_phases(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("kg.progress.LOG_EVERY_SECONDS", 0.0)
    build([_three_good_pages(tmp_path / "in")], tmp_path / "out")  # progress=None: stderr is not a terminal here
    err = capsys.readouterr().err
    assert "kg build: 1/3 documents (33%)" in err and "kg build: 3/3 documents (100%)" in err
    assert "docs/s" in err
    assert "kg build: merging the entities of 3 documents" in err
    assert "kg build: building the graph and writing the outputs" in err


def test_kg_tag_decodes_gbk_input_and_splits_lines_only_at_newlines(tmp_path):
    lines = ["市委书记王立新主持会议。", "副市长李春华出席\u2028会议。"]
    path = tmp_path / "lines.txt"
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    done = run_kg("tag", str(path))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.split("\n") if line]
    assert [r["text"] for r in records] == lines
    assert {e["text"] for e in records[0]["entities"]} >= {"王立新"}


def test_time_budget_interrupts_a_catastrophic_regex_and_restores_the_alarm():
    import re

    before = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    with pytest.raises(TimeBudgetExceeded), time_budget(0.2):
        re.match(r"(a+)+$", "a" * 64 + "b")
    assert time.monotonic() - started < 5
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_time_budget_in_another_thread_interrupts_python_code_and_leaves_nothing_pending():
    seen: list[str] = []

    def work() -> None:
        try:
            with time_budget(0.2):
                while True:
                    pass
        except TimeBudgetExceeded:
            seen.append("interrupted")
        with time_budget(0.2):
            pass
        time.sleep(0.4)  # a budget that ended in time must not fire later
        seen.append("calm")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert seen == ["interrupted", "calm"]
