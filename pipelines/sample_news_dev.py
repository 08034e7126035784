"""Draw the news development sample: a seeded, stratified random sample of 新闻联播 articles by headline keyword.

    python pipelines/sample_news_dev.py            # writes data/gold/news_dev_sample.tsv, prints it
    python pipelines/sample_news_dev.py --seed 1714 --exclude data/gold/news_dev_sample.tsv --scale 0.45 \
        --short-share 0.75 --out data/gold/news_check_sample.tsv   # the fresh check set, disjoint from dev

Each article goes to the first stratum whose headline pattern matches (STRATA order: the rare strata first, so
"会见…并出席…峰会" is talks and "…疫情…会议" is covid). `none` holds headlines with no stratum keyword and no
activity word (出席, 主持, 召开, 举行 …): the negatives, where a reader expects no leader activity. Within a stratum
two thirds of the quota come from articles shorter than the stratum's median (careful reading stays feasible) and
one third from the longer half (long articles are not excluded); at most MAX_PER_HEADLINE articles share one
headline once digits are masked, so the 84 daily "通报最新疫情" bulletins cannot fill the covid stratum. The same
corpus and seed always give the same sample. Only ids, dates and strata are written: the text stays in ../shared.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "xwlb_dev" / "xwlb_2022_2023.jsonl"
OUT = ROOT / "data" / "gold" / "news_dev_sample.tsv"
SEED = 14
STRATA: tuple[tuple[str, str, int], ...] = (  # name, headline pattern, quota
    ("covid", r"疫情|新冠|COVID|阳性|确诊|封控|封闭管理|解封", 12),
    ("talks", r"会见|会谈|会晤|通电话|接见|通话", 15),
    ("visit", r"看望|慰问", 10),
    ("inspection", r"调研|考察|视察", 13),
    ("ceremony", r"仪式|揭牌|开幕式|典礼", 13),
    ("meeting", r"会议|座谈会|峰会|论坛|集体学习", 15),
)
NONE_STRATUM, NONE_QUOTA = "none", 12
ACTIVITY = re.compile(r"出席|主持|召开|举行|开幕|闭幕|访问|出访|抵达|讲话|致辞|发言|参加|陪同|会")
MAX_PER_HEADLINE = 3
SHORT_SHARE = 2 / 3


def stratum_of(title: str) -> str | None:
    """The stratum of a headline, or None when it has an activity word but no stratum keyword."""
    for name, pattern, _ in STRATA:
        if re.search(pattern, title):
            return name
    return None if ACTIVITY.search(title) else NONE_STRATUM


def headline_key(title: str) -> str:
    """A headline with its numbers masked, so daily bulletins of one kind share a key."""
    return re.sub(r"[\d.]+", "N", title)


def draw(records: list[dict], quota: int, rng: random.Random, short_share: float = SHORT_SHARE) -> list[dict]:
    """`quota` records: short_share of them from below the median length, the rest from above, headlines capped."""
    ordered = sorted(records, key=lambda r: (len(r["text"]), r["id"]))
    half = len(ordered) // 2
    short, long_ = ordered[:half], ordered[half:]
    n_short = min(len(short), round(quota * short_share))
    chosen: list[dict] = []
    seen: Counter[str] = Counter()
    for pool, wanted in ((short, n_short), (long_, quota - n_short)):
        shuffled = rng.sample(pool, len(pool))
        taken = 0
        for record in shuffled:
            key = headline_key(record["title"])
            if taken == wanted or seen[key] >= MAX_PER_HEADLINE:
                continue
            seen[key] += 1
            chosen.append(record)
            taken += 1
    return chosen


def sample(
    records: Iterable[dict],
    seed: int = SEED,
    exclude: frozenset[str] = frozenset(),
    scale: float = 1.0,
    short_share: float = SHORT_SHARE,
) -> list[tuple[dict, str]]:
    """(record, stratum) pairs of the sample, in corpus order.

    `exclude` drops ids already annotated (a fresh check set must not overlap the development set); `scale`
    multiplies every quota, so a smaller sample keeps the same mix of strata.
    """
    by_stratum: dict[str, list[dict]] = {}
    for record in records:
        name = stratum_of(record["title"])
        if name is not None and record["id"] not in exclude:
            by_stratum.setdefault(name, []).append(record)
    quotas = [(name, round(quota * scale)) for name, _, quota in STRATA] + [(NONE_STRATUM, round(NONE_QUOTA * scale))]
    rng = random.Random(seed)
    chosen = [(r, name) for name, quota in quotas for r in draw(by_stratum.get(name, []), quota, rng, short_share)]
    return sorted(chosen, key=lambda pair: corpus_position(pair[0]["id"]))


def corpus_position(doc_id: str) -> tuple[str, int]:
    """Sort key of an id xwlb-YYYYMMDD-N: broadcast day, then position in the programme."""
    _, day, number = doc_id.rsplit("-", 2)
    return day, int(number)


def excluded_ids(paths: list[Path]) -> frozenset[str]:
    """Ids listed in the `id` column of earlier sample TSVs."""
    ids: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            ids.update(row["id"] for row in csv.DictReader(handle, delimiter="\t"))
    return frozenset(ids)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="xwlb_2022_2023.jsonl (id, date, title, text)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT, help="TSV of id, date, stratum")
    parser.add_argument(
        "--exclude", type=Path, action="append", default=[], help="sample TSV whose ids must not be drawn (repeatable)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every stratum quota (0.45 gives 40)")
    parser.add_argument(
        "--short-share", type=float, default=SHORT_SHARE, help="share of each quota drawn below the median length"
    )
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (pass --corpus PATH to the xwlb_dev JSONL)", file=sys.stderr)
        return 2
    with args.corpus.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    rows = [
        (r["id"], r["date"], stratum)
        for r, stratum in sample(records, args.seed, excluded_ids(args.exclude), args.scale, args.short_share)
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("id\tdate\tstratum\n" + "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    for row in rows:
        print("\t".join(row))
    counts = Counter(stratum for _, _, stratum in rows)
    print(f"{len(rows)} articles: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
