"""The tagging glue the pipeline calls: model mentions + rule dates + boundary fixes + titles + lexicon.

Order per sentence, and why:
1. model PERSON/LOCATION/ORGANIZATION mentions (model DATEs are dropped: the date rules are
   exact and normalize); one-character mentions only where they are places printed by their
   one-character name (中美, 俄方, 粤港澳) or surnames before 某/老/先生 or a title (王某, 李主席);
2. boundaries: spans split where the raw text had a space between names, foreign names kept whole
   across · and -, spans cut to the words of a dictionary segmentation (kg.tag.boundaries);
3. PERSON boundaries repaired (split at 、, swallowed titles and trailing verbs removed, a first part tagged as a
   place after a role joined), PERSONs
   overlapping a role word dropped, names of title lists added; places and organizations grown to their heads
   (kg.tag.places), and the bodies of bodies.yaml tagged wherever printed (kg.tag.bodies);
4. rule dates, which replace any model mention they overlap;
5. the lexicon, which replaces anything it overlaps (the user knows best);
6. titles attached to the final PERSON mentions, so lexicon persons get titles too, once a PERSON printed
   between a title's prefix and a person (巴巴多斯 of 巴巴多斯总理莫特利) is made the office's country; a
   PERSON that the words around it show to be a place (在巴赫穆特等方向, 乌军) becomes a LOCATION (kg.tag.senses).
Dates are then resolved per article in reading order, starting from dates in the article's lead
(本报讯 ...) when ingest kept it apart from the sentences, and the names of its bylines become reporter
mentions (kg.tag.reporters). Last, per document: names joined to the next name (蔡奇丁薛祥) are split,
names cut short where the document prints them whole grow to them (罗门群岛 -> 所罗门群岛), and one sense per
document (kg.tag.senses).

Every step after the model can be switched off by name (`skip`, see STEPS), to measure what it does:
`pipelines/eval_tagging.py --ablation`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable

from kg.model import HEADLINE, NAME_TYPES, Document, Mention
from kg.tag.bodies import known_bodies
from kg.tag.boundaries import (
    businesses_in_lists,
    complete_org_lists,
    complete_title_lists,
    drop_persons_in_titles,
    fix_person_boundaries,
    fix_word_boundaries,
    in_work_title,
    join_connected_names,
    join_name_after_role,
    known_people,
    name_after_role,
    spaced_names,
    split_at_breaks,
    split_joined_names,
)
from kg.tag.dates import SOURCE as DATE_SOURCE
from kg.tag.dates import find_dates, resolve_dates
from kg.tag.gazetteer import (
    COMMON_SURNAMES,
    PLACE_ABBREVIATIONS,
    SURNAME_FOLLOWERS,
    SURNAME_PREFIXES,
    country_names,
    person_names,
    place_names,
)
from kg.tag.lexicon import Lexicon
from kg.tag.places import (
    countries_abbreviated,
    countries_in_pairs,
    countries_printed,
    fix_places,
    places_wherever_printed,
)
from kg.tag.reporters import byline_key, reporter_mentions
from kg.tag.senses import (
    complete_cut_names,
    complete_names_never_printed_alone,
    countries_of_offices,
    offices_split,
    one_sense_per_document,
    people_at_titles,
    people_listed_before_people,
    retag_places,
    speakers_named_after_roles,
    surnames_with_titles,
    without_storms_or_weapons,
)
from kg.tag.titles import SEPARATOR, attach_descriptors, attach_titles, find_titles, role_starting_at
from kg.tag.words import is_word, word_across

# The steps after the model, by name (what `skip` switches off).
STEPS: dict[str, str] = {
    "single_chars": "drop one-character mentions except one-character place names (中美) and surnames (王某, 李主席)",
    "coordinated_heads": "complete a coordinated head the model cut (省委省 + 政府)",
    "known_names": "complete a famous name cut short (近平 -> 习近平); dictionary names next to a title are people",
    "word_boundaries": "split at raw spaces, keep · and - in foreign names, cut spans to dictionary words, "
    "split names joined to the next name",
    "person_boundaries": "split PERSON at 、, cut swallowed titles and following verbs, join a name's place-tagged "
    "first part after a role (创始人布隆|伯格), add an untagged name listed before a person (铁凝、谌贻琴)",
    "title_lists": "drop PERSONs overlapping a role word; add the names of a list after a title",
    "org_lists": "the items of a 、 list of organizations the model tagged in part become organizations, and so do "
    "the items of a list of businesses (腾讯、阿里云等企业)",
    "places": "places and organizations grown to their head word, typed by it; generic words dropped",
    "bodies": "the bodies of kg/tag/bodies.yaml are organizations wherever printed (农业农村部, 上合组织)",
    "offices": "a place span run over an office and the name after it is the place, then the person (斐济总理兰布卡)",
    "countries": "a country of countries.txt printed as a whole word and left untagged is a place (支持斐济)",
    "dates": "rule dates replace the model mentions they overlap",
    "place_retag": "a PERSON the words around it show to be a place becomes a LOCATION (巴巴多斯总理莫特利)",
    "cut_names": "a name cut short where its document prints it whole grows to it (罗门群岛 -> 所罗门群岛, "
    "栗战 -> 栗战书 where 栗战书会见 is printed)",
    "speakers": "a name the model missed that opens a clause before a verb of speech, its title between or not, and "
    "is printed next to a role word in the document is a person (全国政协主席汪洋 … 汪洋强调, 栗战书委员长主持)",
    "one_sense": "one sense per document: a name takes the type its document's evidence supports (a full name read "
    "as a place that opens a clause and presides is a person: 石泰峰主持会议); a storm's or a weapon's name "
    "(台风“杜苏芮”, “海马斯”火箭弹, “北溪”管道) is no person, place or body",
    "place_sense": "a dictionary place the document tags only as a LOCATION is one wherever printed on word "
    "boundaries (福岛 missed in one sentence, read in another)",
    "surnames": "a surname printed with a title (习主席) is the person the document names with that title (习近平)",
    "country_pairs": "中 and a country the document names, printed by one character each before what they share, are "
    "places (中肯关系 where 肯尼亚 is printed)",
    "country_abbreviations": "a country the document names, printed by its first character before 军 or opening a "
    "clause before 称, is a place (以军 where 以色列 is printed, 乌称)",
}


def checked_skip(skip: Iterable[str]) -> frozenset[str]:
    """`skip` as a set of step names; raises ValueError naming the valid steps for an unknown one."""
    skipped = frozenset(skip)
    if not skipped:  # the pipeline's call, once per sentence
        return skipped
    unknown = sorted(skipped - STEPS.keys())
    if unknown:
        raise ValueError(f"unknown tagging step(s) {', '.join(unknown)}: the steps are {', '.join(STEPS)}")
    return skipped


MODEL_TYPES = frozenset(NAME_TYPES)


def _overlaps(mention: Mention, others: Iterable[Mention]) -> bool:
    # A loop, not any(...) over a generator: called for every mention of a sentence with dates.
    for other in others:  # noqa: SIM110
        if mention.start < other.end and other.start < mention.end:
            return True
    return False


def _in_order_apart(mentions: list[Mention]) -> bool:
    """Whether `mentions` are already what `_non_overlapping` returns: each starts at or after the end of the one
    before it, and an empty span shares its start with no longer mention after it (sorted puts longer first)."""
    before = None
    for mention in mentions:
        if before is not None and (
            mention.start < before.end or (mention.start == before.start and mention.start != mention.end)
        ):
            return False
        before = mention
    return True


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Sorted mentions without overlaps: at each clash the earlier, then longer, mention wins."""
    if _in_order_apart(mentions):  # most sentences: nothing to sort or drop
        return list(mentions)
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _complete_known_name(text: str, mention: Mention) -> Mention:
    """近平 -> 习近平: a two-character mention that lacks a surname and, with the character before it, makes a known
    person name, is that person (the model reads 为习|近平 as a place: 习 after 为 is no surname it learned); a place
    or body that is a word of its own stays (和|恒山, 老|寿星)."""
    start = mention.start - 1
    if (
        mention.end - mention.start == 2
        and start >= 0
        and mention.text[0] not in COMMON_SURNAMES
        and text[start : mention.end] in person_names()
        and (mention.type == "PERSON" or not is_word(mention.text))
    ):
        whole = dataclasses.replace(mention, start=start, text=text[start : mention.end])
        return whole if mention.type == "PERSON" else whole.retyped("PERSON")
    return mention


# Titles printed after a name (习近平总书记, 王立新同志), and the ideas named after a person (邓小平理论,
# 习近平新时代中国特色社会主义思想, 习近平外交思想): a known name right before one is a person, as MSRA tags them.
_TITLES_AFTER = ("总书记", "同志", "主席", "副主席", "总理", "副总理", "委员长")
_IDEAS_AFTER = ("新时代", "思想", "理论", "外交思想", "经济思想", "法治思想", "强军思想", "生态文明思想", "文化思想")
_TITLE_AFTER = re.compile(rf"(?=([\u4e00-\u9fff]{{3}})(?:{'|'.join(_TITLES_AFTER + _IDEAS_AFTER)}))")
_ANY_TITLE_AFTER = re.compile("|".join(_TITLES_AFTER + _IDEAS_AFTER))  # one scan, not one per title


def _known_names_before_titles(text: str) -> list[Mention]:
    """PERSON mentions for dictionary person names followed by a title or an idea named after them, which the
    model can miss in context (a name of 2023 in a frame it learned from 1998 text)."""
    if not _ANY_TITLE_AFTER.search(text):  # most sentences: skip the lookahead scan
        return []
    return [
        Mention(start=match.start(1), end=match.end(1), type="PERSON", text=match.group(1), source="names")
        for match in _TITLE_AFTER.finditer(text)
        if match.group(1) in person_names()
    ]


_DOCTRINES_AFTER = (*_IDEAS_AFTER, "主义", "列宁主义")  # 马克思主义, 马克思列宁主义: a doctrine, no title after them
# A prize or a cup named after a person (诺贝尔奖, 诺贝尔和平奖, 苏迪曼杯).
_PRIZES_AFTER = ("奖", "杯", "和平奖", "文学奖", "物理学奖", "化学奖", "经济学奖", "生理学或医学奖")
_EPONYMS_AFTER = (*_DOCTRINES_AFTER, "精神", *_PRIZES_AFTER)  # and a spirit named after a person (雷锋精神)


def _mark_eponyms(text: str, mentions: list[Mention]) -> None:
    """Mark the people named in an idea's, a spirit's or a prize's name (习近平|新时代中国特色社会主义思想, 马克思|主义,
    雷锋|精神, 诺贝尔|奖, 苏迪曼|杯) or in a work's title (《习近平著作选读》): a name, not a person present, so no
    event takes them for a speaker or an attendee."""
    for mention in mentions:
        if mention.type == "PERSON" and (
            text.startswith(_EPONYMS_AFTER, mention.end) or in_work_title(text, mention.start, mention.end)
        ):
            mention.attrs["eponym"] = True


def _join_coordinated_head(text: str, mention: Mention) -> Mention:
    """省委省 + 政府 -> 省委省政府 (`mention` an ORGANIZATION): the model cuts coordinated heads; the alias stage
    splits them properly."""
    if mention.text[-1:] in "省市县区镇" and text.startswith("政府", mention.end):
        end = mention.end + 2
        return dataclasses.replace(mention, end=end, text=text[mention.start : end])
    return mention


def _own_copy(mention: Mention, text: str) -> Mention:
    """`mention` with `text` and attrs of its own: the caller's model mentions are never changed.

    A bare instance given a copy of the fields as its __dict__, for every model mention: over eight times cheaper
    than dataclasses.replace (Mention has no __post_init__ to skip), and 0.57 µs where filling the new instance's
    own dict with update took 0.92.
    """
    copy = object.__new__(Mention)
    fields = mention.__dict__.copy()
    fields["text"], fields["attrs"] = text, dict(mention.attrs)
    copy.__dict__ = fields
    return copy


def _kept_single_char(text: str, mention: Mention, singles: set[tuple[int, str]]) -> Mention | None:
    """A one-character model mention worth keeping, or None (one character is mostly noise): a place printed
    by its one-character name (中 and 美 in 中美, normalized to its full name where the character names one
    place), a surname printed for a person (王某, 李先生, 李主席, 老王), or one of two one-character names side by
    side (`_may_pair`); no place in a language's name (英、法等语种, 中英文). `singles`: (start, type) of the
    sentence's one-character model mentions."""
    char, start, end = mention.text, mention.start, mention.end
    if mention.type == "LOCATION" and char not in REGION_LANGUAGES and _LANGUAGE_AFTER.match(text, end):
        return None
    if mention.type == "LOCATION" and char in PLACE_ABBREVIATIONS and _place_abbreviation_context(text, start):
        mention.normalized = PLACE_ABBREVIATIONS[char]
        return mention
    surname = (
        text.startswith(SURNAME_FOLLOWERS, end)
        or role_starting_at(text, end)
        or (start > 0 and text[start - 1] in SURNAME_PREFIXES)
    )
    if not "\u4e00" <= char <= "\u9fff":  # a mark or a digit is no name
        return None
    if mention.type == "PERSON" and surname:
        return mention
    beside = [text[min(at, start) : max(at, start) + 1] for at in (start - 1, end) if (at, mention.type) in singles]
    if any(_may_pair(pair, mention.type) for pair in beside):
        return mention
    return None


def _may_pair(pair: str, kind: str) -> bool:
    """Whether two one-character names side by side name two of `kind`: people (汤尤杯, 马列), or places that are no
    word together (中布两国), both places' names (南中合作) or a place's name together (淮海 of 黄淮海); not 中秋."""
    return kind == "PERSON" or not is_word(pair) or _ABBREVIATION_CHARS.issuperset(pair) or pair in place_names()


# A language named by its country's one-character name (英语, 中英文, 英、法等语种): MSRA leaves 英语 and 英文 untagged,
# but tags the region of 藏语 (6 of 7).
REGION_LANGUAGES = "藏"
_LANGUAGE_AFTER = re.compile(
    f"(?:[、和及与]?[{''.join(PLACE_ABBREVIATIONS)}]){{0,6}}等?(?:多|[0-9一二三四五六七八九十]+)?种?"
    "(?:语种|语言|文字|语|文)(?![化明物件学艺])"
)


# One-character names that are also a preposition (以 of 以…为, "by"): a place only before its army or its side, or
# after another place's one-character name (巴以, 中以).
_PREPOSITION_PLACES = {"以": "军方"}


def _place_abbreviation_context(text: str, start: int) -> bool:
    """Whether a place's one-character name at `start` can read as one; 中 (middle, in) needs a look: not after
    在 (在中浙阳光花园小区: 在中 is never 在中国), nor ending a word with the character before it (集中医学隔离观察点,
    其中, 空中), nor opening a time (中秋); so does 以 (`_PREPOSITION_PLACES`: 以两国关系新定位为指引 is no Israel)."""
    char = text[start]
    if char in _PREPOSITION_PLACES:
        return text[start + 1 : start + 2] in _PREPOSITION_PLACES[char] or (
            start > 0 and text[start - 1] in PLACE_ABBREVIATIONS
        )
    if char != "中":
        return True
    if text[start + 1 : start + 2] in _TIMES_AFTER_ZHONG:
        return False
    return start == 0 or (text[start - 1] != "在" and not is_word(text[start - 1 : start + 1]))


_TIMES_AFTER_ZHONG = "秋午旬"  # 中秋, 中午, 中旬: a time of the year, the day or the month, no China


def _rejoined_heads(text: str, mentions: list[Mention], singles: set[tuple[int, str]]) -> list[Mention]:
    """A place's first character the model tagged apart (中 + 浙阳光花园小区) joins the name it was cut from,
    unless it is a place's one-character name kept in its own right (中美)."""
    if not any(kind == "LOCATION" for _, kind in singles):  # most sentences: no one-character place to join
        return mentions
    starts = {m.start: m for m in mentions if m.type != "PERSON" and m.end - m.start > 1}
    out, joined = [], set()
    for m in mentions:
        rest = starts.get(m.end) if m.type == "LOCATION" and m.end - m.start == 1 else None
        if rest is None or _kept_single_char(text, _own_copy(m, m.text), singles) is not None:
            out.append(m)
            continue
        out.append(dataclasses.replace(rest, start=m.start, text=text[m.start : rest.end], attrs=dict(rest.attrs)))
        joined.add(id(rest))
    return [m for m in out if id(m) not in joined]


_CHAIN = range(3, 5)  # 土伊叙, 中美日韩; two characters are often one name (埃塞, 波黑)
_ABBREVIATION_CHARS = frozenset(PLACE_ABBREVIATIONS)  # one set test tells most sentences hold no chain


def _may_be_a_chain(name: str) -> bool:
    """Whether `name` may list places by one character each: no character twice (比奥比奥 is one region) and at
    most one that names several places (土伊叙; not 伊拉尼, a person: 伊 and 尼 name many)."""
    return len(set(name)) == len(name) and sum(PLACE_ABBREVIATIONS[char] is None for char in name) <= 1


def _chain_of_places(mention: Mention, edges: set[int]) -> list[Mention]:
    """A place read over a run of places' one-character names that is no word (土伊叙: Turkey, Iran, Syria; 伊叙 next
    to the one-character place 土) as its one-character places; any other mention as it is. `edges`: where the
    sentence's one-character places begin and end."""
    name = mention.text
    touching = mention.start in edges or mention.end in edges
    if mention.type != "LOCATION" or not (len(name) in _CHAIN or (len(name) == 2 and touching)) or is_word(name):
        return [mention]
    if not _ABBREVIATION_CHARS.issuperset(name) or _holds_a_place(name) or not _may_be_a_chain(name):
        return [mention]
    return [
        Mention(mention.start + i, mention.start + i + 1, "LOCATION", char, source=mention.source)
        for i, char in enumerate(name)
    ]


def _holds_a_place(name: str) -> bool:
    """Whether two or more characters of `name` are a place of their own (苏丹 of 苏丹港, a port)."""
    parts = (name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1))
    return any(part in place_names() or part in country_names() for part in parts)


PORT = "港"


def _ports_joined(text: str, mentions: list[Mention]) -> list[Mention]:
    """港 right after a place's name is that place's port (青岛|港, 舟山|港梅山港区 -> 舟山港 + 梅山港区), not the
    one-character name of Hong Kong, which follows another one-character name (粤港澳, 深港)."""
    out: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        before = out[-1] if out else None
        if (
            mention.type == "LOCATION"
            and mention.text.startswith(PORT)
            and before is not None
            and before.type == "LOCATION"
            and before.end == mention.start
            and (before.text in place_names() or before.text in country_names())
        ):
            out[-1] = before.respan(text, before.start, mention.start + 1)
            if mention.end - mention.start > 2:  # the rest names a part of the port (梅山港区)
                out.append(mention.respan(text, mention.start + 1, mention.end))
            continue
        out.append(mention)
    return out


def _model_mentions(text: str, model_mentions: Iterable[Mention], skip: frozenset[str]) -> list[Mention]:
    """Own copies of the model's PERSON/LOCATION/ORGANIZATION mentions with valid spans, one-character ones
    filtered (step single_chars), coordinated heads and famous names completed."""
    valid = [m for m in model_mentions if m.type in MODEL_TYPES and 0 <= m.start < m.end <= len(text)]
    if not valid:  # two sentences in five
        return []
    if PORT in text and "places" not in skip:
        valid = _ports_joined(text, valid)
    if "single_chars" not in skip and any(_ABBREVIATION_CHARS.issuperset(m.text) for m in valid if m.end - m.start > 1):
        edges = {edge for m in valid if m.type == "LOCATION" and m.end - m.start == 1 for edge in (m.start, m.end)}
        valid = [piece for m in valid for piece in _chain_of_places(m, edges)]
    singles = {(m.start, m.type) for m in valid if m.end - m.start == 1}
    mentions = []
    for m in _rejoined_heads(text, valid, singles) if "single_chars" not in skip else valid:
        mention = _own_copy(m, text[m.start : m.end])
        if mention.end - mention.start == 1 and "single_chars" not in skip:
            name_end = name_after_role(text, m.start) if m.type == "PERSON" else None
            if name_end is not None and not any(o.start < name_end and m.end < o.end for o in valid):
                mention = mention.respan(text, m.start, name_end)
            elif (mention := _kept_single_char(text, mention, singles)) is None:
                continue
        if mention.type == "ORGANIZATION" and "coordinated_heads" not in skip:
            mention = _join_coordinated_head(text, mention)
        if "known_names" not in skip:
            mention = _complete_known_name(text, mention)
        mentions.append(mention)
    return mentions


def annotate_sentence(
    text: str,
    model_mentions: Iterable[Mention],
    lexicon: Lexicon | None = None,
    *,
    breaks: frozenset[int] = frozenset(),
    skip: Collection[str] = (),
) -> list[Mention]:
    """Final, sorted, non-overlapping mentions of one sentence (dates not yet resolved).

    `breaks`: positions of `text` where the raw text had a space between two words (see `raw_breaks`);
    `skip`: names of STEPS to leave out.
    """
    skip = checked_skip(skip)
    mentions = _model_mentions(text, model_mentions, skip)
    if "word_boundaries" not in skip:
        mentions = fix_word_boundaries(text, join_connected_names(text, split_at_breaks(text, mentions, breaks)))
        mentions = spaced_names(text, mentions, breaks)
    if "person_boundaries" not in skip:
        mentions = join_name_after_role(text, fix_person_boundaries(text, mentions))
        if SEPARATOR in text:
            mentions = people_listed_before_people(text, mentions)
    titles = find_titles(text)
    if titles and "title_lists" not in skip:  # two sentences in three name no title: nothing to drop or complete
        mentions = drop_persons_in_titles(mentions, titles)
        mentions = complete_title_lists(text, mentions, titles)
    if "org_lists" not in skip:
        mentions = businesses_in_lists(text, complete_org_lists(text, mentions))
    if "places" not in skip:
        mentions = fix_places(text, mentions)
    if "bodies" not in skip:
        mentions = known_bodies(text, mentions)
    if titles and "offices" not in skip:
        mentions = offices_split(text, mentions, titles)
    if "countries" not in skip:
        mentions = countries_printed(text, mentions)
    if "known_names" not in skip:
        mentions += [m for m in _known_names_before_titles(text) if not _overlaps(m, mentions)]
        _mark_eponyms(text, mentions)
        if titles:
            mentions = people_at_titles(text, mentions, titles)
    dates = find_dates(text) if "dates" not in skip else []
    if dates:
        mentions = [m for m in mentions if not _overlaps(m, dates)] + dates
    if lexicon is not None:
        mentions = lexicon.apply(text, mentions)
    mentions = _non_overlapping(mentions)
    if titles:
        if "place_retag" not in skip:
            mentions = countries_of_offices(text, mentions, titles)
        attach_titles(text, mentions, titles)
    else:  # no title, but a name may be printed with what the person is (航天员某某)
        attach_descriptors(text, mentions)
    return retag_places(text, mentions) if "place_retag" not in skip else mentions


_SPACE = re.compile("[ \t\u3000\xa0]")


def raw_breaks(sentence_offsets: list[int], raw: str) -> frozenset[int]:
    """Positions of a sentence where its raw text had spaces between two words (习近平　李强　赵乐际, a list
    the OCR repair joined): a gap of spaces only, with no gap right before or after it (a letter-spaced
    line such as 阻 击 战 has a gap at every character and says nothing about words)."""
    if not sentence_offsets or sentence_offsets[-1] - sentence_offsets[0] == len(sentence_offsets) - 1:
        return frozenset()  # most sentences: one unbroken run of the raw text
    if not _SPACE.search(raw, sentence_offsets[0], sentence_offsets[-1]):
        return frozenset()  # most others: broken at line ends only, no space anywhere to make a gap of
    gaps = {
        i
        for i in range(1, len(sentence_offsets))
        if sentence_offsets[i] - sentence_offsets[i - 1] > 1
        and not raw[sentence_offsets[i - 1] + 1 : sentence_offsets[i]].strip(" \t\u3000\xa0")
    }
    return frozenset(i for i in gaps if i - 1 not in gaps and i + 1 not in gaps)


def _without_organizations_cut_in_a_word(text: str, mentions: list[Mention]) -> list[Mention]:
    """A headline's mentions without the organizations that start or end inside a dictionary word (国际联 of
    国际联播快讯, 近平回信勉励…大学 of 习近平回信…): a headline has no punctuation to stop the tagger. Places and people
    keep their spans (中美 is a word, but 中 and 美 are places), as in the body."""
    return [
        m
        for m in mentions
        if m.type != "ORGANIZATION" or (word_across(text, m.start) is None and word_across(text, m.end) is None)
    ]


def annotate_document(
    doc: Document,
    model_mentions: dict[str, list[Mention]],
    *,
    lexicon: Lexicon | None = None,
    skip: Collection[str] = (),
) -> dict[str, list[Mention]]:
    """Sentence id -> sorted, non-overlapping mentions with titles and resolved dates; plus, per article with
    bylines, `kg.tag.reporters.byline_key` -> its reporters' PERSON mentions (raw-document offsets, attrs
    kind "reporter"; walk both with `kg.tag.reporters.mentions_in_order`).

    `skip`: names of STEPS to leave out (to measure what each does).
    """
    skip = checked_skip(skip)
    result: dict[str, list[Mention]] = {}
    texts: dict[str, str] = {}
    for article in doc.articles:
        in_order = find_dates(article.lead) if article.lead and "dates" not in skip else []
        sentence_starts = {0}
        for sentence in article.sentences:
            breaks = raw_breaks(sentence.offsets, doc.text) if doc.text else frozenset()
            mentions = annotate_sentence(
                sentence.text, model_mentions.get(sentence.id, []), lexicon, breaks=breaks, skip=skip
            )
            dates = [m for m in mentions if m.source == DATE_SOURCE]
            if sentence.kind == HEADLINE:  # a headline's date is no context for the body's (9月 … 13日)
                mentions = _without_organizations_cut_in_a_word(sentence.text, mentions)
                resolve_dates(dates, doc.date)
            else:
                sentence_starts.add(len(in_order))
                in_order += dates
            result[sentence.id] = mentions
            texts[sentence.id] = sentence.text
        resolve_dates(in_order, doc.date, sentence_starts)
        reporters = reporter_mentions(doc, article) if doc.text else []
        if reporters:
            result[byline_key(doc.id, article.index)] = reporters
    sentences = {sid: found for sid, found in result.items() if sid in texts}
    if "word_boundaries" not in skip:
        sentences = _split_joined_names(sentences, texts)
    if "cut_names" not in skip:
        sentences = complete_names_never_printed_alone(complete_cut_names(sentences, texts), texts)
    if "speakers" not in skip:
        sentences = speakers_named_after_roles(sentences, texts)
    if "one_sense" not in skip:
        sentences = one_sense_per_document(without_storms_or_weapons(sentences, texts), texts)
    if "place_sense" not in skip:
        sentences = places_wherever_printed(sentences, texts)
    if "surnames" not in skip:
        sentences = surnames_with_titles(sentences, texts)
    if "country_pairs" not in skip:
        sentences = countries_in_pairs(sentences, texts)
    if "country_abbreviations" not in skip:
        sentences = countries_abbreviated(sentences, texts)
    return {**result, **sentences}


def _split_joined_names(result: dict[str, list[Mention]], texts: dict[str, str]) -> dict[str, list[Mention]]:
    """蔡奇丁薛祥 tagged 蔡奇丁 -> 蔡奇, 丁薛祥, with the names this document prints as people. A sentence where no
    name splits keeps its mentions as they are: `annotate_sentence` left them sorted and apart already."""
    known = known_people({m.text for found in result.values() for m in found if m.type == "PERSON"})
    split = {sid: split_joined_names(texts[sid], found, known) for sid, found in result.items()}
    return {sid: found if found is result[sid] else _non_overlapping(found) for sid, found in split.items()}
