"""Score kg's events on the news development set in one command.

    python pipelines/eval_news_dev.py [--corpus FILE] [--out DIR] [--json]

Reads the sampled ids (data/gold/news_dev_sample.tsv), writes their records from the 新闻联播 corpus
(../shared/corpora/xwlb_dev/xwlb_2022_2023.jsonl, read at run time: its text never enters the
repository) to a temporary JSONL, runs `kg build` on it and `kg eval` against
data/gold/news_dev_events.jsonl, and prints P/R/F1 for events, roles, places, overall and per type.

While the gold file is still being written, `--annotated-only` scores only the sampled articles up to
the last one the gold file mentions (in sample order), so unannotated articles do not count as
spurious events.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.cli import main as kg_main  # noqa: E402
from kg.evaluate import format_report, load_events, score_files  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "xwlb_dev" / "xwlb_2022_2023.jsonl"
SAMPLE = ROOT / "data" / "gold" / "news_dev_sample.tsv"
GOLD = ROOT / "data" / "gold" / "news_dev_events.jsonl"


def sampled_ids(sample: Path, gold: Path, annotated_only: bool) -> list[str]:
    """Ids of the development articles, in sample order; optionally cut after the last annotated one."""
    with sample.open(encoding="utf-8") as handle:
        ids = [row["id"] for row in csv.DictReader(handle, delimiter="\t")]
    if annotated_only:
        annotated = {event["doc"] for event in load_events(gold)}
        last = max((i for i, doc in enumerate(ids) if doc in annotated), default=-1)
        ids = ids[: last + 1]
    return ids


def write_records(corpus: Path, ids: list[str], target: Path) -> int:
    """Copy the corpus records of `ids` to `target` (a temporary file); returns how many were found."""
    wanted = set(ids)
    found = 0
    with corpus.open(encoding="utf-8") as source, target.open("w", encoding="utf-8") as out:
        for line in source:
            if line.strip() and json.loads(line)["id"] in wanted:
                out.write(line)
                found += 1
    return found


def evaluate(corpus: Path, out: Path, ids: list[str], gold: Path) -> dict:
    """Build the selected articles into `out` and score them against `gold` (restricted to `ids`)."""
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "news_dev.jsonl"
        found = write_records(corpus, ids, records)
        if found != len(ids):
            raise SystemExit(f"{corpus} holds {found} of the {len(ids)} sampled ids: is it the right corpus file?")
        code = kg_main(["build", str(records), "--out", str(out), "--no-progress"])
        if code:
            raise SystemExit(f"kg build failed with exit code {code}")
        selected = Path(tmp) / "gold.jsonl"
        wanted = set(ids)
        selected.write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in load_events(gold) if e["doc"] in wanted),
            encoding="utf-8",
        )
        return score_files(out, selected)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the xwlb JSONL corpus")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="TSV of sampled ids (column id)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold events JSONL")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "news_dev", help="build directory")
    parser.add_argument("--annotated-only", action="store_true", help="only articles up to the last annotated one")
    parser.add_argument("--json", action="store_true", help="print the full scores as JSON")
    args = parser.parse_args(argv)
    for path, what in ((args.corpus, "corpus"), (args.sample, "sample list"), (args.gold, "gold file")):
        if not path.is_file():
            print(f"error: {what} not found at {path}", file=sys.stderr)
            return 1
    ids = sampled_ids(args.sample, args.gold, args.annotated_only)
    scores = evaluate(args.corpus, args.out, ids, args.gold)
    print(f"{len(ids)} articles of {args.sample.name}, gold {args.gold.name}")
    print(json.dumps(scores, ensure_ascii=False, indent=2) if args.json else format_report(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
