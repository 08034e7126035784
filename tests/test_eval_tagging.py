"""The tagging evaluations: BIO scoring (model alone, kg tag, ablation), the switchable steps, the news check."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import kg.api
from kg.model import Mention
from kg.tag.annotate import STEPS, annotate_sentence, checked_skip

PIPELINES = Path(__file__).resolve().parents[1] / "pipelines"


def _script(name: str) -> ModuleType:
    """A script of pipelines/ imported as a module."""
    spec = importlib.util.spec_from_file_location(name, PIPELINES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


eval_tagging = _script("eval_tagging")
news_people_check = _script("news_people_check")

BIO_SENTENCES = [
    ("王立新来到西溪镇。", {"PER": [(0, 3)], "LOC": [(5, 8)]}),
    ("县商务局召开会议。", {"ORG": [(0, 4)]}),
]


def _write_bio(path: Path) -> Path:
    lines = []
    for text, spans in BIO_SENTENCES:
        tags = ["O"] * len(text)
        for kind, found in spans.items():
            for start, end in found:
                tags[start:end] = [f"B-{kind}"] + [f"I-{kind}"] * (end - start - 1)
        lines += [f"{c}\t{t}" for c, t in zip(text, tags, strict=True)] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_bio_spans_read_entities_and_an_i_without_its_b() -> None:
    assert list(eval_tagging.bio_spans(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG"])) == [
        (0, 2, "PER"),
        (3, 5, "LOC"),
        (5, 6, "ORG"),
    ]


def test_scores_are_exact_span_micro_and_per_type() -> None:
    gold = [[(0, 2, "PER"), (3, 5, "LOC")]]
    found = [[(0, 2, "PER"), (3, 4, "LOC"), (6, 8, "ORG")]]
    report = eval_tagging.scores(gold, found)
    assert report["micro"] == {"p": 0.3333, "r": 0.5, "f1": 0.4, "gold": 2}
    assert report["PER"]["f1"] == 1.0 and report["LOC"]["f1"] == 0.0 and report["ORG"]["p"] == 0.0


def test_a_bio_file_is_scored_for_the_model_kg_tag_and_every_ablation(tmp_path: Path) -> None:
    path = _write_bio(tmp_path / "tiny.bio")
    assert [text for text, _ in eval_tagging.read_bio(path)] == [text for text, _ in BIO_SENTENCES]
    report = eval_tagging.evaluate(path, ablation=True)
    assert report["sentences"] == 2 and report["model"]["micro"]["gold"] == 3
    assert set(report["without"]) == set(STEPS)
    assert "kg tag without one_sense" in eval_tagging.format_report(report)


def test_dev_block_scores_only_the_sentences_train_ner_holds_out(tmp_path: Path) -> None:
    """`--dev-block` scores exactly train_ner.py's dev split: the tail block, never the training sentences."""
    path = tmp_path / "many.bio"
    lines = []
    for i in range(200):
        text, _ = BIO_SENTENCES[i % 2]
        lines += [f"{c}\tO" for c in f"{text}{i}"] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    train_ner = _script("train_ner")
    _, dev = train_ner.split_dev(eval_tagging.read_bio(path))
    report = eval_tagging.evaluate(path, dev_block=True)
    assert report["sentences"] == len(dev) == 20 and report["file"].endswith("(dev block)")
    assert report["chars"] == sum(len(text) for text, _ in dev)


def test_tagging_steps_are_switched_off_by_name() -> None:
    noise = [Mention(1, 2, "LOCATION", "中", source="model")]
    assert annotate_sentence("集中医学观察点。", noise) == []
    assert [m.text for m in annotate_sentence("集中医学观察点。", noise, skip=["single_chars"])] == ["中"]
    with pytest.raises(ValueError, match="unknown tagging step"):
        checked_skip(["no_such_step"])


def test_tag_texts_takes_the_steps_to_skip() -> None:
    (with_dates,) = kg.api.tag_texts(["12月9日上午，会议召开。"], date="2021-12-10")
    (without,) = kg.api.tag_texts(["12月9日上午，会议召开。"], date="2021-12-10", skip=["dates"])
    assert any(e["type"] == "DATE" for e in with_dates["entities"])
    assert not any(e["type"] == "DATE" for e in without["entities"])


def _found(text: str, name: str, kind: str, titled: bool = False) -> news_people_check.Found:
    start = text.index(name)
    return news_people_check.Found(start, start + len(name), kind, name, titled)


def test_the_news_check_counts_leaders_fragments_and_places_as_people() -> None:
    sentences = [
        ("俄罗斯总统普京出席。", [_found("俄罗斯总统普京出席。", "普京", "PERSON", titled=True)]),
        ("普京表示欢迎。", [_found("普京表示欢迎。", "普京", "LOCATION")]),
        ("特朗普大厦外。", [_found("特朗普大厦外。", "特朗普大厦", "LOCATION")]),
        ("市长李明出席。", [_found("市长李明出席。", "李明", "PERSON", titled=True)]),
        ("市长李明讲话。", [_found("市长李明讲话。", "李明", "PERSON", titled=True)]),
        ("李明作报告。", [_found("李明作报告。", "李明作", "PERSON")]),
        ("巴赫穆特方向。", [_found("巴赫穆特方向。", "巴赫穆特", "PERSON")]),
    ]
    figures = news_people_check.report(sentences)
    assert figures["leaders"]["普京"] == {
        "occurrences": 2,
        "person_share": 0.5,
        "person_share_outside_names": 0.5,
        "PERSON": 1,
        "LOCATION": 1,
    }
    assert figures["leaders"]["特朗普"]["inside"] == 1
    assert figures["fragments"]["top"] == {"李明作": 1}
    assert figures["places_as_people"]["巴赫穆特"] == 1
    table = news_people_check.format_table({"all steps": figures, "without one_sense": figures})
    assert "| without one_sense | 50.0% | 0.0% | 0.0% | 0.0% | 1 | 0 | 1 |" in table
