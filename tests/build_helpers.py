"""Shared helpers for the tests that run whole builds: inputs, subprocess runs and output snapshots."""

from __future__ import annotations

import importlib.util
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VOLATILE_REPORT_KEYS = ("seconds", "cache_hits", "out")  # timing, cache state and the output path itself
FOLDER_OUTPUTS = ("neo4j",)  # outputs that are folders of files

# Our own sentences, in the style of a county paper (invented people and places).
GOOD_PAGE = (
    "本报讯 12月9日上午，市委书记王立新到东城街道检查疫情防控工作。\n"
    "副市长李春华参加检查。王立新先后来到人民医院、中心菜市场，察看防控措施落实情况。\n"
)


def corpus_records(count: int, seed: int = 7) -> list[dict]:
    """Generated newspaper pages (pipelines/corpus_gen.py), deterministic for a seed."""
    spec = importlib.util.spec_from_file_location("corpus_gen", REPO / "pipelines" / "corpus_gen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(count, seed)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _folder_bytes(folder: Path) -> bytes:
    """A folder output (neo4j/) as one value: each file's relative path and bytes, in sorted order."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return b"".join(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes() + b"\0" for p in files)


def snapshot(out: Path) -> dict[str, bytes]:
    """Every output in `out` -> its bytes: the files directly in it (exports and report; not the hidden build lock)
    and each folder output (neo4j/) as one value; not the cache."""
    return {
        p.name: p.read_bytes() if p.is_file() else _folder_bytes(p)
        for p in sorted(out.iterdir())
        if not p.name.startswith(".") and (p.is_file() or p.name in FOLDER_OUTPUTS)
    }


def comparable(out: Path) -> dict[str, bytes]:
    """`snapshot` with report.json's volatile keys removed: what must be equal across equal builds."""
    files = snapshot(out)
    report = json.loads(files.pop("report.json"))
    for key in VOLATILE_REPORT_KEYS:
        report.pop(key)
    files["report.json"] = json.dumps(report, sort_keys=True).encode()
    return files


def run_kg(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=timeout, cwd=REPO
    )


def start_kg(*args: str, new_session: bool = False) -> subprocess.Popen:
    """`kg` in a child process; `new_session` makes it lead its own process group, as a terminal job does.

    The child gets the default Ctrl-C disposition even when the tests run with SIGINT ignored (a background
    job or nohup passes that on, and kg keeps an ignored Ctrl-C ignored).
    """
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        start_new_session=new_session,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def cached_documents(out: Path) -> int:
    """Documents a running build has committed to its cache so far (0 before the cache exists)."""
    path = out / "cache" / "results.sqlite"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.Error:  # created but no table yet, or busy
        return 0


def wait_until_cached(process: subprocess.Popen, out: Path, documents: int, limit: float = 240) -> None:
    """Block until the build in `process` has cached `documents` documents (it must still be running)."""
    deadline = time.monotonic() + limit
    while cached_documents(out) < documents:
        assert process.poll() is None, process.communicate()[1][-2000:]
        assert time.monotonic() < deadline, "the build made no progress"
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be interrupted: use a bigger corpus"
