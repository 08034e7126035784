"""Tagging speed of embedded NER weights files side by side, as `bench.py`'s tag stage measures it.

    python pipelines/bench_tagger.py kg/tag/models/ner.pt /tmp/ner/new/ner.pt --docs 300 --rounds 3

The text is `bench.py`'s: generated county-paper pages (`corpus_gen.py`), ingested and segmented, their
sentences folded and tagged CHUNK_DOCUMENTS documents per call, one torch thread. Models take turns for
`--rounds` rounds and each keeps its best round, so a load spike on a shared machine hits every model
alike. Speeds are characters per CPU second of this process (the figure a busy machine distorts least)
and per wall second; load time, file size and the LSTM's number type (kg.tag.embedded runs it in bfloat16
where the CPU computes that natively) are printed too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus_gen import write_corpus

from kg.executors import CHUNK_DOCUMENTS
from kg.ingest import load_documents, segment
from kg.tag.embedded import EmbeddedTagger, load_model
from kg.textnorm import fold
from kg.threads import one_thread_per_process


def bench_batches(docs: int) -> list[list[str]]:
    """Folded sentences of `docs` generated pages, grouped as the pipeline groups them per model call."""
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "pages.jsonl"
        write_corpus(corpus, docs, articles=(3, 6))
        pages = [segment(d) for d in load_documents([corpus]) if d.status == "ok"]
    return [
        [fold(s.text) for d in pages[i : i + CHUNK_DOCUMENTS] for s in d.sentences]
        for i in range(0, len(pages), CHUNK_DOCUMENTS)
    ]


def timed_round(tagger: EmbeddedTagger, batches: Sequence[Sequence[str]]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to tag every batch."""
    cpu, wall = time.process_time(), time.perf_counter()
    for batch in batches:
        tagger.tag(batch)
    return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: Sequence[str] | None = None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("weights", nargs="+", type=Path)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    one_thread_per_process()
    batches = bench_batches(args.docs)
    chars = sum(len(s) for batch in batches for s in batch)
    rows = []
    for path in args.weights:
        began = time.process_time()
        tagger = load_model(path)
        lstm = str(tagger.model.lstm.weight_ih_l0.dtype).removeprefix("torch.")  # bfloat16 where the CPU has it
        rows.append({"weights": str(path), "load_cpu_s": time.process_time() - began, "tagger": tagger, "lstm": lstm})
        tagger.tag(batches[0])  # first-call allocations are not throughput
    for _ in range(args.rounds):
        for row in rows:
            cpu, wall = timed_round(row["tagger"], batches)
            row["cpu_s"], row["wall_s"] = min(row.get("cpu_s", cpu), cpu), min(row.get("wall_s", wall), wall)
    print(f"{chars:,} characters in {sum(map(len, batches)):,} sentences of {args.docs} generated pages")
    for row in rows:
        del row["tagger"]
        row |= {"chars_per_cpu_s": round(chars / row["cpu_s"]), "chars_per_s": round(chars / row["wall_s"])}
        row["mb"] = round(Path(row["weights"]).stat().st_size / 1e6, 1)
        print(
            f"{row['weights']}: {row['chars_per_cpu_s']:,} chars per CPU s, {row['chars_per_s']:,} chars/s wall, "
            f"load {row['load_cpu_s']:.2f} CPU s, {row['mb']} MB, LSTM in {row['lstm']}"
        )
    return rows


if __name__ == "__main__":
    main()
