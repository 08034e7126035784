"""Person or place? Evidence from the words around a name, one sense per document.

Why: a character tagger confuses transliterated names both ways (普京 as a place, 巴赫穆特 as a person),
and jieba's dictionary is no better on them (it tags 普京 `ns` and 赫尔松 `nr`). So a name changes type
only on evidence printed in the text, and evidence of a person always wins:

- person evidence: a title before the name (俄罗斯总统普京) or right after it (普京总统, 习近平总书记), or a
  verb of speech or diplomacy after it (普京表示, 会见); jieba's person tags are no evidence either (莫斯科 `nr`);
- place evidence: a movement or war verb before it (赴, 抵达, 攻占) or a place word after it (方向, 等地,
  地区, 州), around the name or the 、 list it is printed in (在 is none: 在X的带领下).

`retag_places` turns evidence-backed places tagged PERSON into LOCATION; `one_sense_per_document` gives
every mention of a name the sense its document's evidence supports.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, pairwise
from operator import attrgetter

from kg.model import Mention
from kg.regexguard import longest_literal_pattern
from kg.tag.boundaries import BEFORE_KNOWN_NAMES, COLLECTIVES, NAME_LENGTHS, ROUTE_TO, ROUTES, looks_like_name
from kg.tag.gazetteer import (
    COMMON_SURNAMES,
    PLACE_ABBREVIATIONS,
    UNIT_ENDS,
    common_nouns,
    country_names,
    dictionary_names,
    name_words,
    person_names,
    place_names,
    well_known_place,
)
from kg.tag.titles import SEPARATOR, Title, attach_titles, org_suffix_at, role_ending_at, role_starting_at
from kg.tag.words import frequency, is_word, word_across, word_at, words_after, words_before

PLACE_TYPES = frozenset({"LOCATION", "ORGANIZATION"})  # places and bodies (what an office is printed after)
PERSON_CUES_AFTER = re.compile(
    "说|表示|指出|强调|称|宣称|声称|认为|介绍|回忆|会见|会晤|会谈|通电话|致电|致信|致函|复信|回信|签署|宣布|出席|主持|发表|讲话|"
    "夫妇|夫人|先生|女士|阁下|同志|一行|访华|出访"
)
PLACE_CUES_BEFORE = re.compile(
    "(?:赴|抵达|飞抵|前往|途经|位于|通往|连接|城市|重镇|围绕|争夺|军(?:继续|仍|还|正)?在|"
    "(?:攻占|占领|控制|收复|撤出|撤离|进攻|攻打|包围|空袭|袭击|打击|摧毁|炮击)[了着]?|驻守|驻|调研|视察)$"
)
# 等多个方向, 等前线 and 作战方向 too: a front is named by its place (在巴赫穆特、阿夫杰耶夫卡等多个方向); so is a
# list of shopping districts, whose other items the tagger may have missed (前门、王府井、国贸等商圈).
PLACE_CUES_AFTER = re.compile(
    "(?:等(?:多|[0-9一二三四五六七八九十]+)?个?)?(?:(?:作战)?方向|前线|一线)|等(?:多|[0-9一二三四五六七八九十]+)?地|"
    "(?:、[\u4e00-\u9fff]{2,4}){0,4}等商圈|"
    "地区|一带|附近|[东南西北]?郊|市区|城区|周边|境内|[东南西北]部|州|市|省|港|机场|口岸|武装|以[东西南北]|的战斗|战役"
)
# A war verb after 在 and a name: the fighting is there (在X击退, 在X和Y打击了…); 在 alone is no evidence, nor
# 在X推进 (在X推进下).
AT = "在"
FIGHTING_AFTER = re.compile("击退|打击了|摧毁|交战|激战")
# Words that join the items of a list of names: a cue at either end of the list holds for every item.
LIST_JOINERS = frozenset("、和与及")
# A place's other name, printed in brackets right after it (阿城（清河称湖镇）): what ends the bracket before it.
OTHER_NAME_CUE = "称"
# A count of places right after a name (两地, 三省): 金衢两地, 京津冀三地, 沪苏浙皖四省.
_COUNTED_PLACES = re.compile("([两二三四五])[地省市县区国岸]")
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
# A place printed by its one-character name and tagged as a person with the word it qualifies: 乌军, 俄方.
ABBREVIATED_PLACE = re.compile(f"([{''.join(PLACE_ABBREVIATIONS)}])[军方籍企商媒]")
# Its army, or the army's planes or ships, read as a place or a body (以军, 乌军, 乌军机): MSRA's text tags the
# country alone (美军 -> 美).
_ARMY = re.compile(f"([{''.join(PLACE_ABBREVIATIONS)}])军[机舰]?")
_CONTEXT = 4  # characters of context read on each side
FUNCTION_CHARS = frozenset("的对在和与同向从也都将已曾就还并及等")


PARTY = "党"  # 新党, 工党: a party's name, whose 主席 is the party's chair


def person_evidence(text: str, mention: Mention) -> bool:
    """Whether the words around a PERSON-or-place mention of `text` say it is a person. Nothing does for a
    well-known place: a role before it is a verb (领导中国人民), one after it is the country's office (中国领导人);
    nor for a party (新党主席一行)."""
    return (
        not well_known_place(mention.text)
        and not mention.text.endswith(PARTY)
        and bool(mention.title or role_starting_at(text, mention.end) or PERSON_CUES_AFTER.match(text, mention.end))
    )


def _cued(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _CONTEXT) : start]
    return bool(
        PLACE_CUES_BEFORE.search(before)
        or PLACE_CUES_AFTER.match(text, end)
        or (before.endswith(AT) and FIGHTING_AFTER.match(text, end))
    )


# What a person does at a venue named right before it with 在 (李希在哈瓦那出席…, 王毅16日在纽约会见…).
_AT_VENUE = re.compile("出席|会见|会晤|会谈|举行|主持|参加|考察|视察|访问|签署|同|与")


def _is_venue(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether the mention is where the person named right before 在 acts (李希在哈瓦那出席, 李希16日在哈瓦那出席): a
    place, though 出席 after it reads like a person's act. `mentions`: the sentence's."""
    at = mention.start - 1
    if at < 1 or text[at] != AT or not _AT_VENUE.match(text, mention.end):
        return False
    before = {m.end: m for m in mentions if m is not mention}
    end = at
    if end in before and before[end].type == "DATE":  # 李希16日在…
        end = before[end].start
    return end in before and before[end].type == "PERSON"


# A summit, forum or declaration named after the city that holds it (达沃斯论坛, 《…领导人新德里峰会宣言》): no
# person's name is printed so, though a title may stand right before it (领导人新德里峰会).
_NAMES_A_MEETING = re.compile("峰会|论坛|宣言")
_MEETING_NOUNS = ("峰会", "论坛", "大会")  # no one's name ends so


def _names_a_meeting(text: str, mention: Mention) -> bool:
    return bool(_NAMES_A_MEETING.match(text, mention.end))


def _listed(text: str, earlier: Mention, later: Mention) -> bool:
    """Whether two mentions are neighbours in a list (`LIST_JOINERS`: 、, 和, 与, 及)."""
    return earlier.end + 1 == later.start and text[earlier.end] in LIST_JOINERS


def place_evidence(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether the words around the mention, or around the list it is printed in, say it is a place (巴赫穆特、赫尔松
    等方向 and 在X和Y击退: the list shares the cue; X、Y与Z三地: as many places as the list has items), or it is a
    place's other name (`_other_name_of_place`). `mentions`: the sentence's, in text order."""
    if (
        _cued(text, mention.start, mention.end)
        or _other_name_of_place(text, mention, mentions)
        or ends_a_route(text, mention.start, mention.end, mentions)
    ):
        return True
    if not (
        text[mention.start - 1 : mention.start] in LIST_JOINERS or text[mention.end : mention.end + 1] in LIST_JOINERS
    ):
        return False
    ordered = mentions
    first = last = next(i for i, m in enumerate(ordered) if m is mention)
    while first > 0 and _listed(text, ordered[first - 1], ordered[first]):
        first -= 1
    while last + 1 < len(ordered) and _listed(text, ordered[last], ordered[last + 1]):
        last += 1
    end = ordered[last].end
    if role_starting_at(text, end):  # 麦克德莫特和华盛顿州|州长: the office is the last item's, its 州 no cue
        return False
    counted = _COUNTED_PLACES.match(text, end)
    return _cued(text, ordered[first].start, end) or (
        counted is not None and _COUNTS[counted.group(1)] == last - first + 1
    )


# A route between two places, named by them: "A至B段", "A至B高铁" (B, read as a person or untagged, is a place).
_ROUTE_OR_SECTION = re.compile("|".join(("段", "航线", "线", *ROUTES)))


def ends_a_route(text: str, start: int, end: int, mentions: list[Mention]) -> bool:
    """Whether text[start:end] ends a route named from a place tagged right before it (达卡至邦嘎段)."""
    at = start - len(ROUTE_TO)
    return (
        text[at:start] == ROUTE_TO
        and bool(_ROUTE_OR_SECTION.match(text, end))
        and any(m.type == "LOCATION" and m.end == at for m in mentions)
    )


def _other_name_of_place(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether the mention closes a bracket opened right after a place, alone or after a word ending in 称 (阿城（清河称
    湖镇）): the place's other name."""
    opening = text.rfind("（", 0, mention.start)
    if opening < 1 or text[mention.end : mention.end + 1] != "）":
        return False
    inside = text[opening + 1 : mention.start]
    if (inside and not inside.endswith(OTHER_NAME_CUE)) or len(inside) > 2 * _CONTEXT or "）" in inside:
        return False
    return any(m.type == "LOCATION" and m.end == opening for m in mentions)


def _name_word_starts(text: str, pos: int) -> bool:
    """Whether a dictionary name of two to four characters starts at `pos` (a cheap test before segmenting)."""
    words = name_words()
    return text[pos : pos + 2] in words or text[pos : pos + 3] in words or text[pos : pos + 4] in words


def _name_word_ends(text: str, pos: int) -> bool:
    """Whether a dictionary name of two to four characters ends at `pos`."""
    words = name_words()  # three tests, not any() over a generator: called for every title before a role
    return (
        (pos >= 2 and text[pos - 2 : pos] in words)
        or (pos >= 3 and text[pos - 3 : pos] in words)
        or (pos >= 4 and text[pos - 4 : pos] in words)
    )


def _no_name_at(text: str, pos: int, mentions: list[Mention]) -> bool:
    """Whether what starts at `pos` is plainly no name: a function character or a dictionary word of two or
    more characters that is no name (举行, 邀请; a transliteration such as 查克维拉 falls apart into single
    characters and may be a name; punctuation says nothing: 向马拉维总统、莫桑比克总统…)."""
    if pos >= len(text) or not "\u4e00" <= text[pos] <= "\u9fff":
        return False
    if text[pos] in FUNCTION_CHARS:
        return True
    word = word_at(text, pos)
    return (
        not any(m.start == pos for m in mentions)
        and word is not None
        and word[1] - word[0] >= 2
        and text[word[0] : word[1]] not in name_words()
    )


def _titled_after(text: str, end: int, mentions: list[Mention]) -> bool:
    """Whether a role word follows `end` and plainly no name follows the role (普京总统举行…, not 美国总统拜登
    or 马拉维总统查克维拉)."""
    role = role_starting_at(text, end)
    return role is not None and _no_name_at(text, end + len(role), mentions)


def people_at_titles(text: str, mentions: list[Mention], titles: list[Title]) -> list[Mention]:
    """`mentions` plus PERSON mentions for untagged names printed right after a title (美国总统拜登) or right
    before its role word (同普京总统): a dictionary name of two to four characters that no mention overlaps
    but a one-character one (京 of 普京), which it replaces; before a role only where plainly no name follows
    the role (in 美国总统拜登, 美国 is the country); never a count of countries (三国外长, `COLLECTIVES`). An
    organization right after a role that is no body's name is the person (`_person_read_as_body`)."""
    spans = []
    for title in titles:
        after = word_at(text, title.end) if _name_word_starts(text, title.end) else None
        if after is not None:
            spans.append(after)
        if title.start < title.role_start and _name_word_ends(text, title.role_start):
            before = words_before(text, title.role_start)
            if before and _titled_after(text, title.role_start, mentions):
                spans.append(before[-1])
    for start, end in spans:
        name = text[start:end]
        clashes = [m for m in mentions if m.start < end and start < m.end]
        if _may_be_titled(name) and all(m.end - m.start == 1 for m in clashes):
            mentions = [m for m in mentions if not any(m is clash for clash in clashes)]
            mentions.append(Mention(start, end, "PERSON", name, source=TITLED))
    role_ends = {title.end for title in titles if title.start < title.role_start}  # 匈牙利总理: a prefix printed
    return [m.retyped("PERSON") if m.start in role_ends and _person_read_as_body(m) else m for m in mentions]


LONGEST_BODY_READ = 4  # characters of a name after a role that the model read as a body (欧尔班)


def _person_read_as_body(mention: Mention) -> bool:
    """Whether an ORGANIZATION or LOCATION right after a role word printed with its country or body is the titled
    person (匈牙利总理欧尔班 read as a body, 全国政协副主席石泰峰 as a place): a short name, no word or place of the
    dictionary, not ending with a body's or a meeting's word (理事会, 办公室 are words; 委员会, 公司, 峰会 end bodies
    and meetings). A one-character ending proves nothing: 欧尔班 ends with 班 as a 专班 does."""
    name = mention.text
    return (
        mention.type in PLACE_TYPES
        and name not in place_names()
        and 2 <= len(name) <= LONGEST_BODY_READ
        and not is_word(name)
        and not well_known_place(name)
        and not name.endswith(BODY_WORDS)
    )


BODY_WORDS = (
    "委员会", "中心", "公司", "集团", "政府", "银行", "组织", "党委", "支部", "办公室", "协会", "学会",
    "峰会", "会议", "论坛", "大会",
)  # fmt: skip


def _may_be_titled(name: str) -> bool:
    """Whether a dictionary name next to a title may be the titled person: not a count of countries (三国外长,
    `COLLECTIVES`), a country (尼泊尔总统) or two places by their one-character names (中非领导人, 中美元首)."""
    places_paired = len(name) == 2 and all(PLACE_ABBREVIATIONS.get(char) for char in name)  # not 阿比: 阿 is many
    return name in name_words() and not COLLECTIVES.fullmatch(name) and not places_paired and not well_known_place(name)


PARTY = "党"  # a political party's name ends so, whatever the country (瓦努阿库党, 人民行动党)


def countries_of_offices(text: str, mentions: list[Mention], titles: list[Title]) -> list[Mention]:
    """`mentions` with a PERSON that ends a title's prefix, right before its role word, and is followed by a
    person's name right after the role retyped LOCATION: in 巴巴多斯总理莫特利 the name before the office is its
    country, the person is the one after it (its party where the name ends in 党: 瓦努阿库党主席). A role right
    after a name is person evidence only when no name follows it (普京总统表示, see `person_evidence`); a Chinese
    name before the role is the person (习近平主席), and a PERSON after it that is a plain dictionary word
    (主席复信, 主席西行) is no name. Call it before `attach_titles`, so the person's title reaches back over the
    country (巴巴多斯总理)."""
    people = {m.start for m in mentions if m.type == "PERSON" and _may_be_name(m.text)}
    ends = {title.role_start: title for title in titles if title.start < title.role_start and title.end in people}
    if not ends:  # most sentences: no name on both sides of a role
        return mentions
    return [
        m.retyped("ORGANIZATION" if m.text.endswith(PARTY) else "LOCATION")
        if m.type == "PERSON"
        and (title := ends.get(m.end)) is not None
        and m.start >= title.start
        and not _chinese_name(m.text)
        else m
        for m in mentions
    ]


LONGEST_NAME_AFTER_OFFICE = 6  # characters of a name a place span ran on to after an office (斐济总理兰布卡)


def offices_split(text: str, mentions: list[Mention], titles: list[Title]) -> list[Mention]:
    """A place or body span the model ran over an office and the name printed after it (斐济总理兰布卡 read as one
    place) is the place or body, then the person: split at the title's role word (the name: what follows the
    role, a name and no dictionary word of another kind)."""
    inside = [t for t in titles if t.start < t.role_start]
    if not inside:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        inner = (t for t in inside if m.start <= t.start < t.role_start < t.end < m.end)
        title = None if m.type == "PERSON" else next(inner, None)
        name = text[title.end : m.end] if title else ""
        if (
            title is None
            or not 2 <= len(name) <= LONGEST_NAME_AFTER_OFFICE
            or not _may_be_name(name)
            or word_across(text, title.end) is not None  # 全国人大常委|会党组: the role runs on into a body
            or _holds_common_noun(text, title.end, m.end)  # 干部|培训中心纪委: a body
            or org_suffix_at(text, title.end - 1, m.end)  # 苏丹医生|中央委员会
        ):
            out.append(m)
            continue
        body = m.respan(text, m.start, title.role_start)
        out.append(body.retyped("LOCATION") if body.text in country_names() else body)
        out.append(Mention(title.end, m.end, "PERSON", name, source=m.source))
    return out


def _holds_common_noun(text: str, start: int, end: int) -> bool:
    """Whether a dictionary segmentation of text[start:end] holds a common noun of two characters or more."""
    return any(e - s > 1 and text[s:e] in common_nouns() for s, e in words_after(text, start, end - start))


def _may_be_name(word: str) -> bool:
    """Whether a PERSON mention's text may be a name: not a dictionary word of another kind (复信, 西行); any kind of
    name will do (the dictionary files 基尔 `nz`)."""
    return not is_word(word) or word in dictionary_names()


def _chinese_name(word: str) -> bool:
    """Whether a PERSON mention's text looks like a Chinese person's name: a known one, or a common surname and
    one or two characters."""
    if word in country_names():  # 马拉维, 尼泊尔 (filed `nr`)
        return False
    return word in person_names() or (len(word) in (2, 3) and word[0] in COMMON_SURNAMES)


def retag_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """PERSON mentions that are places by the evidence around them become LOCATION (乌军 -> 乌, a place
    printed by its one-character name, as is an army read as a place or a body; 达沃斯论坛: the city of a meeting,
    title or not), and so do countries of the country list (`_plain_country`), read as a person or as an
    organization (塔吉克斯坦 in a list of bodies).
    A dictionary's place list is no evidence on its own: jieba tags 普京 as a place."""
    out = []
    for mention in mentions:
        if mention.type == "PERSON" and mention.text.endswith(_MEETING_NOUNS):
            continue  # 本届高峰会以…为主题: the meeting itself, read as a name
        if mention.type == "PERSON" and (meeting := _NAMES_A_MEETING.match(text, mention.end)):
            if not is_word(mention.text + meeting.group()):  # 高峰论坛: a word read as a name names no place either
                out.append(mention.retyped("LOCATION"))
        elif abbreviated := (ABBREVIATED_PLACE if mention.type == "PERSON" else _ARMY).fullmatch(mention.text):
            out.append(_one_character_place(mention, abbreviated.group(1)))
        elif (mention.type == "ORGANIZATION" and mention.text in country_names()) or (
            mention.type == "PERSON"
            and (
                _plain_country(mention.text)
                or _counted_places(text, mention)
                or _is_venue(text, mention, mentions)
                or (not person_evidence(text, mention) and place_evidence(text, mention, mentions))
            )
        ):
            out.append(mention.retyped("LOCATION"))
        else:
            out.append(mention)
    return out


def _plain_country(name: str) -> bool:
    """Whether a PERSON's name is a country that cannot be read as a Chinese name (尼泊尔, 科摩罗; not 马里, 汤加:
    a surname and a character, which only the words around them tell apart)."""
    return name in country_names() and not (len(name) <= 3 and name[0] in COMMON_SURNAMES)


def _counted_places(text: str, mention: Mention) -> bool:
    """Whether a count of places as large as the span follows it, so each character names a place (金衢两地,
    京津冀三地), which a model trained on MSRA reads as a person's name; 张强三地奔波 stays a person."""
    counted = _COUNTED_PLACES.match(text, mention.end)
    return counted is not None and _COUNTS[counted.group(1)] == mention.end - mention.start


def _one_character_place(mention: Mention, character: str) -> Mention:
    return dataclasses.replace(
        mention,
        end=mention.start + 1,
        text=character,
        type="LOCATION",
        normalized=PLACE_ABBREVIATIONS[character],
        title=None,
        attrs={},
    )


TITLED = "titles"  # the source of PERSON mentions found next to a title
PROPAGATED = "one_sense"  # the source of PERSON mentions one sense per document adds
MIN_PROPAGATED = 2  # characters of a name propagated to its untagged occurrences
MAX_PLACE_SUFFIX = 4  # 青溪 + 医院: a name is the head of a place only with a short ending (not 习近平 + 新时代…思想)


_FULL_NAME = 3  # a surname and two characters: two-character names are too often places too (邵东, 罗英)


@dataclass
class _Evidence:
    """What one document says about its names."""

    people: set[str] = field(default_factory=set)  # names with person evidence
    titled: set[str] = field(default_factory=set)  # names printed with a title: a person, whatever cues a place
    placed: set[str] = field(default_factory=set)  # names with place evidence
    persons: Counter[str] = field(default_factory=Counter)  # PERSON mentions per name
    places: Counter[str] = field(default_factory=Counter)  # place/organization uses per name, heads included

    def misread(self, name: str) -> bool:
        """Whether a name tagged PERSON is a place: place evidence or uses, and no person evidence."""
        return name not in self.people and (name in self.placed or self.places[name] >= self.persons[name])

    def mostly_a_person(self, name: str) -> bool:
        """Whether a name tagged LOCATION is a person's: a Chinese name, no place of the dictionary, no place
        evidence, and tagged PERSON more often than anything else (北京习近平等…迎灵 in a headline, 习近平 a person
        three times in the body)."""
        return (
            len(name) == _FULL_NAME
            and self.persons[name] > self.places[name]
            and name not in self.placed
            and _chinese_name(name)
            and not name.endswith(UNIT_ENDS)  # 李祖村 is a village
            and name not in place_names()
        )


def _evidence(result: dict[str, list[Mention]], texts: dict[str, str]) -> _Evidence:
    found = _Evidence()
    # names listed, then counted at once in C (Counter.update of a list): a Counter increment per use costs more
    persons: list[str] = []
    places: list[str] = []
    for sid, mentions in result.items():
        text = texts[sid]
        for m in mentions:
            if m.type == "PERSON":
                persons.append(m.text)
                if m.title:
                    found.titled.add(m.text)
                if _is_venue(text, m, mentions):
                    found.placed.add(m.text)
                elif person_evidence(text, m):
                    found.people.add(m.text)
                elif place_evidence(text, m, mentions):
                    found.placed.add(m.text)
            elif (
                m.type == "LOCATION"
                and role_ending_at(text, m.start)
                and not well_known_place(m.text)
                and not _names_a_meeting(text, m)  # 领导人巴厘岛峰会: the summit's city
            ):
                found.people.add(m.text)  # a title before it tells (not 中国记者: a role after says less)
                found.titled.add(m.text)
            elif m.type == "LOCATION" and _presides(text, m):
                found.people.add(m.text)
            elif m.type != "DATE":
                places.append(m.text)
                if len(m.text) > 2:  # a two-character name has no head inside it, nor another place after its start
                    places += _places_held(m.text, m.type == "LOCATION")
    found.persons.update(persons)
    found.places.update(places)
    return found


# What a leader opening a clause does that a place never does (石泰峰主持会议, 石泰峰参加会见, 石泰峰一同调研).
_PRESIDES = re.compile("主持|出席|参加会见|参加会谈|一同调研|陪同|强调|指出")
_CLAUSE_OPENERS = "，。；：！？"


def _presides(text: str, mention: Mention) -> bool:
    """Whether a LOCATION the model read is a Chinese full name no dictionary knows that opens its clause before what
    only a person does: a name whose surname and given name the model took for a place's."""
    name = mention.text
    return (
        len(name) == _FULL_NAME
        and name[0] in COMMON_SURNAMES
        and (mention.start == 0 or text[mention.start - 1] in _CLAUSE_OPENERS)
        and _PRESIDES.match(text, mention.end) is not None
        and not is_word(name)
        and name not in place_names()
        and not well_known_place(name)
    )


@lru_cache(maxsize=1 << 14)
def _places_held(name: str, place: bool) -> tuple[str, ...]:
    """The uses as places that a place (`place`) or organization named `name` holds: the names it is the head of
    (青溪 in 青溪医院, at most MAX_PLACE_SUFFIX characters before the end) and, in a place, the places printed inside
    it. Cached: pages print their places and organizations again and again (1,000 generated pages: 13,724 uses of
    179 names; 640 xwlb pages: 4,538 uses of 1,808)."""
    heads = tuple(name[:cut] for cut in range(max(2, len(name) - MAX_PLACE_SUFFIX), len(name)))
    return heads + _places_inside(name) if place else heads


def _places_inside(name: str) -> tuple[str, ...]:
    """Dictionary place names printed inside a longer place, after its start (永康 in 金丽温高速永康出口): uses of
    those names as places."""
    places = place_names()
    return tuple(
        name[start : start + size]
        for size in (2, 3)
        for start in range(1, len(name) - size)
        if name[start : start + size] in places
    )


SPEAKER_SOURCE = "speaker"  # source of a person found by `speakers_named_after_roles`
# Verbs of speech and presiding that open a sentence after a speaker's name (汪洋强调，…, 栗战书委员长主持。), the
# commonest sentences of the news: the strongest of PERSON_CUES_AFTER, as a name no model found is read from them.
_SPEAKS = ("强调", "指出", "表示", "主持", "出席")
# Verbs of meeting tell a name only after its office (泰国总理赛塔会谈): a clause may open with no name (双方会谈).
_MEETS = ("会谈", "会见", "会晤", "通电话")
_CUE_VERBS = re.compile("|".join((*_SPEAKS, *_MEETS)))


def speakers_named_after_roles(result: dict[str, list[Mention]], texts: dict[str, str]) -> dict[str, list[Mention]]:
    """A name the model tagged nowhere in its document is a person where a role word or person evidence is at it,
    if it opens a sentence before a verb of speech, its title between them or not (汪洋强调，…, 栗战书委员长主持),
    and the document prints it next to a role word (全国政协主席汪洋, 栗战书委员长): the model misses a name that is
    also a word, or one whose surname it never read. `one_sense` then reads it elsewhere."""
    names = _speakers_after_roles(result, texts)
    if not names:
        return result
    pattern = re.compile(longest_literal_pattern(names))
    out = dict(result)
    for sid, found in result.items():
        text = texts[sid]
        added = [
            Mention(match.start(), match.end(), "PERSON", match.group(), source=SPEAKER_SOURCE)
            for match in pattern.finditer(text)
            if not any(m.start < match.end() and match.start() < m.end for m in found)
            and word_across(text, match.start()) is None
            and word_across(text, match.end()) is None
            and _speaks_or_titled(text, match.start(), match.end())
        ]
        if added:
            out[sid] = sorted(found + added, key=attrgetter("start"))
    return out


def _speakers_after_roles(result: dict[str, list[Mention]], texts: dict[str, str]) -> set[str]:
    """Untagged names that open a clause of the document before a verb of speech, their title between or not, and
    that the document prints next to a role word somewhere."""
    opening = {name for sid, found in result.items() for name in _opening_speakers(texts[sid], found)}
    if not opening:
        return set()
    printed = re.compile(longest_literal_pattern(opening))  # one pass over the document, however many names
    return {
        match.group()
        for sid in result
        for match in printed.finditer(texts[sid])
        if role_ending_at(texts[sid], match.start()) or role_starting_at(texts[sid], match.end())
    }


def _opening_speakers(text: str, found: list[Mention]) -> Iterator[str]:
    """Untagged names that open a clause of `text` right before a verb of speech or before their title and one
    (汪洋强调, 栗战书委员长主持), or that follow the office of a tagged body or place before a verb of speech or of
    meeting (全国政协主席汪洋主持, 泰国总理赛塔会谈): read back from each verb, so the cost grows with the verbs, not
    the text."""
    for verb in _CUE_VERBS.finditer(text):
        speaks = verb.group() in _SPEAKS
        end = verb.start() - len(role_ending_at(text, verb.start()) or "")
        for size in NAME_LENGTHS:
            start = end - size
            opens = start == 0 or (start > 0 and text[start - 1] in _CLAUSE_OPENERS)
            if (
                start >= 0
                and ((speaks and opens) or _after_office(text, start, end, found))
                and not any(m.start < end and start < m.end for m in found)
                and looks_like_name(name := text[start:end])
            ):
                yield name


def _after_office(text: str, start: int, end: int, found: list[Mention]) -> bool:
    """Whether text[start:end] follows the office of a tagged body or place (全国政协|主席|汪洋) and may be a name
    there: no dictionary word and opening with none, or a word it files as a name (汪洋; not 中俄总理|共同主持, nor
    总台记者|采访时表示)."""
    role = role_ending_at(text, start)
    if role is None or not any(m.end == start - len(role) and m.type in PLACE_TYPES for m in found):
        return False
    name, names = text[start:end], dictionary_names()
    return name in names or not any(is_word(word) and word not in names for word in (name, name[:2]))


def _speaks_or_titled(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] has a role word right before it or person evidence right after it: what
    a name the model missed needs to be read as a person where it is also a word (高峰, 汪洋)."""
    return bool(role_ending_at(text, start) or role_starting_at(text, end) or PERSON_CUES_AFTER.match(text, end))


LISTED = "listed"  # source of a person read from a list of people (`people_listed_before_people`)
_ITEM_OPENERS = "，。；：、“（ "  # what a list's first item follows, besides the start of the sentence


def people_listed_before_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """An untagged item right before a 、 and a PERSON, that looks like a name and is no dictionary word, is a person
    too (铁凝、谌贻琴出席: the model misses a rare name that opens a sentence but finds it inside the list), and so
    on back along the list; only where the words after the list say it lists people (`person_evidence`)."""
    people = {m.start: m for m in mentions if m.type == "PERSON"}
    found: dict[tuple[int, int], Mention] = {}  # (start, end) -> the person read there
    for person in people.values():
        if not person_evidence(text, _last_listed(text, person, people)):
            continue  # 白鹤滩、溪洛渡、向家坝水电站: a list the model misread, with nothing of a person after it
        end = person.start - 1
        while end > 0 and text[end] == SEPARATOR:
            start = next((end - n for n in NAME_LENGTHS if end - n == 0 or text[end - n - 1] in _ITEM_OPENERS), None)
            if start is None or not _may_be_listed_person(text, start, end, mentions):
                break
            found[start, end] = Mention(start, end, "PERSON", text[start:end], source=LISTED)
            end = start - 1
    if not found:
        return mentions
    kept = [m for m in mentions if (m.start, m.end) not in found]
    return sorted(kept + list(found.values()), key=attrgetter("start"))


def _may_be_listed_person(text: str, start: int, end: int, mentions: list[Mention]) -> bool:
    """Whether text[start:end] may be a person's name the model missed: a name's characters and no word of the
    dictionary, untagged or read as a place no dictionary knows that starts with a common surname (石泰峰)."""
    name = text[start:end]
    if not looks_like_name(name) or is_word(name) or name in place_names():
        return False
    over = [m for m in mentions if m.start < end and start < m.end]
    if len(over) != 1:
        return not over
    only = over[0]
    return (only.start, only.end, only.type) == (start, end, "LOCATION") and name[0] in COMMON_SURNAMES


def _last_listed(text: str, person: Mention, people: dict[int, Mention]) -> Mention:
    """The last PERSON of the 、 list `person` is in, from `person` on (`people` by their start)."""
    while text[person.end : person.end + 1] == SEPARATOR and person.end + 1 in people:
        person = people[person.end + 1]
    return person


# Titles a leader is called by with the surname alone (习主席, 李总理), longest first.
SURNAME_TITLES = ("总书记", "副主席", "副总理", "委员长", "主席", "总理")
_TITLE_WORD = re.compile("|".join(SURNAME_TITLES))
_SURNAME_TITLE = re.compile(f"([\u4e00-\u9fff])({'|'.join(SURNAME_TITLES)})")


def _titled_names(result: dict[str, list[Mention]], texts: dict[str, str]) -> dict[tuple[str, str], set[str]]:
    """(surname, title) -> the PERSON names of the document printed with that title right before or after them
    (国家主席习近平, 习近平主席)."""
    names = {m.text for found in result.values() for m in found if m.type == "PERSON" and len(m.text) in NAME_LENGTHS}
    titled: dict[tuple[str, str], set[str]] = {}
    for sid in result:  # one pass over the titles printed: linear in the text, whatever the number of names
        text = texts[sid]
        for match in _TITLE_WORD.finditer(text):
            title, start, end = match.group(), match.start(), match.end()
            for size in NAME_LENGTHS:
                for name in (text[start - size : start] if start >= size else "", text[end : end + size]):
                    if name in names:
                        titled.setdefault((name[0], title), set()).add(name)
    return titled


def surnames_with_titles(result: dict[str, list[Mention]], texts: dict[str, str]) -> dict[str, list[Mention]]:
    """A surname printed with a title (习主席) is a PERSON, normalized to the one name of the document printed with
    that surname and title (习近平): MSRA tags 江 of 江主席, and the graph should count the mention for the person.
    Never where two such names fit, nor where the character ends a word (学习|主席团)."""
    if not any(_SURNAME_TITLE.search(texts[sid]) for sid in result):
        return result
    titled = _titled_names(result, texts)
    out = dict(result)
    for sid, found in result.items():
        text = texts[sid]
        added = []
        for match in _SURNAME_TITLE.finditer(text):
            names = titled.get((match.group(1), match.group(2)), set())
            at = match.start()
            if len(names) != 1 or (at > 0 and is_word(text[at - 1 : at + 1])):
                continue
            if any(m.start <= at < m.end for m in found):
                continue
            (name,) = names
            added.append(Mention(at, at + 1, "PERSON", match.group(1), normalized=name, source="names"))
        if added:
            out[sid] = sorted(found + added, key=attrgetter("start"))
    return out


def complete_cut_names(result: dict[str, list[Mention]], texts: dict[str, str]) -> dict[str, list[Mention]]:
    """A PERSON or LOCATION the tagger cut short where its document prints the whole name, tagged with the same
    type elsewhere (or a place's piece read as a person), at that very place becomes the whole name (罗门群岛 of
    所罗门群岛, 赵乐 of 赵乐际, 巴赫 of 巴赫穆特): transliterations and rare names are cut at random, the same name
    read whole in the next sentence. Only where the whole name begins and ends on the words of a dictionary
    segmentation, and the characters it adds are no dictionary word of two or more (not 永定河 + 北京, 中国 +
    空间站); a cut piece that is a word itself (巴赫, 青海) grows by at most two characters and not by a place's
    one-character name (印尼 of 中印尼 stays). Sentences where no name grows keep their mentions as they were.
    `texts`: sentence id -> text."""
    whole: dict[str, set[str]] = {}
    for found in result.values():
        for m in found:
            if m.type in _CUT_TYPES and m.end - m.start > 2:
                whole.setdefault(m.text, set()).add(m.type)
    if not whole:
        return result
    printed = names_printed({sid: texts[sid] for sid in result}, sorted(whole))
    out = dict(result)
    for sid, longest in printed.items():
        grown = _grown_names(texts[sid], result[sid], longest, whole)
        if grown is not result[sid]:
            out[sid] = grown
    return out


def complete_names_never_printed_alone(
    result: dict[str, list[Mention]], texts: dict[str, str]
) -> dict[str, list[Mention]]:
    """A two-character PERSON its document never prints alone, always followed by the same character, grows to take
    that character in when the document prints the longer name before a verb of speech or diplomacy (栗战|书 where
    栗战书会见… or 栗战书表示 is printed, none tagged whole): the tagger cut a rare name it never read whole, so
    `complete_cut_names` has nothing to grow it to. A role after the longer name is no evidence (翁华给总书记, 王储兼
    首相, 以李舸为主席); nor may the character start a role or a dictionary word of two or more (韩正|副主席,
    王毅|表示), be a function character, or make a dictionary word."""
    joined = "\n".join(texts[sid] for sid in result)
    grown: dict[str, str] = {}
    for found in result.values():
        for m in found:
            if m.type == "PERSON" and m.end - m.start == 2 and m.text not in grown:
                grown[m.text] = _longer_name(joined, m.text)
    grown = {cut: whole for cut, whole in grown.items() if whole}
    if not grown:
        return result
    return {sid: _grown_to_longer(texts[sid], found, grown) for sid, found in result.items()}


def _longer_name(joined: str, cut: str) -> str:
    """The name `cut` is always printed as the start of in `joined` (see `complete_names_never_printed_alone`), or
    ''."""
    after = {joined[at + len(cut) : at + len(cut) + 1] for at in _occurrences(joined, cut)}
    if len(after) != 1:
        return ""
    (added,) = after
    whole = cut + added
    at = joined.find(whole)
    if (
        not "\u4e00" <= added <= "\u9fff"
        or added in FUNCTION_CHARS
        or is_word(whole)
        or role_starting_at(joined, at + len(cut))
        or ((word := word_at(joined, at + len(cut))) is not None and word[1] - word[0] >= 2)
    ):
        return ""
    printed_as_person = any(PERSON_CUES_AFTER.match(joined, at + len(whole)) for at in _occurrences(joined, whole))
    return whole if printed_as_person else ""


def _occurrences(text: str, name: str) -> list[int]:
    found, at = [], text.find(name)
    while at != -1:
        found.append(at)
        at = text.find(name, at + 1)
    return found


def _grown_to_longer(text: str, mentions: list[Mention], grown: dict[str, str]) -> list[Mention]:
    """`mentions` with each PERSON cut short of a name of `grown` (cut -> whole) grown to it."""
    if not any(m.type == "PERSON" and m.text in grown for m in mentions):
        return mentions
    return [
        m.respan(text, m.start, m.start + len(grown[m.text]))
        if m.type == "PERSON" and m.text in grown and text.startswith(grown[m.text], m.start)
        else m
        for m in mentions
    ]


_CUT_TYPES = ("PERSON", "LOCATION")
_MAX_GROWTH_OF_A_WORD = 2  # characters a cut piece that is a dictionary word may grow by (巴赫 + 穆特)


def _grown_names(
    text: str, mentions: list[Mention], longest: dict[int, int], whole: dict[str, set[str]]
) -> list[Mention]:
    """`mentions` of one sentence with the cut names grown to the whole names printed there (`complete_cut_names`);
    `longest`: position -> length of the longest whole name printed there."""
    grown = list(mentions)
    changed = False
    spans = {(m.start, m.end) for m in mentions}
    for start, length in longest.items():
        end = start + length
        if (start, end) in spans:  # most: the whole name printed and tagged whole
            continue
        pieces = [m for m in grown if m.start < end and start < m.end]
        kinds = whole[text[start:end]]
        if not pieces or any(m.type not in _CUT_TYPES for m in pieces):
            continue
        cut = max((m for m in pieces if _may_grow_as(m, kinds)), key=lambda m: m.end - m.start, default=None)
        if cut is not None and cut.type not in kinds:
            cut = cut.retyped("LOCATION")  # the piece of a place read as a person
        if (
            cut is None
            or not 2 <= cut.end - cut.start < length
            or not _spelled_by(pieces, start, end)
            or not _grows_to(text, cut, start, end)
        ):
            continue
        grown = [m for m in grown if not any(m is piece for piece in pieces)] + [cut.respan(text, start, end)]
        changed = True
    return sorted(grown, key=attrgetter("start")) if changed else mentions


def _may_grow_as(piece: Mention, kinds: set[str]) -> bool:
    """Whether `piece` may grow to a whole name tagged with `kinds`: one of the same type, or an untitled PERSON
    cut from a name tagged only as a place (巴赫 of 巴赫穆特: the model reads the piece as a person's name)."""
    return piece.type in kinds or (kinds == {"LOCATION"} and piece.type == "PERSON" and not piece.title)


def _spelled_by(pieces: list[Mention], start: int, end: int) -> bool:
    """Whether `pieces` lie inside the whole name [start, end), and, when several, spell it with nothing between
    them (博鲁 + 阿尔特 of 博鲁阿尔特: the longer piece of the name's type is the one cut, see `_grows_to`)."""
    ordered = sorted(pieces, key=lambda m: m.start)
    if ordered[0].start < start or end < max(m.end for m in ordered):
        return False
    return len(ordered) == 1 or (
        ordered[0].start == start and ordered[-1].end == end and all(a.end == b.start for a, b in pairwise(ordered))
    )


_RARE_WORD = 5  # dictionary frequency of a rare word (穆特 2, a piece of a place's name; 北京 34488, 空间站 71)


def _transliteration_piece(cut: Mention, piece: str) -> bool:
    """Whether a dictionary word a place cut short grows by is a piece of its transliteration: a rare word (巴赫 +
    穆特). Not for people: a person grown that way lost its place reading on news NER set 19."""
    return cut.type == "LOCATION" and frequency(piece) <= _RARE_WORD


def _grows_to(text: str, cut: Mention, start: int, end: int) -> bool:
    """Whether the whole name text[start:end] around `cut` is what the tagger cut it from (see
    `complete_cut_names`). A one-character function word the segmentation joins to the name's first character
    does not stop it (李强同安瓦尔举行会谈: 同安 is a place to the dictionary)."""
    added = [piece for piece in (text[start : cut.start], text[cut.end : end]) if piece]
    if any(len(piece) >= 2 and is_word(piece) and not _transliteration_piece(cut, piece) for piece in added):
        return False
    if is_word(cut.text) and (
        sum(map(len, added)) > _MAX_GROWTH_OF_A_WORD or any(piece in PLACE_ABBREVIATIONS for piece in added)
    ):
        return False
    before = word_across(text, start)
    glued = before == (start - 1, start + 1) and text[start - 1] in BEFORE_KNOWN_NAMES  # 同|安瓦尔, read 同安|瓦尔
    return (before is None or glued) and word_across(text, end) is None


# Storms are named like people: a name in quotes right after a storm word (台风“杜苏芮”) or a few characters before
# one (“妮科尔”以一级飓风的强度登陆) names the storm.
STORMS = "超强台风|强台风|台风|飓风|强热带风暴|热带风暴|热带气旋|气旋"
# Weapons too, by a name in quotes right before their kind (“海马斯”火箭弹, “艾布拉姆斯”坦克, “鱼鹰”运输机, “海马斯”
# 系统, “爱国者”防空系统), a two-character modifier between or not (“海马斯”多管火箭炮).
WEAPONS = "火箭弹|火箭炮|榴弹炮|导弹|系统|坦克|战车|战斗机|战机|轰炸机|运输机|直升机|无人机|装甲车|潜艇|驱逐舰|护卫舰"
# And pipelines (“北溪”天然气管道): a line, no place, though named after one.
PIPELINES = "天然气管道|输气管道|管道|管线"
_NAMED_THINGS = re.compile(
    rf"(?:{STORMS})“([^“”]{{2,8}})”|“([^“”]{{2,8}})”[^“”，。；！？]{{0,6}}?(?:{STORMS})|“([^“”]{{2,8}})”型?[^“”，。；！？]{{0,2}}?(?:{WEAPONS}|{PIPELINES})"
)


def without_storms_or_weapons(result: dict[str, list[Mention]], texts: dict[str, str]) -> dict[str, list[Mention]]:
    """`result` without the mentions of a name its document prints as a storm's, a weapon's or a pipeline's, in any
    sentence, nor of a piece of it inside its quotes: none is a person, a place or a body (“加布丽埃勒”从新西兰北岛登陆
    read as a place, “艾布拉姆斯”坦克 as a person, 马斯 of “海马斯”)."""
    things = {
        name
        for text in texts.values()
        if "“" in text
        for match in _NAMED_THINGS.finditer(text)
        for name in match.groups()
        if name
    }
    if not things:  # nearly every document
        return result
    out = {}
    for sid, found in result.items():
        text = texts[sid]
        quoted = [(at + 1, at + 1 + len(name)) for name in things for at in _occurrences(text, f"“{name}”")]
        out[sid] = [
            m
            for m in found
            if m.type == "DATE" or (m.text not in things and not any(s <= m.start and m.end <= e for s, e in quoted))
        ]
    return out


def one_sense_per_document(result: dict[str, list[Mention]], texts: dict[str, str]) -> dict[str, list[Mention]]:
    """Every mention of a name takes the sense the document's evidence supports (`texts`: sentence id -> text).

    A PERSON with no person evidence anywhere in the document becomes a LOCATION when the document gives
    the name place evidence, or uses it as a place or organization, or as the head of one (青溪 in 青溪医院),
    at least as often. A LOCATION becomes a PERSON when the document gives that name person evidence (a
    title before it, 俄罗斯总统普京) and the place has no place evidence of its own, or prints it with a title; an
    ORGANIZATION does when the name has such evidence and a title follows it there (拜登总统 read as an
    organization); so does a Chinese name the document tags PERSON more often than anything else, with no place
    evidence and no place of the dictionary (a name read as a place in a headline). A name with person evidence is
    a PERSON wherever the document prints it outside another mention
    and on word boundaries (应美国总统拜登邀请 … 拜登为习近平举行欢迎仪式: the tagger missed the second).
    """
    evidence = _evidence(result, texts)
    names = [name for name in evidence.people if len(name) >= MIN_PROPAGATED]  # the names propagated
    printed = names_printed({sid: texts[sid] for sid in result}, names) if names else {}
    # the names whose mentions may change sense (`_sense`): the others are kept without a look
    in_question = evidence.people | {
        name for name in evidence.persons if evidence.misread(name) or evidence.mostly_a_person(name)
    }
    senses = {}
    for sid, found in result.items():
        text = texts[sid]
        senses[sid] = [_sense(text, m, found, evidence) if m.text in in_question else m for m in found]
        added = _unread_people(text, senses[sid], printed[sid]) if sid in printed else []
        if added:
            kept = [m for m in senses[sid] if not any(a.start <= m.start and m.end <= a.end for a in added)]
            senses[sid] = sorted([*kept, *added], key=lambda m: (m.start, m.end))
        if added or _retyped_person(senses[sid], found):
            attach_titles(text, senses[sid])  # a person found here gets the title printed before it
    return senses


def _retyped_person(sensed: list[Mention], found: list[Mention]) -> bool:
    """Whether `_sense` made a PERSON of one of `found` (`sensed`, in the same order)."""
    if sensed == found:  # identity first, in C: most sentences keep every mention as it was
        return False
    return any(new is not old and new.type == "PERSON" for new, old in zip(sensed, found, strict=True))


def _sense(text: str, mention: Mention, mentions: list[Mention], evidence: _Evidence) -> Mention:
    if mention.type == "PERSON" and evidence.misread(mention.text):
        return mention.retyped("LOCATION")
    if (
        mention.type == "LOCATION"
        and mention.text in evidence.people
        and mention.text not in PLACE_ABBREVIATIONS  # 巴 of 金砖国家领导人巴以问题…峰会: a place, though after a title
        and (mention.text in evidence.titled or not place_evidence(text, mention, mentions))
    ):
        return mention.retyped("PERSON")
    if mention.type == "ORGANIZATION" and mention.text in evidence.people and person_evidence(text, mention):
        return mention.retyped("PERSON")
    if mention.type == "LOCATION" and evidence.mostly_a_person(mention.text):
        return mention.retyped("PERSON")
    return mention


def _unread_people(text: str, mentions: list[Mention], longest: dict[int, int]) -> list[Mention]:
    """PERSON mentions for the document's people printed in `text` where no mention is but a one-character place
    (京 of 普京称, which they replace), on word boundaries. `longest`: position -> length of the longest name of a
    person printed there (`names_printed`), the only positions tried."""
    taken = list(mentions)
    at = 0
    for start in sorted(longest):
        if start < at:
            continue
        end = start + longest[start]
        free = not any(m.start < end and start < m.end and _blocks(m) for m in taken)
        if (
            free
            and word_across(text, start) is None
            and (word_across(text, end) is None or _before_progressive(text, end))
        ):
            taken.append(Mention(start, end, "PERSON", text[start:end], source=PROPAGATED))
            at = end
    return taken[len(mentions) :]


PROGRESSIVE = "正在"  # "is doing", printed right after a name: 韩正在北京会见 is 韩正 + 在, not 韩 + 正在


def _before_progressive(text: str, end: int) -> bool:
    """Whether a name ending at `end` with 正 is followed by 在, so the word 正在 the segmentation reads across its end
    is the name's last character and a preposition (韩正|在北京)."""
    return text[end - 1 : end + 1] == PROGRESSIVE


def _blocks(mention: Mention) -> bool:
    """Whether a mention keeps a known person's name from being read where it overlaps: all but a one-character
    place or organization (a surname kept for 王某 does)."""
    return mention.end - mention.start > 1 or mention.type == "PERSON"


def names_printed(texts: dict[str, str], names: list[str]) -> dict[str, dict[int, int]]:
    """Sentence id -> (position -> length of the longest of `names` printed there), for the sentences of `texts`
    that print one. One `str.find` pass per name over the sentences joined, not one per name and sentence:
    most sentences print none (over 1,000 generated pages, 8,509 names and 23,972 sentences: 7,448 print one)."""
    sids = list(texts)
    joined = "\n".join(texts.values())
    starts = list(accumulate((len(text) + 1 for text in texts.values()), initial=0))
    printed: dict[str, dict[int, int]] = {}
    for name in names:
        for at in _occurrences(joined, name):
            index = bisect_right(starts, at) - 1
            start = at - starts[index]
            if start + len(name) <= len(texts[sids[index]]):  # inside the sentence, not across its end
                longest = printed.setdefault(sids[index], {})
                longest[start] = max(longest.get(start, 0), len(name))
    return printed
