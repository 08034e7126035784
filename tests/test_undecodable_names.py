"""Input files whose names are not valid UTF-8 (GBK names from an old Windows disk) build like any other.

Their names are kept losslessly: as surrogate escapes in the JSON records (which json.loads and os.fsencode
turn back into the very bytes) and in the cache key; kg.io.names.display_name shows them on a terminal.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from build_helpers import GOOD_PAGE

from kg.api import build
from kg.cache import ResultCache, document_key
from kg.io.atomic import read_jsonl, write_jsonl
from kg.io.names import display_name
from kg.model import DocResult, Document

GBK_NAME = "张".encode("gbk") + b".txt"  # b"\xd5\xc5.txt": not UTF-8


def _write_bytes_named(folder: Path, name: bytes, text: str) -> bytes:
    path = os.fsencode(folder) + b"/" + name
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as error:  # some file systems (APFS) refuse names that are not UTF-8
        pytest.skip(f"this file system does not take the name {name!r}: {error}")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def test_file_with_a_gbk_name_builds_is_recorded_losslessly_and_cached(tmp_path: Path) -> None:
    inputs = tmp_path / "pages"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD_PAGE, encoding="utf-8")
    raw_path = _write_bytes_named(inputs, GBK_NAME, GOOD_PAGE.replace("王立新", "周敏"))

    first = build([inputs], tmp_path / "out", date="2021-12-10", progress=False)
    assert (first.processed, first.cache_hits) == (2, 0)

    documents = tmp_path / "out" / "documents.jsonl"
    documents.read_bytes().decode("utf-8")  # the outputs stay valid UTF-8
    records = {os.fsencode(r["source"]): r for r in read_jsonl(documents)}
    assert records[raw_path]["status"] == "ok"
    assert '"\\udcd5\\udcc5' in documents.read_text(encoding="utf-8")  # JSON escapes, not replacement marks
    people = {json.loads(line)["text"] for line in (tmp_path / "out" / "mentions.jsonl").open(encoding="utf-8")}
    assert "周敏" in people

    again = build([inputs], tmp_path / "out", date="2021-12-10", progress=False)
    assert (again.processed, again.cache_hits) == (2, 2)


def test_jsonl_records_with_lone_surrogates_round_trip(tmp_path: Path) -> None:
    record = {"source": os.fsdecode(b"/pages/" + GBK_NAME), "odd": "\ud800 and a backslash \\udcd5"}
    write_jsonl([record], tmp_path / "records.jsonl")
    assert list(read_jsonl(tmp_path / "records.jsonl")) == [record]


def test_cache_keeps_results_of_documents_with_undecodable_names(tmp_path: Path) -> None:
    doc = Document(id=os.fsdecode(GBK_NAME), source=os.fsdecode(b"/pages/" + GBK_NAME), text="周敏到东城街道调研。")
    key = document_key(doc, "settings")
    cache = ResultCache(tmp_path / "results.sqlite")
    cache.put_many([(key, DocResult(document=doc))])
    assert cache.get(key) == DocResult(document=doc)
    cache.close()


@pytest.mark.parametrize(
    "name, shown",
    [
        (os.fsdecode(b"/pages/" + GBK_NAME), "/pages/\\xd5\\xc5.txt"),
        ("张三.txt", "张三.txt"),
        ("evil\x1b[2J\n.txt", "evil\\x1b[2J\\n.txt"),
        ("\ud800.txt", "\\ud800.txt"),
    ],
)
def test_display_name_is_printable_and_shows_the_bytes(name: str, shown: str) -> None:
    assert display_name(name) == shown
    assert display_name(name).encode("utf-8")
