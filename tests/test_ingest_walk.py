"""Inputs that must not fool the walk: special files, links, the same file twice, the build's own output.

Loads that could hang (a FIFO) or never end (/dev/zero) run in a subprocess with a time and memory
limit, so a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kg.ingest import count_documents, load_documents

PAGE = "本报讯 12月3日上午，东城街道召开安全生产工作会议。\n"
_LOADER = """
import json, sys
from kg.ingest import count_documents, load_documents
paths, max_bytes = json.loads(sys.argv[1]), int(sys.argv[2])
docs = [[d.id, d.status, d.reason] for d in load_documents(paths, max_bytes=max_bytes)]
print(json.dumps({"docs": docs, "count": count_documents(paths)}, ensure_ascii=False))
"""
_LIMIT_SECONDS = 60


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # reading /dev/zero whole fails fast, not the host


def _load_guarded(paths: list[Path], max_bytes: int = 20_000_000) -> tuple[list[list], int]:
    """load_documents and count_documents in a child process that may not hang nor eat the machine."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _LOADER, json.dumps([str(p) for p in paths]), str(max_bytes)],
            capture_output=True,
            text=True,
            timeout=_LIMIT_SECONDS,
            preexec_fn=_limit_memory,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading {paths} did not finish in {_LIMIT_SECONDS} s (a special file was opened?)")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return result["docs"], result["count"]


def _write(path: Path, text: str = PAGE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_fifo_is_skipped_never_opened_given_directly_or_in_a_folder(tmp_path: Path):
    _write(tmp_path / "in" / "a.txt")
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    os.mkfifo(tmp_path / "records.jsonl")
    docs, count = _load_guarded([tmp_path / "in", tmp_path / "records.jsonl"])
    assert [d[:2] for d in docs] == [["a", "ok"], ["pipe", "skipped"], ["records", "skipped"]]
    assert all("named pipe (FIFO)" in reason for _, _, reason in docs[1:])
    assert count == 3


def test_dev_zero_given_directly_is_skipped_without_reading_it():
    docs, _ = _load_guarded([Path("/dev/zero")], max_bytes=1000)
    assert docs == [["zero", "skipped", docs[0][2]]]
    assert "character device" in docs[0][2]


def test_a_unix_socket_is_skipped_as_a_socket(tmp_path: Path):
    folder = tmp_path / "in"
    _write(folder / "a.txt")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "s.txt"))
        docs = [(d.id, d.status, d.reason) for d in load_documents([folder])]
    finally:
        server.close()
    assert docs[0][:2] == ("a", "ok")
    assert docs[1][:2] == ("s", "skipped") and "a socket" in docs[1][2]


def test_dangling_links_and_link_loops_are_skipped_with_their_reason(tmp_path: Path):
    folder = tmp_path / "in"
    _write(folder / "a.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    for docs in (list(load_documents([folder])), list(load_documents(sorted(folder.iterdir())))):
        by_id = {d.id: d for d in docs}
        assert sorted(by_id) == ["a", "gone", "loop1", "loop2"]
        assert by_id["a"].status == "ok"
        assert by_id["gone"].status == "skipped" and "dangling symbolic link" in by_id["gone"].reason
        assert str(tmp_path / "deleted.txt") in by_id["gone"].reason
        assert all("symbolic link loop" in by_id[name].reason for name in ("loop1", "loop2"))


def test_the_same_file_given_twice_is_read_once_and_the_repeat_names_the_first(tmp_path: Path):
    folder = tmp_path / "in"
    page = _write(folder / "page.txt")
    (folder / "link.txt").symlink_to(page)
    _write(tmp_path / "r.jsonl", json.dumps({"id": "r1", "text": PAGE}, ensure_ascii=False) + "\n")
    docs = list(load_documents([page, folder, tmp_path / "r.jsonl", tmp_path / "r.jsonl"]))
    assert [(d.id, d.status) for d in docs] == [
        ("page", "ok"),
        ("link", "skipped"),
        ("page~2", "skipped"),
        ("r1", "ok"),
        ("r", "skipped"),
    ]
    assert all(f"the same file as {first}" in d.reason for d, first in zip(docs[1:3], [page, page], strict=True))
    assert f"the same file as {tmp_path / 'r.jsonl'}" in docs[4].reason
    assert count_documents([page, folder, tmp_path / "r.jsonl", tmp_path / "r.jsonl"]) == 5


def test_nothing_under_an_excluded_folder_is_listed(tmp_path: Path):
    _write(tmp_path / "a.txt")
    _write(tmp_path / "out" / "sentences.jsonl", '{"id": "x", "text": "旧的输出。"}\n')
    _write(tmp_path / "out" / "cache" / "old.txt")
    assert [d.id for d in load_documents([tmp_path], exclude=[tmp_path / "out"])] == ["a"]
    assert count_documents([tmp_path, tmp_path / "out" / "old.txt"], exclude=[tmp_path / "out"]) == 1


@pytest.mark.parametrize(("size", "ok"), [(99, True), (100, True), (101, False)])
def test_a_jsonl_line_counts_its_newline_against_the_limit(tmp_path: Path, size: int, ok: bool):
    record = '{"id": "r", "text": "' + "字" * 10 + '"}'
    padded = record + " " * (size - 1 - len(record.encode()))
    path = _write(tmp_path / "r.jsonl", padded + "\n" + '{"id": "next", "text": "李明华到南溪镇走访。"}\n')
    docs = list(load_documents([path], max_bytes=100))
    assert [(d.id, d.status) for d in docs] == [("r" if ok else "r:1", "ok" if ok else "skipped"), ("next", "ok")]
    if not ok:
        assert docs[0].reason == "line 1: too large: 101 bytes > limit 100 bytes"


def test_a_huge_jsonl_line_is_measured_in_chunks_and_its_neighbours_load(tmp_path: Path):
    path = tmp_path / "big.jsonl"
    with path.open("wb") as handle:
        handle.write(b'{"id": "a", "text": "' + "字".encode() * 1_000_000 + b'"}\n')
        handle.write('{"id": "b", "text": "李明华到南溪镇走访。"}'.encode())  # the last line has no newline
    docs = list(load_documents([path], max_bytes=1000))
    assert [(d.id, d.status) for d in docs] == [("big:1", "skipped"), ("b", "ok")]
    assert docs[0].reason == f"line 1: too large: {3_000_024:,} bytes > limit 1,000 bytes"
