"""load_documents: every input document becomes one Document, bad input is skipped with a reason."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from kg.ingest import load_documents
from kg.ingest.readers import DatesFileError, read_dates_tsv

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
PAGE = "本报讯 12月3日上午，东城街道召开安全生产工作会议。\n街道党工委书记王立新主持会议。\n"


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _by_id(docs):
    return {d.id: d for d in docs}


def test_a_text_file_loads_with_its_stem_as_id_and_its_encoding(tmp_path: Path):
    path = _write(tmp_path / "dongcheng.txt", PAGE.encode("gb18030"))
    (doc,) = load_documents([path])
    assert (doc.id, doc.status, doc.text, doc.encoding, doc.source) == ("dongcheng", "ok", PAGE, "gb18030", str(path))


def test_a_folder_is_walked_recursively_in_sorted_order_txt_and_jsonl_only(tmp_path: Path):
    _write(tmp_path / "b" / "two.txt", PAGE)
    _write(tmp_path / "a" / "one.txt", PAGE)
    _write(tmp_path / "a" / "notes.md", PAGE)
    _write(tmp_path / "c.jsonl", '{"id": "r1", "text": "李明华到南溪镇走访。"}\n')
    assert [d.id for d in load_documents([tmp_path])] == ["one", "two", "r1"]


def test_same_stem_in_two_folders_gets_a_deterministic_suffix(tmp_path: Path):
    _write(tmp_path / "a" / "page.txt", PAGE)
    _write(tmp_path / "b" / "page.txt", PAGE)
    docs = list(load_documents([tmp_path]))
    assert [d.id for d in docs] == ["page", "page~2"]
    assert docs[1].source.endswith(str(Path("b") / "page.txt"))


def test_jsonl_fixture_loads_good_lines_and_skips_bad_ones_with_line_numbers():
    docs = list(load_documents([FIXTURES / "records.jsonl"]))
    assert len(docs) == 7  # one Document per line, good or bad
    ok = [d for d in docs if d.status == "ok"]
    assert [d.id for d in ok] == ["dc-001", "records:2", "dc-006"]
    first = ok[0]
    assert first.source.endswith("records.jsonl:1")
    assert first.title == "王立新调研安全生产"
    assert first.meta == {"source": "东城日报", "section": "要闻"}
    assert (first.date, first.date_source) == ("2021-12-03", "jsonl")
    reasons = {d.source.rsplit(":", 1)[1]: d.reason for d in docs if d.status == "skipped"}
    assert reasons["3"].startswith("line 3: malformed JSON")
    assert reasons["4"] == "line 4: missing 'text'"
    assert reasons["5"].startswith("line 5: duplicate id 'dc-001'")
    assert reasons["7"] == "line 7: 'text' is not a string (int)"


def test_invalid_calendar_date_keeps_the_document_undated_with_a_warning():
    docs = _by_id(load_documents([FIXTURES / "records.jsonl"]))
    doc = docs["dc-006"]
    assert doc.status == "ok"
    assert doc.date is None
    assert "2021-02-30" in doc.meta["warnings"][0]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (" \n\u3000\n\t".encode(), "whitespace-only"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary file (PNG image)"),
        (b"PK\x03\x04" + bytes(100), "binary file (zip"),
        (bytes((i * 37 + 11) % 255 + 1 for i in range(3001)), "undecodable"),
    ],
    ids=["empty", "whitespace", "png", "zip", "undecodable"],
)
def test_bad_text_files_are_skipped_with_a_clear_reason(tmp_path: Path, data: bytes, reason: str):
    (doc,) = load_documents([_write(tmp_path / "bad.txt", data)])
    assert doc.status == "skipped"
    assert reason in (doc.reason or "")


def test_a_too_large_file_is_skipped_saying_its_size_and_the_limit(tmp_path: Path):
    path = _write(tmp_path / "big.txt", PAGE * 10)
    (doc,) = load_documents([path], max_bytes=100)
    assert doc.status == "skipped"
    assert f"{path.stat().st_size:,} bytes" in doc.reason and "limit 100 bytes" in doc.reason


def test_a_missing_path_is_skipped_and_the_other_inputs_still_load(tmp_path: Path):
    good = _write(tmp_path / "good.txt", PAGE)
    docs = list(load_documents([tmp_path / "missing.txt", good]))
    assert [(d.id, d.status) for d in docs] == [("missing", "skipped"), ("good", "ok")]
    assert docs[0].reason == "no such file or directory"


def test_jsonl_with_bom_and_blank_lines_and_gbk_line(tmp_path: Path):
    lines = [codecs.BOM_UTF8 + '{"id": "x1", "text": "王立新主持会议。"}'.encode(), b"", b"   "]
    lines.append('{"id": "x2", "text": "李明华出席会议。"}'.encode("gbk"))
    docs = list(load_documents([_write(tmp_path / "mixed.jsonl", b"\n".join(lines))]))
    assert [(d.id, d.status, d.encoding) for d in docs] == [("x1", "ok", "utf-8"), ("x2", "ok", "gb18030")]
    assert docs[1].source.endswith("mixed.jsonl:4")


def test_date_sources_in_priority_order_jsonl_tsv_cli_text(tmp_path: Path):
    _write(tmp_path / "in" / "a.txt", PAGE)
    _write(tmp_path / "in" / "b.txt", "2021 年 12 月 10 日 星期五\n" + PAGE)  # OCR spaces inside the date
    _write(tmp_path / "in" / "c.jsonl", '{"id": "j", "text": "王立新主持会议。", "date": "2021/12/01"}\n')
    tsv = _write(tmp_path / "dates.tsv", "file\tdate\na.txt\t2021-12-05\n")
    docs = _by_id(load_documents([tmp_path / "in"], dates_file=tsv))
    assert (docs["a"].date, docs["a"].date_source) == ("2021-12-05", "tsv")
    assert (docs["b"].date, docs["b"].date_source) == ("2021-12-10", "text")
    assert (docs["j"].date, docs["j"].date_source) == ("2021-12-01", "jsonl")
    docs = _by_id(load_documents([tmp_path / "in"], dates_file=tsv, date="2021-12-31"))
    assert (docs["b"].date, docs["b"].date_source) == ("2021-12-31", "cli")
    assert docs["a"].date_source == "tsv"


def test_a_bad_dates_file_is_an_error_naming_the_file_and_line(tmp_path: Path):
    page = _write(tmp_path / "a.txt", PAGE)
    for name, content, expected in (
        ("bad_date.tsv", "file\tdate\na.txt\t2021-13-01\n", "line 2: invalid date '2021-13-01'"),
        ("no_header.tsv", "a.txt\t2021-12-01\n", "header"),
        ("short_row.tsv", "file\tdate\na.txt\n", "line 2: 1 column(s)"),
    ):
        tsv = _write(tmp_path / name, content)
        with pytest.raises(DatesFileError, match=re.escape(expected)) as error:
            list(load_documents([page], dates_file=tsv))
        assert str(tsv) in str(error.value)
    with pytest.raises(DatesFileError, match="cannot read"):
        list(load_documents([page], dates_file=tmp_path / "nope.tsv"))


def test_dates_file_duplicates_and_unlisted_documents_are_warnings(tmp_path: Path):
    _write(tmp_path / "in" / "a.txt", PAGE)
    _write(tmp_path / "in" / "b.txt", PAGE)
    tsv = _write(tmp_path / "dates.tsv", "file\tdate\na.txt\t2021-12-05\na.txt\t2021-12-06\n")
    mapping, warnings = read_dates_tsv(tsv)
    assert mapping == {"a.txt": "2021-12-05"}  # the first row wins
    assert len(warnings) == 1 and "line 3 lists a.txt again (line 2 is used)" in warnings[0]
    docs = _by_id(load_documents([tmp_path / "in"], dates_file=tsv))
    assert docs["a"].date == "2021-12-05" and not docs["a"].meta.get("warnings")
    assert docs["b"].meta["warnings"] == ["b.txt is not listed in the dates file"]


def test_truncated_utf8_file_loads_with_a_warning(tmp_path: Path):
    (doc,) = load_documents([_write(tmp_path / "cut.txt", PAGE.encode()[:-2])])
    assert doc.status == "ok"
    assert doc.text == PAGE[:-2]
    assert "truncated" in doc.meta["warnings"][0]


def test_a_too_large_jsonl_record_is_skipped_and_its_neighbours_load(tmp_path: Path):
    big = '{"id": "big", "text": "' + "王立新主持会议。" * 50 + '"}'
    path = _write(
        tmp_path / "r.jsonl", '{"id": "a", "text": "李明华出席。"}\n' + big + '\n{"id": "c", "text": "散会。"}\n'
    )
    docs = list(load_documents([path], max_bytes=200))
    assert [(d.id, d.status) for d in docs] == [("a", "ok"), ("r:2", "skipped"), ("c", "ok")]
    assert docs[1].reason.startswith("line 2: too large")
