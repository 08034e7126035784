"""Benchmark the explorer (graph.html) of a large build: writing it, and opening it in headless Chromium.

    python pipelines/bench_html.py --docs 10000                 # generate pages, build them, measure
    python pipelines/bench_html.py --build OUT                  # measure the page of an existing build

Figures: seconds (and peak RSS) to write graph.html from the build's graph, sentences and documents, and
the page's size; then, for each of --runs fresh openings in headless Chromium (the system executable,
offline, Playwright for Python), the seconds from navigation to interactive (`data-ready`: the people
network drawn, search, filters and panels wired) with the page's own phases (performance marks), and how
long the page takes to answer: a search as you type (1, 2, 3 characters and a full name), selecting the
busiest person (highlight + details panel) and a one-day date range (filters applied and drawn).
Generated pages come from pipelines/corpus_gen.py, as in pipelines/bench.py.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MARKS = ("kg-start", "kg-parsed", "kg-indexed", "kg-filtered", "kg-network", "kg-ready")

SEARCH = """q => { const box = document.getElementById("kg-search"); const t = performance.now();
  box.value = q; box.dispatchEvent(new Event("input")); const took = performance.now() - t;
  return [took, document.querySelectorAll("#kg-search-results li").length]; }"""
SELECT_BUSIEST = """() => { const link = document.querySelector(".kg-top .kg-link"); const t = performance.now();
  link.click(); return [performance.now() - t, link.textContent]; }"""
ONE_DAY = """async day => { const t = performance.now();
  for (const id of ["kg-date-from", "kg-date-to"]) { const box = document.getElementById(id);
    box.value = day; box.dispatchEvent(new Event("change")); }
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [performance.now() - t, document.getElementById("kg-status").textContent]; }"""


def build(docs: int, work: Path, workers: int) -> Path:
    """Generated pages built by `kg build` into WORK/build (reused when it already holds them)."""
    from corpus_gen import write_corpus

    out = work / "build"
    report = out / "report.json"
    if report.exists() and json.loads(report.read_text(encoding="utf-8")).get("documents") == docs:
        return out
    corpus = work / f"corpus-{docs}.jsonl"
    work.mkdir(parents=True, exist_ok=True)
    write_corpus(corpus, docs, articles=(3, 6))
    command = [str(ROOT / ".venv" / "bin" / "kg"), "build", str(corpus), "--out", str(out), "--workers", str(workers)]
    subprocess.run(command, check=True)
    return out


def write_page(out: Path, page: Path) -> dict[str, Any]:
    """Write the page as the build does, timed; the graph is loaded first (not timed)."""
    from kg.api import load_graph
    from kg.graph.html import MAX_DRAWN_PEOPLE, MAX_HTML_NODES, write_html
    from kg.io.atomic import read_jsonl

    graph = load_graph(out)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    write_html(
        graph, page, sentences=read_jsonl(out / "sentences.jsonl"), documents=read_jsonl(out / "documents.jsonl")
    )
    return {
        "seconds": time.perf_counter() - started,
        "megabytes": page.stat().st_size / 2**20,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "cap": MAX_HTML_NODES,
        "people_cap": MAX_DRAWN_PEOPLE,
        "rss_before_mib": before / 1024,
        "rss_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def open_page(browser: Any, page_path: Path) -> dict[str, Any]:
    """One fresh opening: time to interactive, the page's phases, and its answers' times (ms)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    started = time.perf_counter()
    page.goto(page_path.as_uri(), wait_until="commit")
    page.wait_for_selector("body[data-ready='1']", timeout=120_000)
    interactive = time.perf_counter() - started
    marks = page.evaluate("Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))")
    status = page.inner_text("#kg-status")
    took, busiest = page.evaluate(SELECT_BUSIEST)
    searches = {q: page.evaluate(SEARCH, q) for q in (busiest[:1], busiest[:2], busiest[:3], busiest)}
    day = page.evaluate("document.getElementById('kg-date-to').max")
    one_day = page.evaluate(ONE_DAY, day)
    context.close()
    if errors:
        raise RuntimeError(f"the page raised: {errors}")
    return {
        "interactive": interactive,
        "marks": {name: marks.get(name, float("nan")) / 1000 for name in MARKS},
        "status": status,
        "select_ms": took,
        "busiest": busiest,
        "search_ms": {q: result[0] for q, result in searches.items()},
        "hits": {q: result[1] for q, result in searches.items()},
        "day": day,
        "one_day_ms": one_day[0],
        "one_day_status": one_day[1],
    }


def report(written: dict[str, Any], runs: list[dict[str, Any]], command: str, load: str) -> str:
    median = statistics.median
    first = runs[0]
    lines = [
        "# graph.html benchmark",
        "",
        f"Command: `{command}`. Machine: nproc 2; load average at start {load}.",
        "",
        f"Graph: {written['nodes']:,} nodes, {written['edges']:,} edges. Page: {written['megabytes']:.1f} MB, "
        f"written in {written['seconds']:.1f} s (peak RSS {written['rss_peak_mib']:,.0f} MiB, "
        f"{written['rss_before_mib']:,.0f} MiB with the graph loaded).",
        f"Drawn at first: at most {written['cap']:,} nodes, of them at most {written['people_cap']} people "
        "(the best-connected); every other node is in the page's store: search lists it and draws it with its "
        "neighbours, and the details panel links to it.",
        "",
        "| opening | interactive s | parsed s | indexed s | filtered s | network s | drawn s |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, run in enumerate(runs, 1):
        m = run["marks"]
        lines.append(
            f"| {n} | {run['interactive']:.2f} | {m['kg-parsed']:.2f} | {m['kg-indexed']:.2f} | "
            f"{m['kg-filtered']:.2f} | {m['kg-network']:.2f} | {m['kg-ready']:.2f} |"
        )
    lines += [
        "",
        f"Median time to interactive: {median(r['interactive'] for r in runs):.2f} s "
        f"(worst {max(r['interactive'] for r in runs):.2f} s). First view: {first['status']}.",
        "",
        "| answer | median ms | worst ms |",
        "|---|---|---|",
    ]
    for q in first["search_ms"]:
        times = [r["search_ms"][q] for r in runs]
        lines.append(f"| search `{q}` ({first['hits'][q]} listed) | {median(times):.0f} | {max(times):.0f} |")
    select = [r["select_ms"] for r in runs]
    lines.append(f"| select {first['busiest']} (highlight + panel) | {median(select):.0f} | {max(select):.0f} |")
    day = [r["one_day_ms"] for r in runs]
    lines.append(f"| date range {first['day']} only, drawn | {median(day):.0f} | {max(day):.0f} |")
    lines += ["", f"After the one-day range: {first['one_day_status']}.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10000, help="generated pages to build (without --build)")
    parser.add_argument("--build", type=Path, help="an existing build folder to measure instead")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-html"), help="scratch folder")
    parser.add_argument("--workers", type=int, default=2, help="for the build")
    parser.add_argument("--runs", type=int, default=5, help="fresh openings of the page")
    parser.add_argument("--out", type=Path, help="also write the markdown report here")
    args = parser.parse_args()
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    sys.path.insert(0, str(Path(__file__).parent))
    out = args.build or build(args.docs, args.work, args.workers)
    page = args.work / "graph.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    written = write_page(out, page)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        runs = [open_page(browser, page) for _ in range(args.runs)]
        browser.close()
    text = report(written, runs, "python pipelines/bench_html.py " + " ".join(sys.argv[1:]), load)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
