"""Score the places and organizations kg tags on the seed pages against a careful reading of them.

    python pipelines/eval_seed_places.py [--seeds ../shared/seeds] [--gold data/gold/seed_places_orgs.jsonl]
                                         [--skip STEP ...] [--json]

The pages (../shared/seeds, read at run time) go through what `kg build` does up to the mentions (ingest,
the embedded tagger, kg.tag.annotate; `--skip` switches tagging steps off). The gold file holds, per page,
the distinct place and organization names of its sentences, headlines included (names only; 花街镇 is printed
only in a headline of page 004, added when kg began tagging headlines): `{"doc", "name", "types",
"required"}`. `types` lists the types a name may be tagged with (a hospital that is visited is both; the
first is the one whose recall it counts for); a name that is not `required` is tolerated (a part of a
title, a variant of a longer name, a generic word): found, it counts neither way.

Per type (LOCATION, ORGANIZATION), over the distinct (page, name) pairs tagged with that type:
precision = found names that the gold allows with that type / found names not tolerated;
recall = required names whose first type is this one, found with any of their types / such names.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "data" / "gold" / "seed_places_orgs.jsonl"
TYPES = ("LOCATION", "ORGANIZATION")
Found = set[tuple[str, str, str]]  # (page, name, type)


def read_gold(path: Path) -> dict[tuple[str, str], dict]:
    """(page, name) -> gold entry."""
    entries = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {(e["doc"], e["name"]): e for e in entries}


def tagged(seeds: Path, skip: Sequence[str] = ()) -> Found:
    """Distinct (page, name, type) of the place and organization mentions of the seed pages' sentences."""
    from kg.ingest import load_documents, segment
    from kg.process import load_components
    from kg.tag.annotate import annotate_document
    from kg.threads import one_thread_per_process

    one_thread_per_process()
    tagger = load_components("embedded").tagger
    found: Found = set()
    for doc in load_documents([seeds], dates_file=seeds / "dates.tsv"):
        if doc.status != "ok":
            continue
        doc = segment(doc)
        model = tagger.tag([s.text for s in doc.sentences]) if doc.sentences else []
        mentions = annotate_document(doc, {s.id: m for s, m in zip(doc.sentences, model, strict=True)}, skip=skip)
        for sentence in doc.sentences:
            found.update(
                (doc.id, "".join(m.text.split()), m.type) for m in mentions.get(sentence.id, []) if m.type in TYPES
            )
    return found


def score(found: Iterable[tuple[str, str, str]], gold: dict[tuple[str, str], dict]) -> dict:
    """Precision, recall and F1 per type, with the names missed and the names wrongly tagged."""
    found = set(found)
    report = {}
    for kind in TYPES:
        tagged_here = {(doc, name) for doc, name, t in found if t == kind}
        judged = {key for key in tagged_here if key not in gold or gold[key]["required"]}
        right = {key for key in judged if key in gold and kind in gold[key]["types"]}
        expected = {key for key, e in gold.items() if e["required"] and e["types"][0] == kind}
        hit = {key for key in expected if any((*key, t) in found for t in gold[key]["types"])}
        p = len(right) / len(judged) if judged else 0.0
        r = len(hit) / len(expected) if expected else 0.0
        report[kind] = {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "missed": sorted(f"{doc[:3]} {name}" for doc, name in expected - hit),
            "wrong": sorted(f"{doc[:3]} {name}" for doc, name in judged - right),
        }
    return report


def main(argv: Sequence[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=SEEDS, help="the seed pages (default: %(default)s)")
    ap.add_argument("--gold", type=Path, default=GOLD, help="the careful reading (default: %(default)s)")
    ap.add_argument("--skip", nargs="*", default=[], help="tagging steps to switch off (kg.tag.annotate.STEPS)")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    if not args.seeds.is_dir():
        ap.error(f"{args.seeds}: no such folder (the seed pages live in ../shared/seeds)")
    report = score(tagged(args.seeds, args.skip), read_gold(args.gold))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    for kind, s in [] if args.json else report.items():
        print(f"{kind}: P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f}")
        print(f"  missed: {', '.join(s['missed']) or '-'}")
        print(f"  wrong: {', '.join(s['wrong']) or '-'}")
    return report


if __name__ == "__main__":
    main()
