"""Namesakes of a built graph: the person splits and merges `kg.graph.identity` made, each with its reason.

    python pipelines/namesakes_report.py OUT [--name NAME ...] [--merges all|informative|none] [--evidence] [--json]

Reads OUT/entities.jsonl (and, with `--evidence`, OUT/mentions.jsonl) of a `kg build`. Lists
- splits: every name resolved to two or more persons, each person with its documents, titles and the
  conflict that split it from its namesake (a split is recorded on both sides; it is listed once);
- merges: persons whose pages were joined although their titles differ ("titles differ but do not
  conflict", "one career"): the merges an analyst should check (`--merges all` adds agreeing titles and
  untitled pages, `none` leaves merges out).
`--evidence` prints, per person, each document id with the titles printed before the name there, so a
decision can be checked against the articles (documents.jsonl has their headlines).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.io.atomic import read_jsonl  # noqa: E402

INFORMATIVE_MERGES = ("titles differ but do not conflict", "one career")
MERGE_CHOICES = ("informative", "all", "none")


def person_entities(out: Path, names: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The person entities of a build with resolution entries (optionally only some names)."""
    return [
        e
        for e in read_jsonl(out / "entities.jsonl")
        if e["type"] == "PERSON" and e.get("resolution") and (not names or e["name"] in names)
    ]


def splits(persons: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per split pair: the two persons and the conflict (recorded on both sides, listed once)."""
    by_id = {p["id"]: p for p in persons}
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    for person in by_id.values():
        for entry in person["resolution"]:
            if entry["decision"] != "split" or entry["namesake"] not in by_id:
                continue
            pair = tuple(sorted((person["id"], entry["namesake"])))
            found.setdefault(
                (*pair, entry["reason"]),
                {"name": person["name"], "reason": entry["reason"], "persons": [_brief(by_id[i]) for i in pair]},
            )
    return sorted(found.values(), key=lambda s: (s["name"], s["reason"]))


def merges(persons: Iterable[dict[str, Any]], which: str = "informative") -> list[dict[str, Any]]:
    """One record per merge reason of a person (`which`: informative, all or none, see the module docstring)."""
    if which == "none":
        return []
    return [
        {"name": p["name"], "person": _brief(p), "reason": entry["reason"], "documents": entry["documents"]}
        for p in sorted(persons, key=lambda p: p["id"])
        for entry in p["resolution"]
        if entry["decision"] == "merge" and (which == "all" or any(w in entry["reason"] for w in INFORMATIVE_MERGES))
    ]


def _brief(person: dict[str, Any]) -> dict[str, Any]:
    return {"id": person["id"], "documents": len(person["docs"]), "titles": person["titles"], "docs": person["docs"]}


def printed_titles(out: Path, ids: set[str]) -> dict[str, dict[str, list[str]]]:
    """Entity id -> document -> the titles printed before the name there, from OUT/mentions.jsonl."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for m in read_jsonl(out / "mentions.jsonl"):
        if m.get("entity") in ids:
            titles = found[m["entity"]][m["doc"]]
            if m.get("title") and m["title"] not in titles:
                titles.append(m["title"])
    return found


def _person_lines(person: dict[str, Any], evidence: dict[str, dict[str, list[str]]] | None) -> list[str]:
    lines = [f"  {person['id']}: {person['documents']} documents; titles {'、'.join(person['titles']) or '-'}"]
    if evidence is not None:
        by_doc = evidence.get(person["id"], {})
        lines += [f"      {doc}: {' | '.join(by_doc.get(doc, [])) or '(no title)'}" for doc in person["docs"]]
    return lines


def render(found_splits: list, found_merges: list, evidence: dict | None) -> str:
    lines = [f"{len(found_splits)} splits"]
    for split in found_splits:
        lines.append(f"- {split['name']}: split because {split['reason']}")
        for person in split["persons"]:
            lines += _person_lines(person, evidence)
    lines.append(f"{len(found_merges)} merges")
    for merge in found_merges:
        lines.append(f"- {merge['name']}: {merge['documents']} documents merged because {merge['reason']}")
        lines += _person_lines(merge["person"], evidence)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a kg build's output folder (with entities.jsonl)")
    parser.add_argument("--name", action="append", default=[], help="only this person name (repeatable)")
    parser.add_argument("--merges", choices=MERGE_CHOICES, default="informative", help="which merges to list")
    parser.add_argument("--evidence", action="store_true", help="per person: documents and their printed titles")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    if not (args.out / "entities.jsonl").is_file():
        parser.error(f"{args.out} has no entities.jsonl: pass the OUT folder of a finished `kg build`")
    persons = person_entities(args.out, args.name)
    found_splits, found_merges = splits(persons), merges(persons, args.merges)
    ids = {p["id"] for s in found_splits for p in s["persons"]} | {m["person"]["id"] for m in found_merges}
    evidence = printed_titles(args.out, ids) if args.evidence else None
    if args.json:
        print(json.dumps({"splits": found_splits, "merges": found_merges, "evidence": evidence}, ensure_ascii=False))
    else:
        print(render(found_splits, found_merges, evidence))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
