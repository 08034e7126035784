"""Alias resolution: one Entity per real person, organization or place across all documents.

County papers name the same thing many ways: 市委 / 永康市委, 我市 / 永城 / 永康, 经信局 / 永康市经信局,
and 省委省政府 for two bodies at once. Resolution maps every surface form to a canonical name, then to a
stable id `per:NAME`, `org:NAME` or `loc:NAME`, and records each surface form as an alias.

Rules (ids of the rules are stored nowhere; they are documented here and tested one by one):
- persons: one entity per real person, not per name: `kg.graph.identity` groups the pages printing a name
  by what their titles say (namesakes split, agreeing pages merged, each decision's reason recorded in
  Entity.resolution); individual titles in Entity.titles, collective words (市领导) in Entity.groups;
  before that, a name printed once with the title of a person known from two pages is that person when it is
  their name with a stray character (王毅应 of 王毅应询) or in full (埃马纽埃尔·马克龙 for 马克龙);
- coordinated heads: 省委省政府 -> 省委 + 省政府, 金华市委市政府 -> 金华市委 + 金华市政府;
- city-relative names (city given, or inferred only on strong evidence, see `choose_city`; `--city none`
  switches it off): 市委 -> 永康市委, 我市 -> 永康市,
  我市X / 本市X -> 永康市X, 永 / 永城 / 永康 -> 永康市;
- bureaus without any place (经信局, 金融办, 市场监督管理局) -> 永康市经信局 ...; names carrying another
  place (金华市委, 省委, 中央...) are left alone;
- places and organizations with the same canonical name are one entity (a hospital that is visited and
  also named as a body); its type is the majority of its uses, LOCATION on a tie.

A coordinated surface form belongs to two entities: its mention names both (`Resolution.mentions`, the
first is the mention's entity in mentions.jsonl); an event Argument naming both is split into one Argument
per entity (same surface name).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.graph.gcpause import paused_gc
from kg.graph.identity import Sighting, group_sightings, read_title, shared_title, summarize_titles
from kg.model import Argument, DocResult, Entity, Event, Mention
from kg.tag.gazetteer import COMMON_SURNAMES
from kg.tag.lexicon import SOURCE as LEXICON_SOURCE
from kg.tag.titles import NOT_CITY_RELATIVE, SEPARATOR, carries_place, title_orgs

TYPE_PREFIX = {"PERSON": "per", "ORGANIZATION": "org", "LOCATION": "loc"}

_CJK = "\u4e00-\u9fff"
_COORDINATED = re.compile(rf"^([{_CJK}]*?)([省市县区])委[、和及与]?([省市县区])(?:人民)?政府$")
# Words that start with 市 without meaning "the city's".
_UNIT_SUFFIX = re.compile(r"(?:局|办|委|委员会|办公室)$")
_GENERIC_UNITS = {"党委", "村委", "居委", "支委", "党总支委"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_CITY_OFFICE = re.compile(rf"[{_CJK}]{{2}}市(?!场)[{_CJK}]")  # X市委, X市政府, X市…局; not X市场
NO_CITY = "none"  # --city none: no city, inferred or given; city-relative names stay as printed
# A paper speaking as a city says 我市 / 本市 / 全市; national news says 我国. The inferred city needs the
# first in at least LOCAL_VOICE_SHARE of the documents, in more documents than the second, and to be named
# CITY_LEAD times as often as any other candidate.
LOCAL_VOICE = ("我市", "本市", "全市")
NATIONAL_VOICE = "我国"
LOCAL_VOICE_SHARE = 0.2
CITY_LEAD = 2.0


def _cjk_except(chars: str) -> str:
    """A character-class body for the CJK block without `chars` (re has no class subtraction)."""
    bounds, start = [], 0x4E00
    for skipped in sorted(map(ord, chars)):
        bounds.append(f"\\u{start:04x}-\\u{skipped - 1:04x}")
        start = skipped + 1
    return "".join(bounds) + f"\\u{start:04x}-\\u9fff"


# X市 after punctuation, the start of a line or a function word (和永康市委): a single negative look-behind
# scans pages twice as fast as an alternation of look-behinds.
_CITY_IN_TEXT = re.compile(rf"(?<![{_cjk_except('在和与及的')}])([{_CJK}]{{2}})市(?!场)")
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


def canonical_sites(name: str, city: str | None) -> list[str]:
    """Canonical names of the places/organizations a surface form refers to (two for coordinated heads)."""
    name = clean_name(name)
    if not name:
        return []
    if name.startswith("中共") and name.endswith("委") and carries_place(name[2:]):
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
    if name.startswith("市") and not name.startswith(NOT_CITY_RELATIVE):
        return [city + name]
    if name.startswith(city) and not carries_place(name[len(city) :]) and _UNIT_SUFFIX.search(name):
        return [home + name[len(city) :]]
    if _UNIT_SUFFIX.search(name) and name not in _GENERIC_UNITS and not carries_place(name):
        return [home + name]
    return [name]


@dataclass(frozen=True)
class CityChoice:
    """The paper's own city for 市委 -> 清河市委, and how it was chosen (goes into report.json)."""

    city: str | None
    how: str  # given (--city) | off (--city none) | inferred | not inferred
    reason: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"city": self.city, "how": self.how, "reason": self.reason, "evidence": self.evidence}


def choose_city(results: Iterable[DocResult], city: str | None = None) -> CityChoice:
    """The city given (`--city 清河`), none (`--city none`), or the one the pages show strong evidence of."""
    if city and city.strip().lower() == NO_CITY:
        return CityChoice(None, "off", "--city none: city-relative names (市委, 我市) stay as printed")
    if city:
        given = clean_name(city)
        return CityChoice(given.removesuffix("市") if len(given) > 2 else given, "given", "--city")
    return _infer_city(list(results))


def infer_city(results: Iterable[DocResult]) -> str | None:
    """The paper's own city when the pages give strong evidence of one, else None (see `choose_city`)."""
    return _infer_city(list(results)).city


def _pages(results: list[DocResult]) -> list[str]:
    pages = []
    for result in results:
        sentences = result.document.sentences
        pages.append("".join(s.text for s in sentences) if sentences else "".join(result.document.text.split()))
    return pages


def _city_candidates(results: list[DocResult], pages: list[str]) -> list[str]:
    """Names printed as a city: LOCATION "X市", ORGANIZATION "X市委/X市政府/X市…局", raw "X市" after
    punctuation or a function word (和永康市委, 《永康市…); never X市场, never a country (X国)."""
    candidates: Counter[str] = Counter()
    for result, page in zip(results, pages, strict=True):
        for mention in _mentions(result):
            name = clean_name(mention.normalized or mention.text)
            if mention.type == "LOCATION" and len(name) in (3, 4) and name.endswith("市"):
                candidates[name[:-1]] += 1
            elif mention.type == "ORGANIZATION" and _CITY_OFFICE.match(name):
                candidates[name[:2]] += 1
        candidates.update(_CITY_IN_TEXT.findall(page))
    return sorted(
        c
        for c in candidates
        if c[0] not in _NOT_CITY_STARTS
        and not carries_place(c.removesuffix("州"))  # 温州 is a city, 省市 or 县市 are not
        and "委" not in c
        and not c.endswith("国")
    )


def _infer_city(results: list[DocResult]) -> CityChoice:
    """A county paper's own city, only on strong evidence (see LOCAL_VOICE_SHARE and CITY_LEAD).

    A paper names its own city bare all the time (永康力量, 永康医院), a superior prefecture (金华市委常委)
    far less: the candidate named most often wins, if it leads clearly. National news never gets a city:
    it speaks of 我国, not 我市.
    """
    pages = _pages(results)
    local = sum(1 for page in pages if any(form in page for form in LOCAL_VOICE))
    national = sum(1 for page in pages if NATIONAL_VOICE in page)
    evidence: dict[str, Any] = {
        "documents": len(pages),
        "local_voice_documents": local,
        "national_voice_documents": national,
    }
    if not pages or local < LOCAL_VOICE_SHARE * len(pages) or local <= national:
        reason = (
            f"the pages do not speak as one city: {'/'.join(LOCAL_VOICE)} in {local} of {len(pages)} documents, "
            f"{NATIONAL_VOICE} in {national}"
        )
        return CityChoice(None, "not inferred", reason, evidence)
    corpus = "\n".join(pages)  # names hold no newline, so counts are per page summed, in one pass each
    named = sorted(((corpus.count(c), c) for c in _city_candidates(results, pages)), key=lambda nc: (-nc[0], nc[1]))
    evidence["candidates"] = dict((c, n) for n, c in named[:5])
    if not named:
        return CityChoice(None, "not inferred", "no place is printed as a city (X市)", evidence)
    (top, city), runner_up = named[0], named[1:2]
    if runner_up and top < CITY_LEAD * runner_up[0][0]:
        reason = f"no city stands out: {city} named {top} times, {runner_up[0][1]} {runner_up[0][0]}"
        return CityChoice(None, "not inferred", reason, evidence)
    reason = f"{city} named {top} times" + (f", next {runner_up[0][1]} {runner_up[0][0]}" if runner_up else "")
    return CityChoice(
        city, "inferred", f"{reason}; {local} of {len(pages)} documents say {'/'.join(LOCAL_VOICE)}", evidence
    )


def _keyed_mentions(result: DocResult) -> Iterator[tuple[str, list[Mention]]]:
    """(sentence id or byline key, its mentions) in document order: sentences first, then the other keys."""
    order = [s.id for s in result.document.sentences]
    order += sorted(set(result.mentions) - set(order))
    for key in order:
        yield key, result.mentions.get(key, [])


def _mentions(result: DocResult) -> Iterator[Mention]:
    for _, found in _keyed_mentions(result):
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
    """What resolution learns about one place or organization name before its type and id are fixed."""

    name: str
    votes: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    docs: set[str] = field(default_factory=set)

    @property
    def type(self) -> str:
        return "ORGANIZATION" if self.votes["ORGANIZATION"] > self.votes["LOCATION"] else "LOCATION"


class _Sites:
    """Places and organizations: every surface form resolved to canonical names (see the module rules)."""

    def __init__(self, city: str | None) -> None:
        self.city = city
        self.records: dict[str, _Record] = {}
        # (surface, normalized) -> canonical names: an archive repeats the same few thousand names, so each
        # distinct form is canonicalized once, and its aliases are added to its records then.
        self._resolved: dict[tuple[str, str | None], list[str]] = {}
        # (type, surface, normalized, is a mention) -> the document of each use; `_tally` counts them
        # into the records at the end, which is cheaper than updating records on every use.
        self._uses: defaultdict[tuple[str, str, str | None, bool], list[str]] = defaultdict(list)

    def _resolve(self, surface: str, normalized: str | None) -> list[str]:
        forms = {f for f in (clean_name(surface), clean_name(normalized or "")) if f}
        names = canonical_sites(normalized or surface, self.city) or canonical_sites(surface, self.city)
        for name in names:
            record = self.records.get(name)
            if record is None:
                record = self.records[name] = _Record(name)
            record.aliases |= forms | {name}
        return names

    def add(self, type_: str, surface: str, doc: str, *, normalized: str | None = None, mention: bool = False) -> list:
        """Register one use of a name; returns the canonical names it resolves to (do not change them)."""
        names = self._resolved.get((surface, normalized))
        if names is None:
            names = self._resolved[surface, normalized] = self._resolve(surface, normalized)
        self._uses[type_, surface, normalized, mention].append(doc)
        return names

    def add_title_orgs(self, title: str | None, doc: str) -> None:
        """Create the organizations a person's title names."""
        for org in title_orgs(title):
            self.add("ORGANIZATION", org, doc)

    def ids(self) -> dict[str, str]:
        """Canonical name -> entity id, after folding the uses into the records."""
        for (type_, surface, normalized, mention), docs in self._uses.items():
            for name in self._resolved[surface, normalized]:
                record = self.records[name]
                record.votes[type_] += len(docs)
                record.mentions += len(docs) if mention else 0
                record.docs.update(docs)
        self._uses.clear()
        return {name: entity_id(record.type, name) for name, record in self.records.items()}

    def entities(self) -> list[Entity]:
        ids = self.ids()
        return [
            Entity(
                id=ids[name],
                type=record.type,
                name=name,
                aliases=sorted(record.aliases),
                mentions=record.mentions,
                docs=sorted(record.docs),
            )
            for name, record in self.records.items()
        ]


class _People:
    """Uses of person names, gathered per name and document into sightings for `kg.graph.identity`."""

    def __init__(self, city: str | None) -> None:
        self.city = city
        self.sightings: dict[str, dict[str, Sighting]] = {}  # name -> document -> sighting

    def add(
        self,
        surface: str,
        doc: str,
        date: str | None,
        title: str | None,
        *,
        normalized: str | None = None,
        mention: bool = False,
        pinned: bool = False,
        pinned_id: str | None = None,
        descriptors: list[str] | None = None,
    ) -> str | None:
        """Register one use of a person's name; returns the name to look its person up by later."""
        name = clean_name(normalized or surface) or clean_name(surface)
        if not name:
            return None
        by_doc = self.sightings.setdefault(name, {})
        sighting = by_doc.get(doc)
        if sighting is None:
            sighting = by_doc[doc] = Sighting(doc, date if date and _ISO_DATE.match(date) else None)
        sighting.surfaces.update(f for f in (clean_name(surface), clean_name(normalized or "")) if f)
        if title:
            sighting.titles[title] = None
        sighting.descriptors.update(dict.fromkeys(descriptors or ()))
        sighting.mentions += mention
        sighting.pinned |= pinned
        sighting.pinned_id = sighting.pinned_id or pinned_id
        return name

    def resolve(self) -> tuple[list[Entity], dict[tuple[str, str], str]]:
        """Person entities, and (name, document) -> the id of the person the name means there."""
        variants = self._fold_variants()
        entities: list[Entity] = []
        ids: dict[tuple[str, str], str] = {}
        for name, by_doc in self.sightings.items():
            namesakes = group_sightings(list(by_doc.values()), self.city)
            made = self._entities(name, namesakes)
            for namesake, entity in zip(namesakes, made, strict=True):
                ids.update(((name, s.doc), entity.id) for s in namesake.sightings)
            entities += made
        by_id = {entity.id: entity for entity in entities}
        for (printed, doc), (name, reason) in variants.items():
            ids[printed, doc] = ids[name, doc]
            by_id[ids[name, doc]].resolution.append({"decision": "merge", "reason": reason, "documents": 1})
        return entities, ids

    def _fold_variants(self) -> dict[tuple[str, str], tuple[str, str]]:
        """Fold a name that is another form of a known person's name (`_variant_of`: 王毅应 of 王毅应询 and 若赫什 of
        若赫什爆料, where the tagger took a character of the next or previous word; 埃马纽埃尔·马克龙, the full
        name of 马克龙; `_cut_from`: 希奇莱 of 希奇莱马, cut short) into that person, on a page where both print the
        same title (法国总统), the known name having a title on VARIANT_KNOWN_DOCS pages at least and the variant on
        fewer. Returns (printed name, document) -> (the name it was folded into, why).

        Why here: the tagger sees one sentence, and a character such as 应 or 监 may well end a name, and a
        foreign leader's full name is printed once in a while; across an archive, a name seen once with a title a
        well-known person holds is that person."""
        folded: dict[tuple[str, str], tuple[str, str]] = {}
        cut_from = _cut_from(self.sightings)
        for printed in [n for n in self.sightings if len(n) > _MIN_VARIANT_NAME]:
            by_doc = self.sightings[printed]
            titled = {doc: s for doc, s in by_doc.items() if s.titles}
            if not titled or len(titled) >= VARIANT_KNOWN_DOCS:
                continue
            for name, how in _variant_of(printed) + cut_from.get(printed, []):
                known = [s for s in self.sightings.get(name, {}).values() if s.titles]
                if len(known) < VARIANT_KNOWN_DOCS:
                    continue
                for doc, sighting in list(titled.items()):
                    title = shared_title(sighting, known, self.city)
                    if title is None:
                        continue
                    self._move(sighting, name)
                    del by_doc[doc], titled[doc]
                    folded[printed, doc] = name, f"{printed} is {name} {how}: both {title}"
            if not by_doc:
                del self.sightings[printed]
        return folded

    def _move(self, sighting: Sighting, name: str) -> None:
        """Give one document's sighting of a name to `name`, joining that name's sighting there if any."""
        target = self.sightings[name].setdefault(sighting.doc, Sighting(sighting.doc, sighting.date))
        target.titles.update(sighting.titles)
        target.descriptors.update(sighting.descriptors)
        target.surfaces.update(sighting.surfaces)
        target.mentions += sighting.mentions
        target.pinned |= sighting.pinned
        target.pinned_id = target.pinned_id or sighting.pinned_id

    def _entities(self, name: str, namesakes: list) -> list[Entity]:
        entities = []
        for namesake in namesakes:
            titles: Counter[str] = Counter()
            groups: Counter[str] = Counter()
            for sighting in namesake.sightings:
                titles.update(list(sighting.titles))  # each printed title once per document
                groups.update({word for printed in sighting.titles for word in read_title(printed)[1]})
            sightings = namesake.sightings
            entities.append(
                Entity(
                    id="",
                    type="PERSON",
                    name=name,
                    aliases=sorted({name}.union(*(s.surfaces for s in sightings))),
                    titles=summarize_titles(titles),
                    mentions=sum(s.mentions for s in sightings),
                    docs=sorted(s.doc for s in sightings),
                    groups=[g for g, _ in groups.most_common()],
                )
            )
        for index, (namesake, entity) in enumerate(zip(namesakes, entities, strict=True)):
            pinned = next((s.pinned_id for s in namesake.sightings if s.pinned_id), None)
            entity.id = pinned or _namesake_id(name, entity.titles, index, {e.id for e in entities[:index]})
        by_namesake = {id(n): e.id for n, e in zip(namesakes, entities, strict=True)}
        for namesake, entity in zip(namesakes, entities, strict=True):
            for conflict, namesake_not in namesake.splits:
                other = by_namesake[id(namesake_not)]
                record = {"decision": "split", "reason": conflict, "documents": namesake.documents}
                entity.resolution.append({**record, "namesake": other})
                mirror = next(e for e in entities if e.id == other)
                mirror.resolution.append({**record, "documents": len(mirror.docs), "namesake": entity.id})
            entity.resolution += [
                {"decision": decision, "reason": reason, "documents": count}
                for (decision, reason), count in sorted(namesake.reasons.items(), key=lambda kv: -kv[1])
            ]
        return entities


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _variant_of(printed: str) -> list[tuple[str, str]]:
    """The names `printed` may be another form of, each with how (see `_People._fold_variants`): the name without
    its first character, and, for a Chinese name (a common surname first), without its last (a foreign name is cut
    short by the tagger as often as it is lengthened: 帕什尼 for 帕什尼扬, so the longer one is not taken for a
    misreading of the shorter); for a foreign name printed in full, its last part, unless a part before it is a
    single initial (库·别尔德穆哈梅多夫 and 谢·别尔德穆哈梅多夫 are father and son)."""
    stray = "with a stray character"
    found = [(printed[1:], stray)] + ([(printed[:-1], stray)] if printed[0] in COMMON_SURNAMES else [])
    parts = printed.split(FULL_NAME_DOT)
    if len(parts) > 1 and all(len(part) > 1 for part in parts):
        found.append((parts[-1], "printed in full"))
    return found


def _cut_from(names: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Name -> the longer names of `names` it may be cut from (see `_People._fold_variants`): the tagger cuts a rare
    transliteration short (希奇莱 of 希奇莱马, 帕特鲁 of 帕特鲁舍夫) by up to MAX_CUT characters, the cut keeping three
    at least (not 王毅 of 王毅然)."""
    cut: dict[str, list[tuple[str, str]]] = {}
    for name in names:
        for drop in range(1, MAX_CUT + 1):
            if len(name) - drop > _MIN_VARIANT_NAME:
                cut.setdefault(name[:-drop], []).append((name, "cut short"))
    return cut


VARIANT_KNOWN_DOCS = 2  # pages with a title that make a name a known person (and a variant of it not one)
_MIN_VARIANT_NAME = 2  # the known name keeps two characters at least
MAX_CUT = 2  # characters the tagger may leave off the end of a known name
FULL_NAME_DOT = "·"


def _namesake_id(name: str, titles: list[str], index: int, taken: set[str]) -> str:
    """per:NAME for the best-attested person of a name; per:NAME/TITLE for a namesake (#n if still taken)."""
    if index == 0:
        return entity_id("PERSON", name)
    candidate = entity_id("PERSON", f"{name}/{titles[0].split(SEPARATOR)[0]}" if titles else name)
    return candidate if candidate not in taken else f"{candidate}#{index + 1}"


MentionKey = tuple[str, int, int]  # (sentence id or byline key, start, end): a mention's place in its result


def mention_key(sentence_key: str, mention: Mention) -> MentionKey:
    return sentence_key, mention.start, mention.end


@dataclass
class Resolution:
    """What alias resolution decided, as plain data; the results it read are left as they were.

    `mentions`: the entity ids each mention names (two for 市委市政府, none for a date); `events`: each event
    (by id) as a copy whose participants and arguments carry their entity ids.
    """

    entities: list[Entity]
    mentions: dict[MentionKey, tuple[str, ...]]
    events: dict[str, Event]

    def entity_of(self, sentence_key: str, mention: Mention) -> str | None:
        """The entity id of a mention (the first, for one naming two bodies); None for dates."""
        ids = self.mentions.get(mention_key(sentence_key, mention))
        return ids[0] if ids else None

    def resolved_events(self, events: Iterable[Event]) -> list[Event]:
        return [self.events[event.id] for event in events]


def resolve_entities(results: list[DocResult], city: str | CityChoice | None = None) -> list[Entity]:
    """The entities of all documents (`resolve` tells which mention and event argument names which)."""
    return resolve(results, city).entities


@paused_gc()
def resolve(results: list[DocResult], city: str | CityChoice | None = None) -> Resolution:
    """Merge mentions and event arguments of all documents into entities, and say which entity each names.

    `city`: the paper's city, `none` for no city, None to infer it, or a `choose_city` result (a build
    reports how its city was chosen). The result does not depend on the order of `results`.
    """
    ordered = sorted(results, key=lambda r: r.document.id)
    chosen = city.city if isinstance(city, CityChoice) else choose_city(ordered, city).city
    sites, people = _Sites(chosen), _People(chosen)
    dates = {r.document.id: r.document.date for r in ordered}
    pending_sites: list[tuple[MentionKey, list]] = []
    pending_people: list[tuple[MentionKey, str | None, str]] = []  # (mention, name, document)
    pending_events: list[tuple[Event, list[str | None], list[list], list[list]]] = []
    for result in ordered:
        doc = result.document.id
        for key, found in _keyed_mentions(result):
            offices = _offices_in_titles(found)
            for m in found:
                if m.type == "PERSON":
                    name = people.add(
                        m.text,
                        doc,
                        dates[doc],
                        m.title,
                        normalized=m.normalized,
                        mention=True,
                        pinned=m.source == LEXICON_SOURCE,
                        pinned_id=m.attrs.get("lexicon_id"),
                        descriptors=m.attrs.get("descriptors"),
                    )
                    pending_people.append((mention_key(key, m), name, doc))
                    sites.add_title_orgs(m.title, doc)
                elif m.type in TYPE_PREFIX:
                    names = sites.add(m.type, m.text, doc, normalized=offices.get(id(m), m.normalized), mention=True)
                    pending_sites.append((mention_key(key, m), names))
        for event in result.events:
            names = []
            for p in event.participants:
                names.append(people.add(p.name, event.doc, dates.get(event.doc), p.title))
                sites.add_title_orgs(p.title, event.doc)
            places = [sites.add("LOCATION", a.name, event.doc) for a in event.places]
            orgs = [sites.add("ORGANIZATION", a.name, event.doc) for a in event.organizations]
            pending_events.append((event, names, places, orgs))

    site_ids = sites.ids()
    persons, person_ids = people.resolve()
    mentions = {key: tuple(site_ids[n] for n in names) for key, names in pending_sites}
    mentions.update((key, _found(person_ids.get((name, doc)))) for key, name, doc in pending_people)
    events = {}
    for event, names, places, orgs in pending_events:
        participants = [
            dataclasses.replace(p, entity=person_ids.get((name, event.doc)) if name else None)
            for p, name in zip(event.participants, names, strict=True)
        ]
        events[event.id] = dataclasses.replace(
            event,
            participants=participants,
            places=_resolved_arguments(event.places, places, site_ids),
            organizations=_resolved_arguments(event.organizations, orgs, site_ids),
        )
    return Resolution(sorted([*sites.entities(), *persons], key=lambda e: e.id), mentions, events)


def _found(entity: str | None) -> tuple[str, ...]:
    return (entity,) if entity else ()


def _resolved_arguments(arguments: list[Argument], names: list[list], site_ids: dict[str, str]) -> list[Argument]:
    """Arguments with their entity ids; one naming two bodies (市委市政府) becomes one per entity."""
    split = [
        Argument(a.name, site_ids[n] if n else None)
        for a, found in zip(arguments, names, strict=True)
        for n in found or [None]
    ]
    return list({(a.name, a.entity): a for a in split}.values())
