"""Events on the real seed pages, scored against our own reading of them (data/gold/seed_events.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import score_events
from kg.ingest import load_documents
from kg.process import load_components, process_documents

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "data" / "gold" / "seed_events.jsonl"


@pytest.fixture(scope="module")
def seed_scores():
    if not SEEDS.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS}: ../shared must sit beside the repository")
    from kg.io.atomic import read_jsonl

    docs = [d for d in load_documents([SEEDS], dates_file=SEEDS / "dates.tsv") if d.status == "ok"]
    results = process_documents(docs, load_components("embedded"))
    predicted = [e.to_dict() for r in results for e in r.events]
    return score_events(predicted, list(read_jsonl(GOLD)))


def test_seed_events_are_found_without_inventions(seed_scores):
    events = seed_scores["events"]
    assert events["recall"] >= 0.95, seed_scores["missed"]
    assert events["precision"] >= 0.95, seed_scores["spurious"]


def test_seed_event_roles_match_the_pages(seed_scores):
    roles = seed_scores["roles"]
    assert roles["recall"] >= 0.95 and roles["precision"] >= 0.95, roles


def test_seed_places_visited_are_found(seed_scores):
    assert seed_scores["places"]["recall"] >= 0.9, seed_scores["places"]
