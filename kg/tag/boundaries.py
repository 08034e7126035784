"""Repairs of mention boundaries that character taggers get wrong on newspaper text.

Why: names are printed in lists that run straight into a verb (…甲、乙在分会场出席会议), right after
stacked titles (市委书记甲), or followed by 一行/同志; a tagger trained on general text swallows the
neighbouring characters (乙在, 书记甲) and misses names in long lists. A character tagger also cuts
words the sentence needs (负责人|李强 tagged 人李强, 李强|作出 tagged 李强作, 以磐安专班… for 磐安专班…),
joins names printed one after another (蔡奇丁薛祥) and splits foreign names at their · or - . These rules
are general: they use separators, role words (kg.tag.titles), a dictionary segmentation (kg.tag.words)
and closed lists of function words, never specific names.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from operator import attrgetter

from kg.model import Mention
from kg.tag.gazetteer import (
    COMMON_SURNAMES,
    PLACE_ABBREVIATIONS,
    SURNAME_FOLLOWERS,
    common_nouns,
    country_names,
    name_words,
    no_name_words,
    person_names,
    place_names,
    verbs,
    well_known_place,
)
from kg.tag.titles import SEPARATOR, Title, org_suffix_at, role_ending_at, role_starting_at
from kg.tag.words import is_word, word_across, word_at, words_before

LIST_SOURCE = "list"
# Words that follow a name and never belong to one: a PERSON span is cut where they start.
STRONG_FOLLOWERS = ("一行", "同志", "参加", "出席", "主持", "来到", "表示", "指出", "强调", "陪同", "前往", "在", "等")
# Characters that follow names but also occur in them (王春来, 李建和): cut only a span too long for a name.
WEAK_FOLLOWERS = ("说", "到", "赴", "来", "和", "与", "向", "对", "将", "是", "也", "就", "从", "率", "带")
NAME_FOLLOWERS = STRONG_FOLLOWERS + WEAK_FOLLOWERS
_NOT_IN_NAMES = frozenset("的了在是和与及等")
_NEVER_IN_NAMES = frozenset("的了在是及等")  # (和 is in names too: 胡和平, 李长和; not in a list's items)
NAME_LENGTHS = (2, 3)  # list items: Chinese personal names
_MIN_NAME = 2


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_PAIRS = dict(zip("“‘《〈「『（([【〔", "”’》〉」』）)]】〕", strict=True))


def _stray_mark(text: str, start: int, end: int, at: int) -> bool:
    """Whether text[at] (the first or last character of text[start:end]) is punctuation or a space the
    name does not need: anything but a quote or bracket closed (opened) inside the span (】廷·巴特尔 but
    “发现号”航天飞机)."""
    ch = text[at]
    if ch in CONNECTORS or unicodedata.category(ch)[0] not in "PZ":
        return False
    if at == start and ch in _PAIRS:
        return _PAIRS[ch] not in text[start + 1 : end]
    closing = {v: k for k, v in _PAIRS.items()}
    return not (at == end - 1 and ch in closing and closing[ch] in text[start : end - 1])


_NOT_FIRST_IN_NAMES = frozenset("有没不很太也都还又更最两多各每几并该此这那其")  # 有魄力, 两国, 多位: words, not names


def looks_like_name(s: str) -> bool:
    """Whether a list item may be a person's name: two or three characters of a name, no role, and no common noun
    of the dictionary (全面、系统、整体地落实 after a title lists manners, not people)."""
    return (
        len(s) in NAME_LENGTHS
        and all(_is_cjk(c) and c not in _NOT_IN_NAMES for c in s)
        and s[0] not in _NOT_FIRST_IN_NAMES
        and role_ending_at(s, len(s)) is None
        and s not in common_nouns()
    )


def _name_ends_at(text: str, pos: int) -> bool:
    """True when a name may end at `pos`: end of text, punctuation, or a word that follows names."""
    return pos == len(text) or not _is_cjk(text[pos]) or text.startswith(NAME_FOLLOWERS, pos)


def _name_end(text: str, start: int, end: int) -> int:
    """Where the name in text[start:end] ends: before a follower word the tagger swallowed. A name joined by a · or
    - goes on past it, so followers are looked for after the last connector only (雪克来提·扎克尔, not 雪克|来提)."""
    start = max(start, max(text.rfind(connector, start, end) for connector in CONNECTORS) + 1)
    for length in NAME_LENGTHS:  # 谢纯在 -> 谢纯, 沈晓红一行 -> 沈晓红
        if start + length < end and text.startswith(STRONG_FOLLOWERS, start + length):
            return start + length
    if end - start > max(NAME_LENGTHS):  # 王立新说 -> 王立新, 沈晓红来永 -> 沈晓红
        for length in sorted(NAME_LENGTHS, reverse=True):
            if text.startswith(WEAK_FOLLOWERS, start + length):
                return start + length
    return end


def _trim_person(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of text[start:end] without a swallowed title in front and verbs/一行 behind; None when
    no name is left, or a word that is none (see `_no_name`)."""
    for cut in range(end - _MIN_NAME, start, -1):  # the last role word inside the span ends the title
        if role_ending_at(text[start:cut], cut - start) is not None:
            start = cut
            break
    end = _name_end(text, start, end)
    return (start, end) if end - start >= _MIN_NAME and not _no_name(text, start, end) else None


WORK_TITLE_OPENING = "《"
WORK_TITLE_CLOSING = "》"


def in_work_title(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is printed inside a work's title: after a 《 that no 》 closes before `end`."""
    opening = text.rfind(WORK_TITLE_OPENING, 0, start)
    if opening < 0:
        return False
    closing = text.find(WORK_TITLE_CLOSING, opening)
    return closing < 0 or closing >= end


# A count or a quantifier of countries or parties is no name (多国人士表示, 两国元首, 各方): 国 and 方 end collective
# words the tagger reads as a name before a verb of speech.
COLLECTIVES = re.compile("(?:[多各诸众数几两双]|[一二三四五六七八九十]+)个?[国方]")


ROUTES = ("高铁", "铁路", "班列", "公路", "高速")  # 雅万高铁, 京张高铁 read 京 + 张高铁: a railway is nobody
NETWORK = "网"
_ROUTE_THEN_PLACE = re.compile(f"(?:{'|'.join(ROUTES)}){NETWORK}?")  # a line or its network, a place printed after it
ROUTE_TO = "至"  # "A至B高铁", "A至B段": a route named by the places it joins
_MAX_ROUTE_END = 4  # characters of a place read with a route's name before it


_LONGEST_GIVEN_NAME = 2


def _no_name(text: str, start: int, end: int) -> bool:
    """Whether a PERSON span text[start:end] is plainly no name: a word the dictionary knows only as a verb, with no
    common surname first (主席复信, 向主席致贺的: the tagger reads the verb after a title as the name; 张扬 may be
    one), a collective word (`COLLECTIVES`: 多国, 两国), a route (`ROUTES`), or a common noun of the dictionary
    opening the title of a work (《高端访谈》; not 《习近平的…》), or one character before a common noun longer than a
    given name (韩志愿军)."""
    word = text[start:end]
    if (word[0] not in COMMON_SURNAMES and word in verbs()) or COLLECTIVES.fullmatch(word) or word.endswith(ROUTES):
        return True
    if len(word) > _LONGEST_GIVEN_NAME + 1 and word[1:] in common_nouns():  # 在韩|志愿军: a surname's character, a noun
        return True
    opens_work = start > 0 and text[start - 1] == WORK_TITLE_OPENING
    return opens_work and word in common_nouns()


PERSON_NOUN_ENDS = "人者"  # 创始人, 负责人, 发言人, 记者: words for what someone is, printed right before a name


def _person_word_ending_at(text: str, end: int) -> bool:
    """Whether a role word, or a dictionary word of two or three characters ending like a person noun, ends at
    `end`."""
    if role_ending_at(text, end) is not None:
        return True
    return text[end - 1 : end] in PERSON_NOUN_ENDS and any(is_word(text[end - size : end]) for size in (2, 3))


def join_name_after_role(text: str, mentions: list[Mention]) -> list[Mention]:
    """A place the dictionary does not know, printed right after a role or a person noun and run into a PERSON, is
    the first part of that person's name (创始人布隆|伯格 tagged place and person): such a word is followed by a name,
    not by a place then a name (美国总统拜登 prints the country before the role). Not two PERSONs (领导人习近平李强:
    a list)."""
    out: list[Mention] = []
    for mention in mentions:
        before = out[-1] if out else None
        if (
            mention.type == "PERSON"
            and before is not None
            and before.type == "LOCATION"
            and before.end == mention.start
            and before.text not in place_names()
            and _person_word_ending_at(text, before.start)
        ):
            out[-1] = mention.respan(text, before.start, mention.end)
        else:
            out.append(mention)
    return out


def name_after_role(text: str, start: int) -> int | None:
    """Where the name ends whose surname the model read alone at `start`, right after a role word, when what follows
    the name is what follows names (部长胡|和平作了说明: 和平 is a word, the model stops at the surname); None when no
    such name is printed there (王 of 王某)."""
    if text[start] not in COMMON_SURNAMES or role_ending_at(text, start) is None:
        return None
    if text.startswith(SURNAME_FOLLOWERS, start + 1):  # 王某, 王先生: a surname printed for a person
        return None
    for end in (start + 3, start + 2):
        if (
            end < len(text)
            and all(_is_cjk(c) and c not in _NEVER_IN_NAMES for c in text[start + 1 : end])
            and (text[end] in TRAILING_CHARS or text.startswith(STRONG_FOLLOWERS, end))
        ):
            return end
    return None


def fix_person_boundaries(text: str, mentions: list[Mention]) -> list[Mention]:
    """Split PERSON mentions at 、, strip swallowed titles and trailing verbs; other types pass through."""
    fixed: list[Mention] = []
    for mention in mentions:
        if mention.type != "PERSON" or mention.end - mention.start < _MIN_NAME:  # 王 of 王某: nothing to repair
            fixed.append(mention)
            continue
        piece_start = mention.start
        while piece_start <= mention.end:  # the pieces between the 、 (found by str.find, not a loop over characters)
            pos = text.find(SEPARATOR, piece_start, mention.end)
            pos = mention.end if pos == -1 else pos
            trimmed = _trim_person(text, piece_start, pos) if pos > piece_start else None
            if trimmed == (mention.start, mention.end):
                fixed.append(mention)
            elif trimmed is not None:
                fixed.append(mention.respan(text, *trimmed))
            piece_start = pos + 1
    return fixed


def _foreign_name(s: str) -> bool:
    """Whether a list item is a name of parts joined by a · or - (帕巴拉·格列朗杰), each of two to six characters."""
    parts = _CONNECTED.split(s)
    return len(parts) > 1 and all(2 <= len(part) <= _LONGEST_NAME_PART and all(map(_is_cjk, part)) for part in parts)


def _list_items(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the 、-separated names starting at `start` (empty unless there are at least two); an item of the
    list may be a foreign name (帕巴拉·格列朗杰), but the first is a Chinese one."""
    first = text.find(SEPARATOR, start) - start
    if first not in NAME_LENGTHS:  # most titles: no name and 、 right after them, so one item at most
        return []
    items: list[tuple[int, int]] = []
    pos = start
    while True:
        sep = text.find(SEPARATOR, pos)
        if sep != -1 and (looks_like_name(text[pos:sep]) or _foreign_name(text[pos:sep])):
            items.append((pos, sep))
            pos = sep + 1
            continue
        # the last item runs into the rest of the sentence, or ends the text (not before a ·: a name goes on)
        for end in (pos + length for length in sorted(NAME_LENGTHS, reverse=True)):
            if (
                end <= len(text)
                and looks_like_name(text[pos:end])
                and _name_ends_at(text, end)
                and (end == len(text) or text[end] not in CONNECTORS)
            ):
                items.append((pos, end))
                break
        return items if len(items) >= 2 else []


def complete_title_lists(text: str, mentions: list[Mention], titles: Sequence[Title]) -> list[Mention]:
    """Add PERSON mentions for every name of a list printed right after a title (市领导甲、乙、丙出席).

    `titles` are `find_titles(text)`. Model mentions that overlap a list item are replaced, except a
    PERSON with exactly its span; an item inside a longer place or organization the model found is no name.
    """
    if SEPARATOR not in text:  # a list has two names at least, so a 、 (`_list_items`)
        return mentions
    items = [
        (start, end)
        for title in titles
        for start, end in _list_items(text, title.end)
        if not any(m.type != "PERSON" and m.start <= start and end <= m.end and m.end - m.start > end - start
                   for m in mentions)  # 劳动 of 劳动和社会保障部部长: the model read a longer name there
    ]  # fmt: skip
    if not items:
        return mentions
    kept = [
        m
        for m in mentions
        if not any(m.start < end and start < m.end for start, end in items)
        or (m.type == "PERSON" and (m.start, m.end) in items)
    ]
    have = {(m.start, m.end) for m in kept if m.type == "PERSON"}
    added = [Mention(s, e, "PERSON", text[s:e], source=LIST_SOURCE) for s, e in items if (s, e) not in have]
    return kept + added


def drop_persons_in_titles(mentions: list[Mention], titles: Sequence[Title]) -> list[Mention]:
    """Drop PERSON mentions that overlap a role word (书记, 首席记者) of `titles`: titles are not names."""
    roles = [(t.role_start, t.end) for t in titles]
    return [m for m in mentions if m.type != "PERSON" or not any(m.start < e and s < m.end for s, e in roles)]


# Words a span never starts with: prepositions, conjunctions and verbs that the tagger swallows (以X为例,
# 同X会谈, 来到X); only when a dictionary segmentation keeps them apart (以色列 and 同仁堂 are names).
LEADING_WORDS = frozenset(["回顾", "来自", "位于", "前往", "来到", "走进", "审议", "听取", "符合"]) | frozenset(
    "以同和与及在对向由经据为把被从到赴于将让请给跟随至沿按依当是即并而或又也还就都已所等的了"
)
# Function words cut off a name the document prints alone (向普京 -> 普京, 若赫什 -> 赫什, 致习近平, 采访中|特罗约);
# 若 ("if"), 致 ("to", of letters) and 中 ("during") are no LEADING_WORDS entries, because a segmentation splits
# the place 若开邦 as 若|开邦, and 致 and 中 begin names.
BEFORE_KNOWN_NAMES = LEADING_WORDS | {"若", "致", "中"}
# Verbs that also begin names (联合民族独立党): dropped only before a government level (联合市市场监督管理局).
LEADING_VERBS = ("联合", "会同", "协同", "组织")
_LEADING = (*LEADING_WORDS, *LEADING_VERBS)
# Their first characters: one set lookup tells most spans apart, a fourth of the cost of startswith over all 54.
_LEADING_FIRST = frozenset(word[0] for word in _LEADING)
GOVERNMENT_LEVELS = "省市县区镇乡"
# Single characters a person's name is never followed by as a word of its own (拜登亦, 李强也), and the one-character
# verbs of news that follow leaders' names (拜登致|唁电, 李强乘|包机, 李强监|誓, 王毅应|询).
TRAILING_CHARS = frozenset("亦也又还就都在将对向从说称等的了曾已作致乘监应率携偕赴抵")  # 作: 周强作|的…报告
# Conjunctions that also end names (李长和): cut only after a name the document prints alone (李强同).
CONJUNCTIONS = "同和与及"
_STRAY_AFTER_KNOWN = TRAILING_CHARS | frozenset(CONJUNCTIONS)
SPOUSE = "夫人"
NUMERALS = "一二三四五六七八九十"
REGNAL = re.compile("[一二三四五六七八九十]{1,3}世(?![纪界代])")  # 查尔斯三世, 阿卜杜拉二世 (not 二十世纪)
CONNECTORS = "·‧•・-－"  # inside foreign names: 帕巴拉·格列朗杰, 西雅图-塔科马国际机场
PLACE_JOINERS = "·‧•・-"  # the full-width dash joins two places without making them one (中国－中亚)
_CONNECTED = re.compile(f"[{re.escape(CONNECTORS)}]")
_LONGEST_NAME_PART = 6


def _leading_word_end(text: str, start: int, end: int) -> int:
    """Where the span's text starts once a leading function word is dropped (`start` when there is none, or the
    word is a surname printed right after a title)."""
    if text[start] not in _LEADING_FIRST or not text.startswith(_LEADING, start):  # most spans: no segmentation
        return start
    word = word_at(text, start)
    if word is None or end - word[1] < _MIN_NAME:
        return start
    first = text[start : word[1]]
    if first in COMMON_SURNAMES and role_ending_at(text, start) is not None:
        return start  # 主任委员|于伟国, 副部长|向跃东: right after a title, a surname
    if first in LEADING_WORDS or (first in LEADING_VERBS and text[word[1]] in GOVERNMENT_LEVELS):
        return word[1]
    return start


def _person_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A PERSON span on whole words: 负责人|李强 -> 李强, 同拜登 -> 拜登, 拜登亦 -> 拜登; a name part cut before
    a · or - is completed (罗门·奥蒂茨 -> 所罗门·奥蒂茨); 夫人 before a name is dropped; a name that ends one
    character into a verb, or a name of three characters or more that ends one character into any word, loses
    that character (李强作|出, 阿姆斯特朗登|上; but 赵致真|情 is a name before a noun), and so does a
    two-character name before 夫人 (卢拉夫|人: the leader's wife is printed right after his name)."""
    start = _leading_word_end(text, start, end)
    if text.startswith(SPOUSE, start) and end - start - len(SPOUSE) >= _MIN_NAME:
        start += len(SPOUSE)  # 夫人|米尔济约耶娃: the title before a wife's name
    across = word_across(text, start)
    if across is not None and text[across[1] : across[1] + 1] in CONNECTORS:
        start = across[0]
    elif across is not None and end - across[1] >= _MIN_NAME and role_ending_at(text, start) is None:
        start = across[1]  # (not 主任|何立峰: a title ends where the name starts, though 任何 is a word)
    across = word_across(text, end) if not text.startswith(NAME_FOLLOWERS, end) else None  # 杭巨平|等 stays
    if across is not None and across[0] == start and across[1] == end + 1 and text[start : end + 1] in person_names():
        return start, end + 1  # 辜胜|阻: a three-character name the dictionary knows, cut one character short
    if (
        across is not None
        and across[0] == end - 1
        and (end - 1 - start > _MIN_NAME or _is_verb(text, *across) or text[across[0] : across[1]] == SPOUSE)
    ):
        end -= 1  # 阿姆斯特朗|登上, 李强|作出, 卢拉|夫人
    if end - start > _MIN_NAME and text[end - 1] in NUMERALS and text.startswith(SEPARATOR, end):
        end -= 1  # 蔡奇 + 二、 (the next item of a numbered list)
    if end - start > _MIN_NAME and text[end - 1] in TRAILING_CHARS and word_at(text, end - 1) == (end - 1, end):
        end -= 1
    if end - start > _MIN_NAME and role_starting_at(text, end - 1) is not None:
        end -= 1  # a title printed after the name begins inside the span: 麦卡锡众|议长
    if (regnal := REGNAL.match(text, end)) is not None:
        end = regnal.end()  # 查尔斯 + 三世: a monarch's number is part of the name
    return start, end


def _is_verb(text: str, start: int, end: int) -> bool:
    return text[start:end] in verbs()


def _place_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A place or organization span without a leading function word (以磐安专班… -> 磐安专班…) nor the end of a verb
    it starts inside (复|信费城交响乐团 -> 费城交响乐团, 设|立民营经济发展局 -> 民营经济发展局)."""
    start = _leading_word_end(text, start, end)
    across = word_across(text, start)
    if across is not None and end - across[1] >= _MIN_NAME and _is_verb(text, *across):
        start = across[1]
    return start, end


# Words a dictionary place name may end with that a place cut before them does without: MSRA tags 商洛 of 商洛地区;
# jieba's place list holds 中华文明.
_NOT_PLACE_ENDS = ("地区", "文明")


def _place_after_route(text: str, mention: Mention) -> tuple[int, int] | None:
    """The span of the place that ends a mention read over a route's name before it: a dictionary place, or a name
    a route goes from (贵南高铁|贵阳 of 贵南高铁贵阳至荔波段, 高铁网|包头 of 高铁网包头至海口); None when there is
    none."""
    for route in _ROUTE_THEN_PLACE.finditer(text, mention.start, mention.end):
        if route.start() == mention.start and not route.group().endswith(NETWORK):
            continue  # 高铁南站: a station named by its line, no line's name before a place
        rest = text[route.end() : mention.end]
        if _MIN_NAME <= len(rest) <= _MAX_ROUTE_END and (
            rest in place_names() or text.startswith(ROUTE_TO, mention.end)
        ):
            return route.end(), mention.end
    return None


def _place_name_end(text: str, start: int, end: int) -> int:
    """The end of a place cut short inside a place name of the dictionary that starts with it (塔里|木盆地 ->
    塔里木盆地, 阿拉山|口, 伊利诺|伊州; not 山西 of 山西太原, a place itself, nor 阿里 of 阿里|地区); `end` when it is
    not."""
    across = word_across(text, end)
    if across is None or across[0] != start or text[start:end] in place_names():
        return end
    grown = text[start : across[1]]
    return across[1] if grown in place_names() and not grown.endswith(_NOT_PLACE_ENDS) else end


def _inside_a_word(text: str, mention: Mention) -> bool:
    """Whether the mention, no word of the dictionary itself, starts inside a dictionary word that runs to its end
    or beyond and is no name either (冬明春 of 今冬明春; not 雷锋 of 学雷锋, a word, nor 张炜 of 谈张炜, which the
    dictionary files as a name, nor 普京 of 和普京, a function word before a name: LEADING_WORDS)."""
    across = word_across(text, mention.start)
    if across is None or across[1] < mention.end or is_word(mention.text):
        return False
    word, glued = text[across[0] : across[1]], text[across[0] : mention.start]
    return glued not in LEADING_WORDS and word not in person_names() and word not in name_words()


def fix_word_boundaries(text: str, mentions: list[Mention]) -> list[Mention]:
    """Spans that start and end on the word boundaries of a dictionary segmentation (see `_person_span` and
    `_place_span`); one-character mentions (中 in 中美) and spans that would leave no name pass unchanged; a place or
    organization that starts inside a place name grows back to it (`_place_name_start`), and a place cut short
    inside one grows on to its end (`_place_name_end`)."""
    fixed = []
    grown_back: list[tuple[int, int]] = []
    for mention in mentions:
        if mention.end - mention.start < _MIN_NAME:
            fixed.append(mention)
            continue
        if mention.type == "PERSON" and mention.text in no_name_words() and not _country_or_place(mention.text):
            continue  # a word no name is made of (常住 "resident" of 常住大陆台胞), though a surname begins it
        if mention.type in ("PERSON", "LOCATION") and (place := _place_after_route(text, mention)) is not None:
            fixed.append(Mention(*place, "LOCATION", text[place[0] : place[1]], source=mention.source))
            continue
        if mention.type == "PERSON" and (place := _inside_place_name(text, mention)) is not None:
            fixed.append(Mention(*place, "LOCATION", text[place[0] : place[1]], source=mention.source))
            continue
        if mention.type == "PERSON" and _inside_a_word(text, mention):
            continue  # 冬明春 of 今冬明春 ("this winter and next spring"): a piece of a word, no name
        if mention.type == "PERSON":
            start, end = _person_span(text, mention.start, mention.end)
        else:
            start, end = _place_span(text, mention.start, mention.end)
            if mention.type == "LOCATION":
                end = _place_name_end(text, start, end)
            if (grown := _place_name_start(text, start, end, mentions)) < start:
                grown_back.append((grown, start))
                start = grown
        fixed.append(mention if (start, end) == (mention.start, mention.end) else mention.respan(text, start, end))
    if grown_back:  # the one-character mentions a name grew back over give way (粤 and 港 of 粤港澳大湾区)
        fixed = [m for m in fixed if not any(low <= m.start and m.end <= high for low, high in grown_back)]
    return _whole_region_names(text, fixed)


# What ends the name of a region or a feature that one-character places start (青藏 + 高原, 亚欧 + 大陆, 黔 + 东南);
# not 海: 黄淮海 is three places, as 京津冀, in the news gold sets.
REGION_ENDS = (
    "高原", "大陆", "平原", "盆地", "半岛", "山脉", "地区", "边区", "东南", "西南", "东北", "西北",
    "洲", "洋", "州", "县",
)  # fmt: skip
_MIN_REGION = 3  # characters of a region's name (two are a pair of places: 中美)
_NOT_REGION_STARTS = ("军", "人", "方")  # 美|军基地, 港|人治港, 中|方: the country's army, people, side


def _whole_region_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """One-character LOCATIONs at the start of a dictionary place name of three characters or more become that name
    (青 + 藏 of 青藏高原, 日 of 日喀则, 黔 of 黔东南) where the rest of it is no mention, holds no place's
    one-character name and ends a region's name, is no word, or is an untagged place; not 中美 + 合作, 美 + 加州
    (a state of its own), 粤港澳 (three places, each tagged) or 美|军基地."""
    if not any(m.end - m.start == 1 and m.type == "LOCATION" for m in mentions):  # most sentences
        return mentions
    out: list[Mention] = []
    skip_to = -1
    for m in mentions:
        if m.start < skip_to:
            continue
        whole = _region_word(text, m, mentions) if m.end - m.start == 1 and m.type == "LOCATION" else None
        if whole is None:
            out.append(m)
            continue
        out.append(m.respan(text, *whole))
        skip_to = whole[1]
    return out


def _region_word(text: str, mention: Mention, mentions: list[Mention]) -> tuple[int, int] | None:
    """The span of the dictionary place name `_whole_region_names` grows `mention` to, or None."""
    word = word_across(text, mention.start + 1)
    if word is None or word[0] != mention.start or word[1] - word[0] < _MIN_REGION:
        return None
    if text[word[0] : word[1]] not in place_names():
        return None
    run = mention.end
    while any(m.start == run and m.end == run + 1 and m.type == "LOCATION" for m in mentions):
        run += 1
    rest = text[run : word[1]]
    if not rest or rest.startswith(_NOT_REGION_STARTS) or any(ch in PLACE_ABBREVIATIONS for ch in rest):
        return None
    if any(m.start < word[1] and run < m.end for m in mentions):
        return None  # the rest is a mention of its own (美 + 加州)
    return word if rest.endswith(REGION_ENDS) or not is_word(rest) or rest in place_names() else None


def _country_or_place(name: str) -> bool:
    """Whether a name is a country's or a dictionary place's (马里, a measure word too: the senses step types it)."""
    return name in country_names() or name in place_names()


def _inside_place_name(text: str, mention: Mention) -> tuple[int, int] | None:
    """The span of the dictionary place name (`ns` and never a person's) a segmentation keeps whole around a PERSON
    mention that starts inside it (桑给|巴尔 tagged 巴尔): the name's end of a place, not a person."""
    word = word_across(text, mention.start)
    if word is None or word[1] < mention.end or text[word[0] : word[1]] not in place_names():
        return None
    return word


def _place_name_start(text: str, start: int, end: int, mentions: list[Mention]) -> int:
    """Where a place or organization span starts once grown back over the start of a place name it begins inside
    (粤港澳|大湾区 tagged 粤, 港 and 澳大湾区): a dictionary place name (`ns` and never a person's) that a segmentation
    keeps whole across the span's start and that ends inside the span, not with it (jieba files 首都北京 and 符合中国
    as places too); only over characters no mention of two or more characters holds (one-character ones give way)."""
    word = word_across(text, start)
    if word is None or word[1] >= end or text[word[0] : word[1]] not in place_names():
        return start
    if any(m.end - m.start > 1 and m.start < start and word[0] < m.end for m in mentions):
        return start
    return word[0]


def split_at_breaks(text: str, mentions: list[Mention], breaks: frozenset[int]) -> list[Mention]:
    """Mentions cut where the raw text had a space between words (习近平　李强　赵乐际 printed as a list
    and joined by the OCR repair); pieces shorter than a name are dropped."""
    if not breaks:
        return mentions
    out = []
    for mention in mentions:
        cuts = [pos for pos in range(mention.start + 1, mention.end) if pos in breaks]
        if not cuts:
            out.append(mention)
            continue
        bounds = [mention.start, *cuts, mention.end]
        out += [mention.respan(text, s, e) for s, e in itertools.pairwise(bounds) if e - s >= _MIN_NAME]
    return out


_LONGEST_SPACED_NAME = 4


def _spaced_items(text: str, breaks: frozenset[int]) -> list[tuple[int, int]]:
    """The runs of Chinese characters of `text`, cut at the breaks too: the items of a list printed with spaces."""
    items, start = [], None
    for pos in range(len(text) + 1):
        if pos < len(text) and _is_cjk(text[pos]) and not (pos in breaks and start is not None):
            start = pos if start is None else start
            continue
        if start is not None:
            items.append((start, pos))
        start = pos if pos < len(text) and _is_cjk(text[pos]) else None
    return items


def spaced_names(text: str, mentions: list[Mention], breaks: frozenset[int]) -> list[Mention]:
    """In a list of names printed with spaces (于绍良　万敏　习骅　马森述), each item of two to four characters a
    break bounds is one name: a PERSON inside it grows to the item (马森|述, and 王|兴宁, which a segmentation of the
    joined text reads as 王立山|王兴宁 -> 山王|兴宁), and an untagged item between two people is a person too (习骅).
    Run after the word boundaries, which know nothing of the breaks."""
    if not breaks:
        return mentions
    items = [(s, _before_list_number(text, e)) for s, e in _spaced_items(text, breaks) if (s in breaks or e in breaks)]
    people = {}
    for s, e in items:
        inside = [m for m in mentions if m.start < e and s < m.end]
        if len(inside) == 1 and inside[0].type == "PERSON" and s <= inside[0].start and inside[0].end <= e:
            people[(s, e)] = inside[0]
        elif not inside:
            people[(s, e)] = None
    out = [m for m in mentions if not any(m is p for p in people.values())]
    for i, (s, e) in enumerate(items):
        if (s, e) not in people or not _MIN_NAME <= e - s <= _LONGEST_SPACED_NAME:
            out += [people[(s, e)]] if people.get((s, e)) else []
            continue
        found = people[(s, e)]
        if found is not None:
            out.append(found if (found.start, found.end) == (s, e) else found.respan(text, s, e))
        elif 0 < i < len(items) - 1 and _person_item(items[i - 1], s, people) and _person_item(items[i + 1], e, people):
            out.append(Mention(s, e, "PERSON", text[s:e], source=SPACED_LIST_SOURCE))
    return sorted(out, key=lambda m: (m.start, m.end))


def _before_list_number(text: str, end: int) -> int:
    """Where an item ends without the number of the next item of a numbered list (蔡奇　二、李希: 蔡奇)."""
    return end - 1 if text[end - 1] in NUMERALS and text.startswith(SEPARATOR, end) else end


def _person_item(item: tuple[int, int], touching: int, people: dict[tuple[int, int], Mention | None]) -> bool:
    """Whether the neighbouring item, across the break at `touching`, is a person of the list."""
    return touching in item and people.get(item) is not None


def _name_before(text: str, pos: int) -> int:
    """Start of the name part that ends at `pos`, before a · or - (所罗门 in 所罗门·奥蒂茨, 阿库福 in
    阿库福-阿多): the last dictionary word, or the run of up to four single characters a segmentation
    leaves of a transliteration (one alone after punctuation: 廷·巴特尔); never a role word (总统) or punctuation."""
    words = [w for w in words_before(text, pos) if all(_is_cjk(c) for c in text[w[0] : w[1]])]
    if not words or words[-1][1] != pos or role_ending_at(text, pos) is not None:
        return pos
    if words[-1][1] - words[-1][0] > 1:
        return words[-1][0]
    start = pos
    for word_start, word_end in reversed(words):
        if word_end != start or word_end - word_start > 1 or pos - word_start > 4:
            break
        start = word_start
    alone = start == 0 or not _is_cjk(text[start - 1])  # 廷·巴特尔 after a comma: a one-character name part
    return start if pos - start >= _MIN_NAME or alone else pos


def _needs_joining(text: str, mention: Mention) -> bool:
    """Whether a mention starts or ends with a mark, or touches a connector."""
    if not (_is_cjk(text[mention.start]) and _is_cjk(text[mention.end - 1])):
        return True
    return mention.start > 0 and text[mention.start - 1] in CONNECTORS  # its own edges are characters, no connector


def join_connected_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Foreign names keep their middle dot and hyphen: a mention next to a connector takes in the name on
    its other side (迪亚斯-卡内尔, 西雅图-塔科马国际机场), two PERSONs around one become one, and a
    connector never starts or ends a mention."""
    if not any(_needs_joining(text, m) for m in mentions):  # most sentences
        return mentions
    out: list[Mention] = []
    for mention in sorted(mentions, key=attrgetter("start")):
        start, end = mention.start, mention.end
        while start < end and (text[start] in CONNECTORS or _stray_mark(text, start, end, start)):
            start += 1
        while end > start and (text[end - 1] in CONNECTORS or _stray_mark(text, start, end, end - 1)):
            end -= 1
        if start > 1 and text[start - 1] in CONNECTORS and _is_cjk(text[start - 2]):
            previous = out[-1] if out and out[-1].end == start - 1 else None
            joins = mention.type == "PERSON" or text[start - 1] in PLACE_JOINERS
            if previous is not None and joins and (previous.type == "PERSON") == (mention.type == "PERSON"):
                out.pop()
                start = previous.start
            elif previous is None and mention.type == "PERSON":
                before = _name_before(text, start - 1)
                start = before if before < start - 1 else start  # no name before the connector: start after it
        if end <= start or (end - start < _MIN_NAME and mention.end - mention.start >= _MIN_NAME):
            continue
        out.append(mention if (start, end) == (mention.start, mention.end) else mention.respan(text, start, end))
    return out


def _known_name_at(text: str, pos: int, known: AbstractSet[str], besides: str) -> int:
    """Length of the longest name of `known` (other than `besides`) printed at `pos`; 0 when none is."""
    for length in (4, 3, 2):
        name = text[pos : pos + length]
        if len(name) == length and name != besides and name in known:
            return length
    return 0


def split_joined_names(text: str, mentions: list[Mention], known: AbstractSet[str]) -> list[Mention]:
    """A PERSON that is known names printed one after the other, the last one possibly running past the span
    (蔡奇丁 in 蔡奇丁薛祥, 丁薛祥习近平), becomes one PERSON per name; a known name followed by a conjunction
    (李强同) or by the start of a word the span cuts (李强作 of 李强作出) loses it, and so does one after a
    preposition (向普京). `known`: names known as people (see `known_people`).
    `mentions` itself when no mention splits (most sentences)."""
    out = []
    split = False
    for mention in mentions:
        pieces = (
            _known_names_in(text, mention.start, mention.end, known, mention.text) if mention.type == "PERSON" else []
        )
        if mention.type == "PERSON" and not pieces:
            pieces = _known_name_and_stray(text, mention, known) or _preposition_and_known_name(mention, known)
        if not pieces or pieces == [(mention.start, mention.end)]:
            out.append(mention)
            continue
        out += [mention.respan(text, start, end) for start, end in pieces]
        split = True
    return out if split else mentions


def _known_names_in(text: str, start: int, end: int, known: AbstractSet[str], besides: str) -> list[tuple[int, int]]:
    """Spans of the names of `known` (other than `besides`) that spell text[start:end] from its start, with
    dictionary words between or after them (see `split_joined_names`); [] when they do not."""
    if end - start <= _MIN_NAME:
        return []
    pieces = []
    pos = start
    while pos < end:
        length = _known_name_at(text, pos, known, besides)
        if length:
            pieces.append((pos, pos + length))
        elif pieces and (word := _word_after_name(text, pos, end)):
            length = word  # 转达 of 李希转达习近平: no name
        else:
            return []
        pos += length
    return pieces


def known_people(names: AbstractSet[str]) -> set[str]:
    """The names of `names` (a document's PERSON mentions) that are not spelled by others of them and words
    (李希转达 where 李希 is printed alone): what `split_joined_names` may cut a PERSON into."""
    return {name for name in names if not _known_names_in(name, 0, len(name), names, name)}


def _word_after_name(text: str, pos: int, end: int) -> int:
    """Length of the dictionary word of two or more characters a segmentation starts at `pos` and ends by `end`
    (转达 after 李希 in 李希转达); 0 when there is none."""
    word = word_at(text, pos)
    if word is None or word[1] > end or word[1] - pos < _MIN_NAME:
        return 0
    return word[1] - pos


def _known_name_and_stray(text: str, mention: Mention, known: AbstractSet[str]) -> list[tuple[int, int]]:
    """[the span of the known name] when `mention` is a known name plus a conjunction, a character names are
    never followed by (TRAILING_CHARS, even where a segmentation joins it to the name: 李干杰|作 of 李干杰作总结,
    read 李干|杰作) or the start of a word that runs past it (李强同, 李强作 of 李强作出, 王毅宣 of 王毅宣读);
    else []."""
    for cut in (mention.end - 1, mention.end - 2):
        if cut - mention.start < _MIN_NAME or text[mention.start : cut] not in known:
            continue
        across = word_across(text, mention.end)
        if (cut == mention.end - 1 and text[cut] in _STRAY_AFTER_KNOWN) or (across is not None and across[0] == cut):
            return [(mention.start, cut)]
    return []


def _preposition_and_known_name(mention: Mention, known: AbstractSet[str]) -> list[tuple[int, int]]:
    """[the span of the known name] when `mention` is a one-character function word (BEFORE_KNOWN_NAMES) plus a name
    the document prints as a person (向普京 of 向普京报告, where a segmentation does not cut 向 off); else []. The
    rest must be a whole known name of two or more characters, so a surname such as 向 before an unknown given
    name stays (向明)."""
    rest = mention.text[1:]
    if mention.text[0] in BEFORE_KNOWN_NAMES and len(rest) >= _MIN_NAME and rest in known:
        return [(mention.start + 1, mention.end)]
    return []


ORG_LIST_SOURCE = "org_list"
SPACED_LIST_SOURCE = "spaced_list"  # names of a list printed with spaces, untagged between two people
_MAX_ORG_ITEM = 12
_LIST_END = "等和及与"


def _org_item_end(text: str, start: int, stop: int) -> int | None:
    """End of the last item of a 、 list starting at `start`: the shortest run of name characters before
    `stop` that ends with an organization suffix (市政府 of 市政府立即启动); None when there is none."""
    for end in range(start + _MIN_NAME, min(stop, start + _MAX_ORG_ITEM) + 1):
        if not _is_cjk(text[end - 1]) or text[end - 1] in _LIST_END:
            return None
        if org_suffix_at(text, start, end):
            return end
    return None


def complete_org_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """ORGANIZATION mentions for the items of a 、 list of organizations the model tagged only in part
    (金融办、品牌办、发改局…等部门; 市委、市政府): every item of a list with at least one ORGANIZATION
    mention that ends with an organization suffix (kg.tag.titles) becomes one; mentions inside such an
    item (信局 of 经信局) give way to it, a PERSON never does."""
    if SEPARATOR not in text or not any(m.type == "ORGANIZATION" for m in mentions):
        return mentions
    by_start = {m.start: m for m in mentions}
    org_ends = {m.end for m in mentions if m.type == "ORGANIZATION"}
    items: list[tuple[int, int]] = []
    for run in _separated_runs(text):
        tagged = [s for s, _, _ in run if s in by_start and by_start[s].type == "ORGANIZATION"]
        if not tagged and (not run or run[0][0] - 1 not in org_ends):  # nor the first item, before the first 、
            continue
        # an item is taken whole unless the model read a name there already; the end of the last one is a guess
        items += [(s, e) for s, e, guessed in run if s not in by_start or (by_start[s].end != e and not guessed)]
    added = [
        Mention(s, e, "ORGANIZATION", text[s:e], source=ORG_LIST_SOURCE)
        for s, e in items
        if org_suffix_at(text, s, e) and _one_name_at_most(text, s, e, mentions) and word_across(text, e) is None
    ]  # (not an item ending inside a word: 海外台|胞社团 holds no 台, a station)
    kept = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in ((a.start, a.end) for a in added))]
    return kept + added


# A list of businesses ends with 等 and what they are (华为、小米等企业, 等12家新入驻企业): after 等 a count, up to
# three characters that say which (新入驻), and the kind noun.
BUSINESS_KINDS = ("企业", "公司", "集团", "车企", "药企", "厂商", "银行")
_BUSINESS_LIST_END = re.compile(
    rf"等(?:[0-9一二两三四五六七八九十百千多数几]+[家个])?(?:(?![的城市地区国省县])[\u4e00-\u9fff]){{0,3}}?"
    rf"(?:{'|'.join(BUSINESS_KINDS)})"
)  # not 等城市的企业: the businesses of the places listed
_MAX_BUSINESS_ITEM = 8


def _business_items(text: str, list_end: int, mentions: list[Mention]) -> list[tuple[int, int]]:
    """The items of the 、 list that ends at `list_end` (where its 等 is), last first: the inner ones between two
    、, the first one only where a mention ends at its 、 (where it starts is unknown otherwise)."""
    items = []
    end = list_end
    while True:
        separator = text.rfind(SEPARATOR, max(0, end - _MAX_BUSINESS_ITEM - 1), end)
        if separator == -1 or _NOT_CJK_OR_LATIN.search(text, separator + 1, end):
            break
        items.append((separator + 1, end))
        end = separator
    first = next((m for m in mentions if m.end == end and m.start < end), None) if items else None
    if first is not None:
        items.append((first.start, first.end))
    return items


_NOT_CJK_OR_LATIN = re.compile("[^\u4e00-\u9fff0-9A-Za-z]")


def _business_item(text: str, start: int, end: int, inside: list[Mention]) -> bool:
    """Whether text[start:end], an item of a list of businesses, names one: a name the model read there whole, no
    kind (民营企业) and no well-known place (中国、美国等外资企业). An untagged item is left alone: most are
    trades or phrases (汽车, 研发资金等企业)."""
    item = text[start:end]
    whole = len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end)
    return whole and not item.endswith(BUSINESS_KINDS) and not well_known_place(item)


def businesses_in_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """The items of a 、 list of businesses (腾讯、阿里云、京东等企业) are organizations, whatever the model read
    (a company named like a person or a place: 阿里云 PERSON, 腾讯 LOCATION; see `_business_item`)."""
    if SEPARATOR not in text or "等" not in text:
        return mentions
    out = list(mentions)
    for match in _BUSINESS_LIST_END.finditer(text):
        for start, end in _business_items(text, match.start(), out):
            inside = [m for m in out if start < m.end and m.start < end]
            if _business_item(text, start, end, inside):
                out = [m for m in out if not any(m is held for held in inside)]
                out.append(Mention(start, end, "ORGANIZATION", text[start:end], source=ORG_LIST_SOURCE))
    return sorted(out, key=attrgetter("start"))


# The acts of officials a list of sites may run on into ("考察A和B、主持召开…座谈会"): no organization's name opens so.
_ACTS = ("主持", "召开", "出席", "参加", "举行", "考察", "调研", "看望", "慰问", "会见")


def _one_name_at_most(text: str, start: int, end: int, mentions: list[Mention]) -> bool:
    """Whether text[start:end] can be one organization: no PERSON in it, no two mentions, no 及 or 与 (新闻出版署及
    河北省 is two), no 的 (听取…工作情况的汇报 is no name), more than a bare 政府, no act (主持召开…座谈会)."""
    inside = [m for m in mentions if m.start < end and start < m.end]
    item = text[start:end]
    return (
        len(inside) < 2
        and all(m.type != "PERSON" for m in inside)
        and not any(c in "及与的" for c in item)
        and item != "政府"
        and not item.startswith(_ACTS)
    )


_NOT_CJK = re.compile("[^\u4e00-\u9fff]")


def _clause_end(text: str, start: int) -> int:
    """Where the run of characters (no mark, digit or letter) that starts at `start` ends."""
    found = _NOT_CJK.search(text, start)
    return len(text) if found is None else found.start()


def _separated_runs(text: str) -> list[list[tuple[int, int, bool]]]:
    """The 、 lists of a sentence as (start, end, end guessed) items: the inner items whole, the last one cut
    to an organization name (`_org_item_end`); the first item is left out (where it starts is unknown)."""
    runs = []
    pos = text.find(SEPARATOR)
    while pos != -1:
        run = []
        while pos != -1:
            nxt = text.find(SEPARATOR, pos + 1)
            clause_end = _clause_end(text, pos + 1)
            if nxt != -1 and nxt <= clause_end:
                if 0 < nxt - pos - 1 <= _MAX_ORG_ITEM:
                    run.append((pos + 1, nxt, False))
                pos = nxt
                continue
            end = _org_item_end(text, pos + 1, clause_end)
            if end is not None:
                run.append((pos + 1, end, True))
            pos = text.find(SEPARATOR, clause_end)
            break
        runs.append(run)
    return runs
