"""The cache tells the truth: its key covers every input field that reaches the outputs, and a damaged
results.sqlite is moved aside with a warning and rebuilt instead of stopping the build."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from build_helpers import GOOD_PAGE, comparable, corpus_records, write_jsonl

from kg.api import build
from kg.cache import CacheRebuilt, ResultCache, document_key
from kg.ingest import segment
from kg.io.atomic import read_jsonl
from kg.model import DocResult, Document

SETTINGS = "kg|tagger@1|rules1|"
CACHE = Path("cache", "results.sqlite")


def _record(out: Path) -> dict:
    (record,) = read_jsonl(out / "documents.jsonl")
    return record


def test_gbk_page_saved_again_as_utf8_reports_its_new_encoding(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "page.txt"
    page.parent.mkdir()
    page.write_bytes(GOOD_PAGE.encode("gbk"))
    first = build([page.parent], tmp_path / "out", date="2021-12-10", progress=False)
    assert (first.cache_hits, _record(tmp_path / "out")["encoding"]) == (0, "gb18030")

    page.write_text(GOOD_PAGE, encoding="utf-8")  # same text, same date, same path
    build([page.parent], tmp_path / "out", date="2021-12-10", progress=False)
    assert _record(tmp_path / "out")["encoding"] == "utf-8"


def test_new_title_of_a_jsonl_record_reaches_documents_jsonl(tmp_path: Path) -> None:
    record = {"id": "p1", "text": GOOD_PAGE, "date": "2021-12-10", "title": "东城街道防控检查"}
    corpus = write_jsonl(tmp_path / "pages.jsonl", [record])
    build([corpus], tmp_path / "out", progress=False)
    write_jsonl(corpus, [{**record, "title": "市委书记到东城街道检查"}])
    build([corpus], tmp_path / "out", progress=False)
    assert _record(tmp_path / "out")["title"] == "市委书记到东城街道检查"


def test_same_date_from_another_source_reports_where_it_came_from(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "page.txt").write_text(GOOD_PAGE, encoding="utf-8")
    build([pages], tmp_path / "out", date="2021-12-10", progress=False)
    dates = tmp_path / "dates.tsv"
    dates.write_text("file\tdate\npage.txt\t2021-12-10\n", encoding="utf-8")
    build([pages], tmp_path / "out", dates_file=dates, progress=False)
    assert (_record(tmp_path / "out")["date"], _record(tmp_path / "out")["date_source"]) == ("2021-12-10", "tsv")


@pytest.mark.parametrize(
    "change",
    [
        {"source": "elsewhere/page.txt"},
        {"encoding": "gb18030"},
        {"title": "另一个标题"},
        {"date_source": "tsv"},
        {"meta": {"warnings": ["no date for this page in dates.tsv"]}},
        {"status": "skipped", "reason": "empty"},
    ],
)
def test_key_covers_every_input_field(change: dict) -> None:
    doc = Document(id="page", source="page.txt", text=GOOD_PAGE, date="2021-12-10", date_source="cli", encoding="utf-8")
    assert document_key(dataclasses.replace(doc, **change), SETTINGS) != document_key(doc, SETTINGS)


def test_key_is_the_same_before_and_after_segmentation() -> None:
    """A serial build keys a stored result by its document after segmentation (articles, section labels)."""
    doc = Document(id="page", source="page.txt", text="（上接1版）\n" + GOOD_PAGE, date="2021-12-10")
    before = document_key(doc, SETTINGS)
    segmented = segment(dataclasses.replace(doc, meta={}))
    assert segmented.articles and segmented.meta.get("labels")
    assert document_key(segmented, SETTINGS) == before


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is no database " * 400)


def _truncated(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


@pytest.mark.parametrize("damage", [_garbage, _truncated])
def test_damaged_cache_is_moved_aside_with_a_warning_and_rebuilt(tmp_path: Path, damage: Callable) -> None:
    corpus = write_jsonl(tmp_path / "pages.jsonl", corpus_records(16))
    build([corpus], tmp_path / "first", progress=False)
    cache = tmp_path / "out" / CACHE
    build([corpus], tmp_path / "out", progress=False)
    assert cache.stat().st_size > 8 * 4096  # pages enough for a cut to lose some
    damage(cache)

    again = build([corpus], tmp_path / "out", progress=False)  # the build reports the warning, for the terminal
    assert any("moved it to results.sqlite.corrupt-" in warning for warning in again.warnings)
    assert (again.processed, again.cache_hits) == (16, 0)
    rebuilt, first = comparable(tmp_path / "out"), comparable(tmp_path / "first")
    assert json.loads(rebuilt.pop("report.json"))["warnings"] == again.warnings
    assert {**rebuilt, "report.json": None} == {**first, "report.json": None}
    (aside,) = cache.parent.glob("results.sqlite.corrupt-*[0-9]")
    assert aside.stat().st_size > 0

    assert build([corpus], tmp_path / "out", progress=False).cache_hits == 16  # the new cache works


def test_cache_damaged_while_open_is_moved_aside_and_keeps_working(tmp_path: Path) -> None:
    path = tmp_path / "results.sqlite"
    results = {f"k{i}": DocResult(document=Document(id=f"d{i}", source="d.txt", text=GOOD_PAGE * 8)) for i in range(20)}
    cache = ResultCache(path)
    cache.put_many(results.items())
    cache.close()
    cache = ResultCache(path)  # checked and in use; then the file is overwritten under it
    _garbage(path)
    with pytest.warns(CacheRebuilt, match="damaged"):
        assert cache.get("k3") is None
    cache.put_many([("k1", results["k1"])])
    assert (len(cache), cache.get("k1")) == (1, results["k1"])
    cache.close()
    assert len(list(tmp_path.glob("results.sqlite.corrupt-*"))) == 1
