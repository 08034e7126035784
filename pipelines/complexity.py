"""Does each stage stay linear on pathological pages? Times every case at N and 4N and prints t(4N)/t(N).

    python pipelines/complexity.py            # the table; exit status 1 if some ratio is above 5
    python pipelines/complexity.py --scale 2  # every base size doubled

A linear function gives a ratio near 4, n log n a little more, a quadratic one near 16. Every input
is generated here (our own text), built outside the timed call; each time is the CPU time of the best
of a few runs, so a busy machine inflates the figures less. A benchmark, not a test: timings vary with
the machine.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.events.engine import extract_events  # noqa: E402
from kg.events.rules import load_rules  # noqa: E402
from kg.ingest.articles import _Assembler, _merge, _rehome_headlines, page_blocks, segment  # noqa: E402
from kg.ingest.bylines import trailing_byline  # noqa: E402
from kg.ingest.sentences import _protected  # noqa: E402
from kg.model import Article, Document, Mention, Sentence  # noqa: E402
from kg.tag.senses import one_sense_per_document  # noqa: E402

MAX_RATIO = 5.0
_HANZI = "".join(map(chr, range(0x4E00, 0x4E00 + 500)))  # enough characters that generated words rarely share bigrams
_SURNAMES = "王李张刘陈杨黄赵周吴"


def _word(number: int) -> str:
    """A two-character word of its own for each number below 250,000 (no character shared by all words)."""
    first, rest = number % len(_HANZI), number // len(_HANZI)
    return _HANZI[first] + _HANZI[(rest + 3 * first + 1) % len(_HANZI)]


def _name(number: int) -> str:
    return _SURNAMES[number % len(_SURNAMES)] + _word(number // len(_SURNAMES))


@dataclass
class Case:
    """A pathological input of size n and the call to time on it (`prepare` runs outside the timing)."""

    name: str
    input: str  # what the input looks like, for the table
    prepare: Callable[[int], Callable[[], object]]
    n: int  # base size: big enough that t(N) is tens of milliseconds, well above timer noise


def _spaces_after_role(n: int) -> Callable[[], object]:
    text = "会议结束。记者" + " " * n + "王立新"
    return lambda: trailing_byline(text)


def _repeated_roles(n: int) -> Callable[[], object]:
    text = "。记者" * n
    return lambda: trailing_byline(text)


def _openers_then_closers(n: int) -> Callable[[], object]:
    text = "“" * n + "》" * n
    return lambda: _protected(text)


def _stray_page(n: int) -> str:
    """n headline groups (indented lines) above n articles, each naming its own article's town."""
    heads = [f"  {_word(i)}镇抓好{_word(i + 7)}工作" for i in range(n)]
    bodies = [f"本报讯 {_word(i)}镇今天召开{_word(i + 7)}工作会议，部署下一步工作。" for i in range(n)]
    return "\n".join(heads) + "\n" + "\n".join(bodies) + "\n"


def _stray_headlines(n: int) -> Callable[[], object]:
    page = page_blocks(_stray_page(n))

    def run() -> object:
        drafts = _merge(_Assembler().run(page))  # fresh drafts each run (they are changed); assembling is linear
        return _rehome_headlines(drafts)

    return run


def _stray_headlines_page(n: int) -> Callable[[], object]:
    page = _stray_page(n)
    return lambda: segment(Document(id="p", source="p.txt", text=page))


def _inspection_article(n: int) -> tuple[Document, dict[str, list[Mention]]]:
    """One article of n sentences: a different official inspects a different site in each."""
    sentences, mentions = [], {}
    for i in range(n):
        person, place = _name(i), f"{_word(i)}村"
        text = f"市委书记{person}来到{place}检查工作。"
        sid = f"d#a0s{i}"
        start = text.index(person)
        sentences.append(Sentence(id=sid, doc="d", article=0, index=i, text=text, offsets=list(range(len(text)))))
        mentions[sid] = [
            Mention(start=start, end=start + len(person), type="PERSON", text=person, title="市委书记"),
            Mention(start=text.index(place), end=text.index(place) + len(place), type="LOCATION", text=place),
        ]
    article = Article(doc="d", index=0, start=0, end=0, sentences=sentences)
    return Document(id="d", source="d.txt", text="", articles=[article]), mentions


def _repeated_inspections(n: int) -> Callable[[], object]:
    doc, mentions = _inspection_article(n)
    rules = load_rules()
    return lambda: extract_events(doc, mentions, rules)


def _misread_people(n: int) -> Callable[[], object]:
    """n sentences each with an untitled person and a place; none of the people is a place."""
    result, texts = {}, {}
    for i in range(n):
        person, place = _name(i), f"{_word(i)}村"
        texts[f"d#a0s{i}"] = f"{person}来到{place}。"
        result[f"d#a0s{i}"] = [
            Mention(start=0, end=len(person), type="PERSON", text=person),
            Mention(start=len(person) + 2, end=len(person) + 2 + len(place), type="LOCATION", text=place),
        ]
    return lambda: one_sense_per_document(result, texts)


CASES = [
    Case("bylines.trailing_byline", "'。记者' + spaces×n + name", _spaces_after_role, 4_000_000),
    Case("bylines.trailing_byline", "'。记者'×n", _repeated_roles, 50_000),
    Case("sentences._protected", "'“'×n + '》'×n", _openers_then_closers, 100_000),
    Case("articles._rehome_headlines", "n stray headlines, n articles", _stray_headlines, 2_000),
    Case("articles.segment", "n stray headlines, n articles", _stray_headlines_page, 2_000),
    Case("events.extract_events", "one article, n inspections", _repeated_inspections, 2_000),
    Case("senses.one_sense_per_document", "n people, n places", _misread_people, 100_000),
]


def best_time(call: Callable[[], object], repeats: int) -> float:
    """CPU seconds of the best of `repeats` runs (CPU, not wall time: other processes on a busy machine
    do not count), with the cyclic garbage collector off: its passes scale with live objects."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.process_time()
            call()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size N (default 1)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per size; the best counts (default 5)")
    args = parser.parse_args(argv)
    print("| function | input | N | t(N) s | t(4N) s | t(4N)/t(N) |")
    print("|---|---|---|---|---|---|")
    worst = 0.0
    for case in CASES:
        n = max(1, round(case.n * args.scale))
        small = best_time(case.prepare(n), args.repeats)
        large = best_time(case.prepare(4 * n), args.repeats)
        ratio = large / small
        worst = max(worst, ratio)
        print(f"| {case.name} | {case.input} | {n:,} | {small:.4f} | {large:.4f} | {ratio:.1f} |", flush=True)
    verdict = "linear enough" if worst <= MAX_RATIO else "SUPERLINEAR"
    print(f"\nworst ratio {worst:.1f} (limit {MAX_RATIO}): {verdict}")
    return 0 if worst <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
