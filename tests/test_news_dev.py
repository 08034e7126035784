"""Events on the news development set: 90 新闻联播 articles read from ../shared at run time and scored
against our reading of them (data/gold/news_dev_events.jsonl, guidelines in data/gold/NEWS_DEV.md),
through the one-command script an analyst runs (pipelines/eval_news_dev.py: kg build, then kg eval)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "pipelines" / "eval_news_dev.py"


def _script():
    spec = importlib.util.spec_from_file_location("eval_news_dev", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def news_scores(tmp_path_factory):
    script = _script()
    if not script.CORPUS.is_file():
        pytest.skip(f"news corpus not found at {script.CORPUS}: ../shared must sit beside the repository")
    ids = script.sampled_ids(script.SAMPLE, script.GOLD, annotated_only=False)
    return script.evaluate(script.CORPUS, tmp_path_factory.mktemp("news_dev"), ids, script.GOLD)


def test_news_events_are_found_without_inventions(news_scores):
    assert news_scores["events"]["f1"] >= 0.90, (news_scores["events"], news_scores["missed"], news_scores["spurious"])


def test_news_roles_hold(news_scores):
    assert news_scores["roles"]["f1"] >= 0.85, news_scores["roles"]


def test_news_places_are_found(news_scores):
    assert news_scores["places"]["f1"] >= 0.80, news_scores["places"]


def test_every_type_of_the_dev_set_is_found(news_scores):
    found = {t for t, s in news_scores["by_type"].items() if s["tp"]}
    assert {"meeting", "talks", "ceremony", "inspection", "visit", "case_reported"} <= found, news_scores["by_type"]


def test_the_dev_sample_lists_every_scored_article_and_annotated_only_cuts_after_the_last_one(tmp_path):
    script = _script()
    sample = tmp_path / "sample.tsv"
    sample.write_text("id\tdate\tstratum\na\t2023-01-01\tnone\nb\t2023-01-02\ttalks\nc\t2023-01-03\tnone\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "b", "type": "talks", "date": null, "participants": [], "places": []}\n')
    assert script.sampled_ids(sample, gold, annotated_only=False) == ["a", "b", "c"]
    assert script.sampled_ids(sample, gold, annotated_only=True) == ["a", "b"]
