"""Bad input never stops a build: every good document comes through, every bad one is reported with a reason.

One folder holds a good page next to empty, blank, binary, truncated, mislabelled and oversized
files and a JSONL file with broken records; it is built through the Python API and the CLI.
Bad configuration (rules with a syntax error, a missing or corrupt model) fails before any output
is touched, with a message that names the file and the fix.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from build_helpers import GOOD_PAGE, run_kg, snapshot

from kg.api import build
from kg.cli import main
from kg.io.atomic import read_jsonl
from kg.outdir import LOCK_NAME

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
BIG_BYTES = 50_000_000
OTHER_PAGE = "本报讯 12月10日下午，市长赵志强在西城街道主持召开安全生产工作会议。\n"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.txt", GOOD_PAGE)
    return buffer.getvalue()


def _records() -> str:
    good = {"id": "rec-good", "text": OTHER_PAGE, "date": "2021-12-10", "title": "安全生产会议"}
    lines = [
        json.dumps(good, ensure_ascii=False),
        '{"id": "rec-broken", "text": "会议召开',  # cut mid-record
        json.dumps({"id": "rec-notext", "body": OTHER_PAGE}, ensure_ascii=False),
        json.dumps({"id": "rec-number", "text": 12345}),
        json.dumps({"id": 7, "text": OTHER_PAGE, "title": ["不是", "字符串"], "date": 20211210}, ensure_ascii=False),
        json.dumps({"id": "rec-good", "text": "重复的编号。"}, ensure_ascii=False),
        json.dumps({"id": "rec-baddate", "text": OTHER_PAGE, "date": "2021-02-30"}, ensure_ascii=False),
        "[1, 2, 3]",
    ]
    return "\n".join(lines) + "\n"


def _write_bad_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    files: dict[str, bytes] = {
        "good.txt": GOOD_PAGE.encode("utf-8"),
        "empty.txt": b"",
        "blank.txt": " \n\t\n\u3000\n".encode(),  # ideographic space too
        "image.txt": PNG,
        "archive.txt": _zip_bytes(),
        "cut.txt": GOOD_PAGE.rstrip("\n").encode("utf-8")[:-2],  # last character cut in half
        "gbk.txt": OTHER_PAGE.encode("gbk"),
        "utf16.txt": OTHER_PAGE.encode("utf-16-le"),
        "records.jsonl": _records().encode("utf-8"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as handle:  # one 50 MB line, no newline
        chunk = ("王立新" * 100_000).encode("utf-8")
        while handle.tell() < BIG_BYTES:
            handle.write(chunk)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, dict]:
    """The bad folder built once through the API; returns (input folder, output dir, report.json)."""
    root = tmp_path_factory.mktemp("bad")
    folder = _write_bad_folder(root / "in")
    out = root / "out"
    build([folder], out, progress=False)
    return folder, out, json.loads((out / "report.json").read_text(encoding="utf-8"))


def _documents(out: Path) -> dict[str, dict]:
    """id -> the first documents.jsonl record with that id (a duplicate JSONL id is reported after it)."""
    found: dict[str, dict] = {}
    for record in read_jsonl(out / "documents.jsonl"):
        found.setdefault(record["id"], record)
    return found


SKIPPED = {  # document id -> words its reason must contain
    "empty": "empty file",
    "blank": "whitespace-only",
    "image": "PNG image",
    "archive": "zip archive",
    "huge": "too large",
    "records:2": "malformed JSON",
    "rec-notext": "missing 'text'",
    "rec-number": "'text' is not a string",
    "records:8": "not a JSON object",
}


@pytest.mark.parametrize(("doc_id", "words"), sorted(SKIPPED.items()))
def test_each_bad_document_is_skipped_with_its_reason_in_documents_and_report(built, doc_id, words):
    _, out, report = built
    record = _documents(out)[doc_id]
    assert record["status"] == "skipped"
    assert words in record["reason"]
    assert report["skipped_reasons"][doc_id] == record["reason"]


def test_a_duplicate_jsonl_id_keeps_the_first_record_and_reports_the_second(built):
    folder, out, _ = built
    records = [r for r in read_jsonl(out / "documents.jsonl") if r["id"] == "rec-good"]
    assert [r["status"] for r in records] == ["ok", "skipped"]
    assert "duplicate id 'rec-good'" in records[1]["reason"]
    assert records[1]["source"] == f"{folder / 'records.jsonl'}:6"


@pytest.mark.parametrize(
    ("doc_id", "encoding", "warning"),
    [
        ("good", "utf-8", None),
        ("cut", "utf-8", "truncated utf-8"),
        ("gbk", "gb18030", None),
        ("utf16", "utf-16-le", "no byte order mark"),
        ("rec-good", "utf-8", None),
    ],
)
def test_good_and_repairable_documents_are_processed_with_their_encoding(built, doc_id, encoding, warning):
    _, out, _ = built
    record = _documents(out)[doc_id]
    assert (record["status"], record["encoding"]) == ("ok", encoding)
    assert record["sentences"] > 0
    if warning:
        assert any(warning in w for w in record["warnings"])


def test_text_of_mislabelled_encodings_comes_through_intact(built):
    _, out, _ = built
    texts = {}
    for sentence in read_jsonl(out / "sentences.jsonl"):
        texts[sentence["doc"]] = texts.get(sentence["doc"], "") + sentence["text"]
    assert "赵志强在西城街道主持召开安全生产工作会议" in texts["gbk"]
    assert "赵志强在西城街道主持召开安全生产工作会议" in texts["utf16"]
    assert "市委书记王立新到东城街道检查疫情防控工作" in texts["good"]


def test_non_string_fields_are_coerced_or_dropped_not_fatal(built):
    _, out, _ = built
    record = _documents(out)["7"]  # numeric id, list title, numeric date
    assert record["status"] == "ok"
    assert record["title"] is None
    assert record["date"] == "2021-12-10"


def test_an_impossible_date_leaves_the_document_undated_with_a_warning(built):
    _, out, _ = built
    record = _documents(out)["rec-baddate"]
    assert (record["status"], record["date"]) == ("ok", None)
    assert any("2021-02-30" in w for w in record["warnings"])


def test_report_counts_every_input_document_once(built):
    _, out, report = built
    documents = list(read_jsonl(out / "documents.jsonl"))
    assert report["documents"] == len(documents) == len({(d["id"], d["source"]) for d in documents})
    assert report["skipped"] == sum(d["status"] == "skipped" for d in documents) == len(SKIPPED) + 1
    assert report["processed"] == report["documents"] - report["skipped"]


def test_the_cli_reports_the_same_documents_and_names_each_skipped_one(built, tmp_path, capsys):
    folder, api_out, _ = built
    out = tmp_path / "cli"
    assert main(["build", str(folder), "--out", str(out), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert (out / "documents.jsonl").read_bytes() == (api_out / "documents.jsonl").read_bytes()
    for doc_id, words in SKIPPED.items():
        assert any(line.startswith(f"skipped {doc_id}: ") and words in line for line in err.splitlines())


def test_an_impossible_cli_date_is_a_warning_on_every_document(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(GOOD_PAGE, encoding="utf-8")
    build([page], tmp_path / "out", date="2021-02-30", progress=False)
    (record,) = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert record["status"] == "ok"
    assert record["date_source"] != "cli"
    assert any("cli date" in w and "2021-02-30" in w for w in record["warnings"])


# --------------------------------------------------------------------------- bad configuration


@pytest.fixture
def previous_build(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """An input page and a finished build of it: (page, out, snapshot of out)."""
    page = tmp_path / "page.txt"
    page.write_text(GOOD_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    build([page], out, progress=False)
    return page, out, snapshot(out)


def test_a_rules_syntax_error_names_file_and_line_and_writes_nothing(previous_build, tmp_path, capsys):
    page, out, before = previous_build
    rules = tmp_path / "my_rules.yaml"
    rules.write_text("event_types:\n  meeting:\n    triggers: [召开\n  visit: {}\n", encoding="utf-8")
    fresh = tmp_path / "never"
    for target in (out, fresh):
        assert main(["build", str(page), "--out", str(target), "--rules", str(rules), "--no-progress"]) == 1
        err = capsys.readouterr().err
        assert f"{rules}:4" in err
        assert "syntax" in err.lower()
        assert "Traceback" not in err
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir() if p.name != LOCK_NAME) == sorted([*before, "cache"])
    assert not fresh.exists()


@pytest.mark.parametrize("problem", ["missing", "corrupt"])
def test_a_bad_model_file_is_a_clear_error_naming_the_path_with_no_traceback(previous_build, tmp_path, problem):
    page, out, before = previous_build
    model = tmp_path / "models" / "ner.pt"
    if problem == "corrupt":
        model.parent.mkdir()
        model.write_bytes(b"PK\x03\x04 this is not a torch file")
    done = run_kg("build", str(page), "--out", str(out), "--tagger", f"embedded:{model}", "--no-progress")
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert str(model) in done.stderr
    assert "train_ner.py" in done.stderr  # how to get working weights
    assert "Traceback" not in done.stderr
    assert snapshot(out) == before
