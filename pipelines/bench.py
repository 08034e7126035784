"""Throughput and memory of kg, stage by stage, against a jieba.posseg baseline, in one command.

    python pipelines/bench.py --sizes 100 1000 10000 --workers 1 2 --out pipelines/BENCHMARK.md

For every corpus size N (pages from pipelines/corpus_gen.py) and worker count W, two fresh
subprocesses run:
- the stage driver (`--stages`): W worker processes each own 1/W of the pages and run one stage at a
  time on all of them (ingest; tag = the model; annotate = tagging's rules after the model, which give
  places, titles, dates and reporters; events = the rule layer; and the jieba baseline over the same
  sentences), with a
  barrier between stages; the reduce (graph: alias resolution and assembly; export: graph files) runs
  in the driver. Seconds are wall time per stage; peak RSS is sampled (psutil, driver plus children)
  while the stage runs.
- `kg build --workers W` end to end, twice: cold (empty cache) and warm (everything cached), with the
  peak RSS of the whole process tree.
The markdown table goes to --out with the machine it ran on; raw figures to WORK/bench.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pipelines"))
MAP_STAGES = ("ingest", "tag", "annotate", "events", "baseline")
BASELINE_TAGS = ("nr", "ns", "nt")  # person, place, organization in jieba's tag set
T = TypeVar("T")


class RssSampler:
    """Peak resident memory of a process and all its children, sampled in a background thread.

    Finding children scans every process on the machine (about 1 ms of CPU, holding the GIL the stage
    under measurement needs), so the list of children is refreshed only every REFRESH_CHILDREN samples;
    reading the memory of known processes costs a few tens of microseconds.
    """

    REFRESH_CHILDREN = 25

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.process = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self._children: list[psutil.Process] = []
        self._samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self, *, rescan: bool = False) -> int:
        if rescan or self._samples % self.REFRESH_CHILDREN == 0:
            with contextlib.suppress(psutil.Error):  # the process may end between two calls
                self._children = self.process.children(recursive=True)
        self._samples += 1
        total = 0
        for proc in [self.process, *self._children]:
            with contextlib.suppress(psutil.Error):
                total += proc.memory_info().rss
        self.peak = max(self.peak, total)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def reset(self) -> None:
        self.peak = 0
        self.sample(rescan=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# --------------------------------------------------------------------------- stage driver (subprocess)


def _held(items: Iterable[T]) -> Iterator[T]:
    """`items`, freezing what is alive every FREEZE_EVERY of them, as `kg build` does with the results it
    holds for the reduce (kg.graph.gcpause): the stages here hold a whole shard, which kg never does, and
    full garbage collections over it would charge the stages for that."""
    from kg.graph.gcpause import freeze_survivors
    from kg.mapphase import FREEZE_EVERY

    for count, item in enumerate(items, 1):
        yield item
        if count % FREEZE_EVERY == 0:
            freeze_survivors()


def _stage_worker(conn: Any, shard: str) -> None:
    """Hold one shard of pages in memory and run the stage the driver names, one at a time."""
    import jieba
    import jieba.posseg

    from kg.events import extract_events
    from kg.executors import CHUNK_DOCUMENTS
    from kg.graph.gcpause import freezing_scope
    from kg.ingest import load_documents, segment
    from kg.model import DocResult
    from kg.process import load_components
    from kg.tag.annotate import annotate_document
    from kg.tag.gazetteer import person_names, place_names
    from kg.threads import one_thread_per_process

    one_thread_per_process()
    jieba.setLogLevel(60)
    jieba.initialize()
    components = load_components("embedded")
    state: dict[str, Any] = {}

    def ingest() -> None:
        state["docs"] = [segment(d) for d in _held(load_documents([shard])) if d.status == "ok"]

    def tag() -> None:
        found = {}
        docs = state["docs"]
        for i in range(0, len(docs), CHUNK_DOCUMENTS):  # the pipeline's batching: one model call per chunk
            sentences = [s for d in docs[i : i + CHUNK_DOCUMENTS] for s in d.sentences]
            tagged = components.tagger.tag([s.text for s in sentences]) if sentences else []
            found.update((s.id, m) for s, m in zip(sentences, tagged, strict=True))
        state["tagged"] = found

    def annotate() -> None:
        state["annotated"] = [
            (doc, annotate_document(doc, {s.id: state["tagged"][s.id] for s in doc.sentences}))
            for doc in _held(state["docs"])
        ]

    def events() -> None:
        state["results"] = [
            DocResult(doc, mentions, extract_events(doc, mentions, components.rules))
            for doc, mentions in _held(state["annotated"])
        ]

    def baseline() -> None:
        state["baseline"] = sum(
            flag in BASELINE_TAGS for d in state["docs"] for s in d.sentences for _, flag in jieba.posseg.cut(s.text)
        )

    stages: dict[str, Callable[[], None]] = {
        "ingest": ingest,
        "tag": tag,
        "annotate": annotate,
        "events": events,
        "baseline": baseline,
    }
    ingest()
    state["docs"] = state["docs"][:2]
    for warm_up in (tag, annotate, events, baseline, place_names, person_names):  # one-time loads are not throughput
        warm_up()
    state.clear()
    conn.send("ready")
    with freezing_scope():  # as in kg build: survivors frozen while the stages run
        while (command := conn.recv()) != "stop":
            if command == "collect":
                conn.send(state["results"])
            else:
                stages[command]()
                conn.send(command)


def run_stages(corpus: Path, workers: int, scratch: Path) -> dict[str, Any]:
    """Run every stage on `corpus` with `workers` shard owners; seconds and peak RSS per stage."""
    from kg.graph import build_graph, resolve
    from kg.graph.export import write_csv, write_graphml
    from kg.graph.export import write_json as write_graph_json
    from kg.graph.gcpause import freeze_survivors, freezing_scope
    from kg.graph.html import write_html
    from kg.io.atomic import write_jsonl

    scratch.mkdir(parents=True, exist_ok=True)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    shards = [scratch / f"shard{i}.jsonl" for i in range(workers)]
    for i, shard in enumerate(shards):
        shard.write_text("".join(lines[i::workers]), encoding="utf-8")

    context = multiprocessing.get_context("spawn")
    pipes, procs = [], []
    for shard in shards:
        parent, child = context.Pipe()
        proc = context.Process(target=_stage_worker, args=(child, str(shard)))
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    for pipe in pipes:
        pipe.recv()  # models loaded, jieba initialised: not part of any stage

    figures: dict[str, Any] = {}
    with RssSampler(os.getpid()) as rss, freezing_scope():  # as in kg build

        def timed(name: str, work: Callable[[], Any]) -> Any:
            rss.reset()
            started = time.perf_counter()
            value = work()
            figures[name] = {"seconds": time.perf_counter() - started, "peak_rss": max(rss.peak, rss.sample())}
            return value

        def on_workers(command: str) -> list[Any]:
            for pipe in pipes:
                pipe.send(command)
            return [pipe.recv() for pipe in pipes]

        for stage in MAP_STAGES:
            timed(stage, lambda stage=stage: on_workers(stage))
        results = [r for part in on_workers("collect") for r in part]  # transfer: not timed
        freeze_survivors()  # as kg build has done with the results it holds when the reduce starts

        def graph() -> Any:
            resolution = resolve(results)
            events = resolution.resolved_events(e for r in results for e in r.events)
            return resolution.entities, build_graph(resolution.entities, events, [r.document for r in results])

        entities, g = timed("graph", graph)

        def export() -> None:
            write_jsonl((e.to_dict() for e in entities), scratch / "entities.jsonl")
            write_jsonl((e.to_dict() for r in results for e in r.events), scratch / "events.jsonl")
            write_graphml(g, scratch / "graph.graphml")
            write_graph_json(g, scratch / "graph.json")
            write_csv(g, scratch / "nodes.csv", scratch / "edges.csv")
            write_html(g, scratch / "graph.html")

        timed("export", export)
    for pipe in pipes:
        pipe.send("stop")
    for proc in procs:
        proc.join()
    return {
        "stages": figures,
        "documents": len(results),
        "sentences": sum(len(r.document.sentences) for r in results),
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
    }


# --------------------------------------------------------------------------- orchestration


def _run_build(corpus: Path, out: Path, workers: int) -> dict[str, float]:
    """`kg build` in a fresh process: wall seconds and peak RSS of its process tree."""
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--no-progress"]
    started = time.perf_counter()
    proc = subprocess.Popen([*command, "--workers", str(workers)], stdout=subprocess.PIPE, text=True)
    with RssSampler(proc.pid) as rss:
        stdout, _ = proc.communicate()
    if proc.returncode:
        raise RuntimeError(f"kg build failed ({proc.returncode}): {' '.join(command)}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    print(stdout.strip(), file=sys.stderr)
    return {"seconds": time.perf_counter() - started, "peak_rss": rss.peak, "cache_hits": report["cache_hits"]}


def _run_stage_driver(corpus: Path, workers: int, scratch: Path) -> dict[str, Any]:
    result = scratch / "stages.json"
    subprocess.run(
        [sys.executable, __file__, "--stages", str(corpus), "--workers", str(workers), "--work", str(scratch)],
        check=True,
    )
    return json.loads(result.read_text(encoding="utf-8"))


def machine() -> dict[str, str]:
    import torch

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "unknown",
    )
    return {
        "nproc": str(os.cpu_count()),
        "ram": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "cpu": cpu,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def _row(label: str, workers: int, seconds: float, docs: int, chars: int, nbytes: int, rss: int) -> str:
    return (
        f"| {label} | {workers} | {seconds:.2f} | {chars / seconds:,.0f} | {nbytes / seconds / 1e6 / workers:.2f} "
        f"| {docs / seconds:,.1f} | {rss / 2**20:,.0f} |"
    )


def markdown(runs: list[dict[str, Any]], info: dict[str, str], command: str) -> str:
    lines = [
        "# kg benchmark",
        "",
        f"Command: `{command}` (generated pages: pipelines/corpus_gen.py).",
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()) + ".",
        "",
        "Stage rows: wall seconds of that stage alone over the whole corpus (W worker processes for ingest, tag,",
        "annotate, events and baseline; tag = the model, annotate = tagging's rules after it, events = the event",
        "rules; graph = alias resolution + graph assembly and export = graph files, both in one process).",
        "MB/s/core = UTF-8 megabytes of input text per second divided by W. Peak RSS: the whole",
        "process tree while the stage ran (models loaded). `baseline` = jieba.posseg (nr/ns/nt) over the same",
        "sentences as `tag`. `kg build` rows: the real command end to end, cold (empty cache, every document",
        "tagged) and warm (every document from the cache).",
        "",
    ]
    for run in runs:
        docs, chars, nbytes, workers = run["documents"], run["chars"], run["bytes"], run["workers"]
        stages = run["stages"]["stages"]
        core_seconds = workers * sum(stages[name]["seconds"] for name in ("ingest", "annotate", "events"))
        core_seconds += stages["graph"]["seconds"]
        lines += [
            f"## {docs:,} documents, {chars:,} characters ({nbytes / 1e6:.1f} MB), "
            f"{run['stages']['sentences']:,} sentences, W = {workers}",
            "",
            "| stage | W | seconds | chars/s | MB/s/core | docs/s | peak RSS MiB |",
            "|---|---|---|---|---|---|---|",
        ]
        for name in (*MAP_STAGES, "graph", "export"):
            figure = stages[name]
            w = workers if name in MAP_STAGES else 1
            lines.append(_row(name, w, figure["seconds"], docs, chars, nbytes, figure["peak_rss"]))
        for label in ("cold", "warm"):
            figure = run[label]
            lines.append(
                _row(f"kg build ({label})", workers, figure["seconds"], docs, chars, nbytes, figure["peak_rss"])
            )
        lines += [
            "",
            f"Everything but the model (ingest + annotate + events + graph): {nbytes / core_seconds / 1e6:.2f} MB/s "
            "per core. "
            f"Tagger vs jieba.posseg: {stages['baseline']['seconds'] / stages['tag']['seconds']:.2f}x the speed.",
            "",
        ]
    return "\n".join(lines)


README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"


def update_readme(readme: Path, runs: list[dict[str, Any]], info: dict[str, str], command: str) -> None:
    """Put the largest corpus's tables (one per worker count) between the README's bench markers."""
    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        raise SystemExit(f"{readme} has no {README_START} ... {README_END} block to fill")
    largest = max(run["documents"] for run in runs)
    body = markdown([run for run in runs if run["documents"] == largest], info, command)
    body = body.split("\n## ", 1)[1]  # drop the title and the stage notes: the README explains them
    before, rest = text.split(README_START, 1)
    after = rest.split(README_END, 1)[1]
    tables = (
        "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()) + ".\n\n### " + body.replace("\n## ", "\n### ")
    )
    readme.write_text(f"{before}{README_START}\n{tables.strip()}\n{README_END}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--articles", type=int, nargs=2, default=(3, 6), metavar=("MIN", "MAX"), help="per page")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"), help="scratch folder")
    parser.add_argument("--out", type=Path, default=ROOT / "pipelines" / "BENCHMARK.md")
    parser.add_argument(
        "--readme",
        type=Path,
        default=ROOT / "README.md",
        help="README whose bench block gets the largest size's tables",
    )
    parser.add_argument("--stages", type=Path, metavar="CORPUS", help=argparse.SUPPRESS)  # internal: stage driver
    args = parser.parse_args()

    if args.stages:
        figures = run_stages(args.stages, args.workers[0], args.work)
        (args.work / "stages.json").write_text(json.dumps(figures), encoding="utf-8")
        return

    from corpus_gen import write_corpus

    command = "python pipelines/bench.py " + " ".join(sys.argv[1:])
    info = machine()
    runs = []
    for size in args.sizes:
        corpus = args.work / f"corpus-{size}.jsonl"
        corpus.parent.mkdir(parents=True, exist_ok=True)
        chars = write_corpus(corpus, size, articles=tuple(args.articles))
        nbytes = sum(len(json.loads(line)["text"].encode("utf-8")) for line in corpus.open(encoding="utf-8"))
        for workers in args.workers:
            scratch = args.work / f"run-{size}-{workers}"
            print(f"== {size} documents, {workers} worker(s)", file=sys.stderr, flush=True)
            stages = _run_stage_driver(corpus, workers, scratch)
            out = scratch / "build"
            shutil.rmtree(out, ignore_errors=True)  # a cold build starts with no cache, whatever ran here before
            cold = _run_build(corpus, out, workers)
            if cold["cache_hits"]:
                raise RuntimeError(f"the cold build of {out} read {cold['cache_hits']} documents from a cache")
            warm = _run_build(corpus, out, workers)
            runs.append(
                {
                    "documents": size,
                    "chars": chars,
                    "bytes": nbytes,
                    "workers": workers,
                    "stages": stages,
                    "cold": cold,
                    "warm": warm,
                }
            )
            args.out.write_text(markdown(runs, info, command), encoding="utf-8")
            update_readme(args.readme, runs, info, command)
            (args.work / "bench.json").write_text(json.dumps({"machine": info, "runs": runs}, indent=1))
    print(f"-> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
