"""Places and organizations whole: spans grown to the head word that ends a name, typed by it, generic words dropped.

Why: a character tagger trained on national news knows 上海 and 国务院 but cuts the names a county paper prints
most: a name that ends with a head of its own (杭金衢 + 高速义乌出口, 天虹 + 商厦, 中共嵊县县委 + 旧址纪念馆),
a department printed after its government's one-character level (县 + 青年企业家协会, 县防汛抗旱指挥部 untagged),
a road by its number (104国道); and it keeps category words that name nothing (封控区, 国道, 临时党支部). The
rules use the grammar of such names, never particular names, and keep MSRA's conventions for national news:

- a name ends with a head word: a place head (小区, 广场, 站点, 出口 on a road, 陵园 …) or an organization head
  (局, 委员会, 指挥部, 服务中心 …); a span with no head yet grows over a few name words to one, taking in the
  places and organizations tagged before the head, never a person, a verb, a function word, a number or
  punctuation, nor a whole name that ends at the head; a head word the span cuts is completed (东阳分会|场);
  a well-known place before a head is a place and a common noun (北京|商场, 美国|银行), and zones (开发区),
  政府 and 市场 are no heads (泾阳|工业区, 澳门特区|政府), as MSRA annotates them;
- an organization printed after its level (市, 县, 区, 省 as a word of its own: 服从|县|防汛抗旱指挥部) starts at
  the level, tagged or not;
- the head decides the type where it is plain (…服务中心 is an organization, …陵园 a place);
- places written together are two places (美国|宾夕法尼亚州, 天津|滨海新区), as MSRA tags them: a well-known place
  and, after it, a place name of the dictionary, or such a name with its unit (新区, 省, 州, 市, 县, 区 …), or a
  country and a state or province of its own (俄罗斯|库尔斯克州);
- a place that runs into the next word ends at the place (波兰卡|车司机 -> 波兰); a station named after it is part
  of it (南京 + 南站), a river's bank is not (第聂伯河 + 左岸); two short pieces of a transliteration the model split
  are one place (阿夫杰 + 耶夫卡);
- a memorial right after the name it is named for joins it (新四军第一支队 + 纪念馆);
- a committee and its government are one organization (台州市委 + 市政府);
- category words alone, the kinds in a list of kinds (村社联盟、校企联盟等形式), craft and ships by their quoted
  names (“法塔赫”号) are no names; a span is split at a quote it opens and does not close (英国《金融时报 -> 英国,
  金融时报); a place cut one character short of a person's name, with person evidence after it, is that person
  (特朗 + 普宣称).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import cache
from operator import attrgetter

from kg.model import Mention
from kg.regexguard import longest_literal_pattern
from kg.tag.boundaries import COLLECTIVES, ROUTE_TO, ROUTES, in_work_title
from kg.tag.gazetteer import (
    HOME_COUNTRY,
    PLACE_ABBREVIATIONS,
    UNIT_ENDS,
    common_nouns,
    country_names,
    no_name_words,
    person_names,
    place_names,
    well_known_place,
)
from kg.tag.senses import MIN_PROPAGATED, PLACE_TYPES, ends_a_route, names_printed, person_evidence
from kg.tag.titles import SEPARATOR, org_suffix_at
from kg.tag.words import is_word, word_across, words_after, words_before

# Heads that make a name a place, and heads that make it an organization (as MSRA annotates them: 纪念馆 and 广场
# are places, 局 and 集团 organizations, a service's 中心 an organization but 会展中心 a place); 中心 and 机场 keep
# the type read. Zones (开发区, 工业区) and 政府 or 市场 after a place are not heads: 泾河|工业区, 香港特区|政府.
PLACE_HEADS = (
    "小区", "广场", "公园", "陵园", "纪念馆", "博物馆", "大厦", "商厦", "商场", "超市", "站点", "收费站", "服务区",
    "分区", "会场", "街区", "出口", "入口", "路口",
    "电站",  # 扎波罗热核电站, 白鹤滩水电站: a site in the news (every news set tags it so; MSRA reads a company)
)  # fmt: skip
ORG_HEADS = (
    "局", "办", "委员会", "指挥部", "领导小组", "工作组", "联合会", "协会", "学会", "商会", "党委", "支部", "公司",
    "集团", "银行", "医院", "办公室", "研究院", "研究所", "管委会", "研究中心", "管理中心", "服务中心", "信息中心",
    "保障中心", "指挥中心", "培训中心", "媒体中心", "新闻中心", "海关",
)  # fmt: skip
HEADS = (*PLACE_HEADS, *ORG_HEADS, "中心", "机场")
# What a span grows to: heads of two characters or more (澳门招商|办展: a one-character head is too often a verb).
GROWTH_HEADS = tuple(head for head in (*PLACE_HEADS, *ORG_HEADS) if len(head) > 1)
MEMORIAL_HEADS = ("纪念馆", "博物馆", "陵园", "纪念碑")  # named after an organization or a place: part of the name
# Kinds of protected area: named after the place before them (武夷山 + 国家公园), nothing alone (设立国家公园).
PARK_KINDS = ("国家公园", "国家文化公园", "自然保护区", "湿地公园", "森林公园", "地质公园", "风景名胜区")
# Bridges likewise: named after the river or place they cross (黄河 + 特大桥), nothing alone (主桥, 悬索桥, 栈桥).
BRIDGE_KINDS = ("特大桥", "大桥")
BANKS = ("左岸", "右岸")  # a river's banks (see ZONES)
ROAD_WORDS = ("高速", "公路", "国道", "省道", "大道", "路")  # 出口 is an exit only on a road: 对澳门出口 is trade
EXITS = ("出口", "入口", "路口")
LEVELS = "省市县区"  # a government's level, printed alone for the government of the paper's own place
PLACE_ENDS = (*UNIT_ENDS, "州", "国")
MAX_GROWTH = 8  # characters a span grows by to reach its head
NEW_AREA = "新区"
STRIP = "地带"  # 加沙地带, 萨赫勒地带: printed right after a place, part of its name
# Stations named after their city (南京 + 南站, 西二旗 + 地铁站, 杭州 + 火车东站), whole as MSRA and the news sets tag
# them; a bare 站 is too often a verb (站在) to take.
STATIONS = (
    *(f"{kind}{side}站" for kind in ("", "火车") for side in "东南西北"),
    "火车站", "高铁站", "地铁站", "汽车站", "客运站",
)  # fmt: skip
ATTACHED = (NEW_AREA, STRIP, *STATIONS)  # what a place takes in when printed right after it
_FUNCTION_CHARS = frozenset(
    "的了在是和与及或等对向从将把被为由于以也都就还并而之其这那该各每某我你他她它们到至给让着过个名位条"
)
_AFTER_HEADS = "内里外上中旁前后边的"  # a head ends where a locative or 的 starts, even in one word (分区|内)
_CJK = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Words that say how many or which, never part of a name (英格兰|所有|医院, 宁夏3个会场); jieba tags some as nouns.
DETERMINERS = frozenset(
    ["所有", "全部", "部分", "有关", "相关", "多达", "一批", "多家", "各类", "各级", "全体", "其他", "其它"]
)
NUMERALS = "一二两三四五六七八九十几数多"
_TRAVEL = re.compile("回到|返回|回|赴|抵达|前往|来到|到达|途经")  # a journey's verbs, printed before where it goes
_ROAD = re.compile(r"(?<![0-9A-Za-z])(?:[GS]\d{1,4}|\d{2,4})(?:国道|省道|县道)")
_ANY_HEAD = re.compile("|".join(sorted({*HEADS, *MEMORIAL_HEADS, *ATTACHED, *BRIDGE_KINDS}, key=len, reverse=True)))
_LEVEL_ORG = re.compile(f"[{LEVELS}](?=[\u4e00-\u9fff]{{0,{MAX_GROWTH}}}(?:{'|'.join(ORG_HEADS)}))")
# Category words: alone they name nothing. Places with any generic modifier; organizations only where MSRA's
# annotators leave them untagged too (临时党支部 3 of 3, 支部 67 of 67, 指挥部 6 of 6 times in its train split),
# not 党委, 党支部 or 村党支部, which it tags as often as a reader names a body by them; nor 共同体 alone (0 of 22:
# the 命运共同体 of a slogan) or a paper's or station's name for itself (本报 1,200 of 1,200; 本台 likewise).
GENERIC_MODIFIERS = ("临时", "该", "各")
GENERIC_PLACES = (
    "国道", "省道", "县道", "高速", "高速公路", "封控区", "管控区", "防范区", "隔离区", "核心区", "隔离点",
    "高铁", "铁路", "高速铁路",  # a rail line is named by the cities it joins (南昌至九江高铁: 南昌, 九江)
    "特区",  # the region's own word for itself (特区政府), whose name 澳门特区 is printed in full elsewhere
    *BANKS,
    *PARK_KINDS, *BRIDGE_KINDS, "悬索桥", "斜拉桥", "栈桥",
)  # fmt: skip
SLOGANS = ("命运共同体", "生命共同体", "民族共同体")  # communities of a slogan, no bodies (西非国家经济共同体 is one)
GENERIC_ORGANIZATIONS = (
    "临时党支部", "临时党小组", "临时党委", "党小组", "支部", "指挥部", "专班", "工作专班",
    "共同体", "本报", "本台", "本刊",
)  # fmt: skip
_GENERIC = re.compile(
    f"(?:{'|'.join(GENERIC_MODIFIERS)})*(?:{'|'.join(GENERIC_PLACES)})|(?:该|各)?(?:{'|'.join(GENERIC_ORGANIZATIONS)})"
)
# Spacecraft, their modules and crews (神舟十五号, 天舟六号货运飞船, 中国空间站, 神舟十六号航天员乘组), and ships by
# their quoted names: vehicles, no places or bodies, though a model trained on 1998 text, which has none, reads them so.
_CRAFT = re.compile(
    "(?P<country>中国)?(?:空间站|(?:神舟|天舟|嫦娥|天问|长征|鹊桥|捷龙|快舟|朱雀|力箭)[0-9一二三四五六七八九十]+号|(?:神舟|天舟)飞船|天宫|梦天|问天|天和"
    "|“[^“”]{1,8}”号)"  # a vessel by its quoted name (“法塔赫”号潜艇)
    "(?![县市镇乡村区路街])"
)
# The words a category word holds whatever its modifiers, and the craft names: one cheap test for a sentence whose
# places and organizations `_named` need not check (most).
_GENERIC_WORDS = re.compile(
    "|".join(sorted({*GENERIC_PLACES, *GENERIC_ORGANIZATIONS}, key=len, reverse=True)) + f"|{_CRAFT.pattern}"
)
# Zones drawn for an epidemic (永康封控区 is 永康) and a river's banks (第聂伯河左岸 is 第聂伯河): parts of a place
# named after it, no name of their own (左岸 alone names nothing; 约旦河西岸 is a name).
ZONES = ("封控区", "管控区", "防范区", *BANKS)
_ANY_ZONE = re.compile("|".join(ZONES))
MAX_KIND = 8  # characters of an item of a list of kinds (村企联盟); a longer one starts the list (采取村村联盟)
_KINDS = re.compile("等(?:形式|方式|模式|类型|载体)")
_OPENING = dict(zip("“‘《「『（(", "”’》」』）)", strict=True))
_OPENINGS = re.compile(f"[{re.escape(''.join(_OPENING))}]")
SOURCE = "places"


def _name_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], a word of a segmentation, can sit inside a name: letters, digits or characters,
    no function character, no word the dictionary only knows as a verb, preposition, pronoun …"""
    word = text[start:end]
    if not all(_HAN.match(ch) for ch in word) or word in _FUNCTION_CHARS or word in LEVELS or word in DETERMINERS:
        return False
    return len(word) == 1 or word not in no_name_words()


@cache
def _heads_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(heads, key=len, reverse=True)))


def _head_end(text: str, end: int, heads: tuple[str, ...] = GROWTH_HEADS, *, bare: bool = False) -> int | None:
    """Where a name that reaches `end` ends once it takes the name words up to the next head word of `heads` (金丽温
    + 高速永康出口, 下里溪 + 工业功能分区|内); None when no head follows within MAX_GROWTH characters of name words.
    `bare`: whether the head may follow with no name word before it (天虹 + 商厦, but not 北京 + 商场)."""
    for match in _heads_pattern(heads).finditer(text, end, end + MAX_GROWTH):
        head_start, stop = match.span()
        if word_across(text, head_start) is not None:  # 市领导督|办: no head
            continue
        if (head_start == end and not bare) or not _name_words(text, end, head_start):
            return None  # 北京|商场: a place and a common noun
        if match.group() in EXITS and not any(road in text[end - 2 : stop] for road in ROAD_WORDS):
            continue
        if word_across(text, stop) is None or text[stop] in _AFTER_HEADS:
            return stop
    return None


def _name_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is name words only (see `_name_word`)."""
    return all(_name_word(text, s, e) for s, e in words_after(text, start, end - start))


def _cut_word_end(text: str, mention: Mention) -> int:
    """The end of a head word the span cuts (永康分会|场 -> 永康分会场); the span's end when it cuts none, or when
    the span is a unit of government or a well-known place (多哈市|中心, 美国|银行) or the head an exit (进|出口)."""
    across = word_across(text, mention.end)
    if across is None or across[0] < mention.start or mention.text.endswith(UNIT_ENDS):
        return mention.end
    word = text[across[0] : across[1]]
    if not word.endswith(HEADS) or word.endswith(EXITS) or well_known_place(mention.text):
        return mention.end
    return across[1]


def _grown_end(text: str, mention: Mention) -> int:
    """The end of `mention` grown to its head: a place's 新区 (浦东新区: a level of government, as MSRA marks it),
    地带 (加沙地带) or station (南京南站), the head word it cuts (永康分会|场), else the next head when it has none yet
    (下里溪 + 工业功能分区; a name that ends like an organization or unit, 中共永康县委, only to a memorial: +
    诞生地纪念馆); right after a name of its own (天虹 + 商厦) but not after a known place (北京 + 商场: a place and a
    common noun)."""
    attached = next((word for word in ATTACHED if text.startswith(word, mention.end)), None)
    if mention.type == "LOCATION" and attached is not None:
        return mention.end + len(attached)
    end = _cut_word_end(text, mention)
    if end != mention.end or mention.text.endswith(HEADS):
        return end
    if org_suffix_at(text, mention.start, mention.end) or mention.text.endswith(UNIT_ENDS):
        return _head_end(text, end, MEMORIAL_HEADS) or end
    return _head_end(text, end, bare=not well_known_place(mention.text)) or end


def _grown_right(text: str, mentions: list[Mention]) -> list[Mention]:
    """Places and organizations grown to the head that ends their name, taking in the places and organizations
    printed before that head (金丽温 + 高速永康出口), never a person nor a name that ends at the head itself."""
    out: list[Mention] = []
    for mention in sorted(mentions, key=attrgetter("start")):
        if out and mention.start < out[-1].end:  # taken in by the span before
            continue
        end = _grown_end(text, mention) if mention.type in PLACE_TYPES else mention.end
        if end != mention.end and not _may_take_in(mentions, mention.end, end):
            end = mention.end
        out.append(mention if end == mention.end else mention.respan(text, mention.start, end))
    return out


def _may_take_in(mentions: list[Mention], start: int, end: int) -> bool:
    """Whether a span grown over text[start:end] may take in the mentions that start there: places and
    organizations that end before `end` only."""
    return all(m.type in PLACE_TYPES and m.end < end for m in mentions if start <= m.start < end)


def _level_start(text: str, start: int) -> int:
    """Where an organization starting at `start` starts once it takes in the name words back to a level printed as
    a word of its own (携手|市|创业青年 + 联合会); `start` when there is none."""
    for word_start, word_end in reversed(words_before(text, start)):
        if word_end - word_start == 1 and text[word_start] in LEVELS:
            return word_start
        if start - word_start > MAX_GROWTH or not _name_word(text, word_start, word_end):
            return start
    return start


def _grown_left(text: str, mentions: list[Mention]) -> list[Mention]:
    """Organizations that end with an organization head start at the level printed before them."""
    out = []
    for mention in mentions:
        start = mention.start
        if mention.type == "ORGANIZATION" and start > 0 and text[start - 1] not in LEVELS:
            start = _level_start(text, start) if mention.text.endswith(ORG_HEADS) else start
            if start != mention.start and any(m.start < mention.start and start < m.end for m in mentions):
                start = mention.start
        out.append(mention if start == mention.start else mention.respan(text, start, mention.end))
    return out


def _free(start: int, end: int, mentions: list[Mention]) -> bool:
    return not any(m.start < end and start < m.end for m in mentions)


def _level_organizations(text: str, mentions: list[Mention]) -> list[Mention]:
    """Untagged organizations printed after their level (落实|市|疫情防控指挥部的): the level a word of its own, then
    name words up to an organization head."""
    added: list[Mention] = []
    for match in _LEVEL_ORG.finditer(text):
        start = match.start()
        if word_across(text, start) is not None or word_across(text, start + 1) is not None:
            continue  # 全市, 市委, 超市: the level is part of a word
        if text[start - 1 : start] in (SEPARATOR, *LEVELS, *"和及与") or text[start + 1 : start + 2] in LEVELS:
            continue  # 省、区、市党委, 区县级医院: levels in general, no one government
        end = _head_end(text, start + 1, ORG_HEADS)
        if end is not None and _free(start, end, mentions + added):
            added.append(Mention(start, end, "ORGANIZATION", text[start:end], source=SOURCE))
    return mentions + added


def _roads(text: str, mentions: list[Mention]) -> list[Mention]:
    """Roads printed by their number (330国道, G60国道) are places."""
    if "道" not in text:
        return mentions
    roads = [Mention(m.start(), m.end(), "LOCATION", m.group(), source=SOURCE) for m in _ROAD.finditer(text)]
    kept = [m for m in mentions if not any(r.start < m.end and m.start < r.end for r in roads)]
    return kept + roads


def _name_ends(text: str, pos: int) -> bool:
    """Whether a name plainly ends at `pos`: punctuation, a function character or a verb follows (送回东阳。,
    前往南极考察), not more of a name (来到东城|街道)."""
    if pos >= len(text) or not _HAN.match(text[pos]) or text[pos] in _FUNCTION_CHARS:
        return True
    if word_across(text, pos) is not None:
        return False
    start, end = words_after(text, pos, 4)[0]
    return end - start > 1 and text[start:end] in no_name_words()


def _travelled_to(text: str, mentions: list[Mention]) -> list[Mention]:
    """Untagged dictionary places a journey is printed to (转运回|永康, 前往|绍兴) are places (not 抵达|两国: jieba
    lists it as a place)."""
    if _TRAVEL.search(text) is None:  # most sentences (one search is cheaper than an empty finditer)
        return mentions
    added: list[Mention] = []
    for match in _TRAVEL.finditer(text):
        at = match.end()
        size = next((n for n in (3, 2) if text[at : at + n] in place_names() and text[at] not in NUMERALS), 0)
        whole = size and word_across(text, at) is None and _name_ends(text, at + size)
        if whole and _free(at, at + size, mentions + added):
            added.append(Mention(at, at + size, "LOCATION", text[at : at + size], source=SOURCE))
    return mentions + added


def _route_ends(text: str, mentions: list[Mention]) -> list[Mention]:
    """Untagged dictionary places that end a route from a place (贵阳至|荔波段, 成都至|宜宾高铁): a route is named by
    the places it joins (see `ends_a_route`)."""
    if ROUTE_TO not in text:  # most sentences
        return mentions
    added: list[Mention] = []
    for mention in mentions:
        at = mention.end + len(ROUTE_TO)
        if mention.type != "LOCATION" or text[mention.end : at] != ROUTE_TO:
            continue
        size = next(
            (n for n in (3, 2) if text[at : at + n] in place_names() and ends_a_route(text, at, at + n, mentions)), 0
        )
        if size and _free(at, at + size, mentions + added):
            added.append(Mention(at, at + size, "LOCATION", text[at : at + size], source=SOURCE))
    return mentions + added


COUNTRY_SOURCE = "countries"
SULTAN = "苏丹"


@cache
def _countries() -> re.Pattern[str]:
    """One pattern for the countries of more than one character but 中国 (the longest at each position)."""
    return re.compile(longest_literal_pattern(sorted(c for c in country_names() if len(c) > 1 and c != HOME_COUNTRY)))


def countries_printed(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` plus a LOCATION for each country of countries.txt printed as a whole word that no mention covers,
    as `_travelled_to` adds the dictionary places a journey goes to (the model misses 斐济 in 支持斐济 and a country
    right after a dateline's colon); not inside 《》 (a title's words), nor 苏丹 before a name or after a country
    (阿曼苏丹: a ruler's title)."""
    found = [
        match.span()
        for match in _countries().finditer(text)
        if word_across(text, match.start()) is None and word_across(text, match.end()) is None
    ]
    if not found:
        return mentions
    mentions = _grown_to_countries(text, mentions, found)
    added = [
        Mention(start, end, "LOCATION", text[start:end], source=COUNTRY_SOURCE)
        for start, end in found
        if _free(start, end, mentions)
        and not in_work_title(text, start, end)
        and not (text[start:end] == SULTAN and (_country_ends_at(text, start) or _person_at(end, mentions)))
    ]
    return sorted(mentions + added, key=attrgetter("start")) if added else mentions


def _grown_to_countries(text: str, mentions: list[Mention], countries: list[tuple[int, int]]) -> list[Mention]:
    """A place read short of the country printed from its start (刚果 of 刚果（布）) grows to the country."""
    ends = dict(countries)
    return [
        m.respan(text, m.start, ends[m.start])
        if m.type == "LOCATION" and m.start in ends and m.end < ends[m.start] and _free(m.end, ends[m.start], mentions)
        else m
        for m in mentions
    ]


def _country_ends_at(text: str, pos: int) -> bool:
    return any(text.endswith(country, 0, pos) for country in country_names() if len(country) > 1)


def _person_at(pos: int, mentions: list[Mention]) -> bool:
    return any(m.start == pos and m.type == "PERSON" for m in mentions)


# China's provinces and autonomous regions by the names printed before their cities (河南兰考, 湖南常德).
PROVINCES = frozenset([
    "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
    "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆",
])  # fmt: skip
COUNTY = "县"
COUNTY_UNITS = (COUNTY, "市")
LOCATIVE_ENDS = ("部", "方", "边", "面", "侧")  # 新疆|南部 is the south of the province, though 南部县 is a county


def _bare_county(word: str) -> bool:
    """A county or city of two characters printed without its unit, which the dictionary lists only with it (兰考 of
    兰考县, 旌德 of 旌德县); no locative (南部 of 南部县 is mostly "the south")."""
    return len(word) == 2 and not word.endswith(LOCATIVE_ENDS) and any(word + u in place_names() for u in COUNTY_UNITS)


def _places_after_their_province_or_city(text: str, mentions: list[Mention]) -> list[Mention]:
    """A city or county of two characters printed right after its province (河南|兰考, 湖南|常德, 山东|邹平), with its
    unit or not (青海|民和县), or a city of three the dictionary lists (贵州|六盘水), is a place, though the model
    passes over it or reads a person there: the dictionary lists the bare word as a name (兰考 nr) and only with
    its unit as a place (兰考县). So is a district or county printed with its unit right after its city (石家庄市|
    藁城区). Not a longer word (浙江|大学) nor a word running on (长治|振兴)."""
    added: list[Mention] = []
    for mention in mentions:
        at = mention.end
        if mention.type != "LOCATION" or not _HAN.fullmatch(text[at + 1 : at + 2]):
            continue
        if mention.text in PROVINCES:
            end = _county_end(text, at)
        elif mention.text.endswith(CITY) and len(mention.text) > len(CITY) + 1:
            end = _district_end(text, at)
        else:
            continue
        if end is None:
            continue
        if word_across(text, at) is not None or word_across(text, end) is not None:
            continue
        covering = [m for m in mentions if m.start < end and at < m.end]
        if all(m.type == "PERSON" and (m.start, m.end) == (at, end) for m in covering):
            added.append(Mention(at, end, "LOCATION", text[at:end], source=SOURCE))
    if not added:
        return mentions
    return [m for m in mentions if not any(m.start == a.start and m.end == a.end for a in added)] + added


CITY = "市"
_DISTRICT_UNITS = ("区", "县")


def _district_end(text: str, at: int) -> int | None:
    """Where a district or county of two characters and its unit printed at `at` after its city ends, if one is."""
    three = text[at : at + 3]
    return at + 3 if three.endswith(_DISTRICT_UNITS) and _dictionary_place(three) else None


def _county_end(text: str, at: int) -> int | None:
    """Where the city or county printed at `at` after its province ends: three characters with its unit (民和县) or
    a city of three the dictionary lists (六盘水), else two (兰考); None when no such place is printed there."""
    if text[at : at + 3] in place_names():
        return at + 3
    return at + 2 if _dictionary_place(text[at : at + 2]) else None


MISSION_PREFIX = "驻"
_MISSION_WORDS = ("大使馆", "总领事馆", "领事馆", "使馆", "代表团", "使团", "代表处")
_SITE_OF_MISSION = ("前", "外", "门", "附近", "周边", "大楼", "馆舍")


def _place_of_zhu(text: str, mention: Mention) -> Mention:
    """马店市 -> 驻马店市: the model reads 驻 as "stationed in" before a place, also where it begins one."""
    start = mention.start - 1
    grown = text[start : mention.end] if start >= 0 and text[start] == MISSION_PREFIX else ""
    if mention.type == "LOCATION" and grown in place_names():
        return Mention(start, mention.end, "LOCATION", grown, source=SOURCE)
    return mention


def _missions_joined(text: str, mentions: list[Mention]) -> list[Mention]:
    """A country's mission printed as the country, (常)驻, where it is, and the mission (中国驻塞尔维亚使馆, 中国常驻
    联合国代表团) is one organization, where the model read two places and left the rest."""
    at = {m.start: m for m in mentions}
    joined = []
    for country in mentions:
        gap = text.find(MISSION_PREFIX, country.end, country.end + 2)
        if country.type != "LOCATION" or gap < 0 or text[country.end : gap] not in ("", "常"):
            continue
        host = at.get(gap + 1)
        word = next((w for w in _MISSION_WORDS if host and text.startswith(w, host.end)), None)
        if host is not None and host.type in PLACE_TYPES and word is not None:
            end = host.end + len(word)
            if text.startswith(_SITE_OF_MISSION, end):
                continue  # 日本驻韩国大使馆前: the building, a site; the annotators keep the two places
            joined.append(Mention(country.start, end, "ORGANIZATION", text[country.start : end], source=SOURCE))
    if not joined:
        return mentions
    kept = [m for m in mentions if not any(j.start <= m.start < j.end for j in joined)]
    return sorted([*kept, *joined], key=attrgetter("start"))


def _coordinated_heads(text: str, mentions: list[Mention]) -> list[Mention]:
    """金华市委 + 市政府 -> 金华市委市政府: a committee and the government of the same level are printed as one."""
    if "政府" not in text:  # most sentences
        return mentions
    out = []
    for mention in mentions:
        level = mention.text[-2:-1]
        if mention.type == "ORGANIZATION" and mention.text.endswith("委") and level and level in LEVELS:
            government = level + "政府"
            if text.startswith(government, mention.end):
                mention = mention.respan(text, mention.start, mention.end + len(government))
        out.append(mention)
    return out


def _memorials_joined(text: str, mentions: list[Mention]) -> list[Mention]:
    """A memorial, a park or a bridge right after the name it is named for is one place (中国工农红军第十三军 +
    第三团纪念馆, 北京 + 中国革命历史博物馆, 武夷山 + 国家公园, 黄河 + 特大桥); not after a unit of government (古山镇 +
    刘英烈士陵园 are two)."""
    out: list[Mention] = []
    for mention in sorted(mentions, key=attrgetter("start")):
        before = out[-1] if out else None
        if (
            before is not None
            and before.end == mention.start
            and {before.type, mention.type} <= PLACE_TYPES
            and mention.text.endswith((*MEMORIAL_HEADS, *PARK_KINDS, *BRIDGE_KINDS))
            and not before.text.endswith(UNIT_ENDS)
        ):
            out[-1] = mention.respan(text, before.start, mention.end)
            continue
        out.append(mention)
    return out


# What a place name printed with its unit ends with (滨海新区, 涪陵区, 宾夕法尼亚州): the units of government, 州
# and 新区; not 国, which ends kinds of state too (共和国).
PLACE_UNITS = (NEW_AREA, *UNIT_ENDS, "州")
FOREIGN_UNITS = ("州", "省")  # a country's first-level divisions, as news prints them (库尔斯克州, 东开普省)
LONGEST_OUTER_PLACE = 5  # characters of the well-known place that starts places written together (内蒙古, 哈萨克斯坦)
# Words the dictionary files as places that name a kind of place, which a place before makes a name (兰州新区,
# 龙门大桥, 昆明海关): no second place. So do words ending with a head or a road word (南京西路).
PLACE_KIND_WORDS = frozenset(
    ("新区", "大桥", "海关", "新港", "海岛", "海湾", "山河", "港口", "共和国", "王国", "联邦", "合众国")
)  # and the forms of a state after its name (叙利亚共和国, 沙特阿拉伯王国)
KIND_ENDS = (*HEADS, *ROAD_WORDS, "桥", "关", "街", "城", "站")  # 天津西站 is a station, not 天津 and 西站


def _dictionary_place(name: str) -> bool:
    """Whether `name` is a dictionary place name, a county without its unit (旌德), or one printed with its unit
    (宾夕法尼亚 + 州); no kind of place."""
    if name in PLACE_KIND_WORDS or name.endswith(KIND_ENDS):
        return False
    if name in place_names() or _bare_county(name):
        return True
    unit = next((unit for unit in PLACE_UNITS if name.endswith(unit)), None)
    return unit is not None and len(name) - len(unit) >= 2 and name[: -len(unit)] in place_names()


def _country_with_state(name: str) -> int | None:
    """Where a country printed with a state or province of its own ends (俄罗斯|库尔斯克州, 乌克兰|利沃夫州): the
    longest country name that starts `name`, then two characters or more and 州 or 省 (not 马里兰州, 墨西哥州)."""
    if not name.endswith(FOREIGN_UNITS):
        return None
    countries = country_names()
    size = next((size for size in range(LONGEST_OUTER_PLACE, 1, -1) if name[:size] in countries), None)
    return size if size is not None and len(name) - size >= 3 else None


LOCAL_UNITS = (COUNTY, "镇", "乡", "村")  # a county or township printed after its city (阜阳|阜南县, 湖州|千金镇)
ETHNIC = "族"  # 畲族自治县, 回族乡


def _city_with_town(name: str) -> int | None:
    """Where a dictionary place printed with a county, town or village of two characters or more and its unit, or
    with a county of the dictionary, ends (阜阳|阜南县, 湖州|千金镇, 陇南|文县; not 苏州|工业园区: no zone, and 区
    only as `_dictionary_place` reads it; nor an ethnic county or township, whose name holds its people:
    景宁畲族自治县)."""
    if not name.endswith(LOCAL_UNITS) or ETHNIC in name:
        return None
    size = next((size for size in (3, 2) if name[:size] in place_names()), None)
    if size is None:
        return None
    rest = name[size:]
    # 陇南|文县: a county of the dictionary (not 南溪|南村: a village's name is often a place name too)
    return size if len(rest) >= 3 or (rest.endswith(COUNTY) and rest in place_names()) else None


MAX_TRANSLITERATION_PIECE = 3  # characters of each piece of a foreign name the model split (阿夫杰|耶夫卡)
SITE_ENDS = "宫厅堂馆楼园门院寺庙塔殿阁亭台"  # a building or its hall (青溪宫|北厅): a site, no piece of a name
_SIDES = "东南西北中上下前后内外"  # a hall or gate named by its side (北厅, 东门) starts a site of its own


def _transliteration_piece(name: str) -> bool:
    """Whether `name` may be a piece of a foreign place's name split in two: short, no word or place of the
    dictionary, no unit, kind of place or site at its end, no function character."""
    return (
        2 <= len(name) <= MAX_TRANSLITERATION_PIECE
        and not is_word(name)
        and name not in place_names()
        and not name.endswith((*PLACE_ENDS, *PLACE_TAILS, *KIND_ENDS, *SITE_ENDS))
        and not any(ch in _FUNCTION_CHARS for ch in name)
    )


def _transliterations_rejoined(text: str, mentions: list[Mention]) -> list[Mention]:
    """Two LOCATIONs printed together that are both such pieces are one place (阿夫杰 + 耶夫卡 -> 阿夫杰耶夫卡,
    南顿 + 涅茨克): the model cuts a long transliteration it never read whole at random."""
    out: list[Mention] = []
    for mention in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and last.end == mention.start
            and last.type == mention.type == "LOCATION"
            and _transliteration_piece(last.text)
            and _transliteration_piece(mention.text)
            and mention.text[0] not in _SIDES
        ):
            out[-1] = last.respan(text, last.start, mention.end)
            continue
        out.append(mention)
    return out


def _places_written_together(text: str, mention: Mention) -> list[Mention]:
    """A LOCATION that is a well-known place followed by another place name, split in two (美国宾夕法尼亚州, 重庆涪陵,
    天津滨海新区, 俄罗斯库尔斯克州); a dictionary name stays whole, and so does a unit or common noun after the place
    (香港特别行政区)."""
    name = mention.text
    if mention.type != "LOCATION" or len(name) < 4 or name in place_names():
        return [mention]
    sizes = [size for size in range(2, min(LONGEST_OUTER_PLACE, len(name) - 2) + 1) if _dictionary_place(name[size:])]
    sizes = [size for size in sizes if well_known_place(name[:size])]
    sizes += [_country_with_state(name), _city_with_town(name)]
    size = next((size for size in sizes if size and word_across(text, mention.start + size) is None), None)
    if size is None:
        return [mention]
    cut = mention.start + size
    return [mention.respan(text, mention.start, cut), mention.respan(text, cut, mention.end)]


def _typed_by_head(mention: Mention) -> Mention:
    """…中心, …局 are organizations; …陵园, …小区 places; other heads keep the type read, and so does a place name
    of the dictionary that ends like a head (山海关) or a head alone."""
    name = mention.text
    if (
        mention.type == "LOCATION"
        and name.endswith(ORG_HEADS)
        and not name.endswith(UNIT_ENDS)
        and name not in ORG_HEADS
        and name not in place_names()
    ):
        return dataclasses.replace(mention, type="ORGANIZATION")
    if mention.type == "ORGANIZATION" and mention.text.endswith(PLACE_HEADS):
        return dataclasses.replace(mention, type="LOCATION")
    return mention


def _unclosed_at(text: str, start: int, end: int) -> int | None:
    """Where in text[start:end] a quote or bracket opens that does not close before `end`; None when none does."""
    for opening in _OPENINGS.finditer(text, start, end):
        at = opening.start()
        if _OPENING[text[at]] not in text[at + 1 : end]:
            return at
    return None


def _open_quote_split(text: str, mention: Mention) -> list[Mention]:
    """A span split at a quote or bracket it opens but does not close: the name before it (a place when it reads as
    one: 英国《金融时报 -> 英国), and the name after it when it ends like an organization (金融时报; 金华永康“工作六法
    keeps 金华永康 only); a verb before it is no name (印发《…)."""
    at = _unclosed_at(text, mention.start + 1, mention.end)
    if at is None:
        return [mention]
    parts = []
    before = text[mention.start : at]
    if len(before) >= 2 and before not in no_name_words():
        kind = "LOCATION" if before in place_names() or before.endswith(PLACE_ENDS) else mention.type
        parts.append(dataclasses.replace(mention.respan(text, mention.start, at), type=kind))
    if mention.end - at > 2 and org_suffix_at(text, at + 1, mention.end):
        parts.append(mention.respan(text, at + 1, mention.end))
    return parts


# Quotes and book titles only: a bracket follows a name's first part (石油输出国组织（欧佩克）秘书处), never begins it.
_CLOSING = {close: opening for opening, close in _OPENING.items() if opening not in "（("}
_CLOSINGS = re.compile(f"[{re.escape(''.join(_CLOSING))}]")
_CLAUSE_ENDS = frozenset("，。；：！？,;:!?、")


def _closed_quote_grown(text: str, mention: Mention) -> Mention:
    """A span that starts inside a quote or book title it closes grows back to where that opens, when that is near and
    in the same clause (《求是》杂志 tagged 求是》杂志, “北溪”天然气管道公司, “九·一八”历史博物馆): the quoted words
    are the name's first part. Not when a function character follows the closing mark (《…问答》由…出版社)."""
    closing = _CLOSINGS.search(text, mention.start, mention.end)
    if closing is None or _CLOSING[closing.group()] in text[mention.start : closing.start()]:
        return mention
    if closing.end() >= mention.end or text[closing.end()] in _FUNCTION_CHARS:
        return mention
    opening = text.rfind(_CLOSING[closing.group()], max(0, mention.start - MAX_GROWTH), mention.start)
    if opening < 0 or any(ch in _CLAUSE_ENDS or ch in _CLOSING for ch in text[opening + 1 : mention.start]):
        return mention
    return mention.respan(text, opening, mention.end)


def _person_cut(text: str, mention: Mention) -> Mention:
    """A place or organization that ends one character short of a word the dictionary knows only as a person's
    name, and is no word itself, is that person where the words after it say so (特朗 + 普 -> 特朗普宣称; 桂林人
    stays 桂林, 罗非鱼 is no person). Only for a span that is, with the character after it, such a word (the caller
    tests it)."""
    if is_word(mention.text):  # 桂林 + 人: a whole place before a word that ends a dictionary "name"
        return mention
    if word_across(text, mention.end) != (mention.start, mention.end + 1):
        return mention
    person = mention.respan(text, mention.start, mention.end + 1).retyped("PERSON")
    return person if person_evidence(text, person) else mention


def _zone_cut(text: str, mention: Mention) -> Mention:
    """A place with an epidemic zone or a bank after it is the place (永康封控区 -> 永康, 第聂伯河左岸 -> 第聂伯河)."""
    if not mention.text.endswith(ZONES):  # most spans
        return mention
    for zone in ZONES:
        if mention.text.endswith(zone) and len(mention.text) - len(zone) >= 2:
            return mention.respan(text, mention.start, mention.end - len(zone))
    return mention


def _kinds(text: str) -> list[int]:
    """Ends of the items of the 、 lists of kinds (采取村企联盟、综合联盟等形式): the run of short items right before
    等形式 (等方式, 等模式 …) ending a word; a mention that ends where an item ends is a kind, no name."""
    ends = []
    for match in _KINDS.finditer(text):
        if word_across(text, match.end()) is not None:  # 等形式多样: of many forms
            continue
        end = match.start()
        while True:
            ends.append(end)
            separator = text.rfind(SEPARATOR, 0, end)
            item = text[separator + 1 : end]
            if separator == -1 or len(item) > MAX_KIND or "等" in item or not all(_CJK.match(ch) for ch in item):
                break
            end = separator
    return ends


def _named(text: str, mention: Mention, kinds: list[int]) -> bool:
    """Whether a place or organization mention names something: no category word alone, no slogan's community
    (中阿命运共同体), no item of kinds, no spacecraft or its crew, nor the start of one's name (捷龙 of 捷龙三号)."""
    if mention.type not in PLACE_TYPES:
        return True
    return (
        not _GENERIC.fullmatch(mention.text)
        and not mention.text.endswith(SLOGANS)
        and mention.end not in kinds
        and not _CRAFT.match(mention.text)
        and not _inside_craft_name(text, mention)
    )


def _inside_craft_name(text: str, mention: Mention) -> bool:
    """Whether the mention ends inside the name of a craft it starts (捷龙 of 捷龙三号); the country printed before
    the name (中国 of 中国空间站) stays a place."""
    craft = _CRAFT.match(text, mention.start)
    return craft is not None and max(craft.start(), craft.end("country")) < mention.end < craft.end()


# What a place name ends with that the next word may start with (北京市|长 is 北京市, 天津港|口岸): part of the name.
PLACE_TAILS = frozenset((*UNIT_ENDS, "州", "省", "岛", "湾", "洋", "海", "港", "城"))


def _place_end(text: str, mention: Mention) -> int:
    """Where a LOCATION ends that runs from a country or well-known place into the start of the next word
    (波兰卡|车司机, 南非非国|大): at that place; a unit it ends with stays (北京市|长), so does a word (三峡|库区)."""
    word = word_across(text, mention.end)
    if word is None or word[0] <= mention.start:
        return mention.end
    tail = text[word[0] : mention.end]
    if tail[-1] in PLACE_TAILS or (len(tail) > 1 and is_word(tail)):
        return mention.end
    place = text[mention.start : word[0]]
    return word[0] if len(place) >= 2 and (place in country_names() or well_known_place(place)) else mention.end


def _places_ended(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each LOCATION cut to its place (`_place_end`); what a cut gave up starts the LOCATION printed right after it,
    if any (卡塔尔多|哈 -> 卡塔尔, 多哈)."""
    handed_on: dict[int, int] = {}  # where a cut LOCATION ended -> where it ends now
    out = []
    for mention in mentions:
        if mention.type == "LOCATION" and (end := _place_end(text, mention)) < mention.end:
            handed_on[mention.end] = end
            mention = mention.respan(text, mention.start, end)
        out.append(mention)
    if not handed_on:
        return out
    return [
        m.respan(text, handed_on[m.start], m.end) if m.type == "LOCATION" and m.start in handed_on else m for m in out
    ]


def _holds_head(text: str) -> bool:
    """Whether a head word (or a memorial, or 新区) occurs anywhere in the sentence: without one no span grows or joins
    and none is typed by its head, as every such step reads a head in the text (most sentences hold none)."""
    return _ANY_HEAD.search(text) is not None


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """The mentions in text order, each one that starts inside the one kept before it left out (what `_grown_right`
    keeps when nothing grows)."""
    out: list[Mention] = []
    for mention in sorted(mentions, key=attrgetter("start")):
        if not out or mention.start >= out[-1].end:
            out.append(mention)
    return out


# A former office printed after its body ("财政厅原党组书记"): 原 ("former") qualifies the office, so the body ends
# before it (the model, which never read 原党组, runs the body on into it).
FORMER = "原"
_FORMER_UNIT = re.compile(f"{FORMER}(?:党组|党委|党工委|纪检监察组)$")


def _former_unit_cut(text: str, mention: Mention) -> Mention:
    found = _FORMER_UNIT.search(mention.text) if mention.type == "ORGANIZATION" else None
    if found is None or found.start() < 2:
        return mention
    return mention.respan(text, mention.start, mention.start + found.start())


# A route named by the one-character names of the places it joins (中欧班列, 中老铁路, 福厦高铁, 京港澳高速) names no
# place: the news gold sets leave them all untagged (中欧班列 28 of 28), as a railway is nobody (ROUTES; 高速 is also
# "fast": 中欧高速发展).
_NOT_A_ROUTE = {"高速": "(?!发展|增长|运|推进|前进|成长)"}
_ROUTE_AFTER = re.compile("|".join(word + _NOT_A_ROUTE.get(word, "") for word in ROUTES))


def _route_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions without the places of a route's name (`_ROUTE_AFTER`): a LOCATION of one or two one-character place
    names inside a run of two or more of them right before a route word, or of two characters that name no
    well-known place right before one (福厦高铁, 沪昆高铁: one character each of the cities joined), or read together
    with it (匈塞铁路)."""
    kept = []
    for m in mentions:
        route = next((word for word in ROUTES if m.text.endswith(word)), "")
        joined = m.text[: -len(route)] if route else ""
        if m.type == "LOCATION" and len(joined) == 2 and not well_known_place(joined):
            continue  # 匈塞铁路, 中老铁路: a line named by the places it joins is none (英国铁路: Britain's railways)
        if m.type != "LOCATION" or m.end - m.start > 2:
            kept.append(m)
            continue
        if m.end - m.start == 2 and not well_known_place(m.text) and _ROUTE_AFTER.match(text, m.end):
            continue
        if all(ch in PLACE_ABBREVIATIONS for ch in m.text):
            start, end = m.start, m.end
            while start > 0 and text[start - 1] in PLACE_ABBREVIATIONS:
                start -= 1
            while end < len(text) and text[end] in PLACE_ABBREVIATIONS:
                end += 1
            if end - start >= 2 and _ROUTE_AFTER.match(text, end):
                continue
        kept.append(m)
    return kept


# Words that begin with a place's name and name no place: solar power, food, Chinese herbal medicine, an animal.
_THINGS_NAMED_FROM_PLACES = re.compile("太阳能|美食|中药|中华鲟|亚洲象")


def _opens_a_thing(text: str, mention: Mention) -> bool:
    """Whether a LOCATION is the start of a word of `_THINGS_NAMED_FROM_PLACES` (太阳 of 太阳能电池)."""
    found = _THINGS_NAMED_FROM_PLACES.match(text, mention.start)
    return mention.type == "LOCATION" and found is not None and found.end() > mention.end


def fix_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """Place and organization mentions of one sentence on whole names, typed by their head, generic words dropped
    (see the module docstring); other mentions pass through, and are never grown across."""
    if (
        not any(m.type in PLACE_TYPES for m in mentions)
        and not _LEVEL_ORG.search(text)
        and "道" not in text
        and not _TRAVEL.search(text)
    ):
        return mentions
    if _ROUTE_AFTER.search(text):  # few sentences name a route
        mentions = _route_names(text, mentions)
    if _OPENINGS.search(text):  # few sentences open a quote or bracket
        mentions = [
            part
            for m in mentions
            for part in (
                _open_quote_split(text, _closed_quote_grown(text, m))
                if m.type in PLACE_TYPES and m.end - m.start > 1
                else [m]
            )
        ]
    if _ANY_ZONE.search(text):  # few sentences name an epidemic zone
        mentions = [_zone_cut(text, m) for m in mentions]
    if FORMER in text:  # few sentences name a former office
        mentions = [_former_unit_cut(text, m) for m in mentions]
    mentions = _transliterations_rejoined(text, sorted(mentions, key=attrgetter("start")))
    mentions = [part for m in mentions for part in _places_written_together(text, m)]
    names = person_names()  # the cheap test of `_person_cut` here: no call for most spans
    spans = [_person_cut(text, m) if text[m.start : m.end + 1] in names else m for m in mentions]
    spans = _travelled_to(text, _route_ends(text, _roads(text, _places_after_their_province_or_city(text, spans))))
    spans = _coordinated_heads(text, spans)
    if MISSION_PREFIX in text:  # few sentences name a mission abroad, or 驻马店
        spans = _missions_joined(text, [_place_of_zhu(text, m) for m in spans])
    if _holds_head(text):
        spans = _level_organizations(text, _grown_left(text, _grown_right(text, spans)))
        spans = [_typed_by_head(m) for m in _memorials_joined(text, spans)]
    else:
        spans = _without_overlaps(spans)
    spans = _places_ended(text, spans)
    if _THINGS_NAMED_FROM_PLACES.search(text):  # few sentences
        spans = [m for m in spans if not _opens_a_thing(text, m)]
    kinds = _kinds(text) if "等" in text else []
    if not kinds and not _GENERIC_WORDS.search(text):  # most sentences: no category word, no list of kinds
        return spans
    return [m for m in spans if _named(text, m, kinds)]


PLACE_PROPAGATED = "place_sense"  # the source of LOCATION mentions `places_wherever_printed` adds
_NEVER_PROPAGATED = frozenset({*HEADS, *GENERIC_PLACES, *GENERIC_ORGANIZATIONS})
_GROWN_BY = (*ATTACHED, *PLACE_UNITS, *FOREIGN_UNITS)  # what `fix_places` would take into the name before it


def places_wherever_printed(result: dict[str, list[Mention]], texts: dict[str, str]) -> dict[str, list[Mention]]:
    """A dictionary place the document tags as a LOCATION, and as nothing else, is a LOCATION wherever the document
    prints it outside another mention and on word boundaries (福岛 read in one sentence, missed before 核污染水 in the
    next): the tagger reads one sentence at a time. Not a place that is a common noun too (长城 of 钢铁长城), a head
    or a category word (海关), a count of countries (四国), nor one printed before its unit or a strip (加沙|地带,
    whose whole name the sentence's own step grows) or as a spacecraft's (中国空间站)."""
    types: dict[str, set[str]] = {}
    for found in result.values():
        for m in found:
            if m.type != "DATE":
                types.setdefault(m.text, set()).add(m.type)
    places, nouns = place_names(), common_nouns()
    names = [
        name
        for name, kinds in types.items()
        if kinds == {"LOCATION"}
        and len(name) >= MIN_PROPAGATED
        and name in places
        and name not in nouns
        and name not in _NEVER_PROPAGATED
        and not COLLECTIVES.fullmatch(name)
    ]
    printed = names_printed({sid: texts[sid] for sid in result}, names) if names else {}
    out = dict(result)
    for sid, longest in printed.items():
        text, found = texts[sid], result[sid]
        added = [
            Mention(start, start + size, "LOCATION", text[start : start + size], source=PLACE_PROPAGATED)
            for start, size in sorted(longest.items())
            if not any(m.start < start + size and start < m.end for m in found)
            and word_across(text, start) is None
            and word_across(text, start + size) is None
            and not text.startswith(_GROWN_BY, start + size)
            and not _CRAFT.match(text, start)
        ]
        added = [a for i, a in enumerate(added) if i == 0 or added[i - 1].end <= a.start]
        if added:
            out[sid] = sorted([*found, *added], key=lambda m: (m.start, m.end))
    return out


# Two countries printed by their one-character names before what they share (中肯关系, 柬中友好, 中尼两国): the
# model, trained on 1998 text, knows 中美 and 中俄 but misses the pairs of countries it never read.
_SHARED_WORDS = (
    "关系|两国|友好|友谊|合作|建交|双方|人民|贸易|经贸|战略|命运共同体|联合|双边|全面|传统|元首|领导人|首脑|外长"
)
_SHARED = re.compile(_SHARED_WORDS)
HOME = "中"
# A pair's other character, found in one pass over the document before any country is looked up (most print none).
_PAIRED = re.compile(f"(.){HOME}(?:{_SHARED_WORDS})|{HOME}(.)(?:{_SHARED_WORDS})")
PAIR_SOURCE = "country_pair"


def countries_in_pairs(result: dict[str, list[Mention]], texts: dict[str, str]) -> dict[str, list[Mention]]:
    """LOCATION mentions for 中 and the other country of a pair of one-character names before what they share
    (中肯关系), where the document prints that country's full name (肯尼亚), so the character names it and no
    other place; the pair read as one place is split (中南双方 where 南非 is printed), characters inside any other
    mention are left alone. `texts`: sentence id -> text."""
    joined = "".join(texts.values())
    paired = {char for match in _PAIRED.finditer(joined) for char in match.groups() if char}
    if not paired:
        return result
    named = _one_country_each(paired, joined)
    if not named:
        return result
    out = {}
    for sid, found in result.items():
        pairs = _pairs(texts[sid], named)
        spans = {(first.start, second.end) for first, second in zip(pairs[::2], pairs[1::2], strict=True)}
        kept = [m for m in found if not (m.type == "LOCATION" and (m.start, m.end) in spans)]
        added = [m for m in pairs if not any(m.start < o.end and o.start < m.end for o in kept)]
        out[sid] = sorted([*kept, *added], key=attrgetter("start")) if added else found
    return out


def _with_untagged(
    result: dict[str, list[Mention]], texts: dict[str, str], found_in: Callable[[str], list[Mention]]
) -> dict[str, list[Mention]]:
    """`result` plus the mentions `found_in` each sentence's text that overlap none the sentence has."""
    out = dict(result)
    for sid, text in texts.items():
        added = [m for m in found_in(text) if not any(m.start < o.end and o.start < m.end for o in result[sid])]
        if added:
            out[sid] = sorted([*result[sid], *added], key=attrgetter("start"))
    return out


def _one_country_each(chars: set[str], joined: str) -> dict[str, str]:
    """The country each of `chars` names in a document: the one country printed there that starts with it, a name
    printed inside a longer one giving way (刚果 of 刚果（金）); none where two are (刚果（金） and 刚果（布）)."""
    printed: dict[str, set[str]] = {}
    for name in country_names():
        if name[0] in chars and name in joined:
            printed.setdefault(name[0], set()).add(name)
    named = {}
    for char, names in printed.items():
        whole = [name for name in names if not any(name != other and name in other for other in names)]
        if len(whole) == 1:
            named[char] = whole[0]
    return named


def _pairs(text: str, named: dict[str, str]) -> list[Mention]:
    found = []
    for at in (i for i, c in enumerate(text) if c == HOME):
        for start in (at, at - 1):  # 中肯 and 肯中
            other = at + 1 if start == at else at - 1
            if other < 0 or other >= len(text) or text[other] not in named or not _SHARED.match(text, start + 2):
                continue
            for pos in (start, start + 1):
                name = PLACE_ABBREVIATIONS[HOME] if text[pos] == HOME else named[text[pos]]
                found.append(Mention(pos, pos + 1, "LOCATION", text[pos], normalized=name, source=PAIR_SOURCE))
            break
    return found


# A country printed by its first character before 军 (以军, 乌军, 以军人员; not 以军事手段, 以军人身份), or before 称
# or 媒 as a word of its own (俄称…乌称…, 英媒：…: the headlines of war and foreign reports; not 美称 "a fine name",
# 每日称, 新媒体): the model, trained on 1998 text, knows 美军 and 俄称 but not these.
_ABBREVIATED = re.compile("([\u4e00-\u9fff])(?=称|媒(?![体介])|军(?![事队民]|人(?!员)))")
_WORD_OF_ITS_OWN = "称媒"  # after the country: no dictionary word may run across it
ABBREVIATION_SOURCE = "country_abbreviation"


def countries_abbreviated(result: dict[str, list[Mention]], texts: dict[str, str]) -> dict[str, list[Mention]]:
    """LOCATION mentions for the one-character name of a country before 军, 称 or 媒 (以军, 乌称, 英媒), where the
    document prints that country's full name (以色列), so the character names it; characters inside a mention are
    left alone. `texts`: sentence id -> text."""
    joined = "".join(texts.values())
    named = _one_country_each({m.group(1) for m in _ABBREVIATED.finditer(joined)}, joined)
    if not named:
        return result

    def found_in(text: str) -> list[Mention]:
        at = (m.start() for m in _ABBREVIATED.finditer(text) if m.group(1) in named)
        return [
            Mention(p, p + 1, "LOCATION", text[p], normalized=named[text[p]], source=ABBREVIATION_SOURCE)
            for p in at
            if text[p + 1] not in _WORD_OF_ITS_OWN
            or (word_across(text, p) is None and word_across(text, p + 1) is None)
        ]

    return _with_untagged(result, texts, found_in)
