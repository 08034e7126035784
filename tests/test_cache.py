"""The per-document cache: a re-run only processes new or changed documents; --no-cache recomputes."""

from __future__ import annotations

import json
import sqlite3

from test_parallel import assert_same_outputs, generate_corpus

from kg.api import build
from kg.cache import ResultCache, document_key
from kg.model import DocResult, Document, Mention

CACHE = ("cache", "results.sqlite")


def _write_lines(path, lines):
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_rerun_on_grown_corpus_only_processes_new_documents(tmp_path):
    lines = generate_corpus(tmp_path / "all.jsonl", 20).read_text(encoding="utf-8").splitlines(keepends=True)
    corpus = _write_lines(tmp_path / "pages.jsonl", lines[:12])
    first = build([corpus], tmp_path / "out", progress=False)
    assert (first.processed, first.cache_hits) == (12, 0)

    _write_lines(corpus, lines)
    grown = build([corpus], tmp_path / "out", progress=False)
    assert (grown.processed, grown.cache_hits) == (20, 12)

    build([corpus], tmp_path / "clean", cache=False, progress=False)
    assert_same_outputs(tmp_path / "clean", tmp_path / "out")


def test_changed_document_is_processed_again(tmp_path):
    corpus = generate_corpus(tmp_path / "pages.jsonl", 6)
    build([corpus], tmp_path / "out", progress=False)
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    records[3]["text"] += "\n\n本报讯 东城街道召开工作会议。"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert build([corpus], tmp_path / "out", progress=False).cache_hits == 5


def test_no_cache_recomputes_and_leaves_the_cache_alone(tmp_path):
    corpus = generate_corpus(tmp_path / "pages.jsonl", 5)
    build([corpus], tmp_path / "out", progress=False)
    rows_before = len(ResultCache(tmp_path.joinpath("out", *CACHE)))
    report = build([corpus], tmp_path / "out", cache=False, progress=False)
    assert (report.processed, report.cache_hits) == (5, 0)
    assert len(ResultCache(tmp_path.joinpath("out", *CACHE))) == rows_before == 5


def test_cache_key_changes_with_text_date_and_settings():
    doc = Document(id="a", source="a.txt", text="本报讯 王立新到东城街道调研。", date="2021-12-01")
    key = document_key(doc, "kg|tagger@1|rules1|")
    assert key == document_key(Document(**{**doc.__dict__}), "kg|tagger@1|rules1|")
    assert key != document_key(doc, "kg|tagger@2|rules1|")
    assert key != document_key(doc, "kg|tagger@1|rules2|")
    assert key != document_key(Document(**{**doc.__dict__, "date": "2021-12-02"}), "kg|tagger@1|rules1|")
    assert key != document_key(Document(**{**doc.__dict__, "text": doc.text + "。"}), "kg|tagger@1|rules1|")


def test_damaged_row_is_a_miss_not_an_error(tmp_path):
    cache = ResultCache(tmp_path / "results.sqlite")
    doc = Document(id="a", source="a.txt", text="王立新")
    result = DocResult(document=doc, mentions={"a#a0s0": [Mention(0, 3, "PERSON", "王立新", score=0.9)]})
    cache.put_many([("good", result), ("bad", result)])
    cache.close()
    with sqlite3.connect(tmp_path / "results.sqlite") as db:
        db.execute("UPDATE results SET data = ? WHERE key = 'bad'", (b"not zlib",))
    cache = ResultCache(tmp_path / "results.sqlite")
    assert cache.get("good") == result
    assert cache.get("bad") is None
    assert cache.get("missing") is None


def test_doc_results_round_trip_through_their_dict_form_with_real_mention_objects():
    from kg.model import DocResult, Document, Event, Mention, Participant

    result = DocResult(
        document=Document(id="d", source="d.txt"),
        mentions={"d#a0s0": [Mention(0, 3, "PERSON", "王立新", title="市长", attrs={"titles": ["市长"]})]},
        events=[Event(id="d#a0e0", type="meeting", doc="d", article=0, participants=[Participant("王立新", "chair")])],
    )
    again = DocResult.from_dict(result.to_dict())
    assert again == result
    assert isinstance(again.mentions["d#a0s0"][0], Mention)


def test_a_change_to_kgs_code_or_rules_changes_every_cache_key_but_weights_and_bytecode_do_not(tmp_path):
    """Results cached by an older kg are never served after its code changed (a source install between releases)."""
    from kg.events import load_rules
    from kg.process import code_id, settings_id

    package = tmp_path / "kg"
    (package / "tag" / "models").mkdir(parents=True)
    (package / "engine.py").write_text("RULE = 1\n", encoding="utf-8")
    (package / "rules.yaml").write_text("version: 1\n", encoding="utf-8")
    first = code_id(package)
    (package / "tag" / "models" / "ner.pt").write_bytes(b"weights the tagger id covers")
    (package / "engine.cpython-311.pyc").write_bytes(b"bytecode")
    assert code_id(package) == first
    (package / "engine.py").write_text("RULE = 2\n", encoding="utf-8")
    assert code_id(package) != first
    (package / "engine.py").write_text("RULE = 1\n", encoding="utf-8")
    (package / "rules.yaml").write_text("version: 2\n", encoding="utf-8")
    assert code_id(package) != first
    assert code_id() in settings_id("tagger", load_rules(), None)
