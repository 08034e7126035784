"""Generate realistic county-newspaper pages for benchmarks and scale tests.

Pages are composed from our own article templates with random officials, places and dates,
then laid out like OCR output: narrow printed columns, a blank line after every printed
line, bylines, 本报讯 leads, headlines printed after the body. Deterministic for a seed.

    python pipelines/corpus_gen.py --docs 1000 --out /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from kg.tag.gazetteer import COMMON_SURNAMES

SURNAMES = "".join(sorted(COMMON_SURNAMES))
GIVEN = (
    "建国立新海涛志强秀英丽华明辉文军红梅晓东春华国庆伟杰静怡振宇晨曦"
    "子涵雨桐思远浩然嘉豪欣然梓萱宏亮德胜玉兰桂芳卫东小平"
)
TOWNS = ["东城街道", "西城街道", "南溪镇", "北山镇", "石门镇", "清水乡", "白云街道", "桃源镇", "龙湖镇", "青峰乡"]
SITES = [
    "人民医院",
    "中心菜市场",
    "高铁站",
    "客运中心",
    "第二中学",
    "万达广场",
    "联华超市",
    "疾控中心",
    "物流园区",
    "集中隔离点",
]
TITLES = [
    "市委书记",
    "市委副书记、市长",
    "市委副书记",
    "副市长",
    "市委常委、常务副市长",
    "市人大常委会主任",
    "市政协主席",
]
BUREAUS = ["市卫健局", "市公安局", "市市场监管局", "市交通运输局", "市教育局", "市商务局", "市应急管理局"]


def _name(rng: random.Random) -> str:
    given = "".join(rng.sample(GIVEN, rng.choice((1, 2))))
    return rng.choice(SURNAMES) + given


def _officials(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = _name(rng)
        if name not in names:
            names.append(name)
    return names


def _day(d: date) -> str:
    return f"{d.month}月{d.day}日"


def _meeting(rng: random.Random, when: date, city: str) -> tuple[str, str]:
    leader, chair, *attendees = _officials(rng, rng.randint(4, 9))
    body = (
        f"本报讯 {_day(when)}{rng.choice(['上午', '下午', '晚'])}，"
        f"我市召开{rng.choice(['疫情防控工作会议', '经济运行分析会', '安全生产工作会议'])}。"
        f"{TITLES[0]}{leader}在会上强调，要坚决压实各方责任，确保各项工作落到实处。"
        f"{TITLES[2]}{chair}主持会议，市领导{'、'.join(attendees)}出席会议。"
        f"会议通报了近期{city}重点工作进展情况。{leader}指出，各级各部门要进一步提高站位，主动作为。"
    )
    return body, f"{leader}在全市工作会议上强调\n压实责任 狠抓落实"


def _inspection(rng: random.Random, when: date, city: str) -> tuple[str, str]:
    inspector, deputy = _officials(rng, 2)
    places = rng.sample(SITES, rng.randint(2, 4))
    town = rng.choice(TOWNS)
    body = (
        f"本报讯 {_day(when)}{rng.choice(['晚', '上午', '下午'])}，{TITLES[1]}{inspector}深入{town}检查疫情防控工作。"
        f"{TITLES[3]}{deputy}参加检查。{inspector}先后来到{'、'.join(places)}，仔细察看扫码测温、人员登记等措施落实情况。"
        f"他强调，要时刻绷紧思想之弦，严格落实各项防控措施。{rng.choice(BUREAUS)}负责人汇报了相关工作。"
    )
    return body, f"{inspector}检查疫情防控工作"


def _visit(rng: random.Random, when: date, city: str) -> tuple[str, str]:
    leaders = _officials(rng, rng.randint(2, 3))
    places = rng.sample(SITES, 2)
    body = (
        f"本报讯 {_day(when)}夜，市领导{'、'.join(leaders)}一行，赴{places[0]}和{places[1]}，看望慰问防疫一线工作人员。"
        f"{leaders[0]}详细了解值守情况，叮嘱大家做好个人防护。"
    )
    return body, f"{leaders[0]}看望慰问一线工作人员"


def _case(rng: random.Random, when: date, city: str) -> tuple[str, str]:
    town = rng.choice(TOWNS)
    body = (
        f"{_day(when)}，我市{town}发现1例新冠病毒核酸检测阳性人员。市委、市政府立即启动应急响应，"
        f"全面开展流调溯源和核酸筛查。{rng.choice(BUREAUS)}等部门连夜行动。"
    )
    return body, f"{city}全力以赴做好疫情处置"


def _lifted(rng: random.Random, when: date, city: str) -> tuple[str, str]:
    town = rng.choice(TOWNS)
    body = (
        f"从{_day(when)}18时起，{town}封控区正式解封。连日来，全市党员干部坚守一线，"
        f"志愿者上门服务，保障群众生活物资供应。"
    )
    return body, f"{town}解除封控"


KINDS = (_meeting, _inspection, _visit, _case, _lifted)
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


def generate_page(rng: random.Random, page_date: date, city: str = "青溪", articles: tuple[int, int] = (1, 3)) -> str:
    """One page of `articles` (min, max) articles, each followed by its headline, in OCR layout."""
    parts = []
    for _ in range(rng.randint(*articles)):
        kind = rng.choice(KINDS)
        when = page_date - timedelta(days=rng.randint(1, 3))
        body, headline = kind(rng, when, city)
        body += _filler(rng, rng.randint(0, 4))
        reporter = _name(rng)
        parts.append(f" □融媒记者 {reporter}\n\n{_layout(body, rng, rng.randint(13, 17))}\n\n{headline}\n")
    return "\n".join(parts)


def generate(
    count: int, seed: int = 7, start: date = date(2021, 12, 1), articles: tuple[int, int] = (1, 3)
) -> Iterator[dict]:
    """`count` JSONL records (id, date, text); the same seed gives the same pages."""
    rng = random.Random(seed)
    for index in range(count):
        page_date = start + timedelta(days=index % 120)
        text = generate_page(rng, page_date, articles=articles)
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
