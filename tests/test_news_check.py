"""The news check sets (data/gold/news_check_* and news_check2_*, see "Check set" and "Check set 2" in
data/gold/NEWS_DEV.md): fresh samples of 新闻联播 articles, annotated before kg was run on them. These tests keep
their files well-formed and their draws reproducible; they do not score kg (pipelines/eval_news_dev.py does)."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "data" / "gold"
DEV_SAMPLE = GOLD_DIR / "news_dev_sample.tsv"
CHECK_SAMPLE = GOLD_DIR / "news_check_sample.tsv"
CHECK_GOLD = GOLD_DIR / "news_check_events.jsonl"
CHECK2_SAMPLE = GOLD_DIR / "news_check2_sample.tsv"
CHECK2_GOLD = GOLD_DIR / "news_check2_events.jsonl"
CHECK_SETS = pytest.mark.parametrize(
    ("sample_path", "gold_path"), [(CHECK_SAMPLE, CHECK_GOLD), (CHECK2_SAMPLE, CHECK2_GOLD)], ids=["check", "check2"]
)
TYPES = {"meeting", "talks", "ceremony", "inspection", "visit", "case_reported", "lockdown_imposed", "lockdown_lifted"}
ROLES = {"chair", "speaker", "attendee", "host", "guest", "accompanying", "inspector", "visitor"}
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_TRIGGER_CHARS = 12  # a cue of a few words, never a copied sentence


def _sample(path: Path) -> dict[str, str]:
    """Sampled id -> broadcast date."""
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row["date"] for row in csv.DictReader(handle, delimiter="\t")}


def _events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _sampler():
    spec = importlib.util.spec_from_file_location("sample_news_dev", ROOT / "pipelines" / "sample_news_dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_check_set_is_forty_articles_none_of_them_in_the_dev_set():
    check = _sample(CHECK_SAMPLE)
    assert len(check) == 40
    assert not set(check) & set(_sample(DEV_SAMPLE))


def test_check_set_2_is_thirty_nine_articles_in_neither_earlier_set():
    check2 = _sample(CHECK2_SAMPLE)
    assert len(check2) == 39
    assert not set(check2) & (set(_sample(DEV_SAMPLE)) | set(_sample(CHECK_SAMPLE)))


@CHECK_SETS
def test_every_gold_event_is_on_a_sampled_article_with_a_known_type_and_roles(sample_path, gold_path):
    sample = _sample(sample_path)
    for event in _events(gold_path):
        assert event["doc"] in sample, event
        assert event["type"] in TYPES, event
        assert all(p["role"] in ROLES and p["name"].strip() for p in event["participants"]), event
        assert all(isinstance(place, str) and place for place in event["places"]), event


@CHECK_SETS
def test_gold_dates_are_iso_days_no_later_than_the_broadcast_or_null(sample_path, gold_path):
    sample = _sample(sample_path)
    for event in _events(gold_path):
        day = event["date"]
        if day is not None:
            assert ISO_DAY.fullmatch(day), event
            assert date.fromisoformat(day) <= date.fromisoformat(sample[event["doc"]]), event


@CHECK_SETS
def test_triggers_are_short_cues_not_article_text(sample_path, gold_path):
    assert all(len(event["trigger"]) <= MAX_TRIGGER_CHARS for event in _events(gold_path))


@pytest.fixture(scope="module")
def corpus():
    sampler = _sampler()
    if not sampler.CORPUS.is_file():
        pytest.skip(f"news corpus not found at {sampler.CORPUS}: ../shared must sit beside the repository")
    with sampler.CORPUS.open(encoding="utf-8") as handle:
        return sampler, [json.loads(line) for line in handle if line.strip()]


def _drawn(pairs: list[tuple[dict, str]]) -> dict[str, str]:
    return {record["id"]: record["date"] for record, _ in pairs}


def test_the_sampler_defaults_still_draw_the_dev_set(corpus):
    sampler, records = corpus
    assert _drawn(sampler.sample(records)) == _sample(DEV_SAMPLE)


def test_the_documented_check_draw_gives_the_check_set(corpus):
    sampler, records = corpus
    dev_ids = sampler.excluded_ids([DEV_SAMPLE])
    pairs = sampler.sample(records, seed=1714, exclude=dev_ids, scale=0.45, short_share=0.75)
    assert _drawn(pairs) == _sample(CHECK_SAMPLE)


def test_the_documented_check2_draw_gives_check_set_2(corpus):
    sampler, records = corpus
    earlier = sampler.excluded_ids([DEV_SAMPLE, CHECK_SAMPLE])
    pairs = sampler.sample(records, seed=2611, exclude=earlier, scale=0.45, short_share=0.75)
    assert _drawn(pairs) == _sample(CHECK2_SAMPLE)
