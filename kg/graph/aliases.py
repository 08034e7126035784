"""Alias resolution: one Entity per real person, organization or place across all documents.

County papers name the same thing many ways: 市委 / 永康市委, 我市 / 永城 / 永康, 经信局 / 永康市经信局,
and 省委省政府 for two bodies at once. Resolution maps every surface form to a canonical name, then to a
stable id `per:NAME`, `org:NAME` or `loc:NAME`, and records each surface form as an alias.

Rules (ids of the rules are stored nowhere; they are documented here and tested one by one):
- persons: one entity per name, whatever the title on each page (titles collected in Entity.titles);
- coordinated heads: 省委省政府 -> 省委 + 省政府, 金华市委市政府 -> 金华市委 + 金华市政府;
- city-relative names (city known or inferred, see `infer_city`): 市委 -> 永康市委, 我市 -> 永康市,
  我市X / 本市X -> 永康市X, 永 / 永城 / 永康 -> 永康市;
- bureaus without any place (经信局, 金融办, 市场监督管理局) -> 永康市经信局 ...; names carrying another
  place (金华市委, 省委, 中央...) are left alone;
- places and organizations with the same canonical name are one entity (a hospital that is visited and
  also named as a body); its type is the majority of its uses, LOCATION on a tie.

A coordinated surface form belongs to two entities: Mention.entity gets the first and
Mention.attrs["entities"] lists all; an event Argument naming both is split into one Argument per entity
(same surface name).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from kg.graph.gcpause import paused_gc
from kg.model import Argument, DocResult, Entity, Mention

TYPE_PREFIX = {"PERSON": "per", "ORGANIZATION": "org", "LOCATION": "loc"}

_CJK = "\u4e00-\u9fff"
_COORDINATED = re.compile(rf"^([{_CJK}]*?)([省市县区])委[、和及与]?([省市县区])(?:人民)?政府$")
# Words that start with 市 without meaning "the city's".
_NOT_CITY_RELATIVE = ("市场", "市民", "市区", "市中心", "市县", "市级", "市领导")
_PLACE_MARKERS = re.compile(r"[省市县区镇乡村州]|街道|社区|中央|中共|国家|国务院|全国")
_UNIT_SUFFIX = re.compile(r"(?:局|办|委|委员会|办公室)$")
_GENERIC_UNITS = {"党委", "村委", "居委", "支委", "党总支委"}
# Role words at the end of a title, longest first; 市长 means the city government.
_ROLE_WORDS = """党组书记 常务副书记 副书记 书记 常委 委员 副主任 主任 副局长 局长 副组长 组长
    副部长 部长 副主席 主席 副院长 院长 副秘书长 秘书长 副指挥长 指挥长 副行长 行长
    副总经理 总经理 副校长 校长 副所长 所长 副镇长 镇长 副县长 县长 副市长 市长
    副省长 省长 副区长 区长"""
_ROLES = sorted(_ROLE_WORDS.split(), key=len, reverse=True)
_HEAD_OF_GOVERNMENT = {"省长": "省", "市长": "市", "县长": "县", "区长": "区", "镇长": "镇"}
_TITLE_SPLIT = re.compile(r"[、，,；;\s]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_CITY_OFFICE = re.compile(rf"[{_CJK}]{{2}}市[{_CJK}]")  # X市委, X市政府, X市…局


def _cjk_except(chars: str) -> str:
    """A character-class body for the CJK block without `chars` (re has no class subtraction)."""
    bounds, start = [], 0x4E00
    for skipped in sorted(map(ord, chars)):
        bounds.append(f"\\u{start:04x}-\\u{skipped - 1:04x}")
        start = skipped + 1
    return "".join(bounds) + f"\\u{start:04x}-\\u9fff"


# X市 after punctuation, the start of a line or a function word (和永康市委): a single negative look-behind
# scans pages twice as fast as an alternation of look-behinds.
_CITY_IN_TEXT = re.compile(rf"(?<![{_cjk_except('在和与及的')}])([{_CJK}]{{2}})市")
_NOT_CITY_STARTS = set("我全本副各超城该")


@lru_cache(maxsize=1 << 16)
def clean_name(text: str) -> str:
    """A name without whitespace, control or zero-width characters (OCR debris), NFC-normalized.

    Cached: an archive prints the same few thousand names and titles over and over.
    """
    return _CONTROL.sub("", "".join(unicodedata.normalize("NFC", text).split()))


def entity_id(type_: str, name: str) -> str:
    """Stable id of an entity: type prefix and canonical name (per:王立新, org:东阳市委)."""
    return f"{TYPE_PREFIX.get(type_, type_.lower())}:{name}"


def short_forms(city: str) -> tuple[str, ...]:
    """Abbreviations a paper uses for its own city: the first character and first character + 城."""
    return (city[0], city[0] + "城")


def _carries_place(name: str) -> bool:
    return bool(_PLACE_MARKERS.search(name.replace("市场", "")))


def canonical_sites(name: str, city: str | None) -> list[str]:
    """Canonical names of the places/organizations a surface form refers to (two for coordinated heads)."""
    name = clean_name(name)
    if not name:
        return []
    if name.startswith("中共") and name.endswith("委") and _carries_place(name[2:]):
        name = name[2:]
    match = _COORDINATED.match(name)
    if match:
        prefix, first, second = match.groups()
        return [n for part in (f"{prefix}{first}委", f"{prefix}{second}政府") for n in canonical_sites(part, city)]
    if not city:
        return [name]
    home = city + "市"
    if name in (home, city, "我市", "本市", *short_forms(city)):
        return [home]
    if name.startswith(("我市", "本市")):
        return [home + name[2:]]
    if name.startswith("市") and not name.startswith(_NOT_CITY_RELATIVE):
        return [city + name]
    if name.startswith(city) and not _carries_place(name[len(city) :]) and _UNIT_SUFFIX.search(name):
        return [home + name[len(city) :]]
    if _UNIT_SUFFIX.search(name) and name not in _GENERIC_UNITS and not _carries_place(name):
        return [home + name]
    return [name]


def _place_prefix(org: str) -> str:
    """The place part of an office name (金华市纪委 -> 金华市, 市委 -> 市) that later stacked titles inherit."""
    match = re.match(rf"^([{_CJK}]*?[省市县区])(?=[{_CJK}])", org)
    return match.group(1) if match and not org.startswith(_NOT_CITY_RELATIVE) else ""


def title_orgs(title: str | None) -> list[str]:
    """Organizations named by a (stacked) title, as surface forms.

    金华市委常委、纪委书记 -> [金华市委, 金华市纪委]: a segment without a place inherits the place of the
    segment before it; a department (…部) inherits the whole party committee (市委常委、宣传部部长 ->
    市委宣传部); 副市长 -> 市政府.
    """
    return list(_title_orgs(title or ""))


@lru_cache(maxsize=1 << 14)
def _title_orgs(title: str) -> tuple[str, ...]:
    """`title_orgs`, cached: officials keep their titles for years, so the same titles come back on every page."""
    orgs: list[str] = []
    prefix = ""
    for segment in map(clean_name, _TITLE_SPLIT.split(title)):
        role = next((r for r in _ROLES if segment.endswith(r)), None)
        if not role:
            continue
        org = segment[: -len(role)].removesuffix("常务").removesuffix("代").removesuffix("第一")
        bare_role = role.removeprefix("副").removeprefix("常务")
        level = _HEAD_OF_GOVERNMENT.get(bare_role)
        if level:
            org = org.removesuffix(level) + level + "政府"
        if not org:
            continue
        if org.endswith("部") and orgs and orgs[-1].endswith("委") and not _carries_place(org):
            org = orgs[-1] + org
        elif not _place_prefix(org) and not _carries_place(org) and prefix:
            org = prefix + org
        elif len(_place_prefix(org)) == 1 and len(prefix) > 1 and prefix.endswith(org[0]):
            org = prefix + org[1:]  # 清河市委副书记、代市长: the mayor is 清河's too
        prefix = _place_prefix(org) or prefix
        if org not in orgs:
            orgs.append(org)
    return tuple(orgs)


def infer_city(results: Iterable[DocResult]) -> str | None:
    """The paper's own city, when the caller did not give one.

    Candidates X come from LOCATION mentions "X市", ORGANIZATION mentions "X市委/X市政府/X市…局" and raw
    text where "X市" starts after punctuation or a function word (和永康市委, 《永康市…). The winner is the
    candidate the pages name most often in any form: a paper names its own city bare all the time
    (永康力量, 永康医院), while a superior prefecture (金华市委常委) appears far less. Ties: smallest name.
    """
    candidates: Counter[str] = Counter()
    texts: list[str] = []
    for result in results:
        sentences = result.document.sentences
        page = "".join(s.text for s in sentences) if sentences else "".join(result.document.text.split())
        texts.append(page)
        for mention in _mentions(result):
            name = clean_name(mention.normalized or mention.text)
            if mention.type == "LOCATION" and len(name) in (3, 4) and name.endswith("市"):
                candidates[name[:-1]] += 1
            elif mention.type == "ORGANIZATION" and _CITY_OFFICE.match(name):
                candidates[name[:2]] += 1
        candidates.update(_CITY_IN_TEXT.findall(page))
    names = [c for c in candidates if c[0] not in _NOT_CITY_STARTS and not _carries_place(c) and "委" not in c]
    if not names:
        return None
    corpus = "\n".join(texts)  # names hold no newline, so counts are per page summed, in one pass each
    return max(sorted(names), key=corpus.count)


def _sentence_mentions(result: DocResult) -> Iterator[list[Mention]]:
    """Mentions per sentence in document order (sentences first, then any keyed by unknown sentence ids)."""
    order = [s.id for s in result.document.sentences]
    order += sorted(set(result.mentions) - set(order))
    for key in order:
        yield result.mentions.get(key, [])


def _mentions(result: DocResult) -> Iterator[Mention]:
    for found in _sentence_mentions(result):
        yield from found


def _offices_in_titles(found: list[Mention]) -> dict[int, str]:
    """Organization mentions inside a person's printed title -> the office the title means.

    In 东州市委常委、纪委书记王某 a tagger may tag 纪委 alone; read in its title it is 东州市纪委, not the
    paper's own 纪委. Keys are `id(mention)`.
    """
    offices: dict[int, str] = {}
    for person in found:
        if person.type != "PERSON" or not person.title:
            continue
        start, orgs = person.start - len(person.title), title_orgs(person.title)
        for org in found:
            if org.type == "ORGANIZATION" and start <= org.start and org.end <= person.start:
                office = next((o for o in orgs if o.endswith(clean_name(org.text))), None)
                if office:
                    offices[id(org)] = office
    return offices


@dataclass
class _Record:
    """What resolution learns about one canonical name before its type and id are fixed."""

    name: str
    votes: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)
    mentions: int = 0
    docs: set[str] = field(default_factory=set)

    @property
    def type(self) -> str:
        if self.votes["PERSON"]:
            return "PERSON"
        return "ORGANIZATION" if self.votes["ORGANIZATION"] > self.votes["LOCATION"] else "LOCATION"


class _Resolver:
    def __init__(self, city: str | None) -> None:
        self.city = city
        self.records: dict[tuple[str, str], _Record] = {}
        # (type, surface, normalized) -> record keys: an archive repeats the same few thousand names, so
        # each distinct form is canonicalized once, and its aliases are added to its records then.
        self._resolved: dict[tuple[str, str, str | None], list[tuple[str, str]]] = {}
        # (type, surface, normalized, is a mention) -> the document of each use; `_tally` counts them
        # into the records at the end, which is cheaper than updating records on every use.
        self._uses: defaultdict[tuple[str, str, str | None, bool], list[str]] = defaultdict(list)

    def _resolve(self, type_: str, surface: str, normalized: str | None) -> list[tuple[str, str]]:
        forms = {f for f in (clean_name(surface), clean_name(normalized or "")) if f}
        if type_ == "PERSON":
            names = [clean_name(normalized or surface) or clean_name(surface)]
        else:
            names = canonical_sites(normalized or surface, self.city) or canonical_sites(surface, self.city)
        keys = [("PERSON" if type_ == "PERSON" else "SITE", name) for name in names if name]
        for key in keys:
            record = self.records.get(key)
            if record is None:
                record = self.records[key] = _Record(key[1])
            record.aliases |= forms | {key[1]}
        return keys

    def add(self, type_: str, surface: str, doc: str, *, normalized: str | None = None, mention: bool = False) -> list:
        """Register one use of a name; returns the record keys it resolves to (do not change them)."""
        keys = self._resolved.get((type_, surface, normalized))
        if keys is None:
            keys = self._resolved[type_, surface, normalized] = self._resolve(type_, surface, normalized)
        self._uses[type_, surface, normalized, mention].append(doc)
        return keys

    def _tally(self) -> None:
        """Fold the uses registered so far into the votes, mention counts and documents of their records."""
        for (type_, surface, normalized, mention), docs in self._uses.items():
            for key in self._resolved[type_, surface, normalized]:
                record = self.records[key]
                record.votes[type_] += len(docs)
                record.mentions += len(docs) if mention else 0
                record.docs.update(docs)
        self._uses.clear()

    def add_titles(self, person_keys: list, title: str | None, orgs: list[str] | None, doc: str) -> None:
        """Collect a person's title and create the organizations it names."""
        if not title and not orgs:
            return
        for key in person_keys:
            if title and title not in self.records[key].titles:
                self.records[key].titles.append(title)
        for org in title_orgs(title) or orgs or []:  # ours first: stacked titles inherit their place
            self.add("ORGANIZATION", org, doc)

    def ids(self) -> dict[tuple[str, str], str]:
        self._tally()
        return {key: entity_id(record.type, record.name) for key, record in self.records.items()}

    def entities(self) -> list[Entity]:
        ids = self.ids()
        return sorted(
            (
                Entity(
                    id=ids[key],
                    type=record.type,
                    name=record.name,
                    aliases=sorted(record.aliases),
                    titles=list(record.titles),
                    mentions=record.mentions,
                    docs=sorted(record.docs),
                )
                for key, record in self.records.items()
            ),
            key=lambda e: e.id,
        )


@paused_gc()
def resolve_entities(results: list[DocResult], city: str | None = None) -> list[Entity]:
    """Merge mentions and event arguments of all documents into entities; set `.entity` on them in place.

    The result does not depend on the order of `results` (documents are visited by id).
    """
    ordered = sorted(results, key=lambda r: r.document.id)
    resolver = _Resolver(city or infer_city(ordered))
    pending_mentions: list[tuple[Mention, list]] = []
    pending_participants = []
    pending_arguments = []
    for result in ordered:
        doc = result.document.id
        for found in _sentence_mentions(result):
            offices = _offices_in_titles(found)
            for m in found:
                if m.type not in TYPE_PREFIX:
                    continue
                normalized = offices.get(id(m), m.normalized)
                keys = resolver.add(m.type, m.text, doc, normalized=normalized, mention=True)
                pending_mentions.append((m, keys))
                if m.type == "PERSON" and keys:
                    resolver.add_titles(keys, m.title, m.attrs.get("title_orgs"), doc)
        for event in result.events:
            for p in event.participants:
                keys = resolver.add("PERSON", p.name, event.doc)
                resolver.add_titles(keys, p.title, None, event.doc)
                pending_participants.append((p, keys))
            for arguments, type_ in ((event.places, "LOCATION"), (event.organizations, "ORGANIZATION")):
                pending_arguments.append((arguments, [(a, resolver.add(type_, a.name, event.doc)) for a in arguments]))

    ids = resolver.ids()
    for m, keys in pending_mentions:
        m.entity = ids[keys[0]] if keys else None
        if len(keys) > 1:
            m.attrs["entities"] = [ids[k] for k in keys]
    for p, keys in pending_participants:
        p.entity = ids[keys[0]] if keys else None
    for arguments, resolved in pending_arguments:
        split = [Argument(a.name, ids[k] if k else None) for a, keys in resolved for k in keys or [None]]
        arguments[:] = list({(a.name, a.entity): a for a in split}.values())
    return resolver.entities()
