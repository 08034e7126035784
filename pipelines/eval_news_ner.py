"""Score kg's PERSON / LOCATION / ORGANIZATION tagging on the news NER check set (data/gold/NEWS_NER.md).

    python pipelines/eval_news_ner.py [--corpus FILE] [--sample TSV] [--gold JSONL] [--errors N] [--json]

The sampled records (data/gold/news_ner_sample.tsv) are copied from the 新闻联播 corpus
(../shared/corpora/xwlb_dev/xwlb_2022_2023.jsonl, read at run time) to a temporary JSONL and go through what
`kg build` does to them: kg.ingest.load_documents, then kg.process.process_documents with the build's default
components (segment, the embedded tagger in one batched call, kg.tag.annotate). Each mention is mapped back to
offsets into the record's `text` through its sentence's raw offsets (byline reporters carry raw offsets).

Scores: exact span and type, P/R/F1 per type and micro; and a looser "names" score on the set of
(article, name, type). Both are given on all gold mentions and on the gold mentions inside text kg tags (a
sentence's raw span, headlines included since kg tags them as sentences of kind `headline`; before that they
were left out); the count of gold mentions outside is printed. `--errors N` lists the N most frequent error
kinds (missed, wrong type, wrong boundary, spurious) with example names.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpora" / "xwlb_dev" / "xwlb_2022_2023.jsonl"
SAMPLE = ROOT / "data" / "gold" / "news_ner_sample.tsv"
GOLD = ROOT / "data" / "gold" / "news_ner_gold.jsonl"
TYPES = ("PERSON", "LOCATION", "ORGANIZATION")


@dataclass(frozen=True, order=True)
class Span:
    """One mention: offsets into its record's `text`."""

    doc: str
    start: int
    end: int
    type: str
    name: str


@dataclass
class Tagged:
    """What kg made of the sampled articles: its mentions and the raw spans of the text it tagged."""

    mentions: list[Span]
    regions: dict[str, list[tuple[int, int]]]  # doc id -> raw (start, end) of each sentence


def load_gold(path: Path) -> list[Span]:
    """The gold mentions of a JSONL file ({"doc", "start", "end", "type", "name"} per line)."""
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [Span(r["doc"], r["start"], r["end"], r["type"], r["name"]) for r in rows]


def sampled_ids(sample: Path) -> list[str]:
    """The article ids of a sample file (TSV with an `id` column), in order."""
    with sample.open(encoding="utf-8") as handle:
        return [row["id"] for row in csv.DictReader(handle, delimiter="\t")]


def raw_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """The raw-document span of sentence characters start..end (a sentence's text may drop raw characters)."""
    return offsets[start], offsets[end - 1] + 1


def spans_of(doc, mentions: dict) -> list[Span]:
    """A processed document's PERSON / LOCATION / ORGANIZATION mentions as spans of its raw text."""
    from kg.tag.reporters import mentions_in_order

    spans = []
    for _, sentence, m in mentions_in_order(doc, mentions):
        if m.type not in TYPES:
            continue
        start, end = raw_span(sentence.offsets, m.start, m.end) if sentence is not None else (m.start, m.end)
        spans.append(Span(doc.id, start, end, m.type, doc.text[start:end]))
    return spans


def run_kg(corpus: Path, ids: list[str]) -> Tagged:
    """Ingest, segment, tag and annotate the sampled records as `kg build` does (default components)."""
    sys.path.insert(0, str(ROOT / "pipelines"))
    from eval_news_dev import write_records

    from kg.ingest import load_documents
    from kg.process import load_components, process_documents
    from kg.threads import one_thread_per_process

    one_thread_per_process()
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "sample.jsonl"
        found = write_records(corpus, ids, records)
        if found != len(ids):
            sys.exit(
                f"{len(ids) - found} sampled ids are not in {corpus}: is it the 新闻联播 corpus the sample came from?"
            )
        docs = [doc for doc in load_documents([records]) if doc.status == "ok"]
    results = process_documents(docs, load_components("embedded"), doc_timeout=None)
    tagged = Tagged([], {})
    for result in results:
        doc = result.document
        if doc.status != "ok":
            print(f"warning: {doc.id} failed in kg: none of its mentions count", file=sys.stderr)
            continue
        tagged.mentions += spans_of(doc, result.mentions)
        tagged.regions[doc.id] = [(s.start, s.end) for s in doc.sentences]
    return tagged


def inside(span: Span, regions: dict[str, list[tuple[int, int]]]) -> bool:
    """Whether the span lies within one tagged region of its document."""
    return any(start <= span.start and span.end <= end for start, end in regions.get(span.doc, []))


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 with the counts behind them (0.0 where nothing was there to divide)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def score(gold: Iterable[tuple], predicted: Iterable[tuple]) -> dict[str, dict]:
    """Per type and micro P/R/F1 of two collections of keys whose element at index -1 is the type."""
    gold_set, pred_set = set(gold), set(predicted)
    report = {}
    for kind in TYPES:
        g = {k for k in gold_set if k[-1] == kind}
        p = {k for k in pred_set if k[-1] == kind}
        report[kind] = prf(len(g & p), len(p), len(g))
    report["micro"] = prf(len(gold_set & pred_set), len(pred_set), len(gold_set))
    return report


def exact_keys(spans: Iterable[Span]) -> set[tuple]:
    return {(s.doc, s.start, s.end, s.type) for s in spans}


def name_keys(spans: Iterable[Span]) -> set[tuple]:
    return {(s.doc, s.name, s.type) for s in spans}


def evaluate(gold: list[Span], tagged: Tagged) -> dict:
    """Exact and name scores on all gold and on the gold inside tagged text, with the count left outside."""
    within = [g for g in gold if inside(g, tagged.regions)]
    return {
        "gold": len(gold),
        "gold_outside_tagged_text": len(gold) - len(within),
        "predicted": len(tagged.mentions),
        "all_gold": {"exact": score(exact_keys(gold), exact_keys(tagged.mentions)),
                     "names": score(name_keys(gold), name_keys(tagged.mentions))},
        "gold_in_tagged_text": {"exact": score(exact_keys(within), exact_keys(tagged.mentions)),
                                "names": score(name_keys(within), name_keys(tagged.mentions))},
    }  # fmt: skip


def classified_errors(gold: list[Span], predicted: list[Span]) -> list[tuple[str, str, str]]:
    """(kind, detail, example) for every exact-span error: a gold mention with the same span under another type is
    "wrong type" (gold→kg), one overlapped by a differently cut kg mention "wrong boundary", else "missed"; a kg
    mention overlapping no gold mention is "spurious". The example names the gold mention and kg's reading."""
    pred_keys = exact_keys(predicted)
    by_doc: dict[str, list[Span]] = defaultdict(list)
    for p in predicted:
        by_doc[p.doc].append(p)
    errors = []
    for g in gold:
        if (g.doc, g.start, g.end, g.type) in pred_keys:
            continue
        overlapping = [p for p in by_doc[g.doc] if p.start < g.end and g.start < p.end]
        same_span = [p for p in overlapping if (p.start, p.end) == (g.start, g.end)]
        if same_span:
            errors.append(("wrong type", f"{g.type}→{same_span[0].type}", g.name))
        elif overlapping:
            readings = "+".join(f"{p.name}/{p.type[:3]}" for p in overlapping)
            errors.append(("wrong boundary", g.type, f"{g.name} → {readings}"))
        else:
            errors.append(("missed", g.type, g.name))
    gold_by_doc: dict[str, list[Span]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g.doc].append(g)
    for p in predicted:
        if not any(g.start < p.end and p.start < g.end for g in gold_by_doc[p.doc]):
            errors.append(("spurious", p.type, p.name))
    return errors


def error_table(gold: list[Span], predicted: list[Span], top: int) -> list[dict]:
    """The `top` most frequent error kinds with their counts and up to five distinct examples each."""
    examples: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for kind, detail, example in classified_errors(gold, predicted):
        examples[(kind, detail)][example] += 1
    ranked = sorted(examples.items(), key=lambda item: (-sum(item[1].values()), item[0]))[:top]
    return [
        {"kind": kind, "detail": detail, "count": sum(found.values()), "examples": [e for e, _ in found.most_common(5)]}
        for (kind, detail), found in ranked
    ]


def format_scores(report: dict) -> str:
    """The score tables as text."""
    lines = [
        f"gold mentions {report['gold']}, of them outside text kg tags: "
        f"{report['gold_outside_tagged_text']}; kg mentions {report['predicted']}",
    ]
    for scope in ("all_gold", "gold_in_tagged_text"):
        for measure in ("exact", "names"):
            lines.append(f"\n{scope} / {measure}:")
            lines.append(f"{'type':<13} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}")
            for kind, s in report[scope][measure].items():
                counts = f"{s['tp']:>5} {s['pred']:>5} {s['gold']:>5}"
                lines.append(f"{kind:<13} {s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f} {counts}")
    return "\n".join(lines)


def format_errors(errors: list[dict]) -> str:
    lines = ["\nmost frequent errors (exact span, all gold):"]
    for e in errors:
        lines.append(f"{e['count']:>4}  {e['kind']} {e['detail']}: {', '.join(e['examples'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", type=int, default=10, help="how many error kinds to list (0: none)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        sys.exit(f"corpus not found: {args.corpus} (pass --corpus with the 新闻联播 JSONL)")
    gold = load_gold(args.gold)
    tagged = run_kg(args.corpus, sampled_ids(args.sample))
    report = evaluate(gold, tagged)
    report["errors"] = error_table(gold, tagged.mentions, args.errors)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_scores(report))
        print(format_errors(report["errors"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
