"""The event scorer: matching rules, role and place triples, file loading and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from kg.cli import main
from kg.evaluate import load_events, score_events
from kg.model import Argument, Event, Participant

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "sample_events.jsonl"


def gold_event(**overrides: object) -> dict:
    event = {
        "doc": "p1",
        "type": "meeting",
        "date": "2021-12-03",
        "participants": [{"name": "王立新", "role": "speaker"}, {"name": "赵明", "role": "chair"}],
        "places": ["青溪人民医院"],
    }
    return event | overrides


def test_identical_predictions_score_one_everywhere():
    gold = [gold_event(), gold_event(doc="p2", type="case_reported", participants=[], places=[])]
    scores = score_events(gold, gold)
    for key in ("events", "roles", "places"):
        assert (scores[key]["precision"], scores[key]["recall"], scores[key]["f1"]) == (1.0, 1.0, 1.0)


def test_a_wrong_date_is_a_miss_and_a_spurious_event_with_all_its_roles():
    scores = score_events([gold_event(date="2021-12-04")], [gold_event()])
    assert scores["events"] == {"tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert (scores["roles"]["fp"], scores["roles"]["fn"]) == (2, 2)
    assert scores["missed"][0]["date"] == "2021-12-03"


def test_events_must_share_a_participant_when_gold_has_any():
    other = gold_event(participants=[{"name": "林芳", "role": "chair"}])
    assert score_events([other], [gold_event()])["events"]["tp"] == 0
    partial = gold_event(participants=[{"name": "赵明", "role": "attendee"}])
    scores = score_events([partial], [gold_event()])
    assert scores["events"]["tp"] == 1
    assert (scores["roles"]["tp"], scores["roles"]["fp"], scores["roles"]["fn"]) == (0, 1, 2)


def test_matching_is_one_to_one_and_prefers_the_better_pair():
    weak = gold_event(participants=[{"name": "赵明", "role": "chair"}], places=[])
    strong = gold_event()
    scores = score_events([weak, strong], [gold_event()])
    assert scores["events"]["tp"] == 1 and scores["events"]["fp"] == 1
    assert scores["matches"] == [{"pred": 1, "gold": 0}]


def test_a_null_gold_date_matches_any_date_and_places_match_by_containment():
    pred = gold_event(date="2021-12-09", places=["东溪镇青溪人民医院", "滨江广场"])
    scores = score_events([pred], [gold_event(date=None)])
    assert scores["events"]["tp"] == 1
    assert (scores["places"]["tp"], scores["places"]["fp"], scores["places"]["fn"]) == (1, 1, 0)


def test_event_dicts_from_the_engine_score_like_gold_dicts():
    event = Event(
        id="p1#a0e0",
        type="meeting",
        doc="p1",
        article=0,
        date="2021-12-03",
        participants=[Participant("王立新", "speaker"), Participant("赵明", "chair")],
        places=[Argument("青溪人民医院")],
    )
    assert score_events([event.to_dict()], [gold_event()])["places"]["f1"] == 1.0


def test_load_events_reads_event_lines_and_docresult_lines(tmp_path):
    path = tmp_path / "pred.jsonl"
    lines = [gold_event(), {"document": {"id": "p2"}, "mentions": {}, "events": [gold_event(doc="p2")]}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    assert [e["doc"] for e in load_events(path)] == ["p1", "p2"]


def test_cli_prints_scores_as_json(tmp_path, capsys):
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(gold_event(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(pred), str(GOLD), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    gold_count = sum(1 for line in (GOLD).read_text(encoding="utf-8").splitlines() if line)
    assert (scores["events"]["tp"], scores["events"]["fp"], scores["events"]["fn"]) == (0, 1, gold_count)


def test_sample_gold_refers_to_sample_pages_listed_in_dates_tsv():
    pages = {p.stem for p in SAMPLE.glob("*.txt")}
    listed = {line.split("\t")[0].removesuffix(".txt") for line in (SAMPLE / "dates.tsv").read_text().splitlines()[1:]}
    gold = load_events(GOLD)
    assert {g["doc"] for g in gold} <= pages == listed
    assert all(g["type"] and "participants" in g and "places" in g for g in gold)
