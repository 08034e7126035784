"""Person identity: one entity per real person, told apart by what the pages say about each of them.

A name alone is not a person: national news prints two 王宁 (a provincial party secretary and a member of
the CPPCC), a county paper two 王芳. Every document's uses of a name are one *sighting* (one name in one
article is one person), carrying the titles printed before the name (parsed by `kg.tag.titles`) and the
document's date. A title tells three things about its holder:

- a jurisdiction: the places it names, from the widest to the narrowest (云南省委书记 -> 云南省; 梧州市
  苍梧县六堡镇山坪村党支部书记 -> 梧州市, 苍梧县, 六堡镇, 山坪村); a national body (中央, 全国, 国务院,
  国家 …) -> 国家; a title without a place inherits it from the title stacked before it (广东省委副书记、
  省长 -> 广东省), or is the paper's own city when it says just 市 (市委书记 -> 清河市);
- a kind: an office (书记, 省长, 部长 …), a membership (政协委员) or a profession (医生, 记者 …);
  a word printed with the name for what the person is (航天员刘洋, 刘洋等10名高校辅导员: a *descriptor*,
  read by `kg.tag.titles`) is a profession too, told apart as kind `descriptor`;
- collective words (市领导, 我市领导, 国家领导) say which group a person belongs to, not who they are:
  they are kept apart (`groups`) and never used as evidence.

Sightings with titles that share a place, a title (not a bare role: 书记) or a profession agree: they form
one group.
Groups then merge, the best attested first, into the first namesake they do not conflict with, or become a
namesake of their own. Two groups conflict when:

1. they hold posts in two different places of the same level (two provinces, two cities …) at the same
   time; at different times the posts are read as one career (a transfer) and the merge says so;
2. one side is only a member or professional (政协委员, 医生) by printed title and the other holds a
   national or provincial office: a senior official is introduced by office, not as a plain member
   (a descriptor alone is not enough: an official may also be called 院士 or 专家);
3. both sides are only professionals, in different professions (医生 vs 记者, 航天员 vs 辅导员): words
   sharing a character before the last (飞行员, 试飞员) or a trade of `TRADES` (运动员, 教练员) are one
   trade, and a descriptor outside those trades (专家, 火炬手: roles anyone may take) conflicts with none;
4. one side is a national leader (国务院副总理, 全国政协副主席, 中央政治局委员 …) and the other, no earlier,
   only holds a provincial or lower post: leaders are not demoted two levels (the reverse is a promotion);
5. one side only holds government posts of a province, city or county (at home or abroad: 夏威夷州州长)
   and the other only posts in a non-government body that names no place (基金会主席, 公司总裁): unrelated
   organizations, whenever printed: officials of those levels do not lead such bodies, and a namesake is
   likelier than a move between them (national posts are left out: state leaders chair 宋庆龄基金会).

Sightings without a title cannot be told apart: they join the namesake seen in most documents. A name the
user pinned with `--lexicon` is one person whatever the titles say. Every merge and split keeps its reason
(`Entity.resolution`), so an analyst can check each.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.tag.titles import title_chain_before

NATIONAL = "国家"
NATIONAL_LEVEL, PROVINCE_LEVEL = 0, 1
_CJK = "\u4e00-\u9fff"
_NATIONAL_STARTS = ("中央", "全国", "国务院", "国家", "中国", "中华全国", "最高人民")
_LEVELS = {"自治区": 1, "省": 1, "市": 2, "州": 2, "县": 3, "旗": 3, "区": 3}  # not 盟: 联盟, 非盟, 民盟
_LEVELS.update({"街道": 4, "镇": 4, "乡": 4, "社区": 5, "村": 5})
_UNIT = re.compile(rf"([{_CJK}]{{2,8}}?)({'|'.join(sorted(_LEVELS, key=len, reverse=True))})")
_PROVINCIAL_CITIES = frozenset({"北京市", "上海市", "天津市", "重庆市"})
# Words that end like a place and name none: alone (城区, 社区) or at the end (城市管理局, 东部战区, 工业园区).
_NOT_PLACES = frozenset({"城区", "市区", "郊区", "地区", "山区", "社区", "小区", "新区"})
_NOT_PLACE_ENDINGS = ("城市", "都市", "超市", "园区", "景区", "辖区", "战区", "军区", "农村", "乡村", "城乡")
_RELATIVE = re.compile(r"^[我本]?([省市县区镇乡])")
COLLECTIVE_ROLES = frozenset({"领导", "干部"})
_FORMER = ("时任", "曾任", "原", "前")
_LEADING_ROLES = frozenset({"总书记", "委员长", "副委员长", "总理", "副总理", "国务委员"})
MAX_TITLES_IN_REASON = 2
PROFESSIONS = frozenset({"医生", "护士长", "记者", "首席记者", "通讯员", "网格员", "志愿者", "队员"})
PROFESSION_KINDS = ("profession", "descriptor")  # a printed profession title, a descriptor word (航天员)
# Trades a descriptor or a printed profession belongs to: two descriptors conflict only when both are listed here
# in different trades (航天员 vs 辅导员); words that may be said of anyone (专家, 火炬手, 志愿者) are not listed.
_TRADE_WORDS = {
    "flying": "航天员 宇航员 飞行员 试飞员",
    "sports": "运动员 选手 教练员 裁判员 球员",
    "teaching": "教师 老师 辅导员 学生 大学生 研究生 中学生 小学生",
    "medicine": "医生 医师 护士 护士长 药师",
    "police and firefighting": "民警 辅警 交警 特警 消防员",
    "arts": "演员 歌手 画家 作家 书法家 音乐家 歌唱家 舞蹈家",
    "news": "记者 首席记者 通讯员",
}
TRADES = {word: trade for trade, words in _TRADE_WORDS.items() for word in words.split()}
_NON_GOVERNMENT_BODIES = ("基金会", "协会", "学会", "商会", "公司", "集团", "企业", "俱乐部")
LOCAL_LEVELS = range(PROVINCE_LEVEL, 4)  # province, city, county


@dataclass(frozen=True)
class Office:
    """One printed title read for identity: its kind and the places it names, widest first."""

    title: str
    role: str
    kind: str  # office | member | profession | descriptor
    places: tuple[tuple[int, str], ...]  # (level, place); () when the title names no place we can tell
    former: bool = False  # a post held before (时任, 原, 前): no evidence of who the person is now

    @property
    def senior(self) -> bool:
        return self.kind == "office" and any(level <= PROVINCE_LEVEL for level, _ in self.places)

    @property
    def national(self) -> bool:
        return any(level == NATIONAL_LEVEL for level, _ in self.places)

    @property
    def local_government(self) -> bool:
        """A government post of a province, city or county (the places it names are all of those levels)."""
        return self.kind == "office" and bool(self.places) and all(level in LOCAL_LEVELS for level, _ in self.places)

    @property
    def non_government(self) -> bool:
        """A post in a foundation, association, company … that names no place (美中航空遗产基金会主席)."""
        body = self.title.removesuffix(self.role)
        return self.kind == "office" and not self.places and body.endswith(_NON_GOVERNMENT_BODIES)

    @property
    def state_leader(self) -> bool:
        """A national leader (国家主席, 国务院副总理, 全国政协副主席, 中央政治局委员 …), never demoted to a
        provincial post: what a national office is called varies, so the few leading ones are listed."""
        if self.kind != "office" or not self.national:
            return False
        title = self.title.removeprefix("中共")
        return (
            self.role in _LEADING_ROLES
            or (self.role.endswith("主席") and ("政协" in title or title.startswith(("国家", "中央军委"))))
            or (self.role.endswith(("委员", "常委")) and "政治局" in title)
        )


def _units(prefix: str) -> list[tuple[int, str]]:
    """The places a title's prefix starts with, widest first (云南省委 -> [(1, 云南省)])."""
    units: list[tuple[int, str]] = []
    position = 0
    while (match := _UNIT.match(prefix, position)) and not _not_a_place(match.group(0)):
        place = match.group(0)
        level = PROVINCE_LEVEL if place in _PROVINCIAL_CITIES else _LEVELS[match.group(2)]
        units.append((level, place))
        position = match.end()
    return units


def _not_a_place(unit: str) -> bool:
    return unit in _NOT_PLACES or unit.endswith(_NOT_PLACE_ENDINGS)


def _places(prefix: str, before: tuple[tuple[int, str], ...], city: str | None) -> tuple[tuple[int, str], ...]:
    """The places a title names; `before` are those of the title stacked before it (they are inherited)."""
    prefix = prefix.removeprefix("中共")
    if prefix.startswith(_NATIONAL_STARTS):
        return ((NATIONAL_LEVEL, NATIONAL),)
    if units := _units(prefix):
        return tuple(units)
    relative = _RELATIVE.match(prefix)
    if relative is None:
        return before  # 东州市委常委、纪委书记: the 纪委 is 东州市's
    level = _LEVELS[relative.group(1)]
    inherited = tuple(unit for unit in before if unit[0] <= level)
    if inherited and inherited[-1][0] == level:
        return inherited  # 广东省委副书记、省长: the 省 is 广东省
    if relative.group(1) == "市" and city:
        return ((level, city + "市"),)  # the paper's own city
    return ()


def _kind(role: str, prefix: str) -> str:
    if role in PROFESSIONS:
        return "profession"
    return "member" if role == "委员" and "政协" in prefix else "office"


@lru_cache(maxsize=1 << 14)
def read_title(stacked: str, city: str | None = None) -> tuple[tuple[Office, ...], tuple[str, ...]]:
    """(offices, collective words) of a printed, possibly stacked title (市委副书记、代市长)."""
    offices: list[Office] = []
    collective: list[str] = []
    before: tuple[tuple[int, str], ...] = ()
    for title in title_chain_before(stacked, len(stacked)):
        role = title.text[title.role_start - title.start :]
        prefix = title.text[: title.role_start - title.start]
        if role in COLLECTIVE_ROLES:
            collective.append(title.text)
            continue
        if not prefix and title.org and title.org.endswith("政府"):
            prefix = title.org.removesuffix("政府")  # 代市长 -> 市政府: the government of the 市
        former = title.text.startswith(_FORMER) or prefix.endswith(_FORMER)  # 时任…书记, 市委原书记, 前总理
        before = _places(prefix or title.text, before, city)  # a role may name its body (国家主席)
        offices.append(Office(title.text, role, _kind(role, prefix), before, former))
    return tuple(offices), tuple(collective)


def summarize_titles(counts: Counter[str]) -> list[str]:
    """The printed titles worth showing, each piece of information once, the most informative first.

    Stacked titles are compared by their single titles. Of single titles where one ends with the other
    (市委书记, 清河市委书记; 国家主席, 应国家主席) the one printed more often stands for both, and a bare role
    (书记) for the longer title ending with it. Printed titles are then picked greedily by how many single
    titles they add (市委书记、市长 makes 市委书记 redundant), fewer misread ones and more prints first.
    Collective words (市领导) are not titles: a printed title of nothing else is left out.
    """
    pieces = {title: [o.title for o in read_title(title)[0]] for title in counts}
    printed: Counter[str] = Counter()
    for title, singles in pieces.items():
        printed.update(dict.fromkeys(singles, counts[title]))
    stands_for = _representatives(printed)
    adds = {title: {stands_for[s] for s in singles} for title, singles in pieces.items()}
    misread = {title: sum(stands_for[s] != s for s in singles) for title, singles in pieces.items()}
    shown: list[str] = []
    covered: set[str] = set()
    while candidates := [t for t in counts if adds[t] - covered]:
        best = max(candidates, key=lambda t: (len(adds[t] - covered), -misread[t], counts[t]))
        shown.append(best)
        covered |= adds[best]
    return shown


def _representatives(printed: Counter[str]) -> dict[str, str]:
    """Single title -> the single title that stands for it (see `summarize_titles`)."""
    ranked = sorted(printed, key=lambda t: -printed[t])  # stable: ties keep first-seen order
    bare = {t for t in ranked if _role(t) == t and any(_variants(o, t) for o in ranked)}
    stands_for: dict[str, str] = {}
    kept: list[str] = []
    for title in ranked:
        if title not in bare:
            stands_for[title] = next((k for k in kept if _variants(k, title) or _variants(title, k)), title)
            kept += [title] if stands_for[title] == title else []
    for title in bare:
        stands_for[title] = stands_for[next(o for o in ranked if o not in bare and _variants(o, title))]
    return stands_for


def _variants(longer: str, shorter: str) -> bool:
    """Two prints of one title: the same role, one ending with the other (清河市委书记, 市委书记)."""
    return longer != shorter and longer.endswith(shorter) and _role(longer) == _role(shorter)


def _role(title: str) -> str | None:
    offices = read_title(title)[0]
    return offices[0].role if len(offices) == 1 else None


# --------------------------------------------------------------------------- sightings and namesakes


@dataclass
class Sighting:
    """Everything one document says about a name."""

    doc: str
    date: str | None  # the document's ISO date, if it has a full one
    titles: dict[str, None] = field(default_factory=dict)  # printed (stacked) titles, first-seen order
    descriptors: dict[str, None] = field(default_factory=dict)  # words printed with the name (航天员), in order
    surfaces: set[str] = field(default_factory=set)
    mentions: int = 0
    pinned: bool = False
    pinned_id: str | None = None  # the entity id --lexicon gives this person


@dataclass
class Namesake:
    """One person of a shared name: the sightings given to them, their offices and why they were grouped."""

    sightings: list[Sighting] = field(default_factory=list)
    offices: dict[Office, list[str]] = field(default_factory=dict)  # office -> [first, last] ISO dates ("": none)
    reasons: Counter[tuple[str, str]] = field(default_factory=Counter)  # (decision, reason) -> documents
    splits: list[tuple[str, Namesake]] = field(default_factory=list)  # (conflict, the namesake it is not)

    def add(self, sighting: Sighting, offices: Iterable[Office]) -> None:
        self.sightings.append(sighting)
        for office in offices:
            seen = self.offices.setdefault(office, [sighting.date or "", sighting.date or ""])
            if sighting.date:
                seen[0] = min(seen[0] or sighting.date, sighting.date)
                seen[1] = max(seen[1], sighting.date)

    def absorb(self, other: Namesake, decision: str, reason: str) -> None:
        """Take another group's sightings, recording why (`decision`: merge or pin) for each of its documents."""
        self.sightings += other.sightings
        for office, (first, last) in other.offices.items():
            seen = self.offices.setdefault(office, [first, last])
            seen[0] = min(d for d in (seen[0], first) if d) if seen[0] or first else ""
            seen[1] = max(seen[1], last)
        self.reasons.update(other.reasons)
        self.reasons[decision, reason] += other.documents

    @property
    def documents(self) -> int:
        return len(self.sightings)


def _offices(sighting: Sighting, city: str | None) -> tuple[Office, ...]:
    """The posts a page says the person holds (a former post says nothing about who they are now), and
    what the page calls them (descriptors)."""
    printed = (o for t in sighting.titles for o in read_title(t, city)[0] if not o.former)
    described = (Office(word, word, "descriptor", ()) for word in sighting.descriptors)
    return tuple(dict.fromkeys((*printed, *described)))


def group_sightings(sightings: list[Sighting], city: str | None) -> list[Namesake]:
    """The people behind one name, the best attested first (see the module docstring).

    Titled sightings that share a place or a title form agreeing groups; groups then merge, the best
    attested first, into the first namesake they do not conflict with, or become a namesake of their own.
    """
    ordered = sorted(sightings, key=lambda s: (s.date or "", s.doc))
    offices = {id(s): _offices(s, city) for s in ordered}
    groups = _agreeing_groups([s for s in ordered if offices[id(s)]], offices)
    untitled = [s for s in ordered if not offices[id(s)]]
    if any(s.pinned for s in ordered):
        pinned = Namesake()
        for group in groups + [_single(s, ()) for s in untitled]:
            pinned.absorb(group, "pin", "pinned by --lexicon: one person whatever the titles say")
        return [pinned]
    namesakes: list[Namesake] = []
    for group in groups:
        _merge_or_split(group, namesakes)
    if not namesakes:
        namesakes.append(_single(untitled.pop(0), ()))
    best = max(namesakes, key=lambda n: n.documents)  # first of the best attested on a tie
    if len(namesakes) > 1:
        reason = "no title on the page: joined the best-attested namesake"
    else:
        reason = "no title on the page: nothing tells it apart" if best.offices else "no title on any page"
    for sighting in untitled:
        best.absorb(_single(sighting, ()), "merge", reason)
    return sorted(namesakes, key=lambda n: -n.documents)


def shared_title(sighting: Sighting, others: Iterable[Sighting], city: str | None) -> str | None:
    """A title (more than a bare role: 外交部长, not 部长) that `sighting` prints and one of `others` prints too;
    None when they share none. A place alone is not enough here: 国务院 names many people."""
    mine = {word for office in _offices(sighting, city) for word in _telling_words(office)}
    theirs = (word for other in others for office in _offices(other, city) for word in _telling_words(office))
    return next((word for word in theirs if word in mine), None)


def _single(sighting: Sighting, offices: tuple[Office, ...]) -> Namesake:
    namesake = Namesake()
    namesake.add(sighting, offices)
    return namesake


def _evidence_keys(offices: tuple[Office, ...]) -> list[Any]:
    """What two sightings may share to agree: places, titles that are more than a role (not 书记), professions."""
    return list(dict.fromkeys(key for o in offices for key in (*o.places, *_telling_words(o))))


def _telling_words(office: Office) -> tuple[str, ...]:
    if office.kind in PROFESSION_KINDS:
        return tuple(dict.fromkeys((office.title, office.role)))  # 主治医生 and 医生
    return (office.title,) if office.title != office.role else ()


def _agreeing_groups(titled: list[Sighting], offices: dict[int, tuple[Office, ...]]) -> list[Namesake]:
    """Titled sightings joined when they share a place or a title; each join says what they share."""
    parent = list(range(len(titled)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = [_evidence_keys(offices[id(s)]) for s in titled]
    first_with: dict[Any, int] = {}
    for index, found in enumerate(keys):
        for key in found:
            parent[root(index)] = root(first_with.setdefault(key, index))
    groups: dict[int, Namesake] = {}
    shared_so_far: dict[int, set[Any]] = {}
    for index, sighting in enumerate(titled):
        group, seen = groups.get(root(index)), shared_so_far.setdefault(root(index), set())
        if group is None:
            groups[root(index)] = _single(sighting, offices[id(sighting)])
        else:
            group.add(sighting, offices[id(sighting)])
            shared = next((k for k in keys[index] if k in seen), None)  # None: joined through a later page
            what = "a later page" if shared is None else shared[1] if isinstance(shared, tuple) else shared
            group.reasons["merge", f"titles agree: both name {what}"] += 1
        seen.update(keys[index])
    return sorted(groups.values(), key=lambda g: -g.documents)  # stable: ties keep date order


def _merge_or_split(group: Namesake, namesakes: list[Namesake]) -> None:
    """Merge an agreeing group into the best-attested namesake it does not conflict with, or make it one."""
    conflicts = []
    for namesake in namesakes:
        conflict, career = _conflict(group, namesake)
        if conflict is None:
            namesake.absorb(group, "merge", career or f"titles differ but do not conflict: {_titles(group, namesake)}")
            return
        conflicts.append((conflict, namesake))
    group.splits += conflicts
    namesakes.append(group)


def _conflict(a: Namesake, b: Namesake) -> tuple[str | None, str | None]:
    """(why two groups with nothing in common are two people, or None; why they are one career, or None)."""
    mine, theirs = tuple(a.offices), tuple(b.offices)
    conflict = (
        _rank_conflict(mine, theirs)
        or _profession_conflict(mine, theirs)
        or _step_down(a, b)
        or _step_down(b, a)
        or _unrelated_bodies(mine, theirs)
    )
    if conflict:
        return conflict, None
    career = None
    for new, old, level in _place_clashes(mine, theirs):
        (a_first, a_last), (b_first, b_last) = a.offices[new], b.offices[old]
        if not (a_first and b_first) or (a_first <= b_last and b_first <= a_last):
            when = f"{_span(a_first, a_last)} and {_span(b_first, b_last)}"
            return f"{new.title} and {old.title} are posts in two {_LEVEL_NAMES[level]} at once ({when})", None
        career = f"{old.title} ({_span(b_first, b_last)}) and {new.title} ({_span(a_first, a_last)}): one career"
    return None, career


def _titles(a: Namesake, b: Namesake) -> str:
    """The titles of two groups with their dates, for a reason an analyst can check."""
    return " / ".join(
        "、".join(f"{o.title} ({_span(*group.offices[o])})" for o in list(group.offices)[:MAX_TITLES_IN_REASON])
        for group in (b, a)
    )


def _span(first: str, last: str) -> str:
    return "undated" if not first else first if first == last else f"{first}..{last}"


_LEVEL_NAMES = {0: "countries", 1: "provinces", 2: "cities", 3: "counties", 4: "townships", 5: "villages"}


def _place_clashes(offices: Iterable[Office], others: Iterable[Office]) -> Iterable[tuple[Office, Office, int]]:
    """Pairs of titles naming places of the same level (different ones: the groups share no place)."""
    for new in offices:
        for old in others:
            clash = {
                level
                for level, place in new.places
                for other_level, other in old.places
                if level == other_level and not place.endswith(other) and not other.endswith(place)
            }  # 美国夏威夷州 and 夏威夷州 are one place
            if clash:
                yield new, old, min(clash)


def _rank_conflict(a: tuple[Office, ...], b: tuple[Office, ...]) -> str | None:
    for plain, senior in ((a, b), (b, a)):
        if all(o.kind != "office" for o in plain) and any(o.kind != "descriptor" for o in plain):
            top = next((o for o in senior if o.senior), None)
            if top is not None:
                plain_titles = "、".join(o.title for o in plain)
                return f"{plain_titles} (a member, no office) and {top.title} (a national or provincial office)"
    return None


def _profession_conflict(a: tuple[Office, ...], b: tuple[Office, ...]) -> str | None:
    if all(o.kind in PROFESSION_KINDS for o in (*a, *b)) and not any(_akin(x, y) for x in a for y in b):
        return f"{'、'.join(o.title for o in a)} and {'、'.join(o.title for o in b)} are different professions"
    return None


def _akin(one: Office, other: Office) -> bool:
    """Whether two professions may be one person's: one trade, or a descriptor that tells no trade.

    Words for one trade share a morpheme (飞行员, 试飞员; 记者, 首席记者; the last character 员, 师 … aside) or
    a family of `TRADES`; a descriptor outside them (专家, 火炬手) may be said of anyone.
    """
    if one.role == other.role or set(one.role[:-1]) & set(other.role[:-1]):
        return True
    trades = TRADES.get(one.role), TRADES.get(other.role)
    if all(trades):
        return trades[0] == trades[1]
    return "descriptor" in (one.kind, other.kind)


def _step_down(leader: Namesake, lower: Namesake) -> str | None:
    """A national leader, then (or at once) only a provincial or lower post: two people.

    `lower` shares no place with `leader`, so it holds no national title.
    """
    leading = sorted((len(o.title), o.title, first) for o, (first, _) in leader.offices.items() if o.state_leader)
    for office, (_, last) in lower.offices.items():
        if office.places:
            for _, title, first in leading:  # the shortest title says it best (全国政协副主席)
                if not first or not last or first <= last:
                    since, until = first or "undated", last or "undated"
                    return f"{title} (a national leader, {since}) and {office.title} (a lower post, {until})"
    return None


def _unrelated_bodies(a: tuple[Office, ...], b: tuple[Office, ...]) -> str | None:
    """Only local government posts on one side, only posts in a non-government body on the other (rule 5)."""
    for government, body in ((a, b), (b, a)):
        if government and body and all(o.local_government for o in government) and all(o.non_government for o in body):
            return f"{government[0].title} (a government post) and {body[0].title} (a non-government body): unrelated"
    return None
