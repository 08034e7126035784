"""Score kg's tagging on a BIO file: the model alone, and through the whole tagging layer `kg tag` runs.

    python pipelines/eval_tagging.py BIO [--every N | --dev-block] [--tagger embedded] [--ablation] [--json]

BIO: one `char<TAB>tag` line per character (B-/I- PER, LOC, ORG), a blank line between sentences,
e.g. the MSRA NER test split. `--dev-block` keeps only the dev split `train_ner.py` holds out of MSRA train
(its last tenth, as one block of articles); the shipped model of 2026-11-24 held out `--every 20` instead, so
it is scored on its own dev split with `--every 20`, and a model trained by today's train_ner.py with
`--dev-block`. `--every N` keeps every Nth sentence
only. Scores are exact-span micro and per-type precision, recall and F1 for:

- `model`: the tagger's own PERSON/LOCATION/ORGANIZATION mentions;
- `kg tag`: `kg.api.tag_texts` (what `kg tag` prints: every step after the model, dates excluded);
- with `--ablation`, `kg tag` with each step of kg.tag.annotate.STEPS switched off in turn
  (`kg.api.tag_texts(skip=[step])`): a step whose row scores higher than `kg tag` hurts on this text.

Every sentence is tagged as an independent text, as `kg tag` tags lines.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere
sys.path.insert(0, str(Path(__file__).resolve().parent))  # train_ner, for --dev-block

TYPES = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}
Span = tuple[int, int, str]


def read_bio(path: Path) -> list[tuple[str, list[Span]]]:
    """(sentence text, gold spans) per sentence of a char<TAB>tag file."""
    sentences = []
    chars: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            char, _, tag = line.partition("\t")
            chars.append(char[:1] or " ")
            tags.append(tag.strip() or "O")
        elif chars:
            sentences.append(("".join(chars), list(bio_spans(tags))))
            chars, tags = [], []
    return sentences


def bio_spans(tags: Sequence[str]) -> Iterator[Span]:
    """(start, end, type) of each entity of a BIO tag sequence (an I- without its B- starts one)."""
    start, kind = None, ""
    for pos, tag in enumerate([*tags, "O"]):
        if start is not None and tag != f"I-{kind}":
            yield start, pos, kind
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = pos, tag[2:]


def scores(gold: Sequence[Iterable[Span]], predicted: Sequence[Iterable[Span]]) -> dict[str, dict[str, float]]:
    """Exact-span P/R/F1 per type and micro over all sentences."""
    counts = {key: Counter() for key in ("micro", *TYPES.values())}
    for gold_spans, found_spans in zip(gold, predicted, strict=True):
        gold_set, found_set = set(gold_spans), set(found_spans)
        for kind in TYPES.values():
            g = {s for s in gold_set if s[2] == kind}
            f = {s for s in found_set if s[2] == kind}
            for key in ("micro", kind):
                counts[key].update(correct=len(g & f), found=len(f), gold=len(g))
    report = {}
    for key, c in counts.items():
        p = c["correct"] / c["found"] if c["found"] else 0.0
        r = c["correct"] / c["gold"] if c["gold"] else 0.0
        report[key] = {
            "p": round(p, 4),
            "r": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "gold": c["gold"],
        }
    return report


def model_spans(texts: Sequence[str], tagger: str) -> list[list[Span]]:
    """The tagger's own mentions, as `kg tag` feeds them to the tagging layer (folded text)."""
    from kg.process import load_components
    from kg.textnorm import fold

    found = load_components(tagger).tagger.tag([fold(t) for t in texts])
    return [[(m.start, m.end, TYPES[m.type]) for m in mentions if m.type in TYPES] for mentions in found]


def kg_tag_spans(texts: Sequence[str], tagger: str, skip: Sequence[str] = ()) -> list[list[Span]]:
    """The mentions `kg.api.tag_texts` returns (with the steps in `skip` switched off)."""
    import kg.api

    records = kg.api.tag_texts(texts, tagger=tagger, skip=skip)
    return [[(e["start"], e["end"], TYPES[e["type"]]) for e in r["entities"] if e["type"] in TYPES] for r in records]


def evaluate(
    path: Path, *, every: int = 1, tagger: str = "embedded", ablation: bool = False, dev_block: bool = False
) -> dict:
    """Scores of the model and of `kg tag` (and of each ablation) on the BIO file at `path` (with `dev_block`,
    only the block of it train_ner.py holds out as dev)."""
    from kg.tag.annotate import STEPS
    from kg.threads import one_thread_per_process

    one_thread_per_process()
    sentences = read_bio(path)
    if dev_block:
        from train_ner import split_dev

        sentences = split_dev(sentences)[1]
    sentences = sentences[::every]
    texts = [text for text, _ in sentences]
    gold = [spans for _, spans in sentences]
    report: dict = {
        "file": str(path) + (" (dev block)" if dev_block else ""),
        "every": every,
        "sentences": len(texts),
        "chars": sum(map(len, texts)),
    }
    began = time.perf_counter()
    report["model"] = scores(gold, model_spans(texts, tagger))
    report["kg tag"] = scores(gold, kg_tag_spans(texts, tagger))
    if ablation:
        report["without"] = {step: scores(gold, kg_tag_spans(texts, tagger, [step])) for step in STEPS}
    report["seconds"] = round(time.perf_counter() - began, 1)
    return report


def _row(name: str, s: dict) -> str:
    cells = [f"{s['micro'][k]:.4f}" for k in ("p", "r", "f1")] + [f"{s[t]['f1']:.4f}" for t in TYPES.values()]
    return f"| {name} | " + " | ".join(cells) + " |"


def format_report(report: dict) -> str:
    """A Markdown table: micro P/R/F1 and per-type F1 per row, and the change each ablation makes."""
    lines = [
        f"{report['file']} (every {report['every']}): {report['sentences']:,} sentences, {report['chars']:,} chars",
        "",
        "| | P | R | F1 | PER F1 | LOC F1 | ORG F1 |",
        "|---|---|---|---|---|---|---|",
        _row("model alone", report["model"]),
        _row("kg tag", report["kg tag"]),
    ]
    base = report["kg tag"]["micro"]["f1"]
    for step, s in report.get("without", {}).items():
        lines.append(_row(f"kg tag without {step} ({s['micro']['f1'] - base:+.4f})", s))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bio", type=Path, help="char<TAB>BIO tag file, blank line between sentences")
    ap.add_argument("--every", type=int, default=1, help="keep every Nth sentence (default: all)")
    ap.add_argument("--tagger", default="embedded", help="as kg tag --tagger (default: embedded)")
    ap.add_argument("--ablation", action="store_true", help="also score kg tag with each step switched off")
    ap.add_argument(
        "--dev-block",
        action="store_true",
        help="only the block train_ner.py holds out as dev (the last tenth of MSRA train, after a gap)",
    )
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    if not args.bio.is_file():
        ap.error(f"{args.bio}: no such file (a char<TAB>tag BIO file, e.g. the MSRA NER test split)")
    report = evaluate(
        args.bio, every=max(args.every, 1), tagger=args.tagger, ablation=args.ablation, dev_block=args.dev_block
    )
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else format_report(report))
    return report


if __name__ == "__main__":
    main()
