"""Generate realistic county-newspaper pages for benchmarks and scale tests.

Pages are composed from our own article templates, then laid out like OCR output: narrow printed
columns, a blank line after every printed line, bylines, 本报讯 leads, headlines printed after the body.
Like a multi-year archive of one county paper, the cast is fixed: a pool of OFFICIALS_PER_CITY officials
for each of a handful of cities, each with one stable title, a fixed pool of towns, sites and reporters.
The paper's own leaders recur on most pages (a few of them far more than the rest) and neighbouring
cities' leaders appear now and then on visits (their titles name their city; the paper names its own
city in full more often than any neighbour, as real papers do, so kg infers the right home city).
So the number of entities grows sublinearly with the corpus, as in real papers. Deterministic for a seed.

    python pipelines/corpus_gen.py --docs 1000 --out /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from kg.tag.gazetteer import COMMON_SURNAMES

SURNAMES = "".join(sorted(COMMON_SURNAMES))
GIVEN = (
    "建国立新海涛志强秀英丽华明辉文军红梅晓东春华国庆伟杰静怡振宇晨曦"
    "子涵雨桐思远浩然嘉豪欣然梓萱宏亮德胜玉兰桂芳卫东小平"
)
HOME = "青溪"
NEIGHBOURS = ("东州", "南屏", "西岭", "北川")
OFFICIALS_PER_CITY = 60
REPORTERS = 30
PAGES_PER_DAY = 4  # 10,000 pages: about seven years of a county paper
TOWNS = [
    f"{a}{b}{c}"
    for a, c in (("东", "街道"), ("西", "街道"), ("南", "镇"), ("北", "镇"), ("中", "乡"))
    for b in "城溪山湖桥园塘"
]
SITES = [
    f"{a}{b}"
    for a in ("人民", "中心", "第二", "城东", "城西")
    for b in ("医院", "菜市场", "客运站", "中学", "广场", "物流园区")
]
# One city's offices, in order of rank: the first ones chair meetings and lead inspections.
TOP_TITLES = [
    "市委书记",
    "市委副书记、市长",
    "市委副书记",
    "市委常委、常务副市长",
    "市人大常委会主任",
    "市政协主席",
    "市委常委、组织部部长",
    "市委常委、宣传部部长",
    "市委常委、政法委书记",
    "市委常委、纪委书记",
]
BUREAUS = [
    "卫健局",
    "公安局",
    "市场监管局",
    "交通运输局",
    "教育局",
    "商务局",
    "应急管理局",
    "经信局",
    "财政局",
    "民政局",
    "住建局",
    "农业农村局",
    "文广旅体局",
    "自然资源局",
    "生态环境局",
]
TITLES = (
    TOP_TITLES
    + ["副市长"] * 8
    + ["市人大常委会副主任"] * 6
    + ["市政协副主席"] * 6
    + [f"市{b}{role}" for b in BUREAUS for role in ("局长", "副局长")]
)[:OFFICIALS_PER_CITY]


class Official(NamedTuple):
    name: str
    title: str  # as the paper prints it for its own city (市委书记); visitors get their city in front


class Cast(NamedTuple):
    """Everyone who can appear in the archive: officials by city (in rank order) and reporters."""

    officials: dict[str, list[Official]]
    reporters: list[str]

    def pick(self, rng: random.Random, count: int, city: str = HOME, skip: int = 0) -> list[Official]:
        """`count` distinct officials of `city` below rank `skip`, highest rank first; higher ranks appear
        far more often."""
        pool = self.officials[city][skip:]
        weights = [1 / (rank + 1) for rank in range(len(pool))]
        chosen: set[int] = set()
        while len(chosen) < min(count, len(pool)):
            chosen.add(rng.choices(range(len(pool)), weights)[0])
        return [pool[rank] for rank in sorted(chosen)]


def _name(rng: random.Random) -> str:
    given = "".join(rng.sample(GIVEN, rng.choice((1, 2))))
    return rng.choice(SURNAMES) + given


def make_cast(seed: int) -> Cast:
    """The fixed cast of an archive: distinct names, stable titles, the same for a seed."""
    rng = random.Random(f"cast-{seed}")
    names: dict[str, None] = {}
    while len(names) < OFFICIALS_PER_CITY * (1 + len(NEIGHBOURS)) + REPORTERS:
        names.setdefault(_name(rng), None)
    pool = iter(names)
    officials = {city: [Official(next(pool), title) for title in TITLES] for city in (HOME, *NEIGHBOURS)}
    return Cast(officials, [next(pool) for _ in range(REPORTERS)])


def _titled(official: Official, city: str = HOME) -> str:
    """Title and name as printed: a visitor's title names their city (东州市委书记)."""
    title = official.title if city == HOME else city + official.title
    return title + official.name


def _day(d: date) -> str:
    return f"{d.month}月{d.day}日"


def _meeting(rng: random.Random, cast: Cast, when: date) -> tuple[str, str]:
    leader, chair = cast.officials[HOME][0], cast.officials[HOME][2]
    attendees = cast.pick(rng, rng.randint(2, 7), skip=3)
    body = (
        f"本报讯 {_day(when)}{rng.choice(['上午', '下午', '晚'])}，"
        f"我市召开{rng.choice(['疫情防控工作会议', '经济运行分析会', '安全生产工作会议'])}。"
        f"{_titled(leader)}在会上强调，要坚决压实各方责任，确保各项工作落到实处。"
        f"{_titled(chair)}主持会议，市领导{'、'.join(o.name for o in attendees)}出席会议。"
        f"会议通报了近期{HOME}重点工作进展情况。{leader.name}指出，各级各部门要进一步提高站位，主动作为。"
    )
    return body, f"{leader.name}在全市工作会议上强调\n压实责任 狠抓落实"


def _inspection(rng: random.Random, cast: Cast, when: date) -> tuple[str, str]:
    inspector, deputy = cast.pick(rng, 2)
    places = rng.sample(SITES, rng.randint(2, 4))
    town = rng.choice(TOWNS)
    body = (
        f"本报讯 {_day(when)}{rng.choice(['晚', '上午', '下午'])}，{_titled(inspector)}深入{town}检查疫情防控工作。"
        f"{_titled(deputy)}参加检查。{inspector.name}先后来到{'、'.join(places)}，仔细察看扫码测温、人员登记等措施落实情况。"
        f"他强调，要时刻绷紧思想之弦，严格落实各项防控措施。市{rng.choice(BUREAUS)}负责人汇报了相关工作。"
    )
    return body, f"{inspector.name}检查疫情防控工作"


def _visit(rng: random.Random, cast: Cast, when: date) -> tuple[str, str]:
    leaders = cast.pick(rng, rng.randint(2, 3))
    places = rng.sample(SITES, 2)
    body = (
        f"本报讯 {_day(when)}夜，市领导{'、'.join(o.name for o in leaders)}一行，赴{places[0]}和{places[1]}，"
        f"看望慰问防疫一线工作人员。{leaders[0].name}详细了解值守情况，叮嘱大家做好个人防护。"
    )
    return body, f"{leaders[0].name}看望慰问一线工作人员"


def _delegation(rng: random.Random, cast: Cast, when: date) -> tuple[str, str]:
    city = rng.choice(NEIGHBOURS)
    guest, companion = cast.officials[city][0], cast.pick(rng, 1, city=city, skip=1)[0]
    host = cast.officials[HOME][rng.choice((0, 1))]
    places = rng.sample(SITES, 2)
    body = (
        f"本报讯 {_day(when)}，{_titled(guest, city)}率党政代表团来我市考察，{_titled(companion, city)}参加考察。"
        f"{_titled(host)}陪同。代表团一行先后来到{places[0]}和{places[1]}，详细了解产业发展情况。"
    )
    return body, f"{city}市党政代表团来我市考察"


def _case(rng: random.Random, cast: Cast, when: date) -> tuple[str, str]:
    town = rng.choice(TOWNS)
    body = (
        f"{_day(when)}，我市{town}发现1例新冠病毒核酸检测阳性人员。{HOME}市委、市政府立即启动应急响应，"
        f"全面开展流调溯源和核酸筛查。市{rng.choice(BUREAUS)}等部门连夜行动。"
    )
    return body, f"{HOME}全力以赴做好疫情处置"


def _lifted(rng: random.Random, cast: Cast, when: date) -> tuple[str, str]:
    town = rng.choice(TOWNS)
    body = (
        f"从{_day(when)}18时起，{town}封控区正式解封。连日来，全市党员干部坚守一线，"
        f"志愿者上门服务，保障群众生活物资供应。"
    )
    return body, f"{town}解除封控"


KINDS = (_meeting, _inspection, _visit, _delegation, _case, _lifted)
# Sentences without names or events: the bulk of a real page, and what the rules must skip quickly.
FILLER = (
    "各地各部门要切实增强责任感和紧迫感，把各项工作抓细抓实。",
    "连日来，广大党员干部冲锋在前，以实际行动践行初心使命。",
    "据了解，今年以来全市共完成各类项目投资同比增长百分之十二点五。",
    "下一步，{town}将持续优化营商环境，推动经济社会高质量发展。",
    "群众纷纷表示，这些举措让大家吃下了定心丸。",
    "记者在现场看到，工作人员正有序引导群众排队，现场秩序井然。",
    "会议要求，要坚持问题导向，加强统筹协调，形成工作合力。",
    "截至目前，{town}已累计发放宣传资料三千余份，走访群众一千二百余户。",
)


def _layout(text: str, rng: random.Random, width: int) -> str:
    """Print `text` in a narrow column with a blank line after every printed line (OCR style)."""
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    return "\n\n".join(lines)


def _filler(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(FILLER).format(town=rng.choice(TOWNS)) for _ in range(count))


def generate_page(rng: random.Random, cast: Cast, page_date: date, articles: tuple[int, int] = (1, 3)) -> str:
    """One page of `articles` (min, max) articles, each followed by its headline, in OCR layout."""
    parts = []
    for _ in range(rng.randint(*articles)):
        kind = rng.choice(KINDS)
        when = page_date - timedelta(days=rng.randint(1, 3))
        body, headline = kind(rng, cast, when)
        body += _filler(rng, rng.randint(0, 4))
        reporter = rng.choice(cast.reporters)
        parts.append(f" □融媒记者 {reporter}\n\n{_layout(body, rng, rng.randint(13, 17))}\n\n{headline}\n")
    return "\n".join(parts)


def generate(
    count: int, seed: int = 7, start: date = date(2021, 12, 1), articles: tuple[int, int] = (1, 3)
) -> Iterator[dict]:
    """`count` JSONL records (id, date, text), PAGES_PER_DAY a day; the same seed gives the same pages."""
    rng = random.Random(seed)
    cast = make_cast(seed)
    for index in range(count):
        page_date = start + timedelta(days=index // PAGES_PER_DAY)
        text = generate_page(rng, cast, page_date, articles=articles)
        yield {"id": f"gen{index:06d}", "date": page_date.isoformat(), "text": text}


def write_corpus(path: Path, count: int, seed: int = 7, articles: tuple[int, int] = (1, 3)) -> int:
    """Write a generated corpus as JSONL; returns its size in characters of text."""
    chars = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in generate(count, seed, articles=articles):
            chars += len(record["text"])
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--articles", type=int, nargs=2, default=(1, 3), metavar=("MIN", "MAX"), help="per page")
    parser.add_argument("--out", type=Path, required=True, help="JSONL file to write")
    args = parser.parse_args()
    chars = write_corpus(args.out, args.docs, args.seed, tuple(args.articles))
    print(f"{args.docs} documents, {chars} characters -> {args.out}")


if __name__ == "__main__":
    main()
