"""Scoring predicted events against a gold file.

Gold and predictions are plain dicts (one JSON object per line): `doc`, `type`, `date`,
`participants` ([{name, role}]), `places` (names or {name}). Predictions may be `Event.to_dict()`
records or DocResult records (their `events` are used).

Matching (documented so figures are comparable):
- a predicted event can match a gold event when `doc` and `type` are equal, the dates are
  equal (a gold date of null matches any date), and, when the gold event has participants,
  they share at least one participant name;
- pairs are assigned one to one, greedily by score (shared names, shared places, equal time),
  ties broken by file order, so the result is deterministic;
- event P/R/F1 counts matched pairs; role P/R/F1 counts (matched event, name, role) triples;
  place P/R/F1 counts (matched event, place) pairs. Triples of an unmatched predicted event are
  all false positives, those of an unmatched gold event all false negatives;
- names and places are compared after `kg.textnorm.fold` and with spaces and quotes removed; a
  place also matches when one name contains the other ("古山镇华联超市" ~ "华联超市").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.io.atomic import read_jsonl
from kg.textnorm import fold

_NOISE = str.maketrans("", "", " \t\n\"'“”「」")


def _norm(name: str) -> str:
    return fold(name or "").translate(_NOISE)


def _names(event: dict[str, Any]) -> set[str]:
    return {_norm(p["name"]) for p in event.get("participants") or [] if p.get("name")}


def _roles(event: dict[str, Any]) -> set[tuple[str, str]]:
    return {(_norm(p["name"]), str(p.get("role"))) for p in event.get("participants") or [] if p.get("name")}


def _places(event: dict[str, Any]) -> list[str]:
    found = []
    for place in event.get("places") or []:
        name = _norm(place["name"] if isinstance(place, dict) else str(place))
        if name and name not in found:
            found.append(name)
    return found


def _same_place(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def _place_hits(pred: list[str], gold: list[str]) -> int:
    """Gold places matched by distinct predicted places, exact matches first."""
    left_p, left_g = list(pred), list(gold)
    hits = 0
    for same in (str.__eq__, _same_place):
        for g in list(left_g):
            match = next((p for p in left_p if same(p, g)), None)
            if match is not None:
                left_p.remove(match)
                left_g.remove(g)
                hits += 1
    return hits


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _compatible(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if pred.get("doc") != gold.get("doc") or pred.get("type") != gold.get("type"):
        return False
    if gold.get("date") is not None and pred.get("date") != gold.get("date"):
        return False
    gold_names = _names(gold)
    return not gold_names or bool(gold_names & _names(pred))


def _pair_score(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    names_p, names_g = _names(pred), _names(gold)
    jaccard = len(names_p & names_g) / len(names_p | names_g) if names_p | names_g else 1.0
    places = _place_hits(_places(pred), _places(gold)) / max(1, len(_places(gold)))
    time = 0.1 if gold.get("time") and pred.get("time") == gold.get("time") else 0.0
    return jaccard + places + time


def match_events(predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs, greedy by score."""
    candidates = [
        (-_pair_score(p, g), gi, pi) for pi, p in enumerate(predicted) for gi, g in enumerate(gold) if _compatible(p, g)
    ]
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if pi not in used_p and gi not in used_g:
            used_p.add(pi)
            used_g.add(gi)
            pairs.append((pi, gi))
    return sorted(pairs, key=lambda pair: pair[1])


def score_events(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Event, role and place precision/recall/F1 of `predicted` against `gold` (see module doc)."""
    pairs = match_events(predicted, gold)
    matched_p = {pi: gi for pi, gi in pairs}
    matched_g = {gi: pi for pi, gi in pairs}

    role_tp = sum(len(_roles(predicted[pi]) & _roles(gold[gi])) for pi, gi in pairs)
    role_pred = sum(len(_roles(p)) for p in predicted)
    role_gold = sum(len(_roles(g)) for g in gold)
    place_tp = sum(_place_hits(_places(predicted[pi]), _places(gold[gi])) for pi, gi in pairs)
    place_pred = sum(len(_places(p)) for p in predicted)
    place_gold = sum(len(_places(g)) for g in gold)

    by_type = {}
    for etype in sorted({e.get("type") for e in [*predicted, *gold]}, key=str):
        tp = sum(1 for _, gi in pairs if gold[gi].get("type") == etype)
        n_pred = sum(1 for p in predicted if p.get("type") == etype)
        n_gold = sum(1 for g in gold if g.get("type") == etype)
        by_type[str(etype)] = _prf(tp, n_pred - tp, n_gold - tp)

    def brief(event: dict[str, Any]) -> dict[str, Any]:
        return {k: event.get(k) for k in ("doc", "type", "date")} | {"participants": sorted(_names(event))}

    return {
        "events": _prf(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs)),
        "roles": _prf(role_tp, role_pred - role_tp, role_gold - role_tp),
        "places": _prf(place_tp, place_pred - place_tp, place_gold - place_tp),
        "by_type": by_type,
        "matches": [{"pred": pi, "gold": gi} for pi, gi in pairs],
        "missed": [brief(g) | {"gold": gi} for gi, g in enumerate(gold) if gi not in matched_g],
        "spurious": [brief(p) | {"pred": pi} for pi, p in enumerate(predicted) if pi not in matched_p],
    }


def load_events(path: str | Path) -> list[dict[str, Any]]:
    """Events from a JSONL file of events or of DocResult records (which hold `events`)."""
    events: list[dict[str, Any]] = []
    for record in read_jsonl(path):
        events.extend(record["events"] if "events" in record and "type" not in record else [record])
    return events


def format_report(scores: dict[str, Any]) -> str:
    lines = [f"{'':20}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]

    def row(label: str, s: dict[str, Any]) -> str:
        return f"{label:20}{s['precision']:8.3f}{s['recall']:8.3f}{s['f1']:8.3f}{s['tp']:6}{s['fp']:6}{s['fn']:6}"

    lines += [row(k, scores[k]) for k in ("events", "roles", "places")]
    lines += [row(f"  {t}", s) for t, s in scores["by_type"].items()]
    lines += [f"missed:   {json.dumps(m, ensure_ascii=False)}" for m in scores["missed"]]
    lines += [f"spurious: {json.dumps(s, ensure_ascii=False)}" for s in scores["spurious"]]
    return "\n".join(lines)


def score_files(pred: str | Path, gold: str | Path, *, gold_docs_only: bool = False) -> dict[str, Any]:
    """Score an events file (or a build directory's events.jsonl) against a gold file."""
    pred = Path(pred)
    if pred.is_dir():
        pred = pred / "events.jsonl"
    predicted, gold_events = load_events(pred), load_events(gold)
    if gold_docs_only:
        docs = {g.get("doc") for g in gold_events}
        predicted = [p for p in predicted if p.get("doc") in docs]
    return score_events(predicted, gold_events)
