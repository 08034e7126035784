"""Rule-based event extraction over tagged articles.

News reports name the event once (the lead) and then add details in later sentences that
refer back to it ("他强调…", "胡勇春先后来到…", "王毅参加会见"). The engine therefore works article by
article: a sentence with a trigger opens an event or, when it repeats one already open
(same type, same date), adds to it; a sentence without a trigger is linked to the events it
continues when it names one of their people, a pronoun, or a role cue ("副市长X参加").

Who gets which role comes from, in order: a named group of the trigger that spans the person
(`会见(?P<guest>…)`), a role cue in the verb phrases after a name list ("出席会议并讲话" gives
attendee and speaker), a cue before the list, and last the rule's `subject_role` for the list that is
the trigger's subject. What counts as a trigger, a role, a place list or a blocker is data in
`rules.yaml`; the engine reads the tagger's facts (people, titles, places, normalized dates) and never
re-derives them.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from kg.events.rules import EventType, PlacePattern, RoleCue, Rule, RuleSet, Settings
from kg.model import BODY, Argument, Article, Document, Event, Evidence, Mention, Participant, Sentence
from kg.textnorm import fold

_BOUNDARY = "，。；：！？"
_BOUNDARY_RE = re.compile(f"[{_BOUNDARY}]")
_STRIP = " \t\"'“”「」（）()了"
_ADMIN_SUFFIXES = frozenset("省市县区镇乡")  # "湖南" and "湖南省" are one place
_ADMIN_UNITS = ("省", "市", "县", "区", "镇", "乡", "街道")  # "东溪镇" is part of "东溪镇金桥村"
_RECENT_PEOPLE = 24  # people remembered for pronouns: a few paragraphs of a long article
_OBJECT_GAP = 1  # characters between a trigger and the list that is its object ("考察了A")
# A trigger right after this in a later clause is a second verb of that clause ("来到A，了解…并看望Y"): the
# clause's subject, the list, is the trigger's too.
_COORDINATOR = "并"
_NEXT_CLAUSE_LEAD = 4  # a trigger this close to the start of a later clause still has the list as subject
_SCOPE_CLAUSES = 4  # clauses a name list can be the subject of: "X来到A，察看…，看望…，并出席…"
_SPAN = attrgetter("start", "end")  # sort key of mentions in text order
# A sentence after someone's reported words ("X表示，…。") that names no person and no date and does not narrate
# (settings.narration, 两国领导人, an opening 他) is still their words ("习主席在开幕式的演讲指明了方向。"): its
# triggers are no events.
_NARRATION_TYPES = frozenset({"PERSON", "DATE"})
_COUNTS = "三四五六七八九十"  # settings.pronoun_counted: 三国 is 3
_HEAD_ROLES = frozenset({"chair", "host"})  # who a summit's "五国元首" leaves out (see _counted_leaders)
_PAIR_REACH = 4  # sentences opening with a name after 两国元首… that may name the pair (see _await_pair)
_QUOTE_REACH = 12  # sentences back that reported words may still go on from
_HEADLINE_ECHO = 12  # characters of reported words a headline must print for them to be narration
_REACH_BACK = 8  # earlier events of its type a distinct trigger may continue (the banquet the lead announced)


@dataclass
class _Person:
    name: str
    title: str | None
    start: int
    end: int


@dataclass
class _NameList:
    people: list[_Person]

    @property
    def start(self) -> int:
        return self.people[0].start

    @property
    def end(self) -> int:
        return self.people[-1].end


@dataclass
class _Hit:
    rule: Rule
    start: int
    end: int
    text: str
    groups: tuple[tuple[str, int, int], ...] = ()  # (role, start, end) of the named groups that matched


@dataclass
class _When:
    date: str | None = None
    time: str | None = None
    time_of_day: str | None = None
    until: str | None = None  # last day of a range ("13日至14日"): later days of it are the same event
    period: str | None = None  # a year or month printed without a day ("2013年8月" -> "2013-08")
    vague: bool = False  # printed as 近日 or 日前: a day the text does not give


@dataclass
class _View:
    """One sentence prepared for matching: folded text, its people and name lists, its mentions by kind."""

    sentence: Sentence
    text: str
    people: list[_Person]  # named people and pronouns standing for one, in text order
    lists: list[_NameList]  # people outside role groups and outsider contexts, grouped into lists
    dates: list[Mention]
    locations: list[Mention]
    organizations: list[Mention]
    persons: list[Mention]
    reported: list[tuple[int, int]]  # spans where reported words begin (see _reported_spans)
    quoting: bool = False  # goes on in the reported words of an earlier sentence (see _goes_on_quoting)


class _Sentence:
    """What blocking a trigger needs to know about its sentence, found once per sentence and only when
    asked (most sentences have no trigger word and name no one of an open event)."""

    def __init__(
        self, text: str, mentions: Sequence[Mention], settings: Settings, headlines: Sequence[str] = ()
    ) -> None:
        self.text = text
        self.mentions = mentions
        self.settings = settings
        self.headlines = headlines  # the article's headlines, folded
        self._reported: list[tuple[int, int]] | None = None
        self.has_trigger = False
        # printed right after the sentence before it, in the same paragraph (no line break between them)
        self.runs_on = False

    @property
    def reported(self) -> list[tuple[int, int]]:
        """Spans where reported words begin (see _reported_spans); found on the first read (a plain attribute:
        functools.cached_property takes a lock on every read in Python 3.11)."""
        if self._reported is None:
            spans = _reported_spans(self.text, self.settings, self.mentions)
            self._reported = [span for span in spans if not self._narrated_by_headline(span[1])]
        return self._reported

    def _narrated_by_headline(self, start: int) -> bool:
        """Whether the words reported from `start` ("国际人士表示，X在…上的致辞为…") are printed by a headline
        outside reported words ("国际人士积极评价X在…上的致辞"): the headline narrates what they name."""
        piece = self.text[start : start + _HEADLINE_ECHO]
        if len(piece) < _HEADLINE_ECHO:
            return False
        for headline in self.headlines:
            at = headline.find(piece)
            if at >= 0 and self.settings.reported.search(headline, 0, at) is None:
                return True
        return False


def _tally(counts: dict[str, int], keys: list[str], by: int) -> None:
    """Add `by` to the count of each key (a plain dict: a collections.Counter costs more to make and to update, and
    every event makes two)."""
    for key in keys:
        counts[key] = counts.get(key, 0) + by


class _Places:
    """An event's places, most specific names only, in the order they came. One place, kept in its longest
    form: a name and a longer one ending with it ("华联超市", "古山镇华联超市"), a name and the same with its
    administrative suffix ("湖南", "湖南省"), an administrative unit and a site it prefixes ("东溪镇",
    "东溪镇金桥村"). Two places: "株洲" and "株洲硬质合金" (a city and a company named after it).

    Lookups go through the endings and beginnings of the names, not through every known place: a long
    article naming thousands of sites stays linear.
    """

    def __init__(self) -> None:
        self.names: dict[str, None] = {}  # an ordered set
        self._endings: dict[str, int] = {}  # every ending of every kept name, with its count
        self._beginnings: dict[str, int] = {}  # every beginning of every kept name, with its count
        self._fragments: set[str] = set()  # every substring of every name ever kept (each is in a kept name)
        self._unindexed: list[str] = []  # names kept since `covers` last asked: indexed when it asks again

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def covers(self, name: str) -> bool:
        """Whether `name` is (part of) a known place."""
        for kept in self._unindexed:
            self._fragments.update(kept[i:j] for i in range(len(kept)) for j in range(i + 1, len(kept) + 1))
        self._unindexed.clear()
        return name in self._fragments

    def _room_of_known(self, name: str) -> bool:
        """Whether `name` is a room of a building the event has ("北京人民大会堂", then "人民大会堂北大厅")."""
        if not name.endswith(_ROOMS):
            return False
        return any(
            self._endings.get(name[:j]) and name[j - 1] not in _ADMIN_SUFFIXES  # 湖南省|政府会议室: no building
            for j in range(_SHORTEST_BUILDING, len(name) - 1)
        )

    def _known(self, name: str) -> bool:
        return bool(
            self._endings.get(name)
            or any(name + suffix in self.names for suffix in _ADMIN_SUFFIXES)
            or (name.endswith(_ADMIN_UNITS) and self._beginnings.get(name))
        )

    def add(self, name: str) -> None:
        if not name or name in self.names or self._known(name) or self._room_of_known(name):
            return
        shorter = [name[i:] for i in range(1, len(name))]
        shorter += [name[:j] for j in range(1, len(name)) if name[:j].endswith(_ADMIN_UNITS)]
        if name[-1] in _ADMIN_SUFFIXES:
            shorter.append(name[:-1])
        for known in shorter:
            if known in self.names:
                del self.names[known]
                _tally(self._endings, [known[i:] for i in range(len(known))], -1)
                _tally(self._beginnings, [known[:j] for j in range(1, len(known) + 1)], -1)
        self.names[name] = None
        _tally(self._endings, [name[i:] for i in range(len(name))], 1)
        _tally(self._beginnings, [name[:j] for j in range(1, len(name) + 1)], 1)
        self._unindexed.append(name)


_ROOMS = ("厅", "室")  # 北大厅, 会见厅, 会议室: rooms of a building
_SHORTEST_BUILDING = 3


@dataclass
class _Draft:
    type: str
    when: _When
    participants: list[Participant] = field(default_factory=list)
    places: _Places = field(default_factory=_Places)
    organizations: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.0
    seq: int = field(default=0, compare=False)  # its place among the article's drafts (later drafts are greater)
    # the drafts one `each` trigger opened with it ("分别会见A、B和C": the talks with A, B and C), itself among them
    together: list[_Draft] = field(default_factory=list, repr=False, compare=False)
    # the article's latest draft per (type, name, role), kept up to date as participants are added
    latest: dict[tuple[str, str, str], _Draft] | None = field(default=None, repr=False, compare=False)
    # indexes of the lists above, so that adding to a long article's event stays linear
    _by_role: dict[tuple[str, str], Participant] = field(default_factory=dict, init=False, repr=False)
    _names: set[str] = field(default_factory=set, init=False, repr=False)
    _evidence_ids: set[str] = field(default_factory=set, init=False, repr=False)

    def add_participant(self, person: _Person, role: str) -> None:
        existing = self._by_role.get((person.name, role))
        if existing is not None:
            existing.title = existing.title or person.title
            return
        participant = Participant(name=person.name, role=role, title=person.title)
        self.participants.append(participant)
        self._by_role[person.name, role] = participant
        self._names.add(person.name)
        if self.latest is not None:
            key = (self.type, person.name, role)
            if key not in self.latest or self.latest[key].seq < self.seq:
                self.latest[key] = self

    def names(self) -> set[str]:
        """The names of the participants (the draft's own set: read it, do not change it)."""
        return self._names

    def anchor(self) -> str | None:
        """The person the article is about: the first one the event names."""
        return self.participants[0].name if self.participants else None

    def add_evidence(self, sentence: Sentence) -> None:
        if sentence.id in self._evidence_ids:
            return
        self._evidence_ids.add(sentence.id)
        start, end = sentence.raw_span(0, len(sentence.text))
        self.evidence.append(Evidence(sentence=sentence.id, start=start, end=end, text=sentence.text))


def _with_together(drafts: list[_Draft]) -> list[_Draft]:
    """`drafts` and the drafts opened together with them by one `each` trigger: a cue for a sentence's events reaches
    them all ("赵乐际分别会见A、B和C。…在会见C时…。D参加会见": D attends all three talks)."""
    if not any(d.together for d in drafts):  # nearly every sentence
        return drafts
    return list({id(d): d for draft in drafts for d in (draft.together or [draft])}.values())


def _drop_excluded_roles(draft: _Draft, exclusive: dict[str, frozenset[str]]) -> None:
    """Roles a person cannot hold beside another of theirs in one event (talks: the host is neither a guest,
    as when a headline "X会见Y国主席" runs into "X表示", nor accompanying, as in "Y在X陪同下检阅仪仗队")."""
    if not exclusive:
        return
    held = {(p.name, p.role) for p in draft.participants}
    draft.participants[:] = [
        p
        for p in draft.participants
        if not any((p.name, key) in held and p.role in ruled_out for key, ruled_out in exclusive.items())
    ]


def _add_unique(items: list[str], value: str) -> None:
    if value and value not in items:
        items.append(value)


def _add_place(places: _Places, name: str) -> None:
    """Keep the most specific name (see _Places)."""
    places.add(name)


@functools.lru_cache(maxsize=256)
def _boundaries(text: str) -> list[int]:
    """Positions of the clause marks of a sentence (asked about again and again while it is matched)."""
    return [m.start() for m in _BOUNDARY_RE.finditer(text)]


def _clause_start(text: str, pos: int) -> int:
    marks = _boundaries(text)
    i = bisect.bisect_left(marks, pos)
    return marks[i - 1] + 1 if i else 0


def _clause_end(text: str, pos: int) -> int:
    found = _BOUNDARY_RE.search(text, pos)
    return found.start() if found else len(text)


def _title_of(mention: Mention) -> str | None:
    if mention.title:
        return mention.title
    titles = mention.attrs.get("titles")
    return "、".join(titles) if titles else None


def _persons(mentions: Sequence[Mention]) -> list[_Person]:
    """PERSON mentions as people, in text order: names, boundaries and list members are the tagger's; a name
    printed in an idea's name (the tagger's `eponym`) is nobody present."""
    return [
        _Person(name=(m.normalized or m.text).strip(), title=_title_of(m), start=m.start, end=m.end)
        for m in sorted((m for m in mentions if m.type == "PERSON" and not m.attrs.get("eponym")), key=_SPAN)
    ]


def _short_forms(sentences: Sequence[Sentence], mentions: dict[str, list[Mention]]) -> dict[str, str]:
    """Full transliterated names the article goes on to call by one of their parts, the last one first
    (萨米娅·苏卢胡·哈桑 … 哈桑; 路易斯·伊纳西奥·卢拉·达席尔瓦 … 卢拉, a name known by an inner part): the form it
    uses is the person's name in its events, so the lead and the later sentences name one person."""
    if not any("·" in s.text for s in sentences):  # most articles (one scan of the text costs less than the mentions)
        return {}
    names = {m.text.strip() for s in sentences for m in mentions.get(s.id, ()) if m.type == "PERSON"}
    forms = {}
    for name in (n for n in names if "·" in n):
        used = [part for part in reversed(name.split("·")) if len(part) >= 2 and part in names]
        if used:
            forms[name] = used[0]
    return forms


def _titled_item(gap: str, person: _Person, settings: Settings) -> bool:
    """ "A，中共中央政治局委员、国务委员B等出席": the gap is a separator and then B's own printed title."""
    separator = settings.list_join_titled.match(gap)
    return bool(separator and person.title and gap[separator.end() :] == person.title)


def _marked_item(text: str, gap: str, last: _Person, person: _Person, settings: Settings) -> bool:
    """ "…中央军委副主席何卫东，许其亮同志出席": an untitled name after a comma that the list's own mark (同志)
    follows, right after a titled name, is the list's last item."""
    return (
        gap == "，"
        and bool(last.title)
        and not person.title
        and bool(settings.list_join_marked.match(text[person.end : _clause_end(text, person.end)]))
    )


def _name_lists(text: str, people: list[_Person], settings: Settings) -> list[_NameList]:
    """Group people into lists ("A、B、副市长C") that share one role cue."""
    lists: list[_NameList] = []
    for person in people:
        if lists:
            last = lists[-1]
            gap = text[last.end : person.start]
            if (
                settings.list_join.match(gap)
                or _titled_item(gap, person, settings)
                or _marked_item(text, gap, last.people[-1], person, settings)
            ):
                last.people.append(person)
                continue
        lists.append(_NameList([person]))
    return lists


def _opens_clause(text: str, names: _NameList) -> bool:
    """Whether the list is the first thing of its clause but for its first person's printed title (the clause's
    subject: "县长X听取汇报后", not "听取X汇报后")."""
    lead = text[_clause_start(text, names.start) : names.start]
    title = names.people[0].title
    return not lead or bool(title and lead == title)


def _is_outsider(text: str, person: _Person, settings: Settings) -> bool:
    """A person named only as the one on whose behalf or to whom something is done (受X委托, 代表X, 应X邀请)."""
    before = text[_clause_start(text, person.start) : person.start]
    after = text[person.end : _clause_end(text, person.end)]
    return bool(settings.not_participant_before.search(before) or settings.not_participant_after.match(after))


def _inside(person: _Person, start: int, end: int) -> bool:
    return start <= person.start and person.end <= end


def _reported_spans(text: str, settings: Settings, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Where the sentence turns to someone's reported words ("X表示，", "我们"), as spans; a pronoun
    character inside a PERSON mention is part of a name."""
    if settings.reported.search(text) is None:  # most sentences (one search is cheaper than an empty finditer)
        return []
    return [
        found.span()
        for found in settings.reported.finditer(text)
        if not any(m.type == "PERSON" and m.start <= found.start() < m.end for m in mentions)
    ]


def _speaks_in_person(sentence: _Sentence) -> bool:
    """Whether the sentence's reported words begin with a first- or second-person pronoun that no verb of speech
    introduces ("…，我完全赞同"): the sentence is someone's words from its start."""
    reported = sentence.reported
    if not reported:
        return False
    return sentence.text[reported[0][1] - 1] not in _SPEECH_MARKS


_SPEECH_MARKS = '，："'  # what ends a verb of speech in settings.reported ("表示，"); a pronoun ends in none


def _opens_with_name(sentence: _Sentence) -> bool:
    """Whether the sentence opens with a person's name, after nothing but that person's printed titles (土库曼斯坦民族
    领袖、人民委员会主席X: the title found is the last of them, the clause has not begun before it), or after a body
    and the post held there (中央党校（国家行政学院）副校（院）长X, whose bracketed title is not found)."""
    first = min((m for m in sentence.mentions if m.type == "PERSON"), key=_SPAN, default=None)
    if first is None:
        return False
    before = sentence.text[: first.start]
    opening = len(before) - len(before.lstrip())  # a paragraph's line break, where a sentence keeps it
    if not before.strip():
        return True
    if _BOUNDARY_RE.search(before):
        return False
    return bool(first.title and before.endswith(first.title)) or any(
        m.start == opening and m.type == "ORGANIZATION" for m in sentence.mentions
    )


def _goes_on_quoting(sentences: list[_Sentence]) -> bool:
    """Whether the last of `sentences` goes on in an earlier sentence's reported words, with no sentence holding a
    trigger between ("X表示，…。今年3月，Y提出…倡议。": still X's words). It does not when it has reported words of
    its own, narrates (settings.narration), opens with a pronoun, or opens with a name ("A、B介绍调研成果") outside
    the paragraph of a person's words (`_in_speakers_paragraph`)."""
    last = sentences[-1]
    narrates = last.settings.pronoun.match(last.text) or last.settings.narration.search(last.text)
    if last.reported or narrates:
        return False
    if _opens_with_name(last) and not _in_speakers_paragraph(sentences):
        return False
    for before in reversed(sentences[-_QUOTE_REACH:-1]):
        if before.reported:
            return True
        if before.has_trigger:
            return False
    return False


def _opens_with_speech(sentence: _Sentence, *, in_a_speech: bool = False) -> bool:
    """Whether the sentence opens with a person's name and, right after it, the verb of speech that opens the words
    reported (李强表示，…): a person, not a body (俄罗斯国防部称), whose words the paragraph then prints. With
    `in_a_speech`, the speech is named between them instead (蔡奇在致辞中说，…)."""
    if not sentence.reported or not _opens_with_name(sentence):
        return False
    first = min((m for m in sentence.mentions if m.type == "PERSON"), key=_SPAN)
    between = sentence.text[first.end : sentence.reported[0][0]]
    return bool(_IN_A_SPEECH.fullmatch(between)) if in_a_speech else not between


_IN_A_SPEECH = re.compile("在(?:主旨|视频|书面)?(?:讲话|致辞|发言|演讲)中")


def _in_speakers_paragraph(sentences: list[_Sentence]) -> bool:
    """Whether the last of `sentences` runs on in a paragraph that a person's words opened (李强表示，…。今年9月，习近平
    主席同普京总统成功会晤…), no sentence between holding a trigger: news prints one speaker's words to the end of the
    paragraph, and the events they recall are not the article's."""
    return _speakers_opening(sentences) is not None


def _speakers_opening(sentences: list[_Sentence]) -> _Sentence | None:
    """The sentence whose speaker's words the last of `sentences` runs on in (see `_in_speakers_paragraph`): one
    opening with the speaker's verb of speech, or with the speech named before it (蔡奇在致辞中说，…。今天，习近平主席
    在…发表主旨演讲: his words still, which recall another event), left by a sentence that opens with a name (…。A、
    B先后致辞)."""
    last = current = sentences[-1]
    for before in reversed(sentences[-_QUOTE_REACH:-1]):
        if not current.runs_on:
            return None
        if _opens_with_speech(before):
            return None if before.has_trigger else before
        if _opens_with_speech(before, in_a_speech=True):
            return None if _opens_with_name(last) else before
        if before.has_trigger:
            return None
        current = before
    return None


def _starts_before(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether `pattern` has a match in text[:end] that starts before `start` (the first match is the earliest)."""
    found = pattern.search(text, 0, end)
    return found is not None and found.start() < start


def _blocked(rule: Rule, text: str, start: int, end: int, settings: Settings, context: _Sentence) -> bool:
    """Planned, negated, reported (X表示，…), generic, quoted or named (中央纪律检查委员会) mentions of a
    trigger are not events: inside an ORGANIZATION mention a trigger word is part of a name."""
    prefix = text[:start]
    clause = prefix[_clause_start(text, start) :]
    after = text[end:]
    if any(prefix.count(a) > prefix.count(b) for a, b in settings.skip_inside):
        return True
    if "modal" in rule.blockers and _starts_before(settings.modal, text, start, end):
        return True
    if "negation" in rule.blockers and settings.negation.search(clause):
        return True
    if "reported" in rule.blockers and any(stop <= end for _, stop in context.reported):
        return True
    if "generic" in rule.blockers and (
        settings.generic_before.search(clause)
        or settings.generic_after.match(after)
        or any(m.type == "ORGANIZATION" and m.start <= start and end <= m.end for m in context.mentions)
    ):
        return True
    return any(p.search(prefix) for p in rule.exclude_before) or any(p.match(after) for p in rule.exclude_after)


def _hits(text: str, rules: RuleSet, context: _Sentence) -> list[_Hit]:
    """Trigger matches that are not blocked (see `_blocked`), in text order (of one folded sentence)."""
    hits = []
    for rule in rules.candidates(text):
        for pattern in rule.triggers:
            for match in pattern.finditer(text):
                if not _blocked(rule, text, match.start(), match.end(), rules.settings, context):
                    groups = tuple(
                        (role, match.start(role), match.end(role))
                        for role in pattern.groupindex
                        if match.start(role) >= 0
                    )
                    hits.append(_Hit(rule, match.start(), match.end(), match.group(), groups))
    if not hits:  # most sentences
        return hits
    present = {h.rule.type for h in hits}
    groups = [(h, s, e) for h in hits for _, s, e in h.groups]
    hits = [
        h
        for h in hits
        if not present.intersection(h.rule.yield_to)
        # "会见来华出席…峰会的Y": a trigger inside another's role group describes that group's people.
        and not any(other.rule is not h.rule and s <= h.start and h.end <= e for other, s, e in groups)
    ]
    return sorted(hits, key=lambda h: (h.start, h.end, h.rule.id))


def _after_dates(text: str, start: int, dates: list[Mention]) -> int:
    """Where the words after a name begin once the dates printed right after it are passed: one or more, the
    later ones possibly in brackets (今天（4月28日）)."""
    ends = {m.start: m.end for m in dates}
    while True:
        if start in ends:
            start = ends[start]
        elif (
            text[start : start + 1] in "（("
            and start + 1 in ends
            and text[ends[start + 1] : ends[start + 1] + 1] in "）)"
        ):
            start = ends[start + 1] + 1
        else:
            return start


def _phrases(text: str, start: int, end: int, settings: Settings) -> list[tuple[int, int]]:
    """The verb phrases of text[start:end], split at 并 and commas ("出席会议并讲话" -> 出席会议 | 讲话)."""
    spans, lo = [], start
    for match in settings.phrase_split.finditer(text, start, end):
        if match.start() > lo:
            spans.append((lo, match.start()))
        lo = match.end()
    if lo < end or not spans:
        spans.append((lo, end))
    return spans


def _place_items(text: str, start: int, end: int, pattern: PlacePattern, settings: Settings, view: _View) -> list[str]:
    """Places of the list text[start:end] ("A、B和C"), cleaned; see PlacePattern for strict and tagged."""
    items = []
    pos = start
    names = [(m.start, m.end) for m in (*view.locations, *view.organizations) if m.start < end and start < m.end]
    cuts = [c for c in settings.place_split.finditer(text, start, end) if not any(s < c.start() < e for s, e in names)]
    for cut in [*cuts, None]:  # not inside a name the tagger found (呼和浩特, 安提瓜和巴布达)
        lo, hi = pos, (cut.start() if cut else end)
        pos = cut.end() if cut else end
        item = "".join(text[lo:hi].split()).strip(_STRIP).removesuffix("等")  # "A、B等，": the list ends
        capital = settings.place_capital_of.search(item)
        if capital and capital.end() < len(item) and (capital.start() == 0 or len(item) > settings.place_max_item):
            # "在首都大马士革会见", "在沙特首都利雅得+a venue too long to keep with its country": the capital on
            lo, item = lo + capital.end(), item[capital.end() :]
        if item:
            items.append((settings.place_alias.get(item), item, lo, hi))
    if pattern.strict and not all(alias or settings.place_suffix.search(item) for alias, item, _, _ in items):
        return []

    def kept(alias: str | None, item: str) -> bool:
        return bool(alias) or (
            2 <= len(item) <= settings.place_max_item
            and item not in settings.place_generic
            and not any(w in item for w in settings.place_stopwords)
        )

    if pattern.tagged:
        # (only a place that is kept vouches: not 京部分高校 of "在京部分高校和科研院所专家学者")
        sure = [
            kept(alias, item)
            and bool(alias or settings.place_suffix.search(item) or _is_tagged(item, lo, hi, view, settings))
            for alias, item, lo, hi in items
        ]
        if 2 * sum(sure) < len(items) or len(items) == 1:  # a list mostly of places vouches for the rest
            items = [entry for entry, ok in zip(items, sure, strict=True) if ok]
    return [alias or item for alias, item, _, _ in items if kept(alias, item)]


def _is_tagged(item: str, start: int, end: int, view: _View, settings: Settings) -> bool:
    """Whether the tagger found `item` as a place or organization: the mentions inside its span spell it, but for
    the word that joins a capital to its country (settings.place_capital_of)."""
    found = sorted(
        (m for m in (*view.locations, *view.organizations) if start <= m.start and m.end <= end), key=lambda m: m.start
    )
    spelt = "".join(m.text for m in found)
    return spelt == item or (len(found) > 1 and spelt == settings.place_capital_of.sub("", item))


def _within_any(span: tuple[int, int], hits: Sequence[_Hit]) -> bool:
    """Whether text[span] lies inside the text of one of `hits`."""
    return any(h.start <= span[0] and span[1] <= h.end for h in hits)


def _belongs_to(span: tuple[int, int], others: Sequence[_Hit], own: Sequence[_Hit]) -> bool:
    """Whether the venue text[span] is another event's, not the one triggered by `own`: it lies inside another
    event's trigger ("座谈会在京举行，X并在会前会见Y": 京 is not the talks'), or every own trigger is told before
    it and another event's after it (a headline "X会见Y" run into the lead "X在A出席…": A is not the talks'),
    unless it is the object of an own trigger right before it ("考察A和B、主持召开…座谈会": A and B are toured)."""
    if _within_any(span, others):
        return not _within_any(span, own)
    if any(0 <= span[0] - h.end <= _OBJECT_GAP for h in own):
        return False
    return all(h.end <= span[0] for h in own) and any(o.start >= span[1] for o in others)


def _dated(own: _When | None, base: _When, during: bool = False) -> _When:
    """The sentence's own date for its event, else the day of the event before it (with the sentence's part of
    the day), unless the event happens `during` that one and it spans days (a visit on a tour "24日至26日"), the
    sentence says 近日 or 日前, or it prints a year or month that day is not in: which day, the text does not say."""
    if own and own.date:
        return own
    if own and (own.vague or (own.period and not (base.date or "").startswith(own.period))):
        # "2013年8月，X到…考察" in a story of this year's letter: a day the text does not give, in that month
        return _When(period=own.period)
    return _When(date=None if during and base.until else base.date, time_of_day=own and own.time_of_day)


def _same_triggers(hits: list[_Hit], draft: _Draft) -> bool:
    """Whether a trigger of `hits` names the event `draft` was named by: one text contains the other."""
    return any(h.text in t or t in h.text for h in hits for t in draft.triggers)


def _each_apart(hits: list[_Hit]) -> list[list[_Hit]]:
    """Triggers that give each of their people an event of their own ("分别与A、B会见"), with the triggers read in
    the same words, apart from the others of the sentence ("，与C举行了会见": C's talks are a third event, not a
    guest of A's and B's)."""
    each = [h for h in hits if h.rule.each]
    apart = [h for h in hits if not h.rule.each and not any(h.start < e.end and e.start < h.end for e in each)]
    return [[h for h in hits if h not in apart], apart] if each and apart else [hits]


def _by_named_people(hits: list[_Hit], people: list[_Person]) -> list[list[_Hit]]:
    """Triggers whose role groups name different people, apart ("会见A，同B举行会谈": A's talks and B's); a trigger
    without people of its own joins the group before it (else the first)."""
    named = [{p.name for _, start, end in hit.groups for p in people if _inside(p, start, end)} for hit in hits]
    if sum(1 for names in named if names) < 2:  # nearly every sentence
        return [hits]
    groups: list[tuple[set[str], list[_Hit]]] = []
    for names in named:
        if names and not any(names & known for known, _ in groups):
            groups.append((names, []))
    for hit, names in zip(hits, named, strict=True):
        before = [g for known, g in groups if names & known] if names else []
        if not before:
            started = [g for known, g in groups if any(h.start <= hit.start for h in g)]
            before = [started[-1] if started else groups[0][1]]
        before[0].append(hit)
    return [g for _, g in groups]


def _by_distinct_word(hits: list[_Hit], words: re.Pattern[str]) -> list[list[_Hit]]:
    """Triggers grouped by the distinct word they hold (one group for words one of which contains the other:
    仪式, 欢迎仪式); a trigger without one joins the group of the nearest one before it (else the first)."""
    groups: list[tuple[str, list[_Hit]]] = []
    loose: list[_Hit] = []
    for hit in hits:
        found = words.search(hit.text)
        if found is None:
            loose.append(hit)
            continue
        word = found.group()
        group = next((g for w, g in groups if word in w or w in word), None)
        if group is None:
            groups.append((word, [hit]))
        else:
            group.append(hit)
    if len(groups) < 2:
        return [hits]
    for hit in loose:
        before = [g for _, g in groups if g[0].start <= hit.start]
        (before[-1] if before else groups[0][1]).append(hit)
    return [sorted(g, key=lambda h: (h.start, h.end, h.rule.id)) for _, g in groups]


OPENING_DATE_AT = 1  # where a sentence's opening date may start: first, or after one mark ("（26日）")


_PERIOD = re.compile(r"\d{4}(?:-\d{2})?")  # a year, or a year and month


def _when_from_mention(mention: Mention) -> _When | None:
    """A full date from a DATE mention; a year or month, the period alone ("2013-08"); other partial dates
    ("--12-09") give None. A mention whose day tagging could not tell but whose part of the day it could (当晚 after
    a look back to 1967年) gives that part alone: the event keeps the day of its story."""
    norm = mention.normalized or ""
    date_part, _, time_part = norm.partition("T")
    if _PERIOD.fullmatch(date_part) and not mention.attrs.get("approximate"):
        return _When(period=date_part)
    if len(date_part) != 10 or date_part.startswith("-"):
        part_of_day = mention.attrs.get("time_of_day")
        approximate = mention.attrs.get("approximate")
        return _When(time_of_day=part_of_day) if part_of_day and not norm and not approximate else None
    time = mention.attrs.get("time") or (time_part[:5] if time_part else None)
    return _When(date=date_part, time=time, time_of_day=mention.attrs.get("time_of_day"))


def _opening_when(mentions: Sequence[Mention]) -> _When | None:
    """What the date a sentence opens with says (printed first, or after one mark), if it opens with one; `mentions`:
    the sentence's, of any type."""
    first = min((m for m in mentions if m.type == "DATE"), key=_SPAN, default=None)
    return _when_from_mention(first) if first is not None and first.start <= OPENING_DATE_AT else None


def _opening_period(mentions: Sequence[Mention]) -> str | None:
    """The year or month a sentence opens with ("去年" -> "2022", "今年3月" -> "2023-03"), if any."""
    when = _opening_when(mentions)
    return when.period if when is not None else None


def _before(period: str | None, when: _When) -> bool:
    """Whether a year or month ends before the day `when` has."""
    return period is not None and when.date is not None and period < when.date[: len(period)]


def _ranges(text: str, dates: list[Mention], settings: Settings) -> dict[int, Mention]:
    """The DATE mentions that start a range ("7月19日至22日"), by start offset, with the mention ending it."""
    return {
        earlier.start: later
        for earlier, later in itertools.pairwise(dates)
        if settings.date_range.fullmatch(text[earlier.end : later.start])
    }


class _ArticleExtractor:
    """Events of one article: the state that links follow-up sentences to their events."""

    def __init__(
        self, article: Article, mentions: dict[str, list[Mention]], rules: RuleSet, doc_date: str | None = None
    ) -> None:
        self.article = article
        self.doc_date = doc_date
        self.mentions = mentions
        self.rules = rules
        self.settings = rules.settings
        self.drafts: list[_Draft] = []
        self.latest: dict[tuple[str, str, str], _Draft] = {}  # see _Draft.latest
        self.latest_of_type: dict[str, _Draft] = {}
        self.recent_of_type: dict[str, list[_Draft]] = {}  # the last _REACH_BACK drafts of each type, oldest first
        self.group: list[_Draft] = []  # events of the last sentence with triggers; the first is the current one
        self.recent: list[_Person] = []  # people of earlier sentences, oldest first (for pronouns)
        self.before: tuple[_Sentence, list[_Person]] | None = None  # the sentence before and its people (pronouns)
        self.writers: set[str] = set()  # people who wrote to the article's event (settings.letter_writer)
        self.lead_date: _When | None = None  # first full date of the article
        # an event whose subject is 两国元首 with no earlier pair to stand for (欢迎仪式后，两国元首举行会谈): its role
        # and how many sentences opening with a name may still name its people (see _await_pair)
        self.pair_wanted: tuple[_Draft, str, int] | None = None
        self.in_speakers_paragraph = False  # the sentence runs on in a paragraph of someone's words

    @property
    def current(self) -> _Draft | None:
        return self.group[0] if self.group else None

    def run(self) -> list[_Draft]:
        body = self.article.body_sentences  # headlines repeat the body's news: no events of their own
        short = _short_forms(body, self.mentions)
        earlier: list[_Sentence] = []  # the article's sentences so far (for _still_quoting)
        headlines = [fold(h) for h in self.article.headlines]
        end = None  # raw offset after the sentence before
        for sentence in body:
            mentions = self.mentions.get(sentence.id, [])
            text = fold(sentence.text)
            context = _Sentence(text, mentions, self.settings, headlines)
            context.runs_on = bool(sentence.offsets) and sentence.offsets[0] == end
            end = sentence.offsets[-1] + 1 if sentence.offsets else None
            hits = _hits(text, self.rules, context)
            if hits and self._still_quoting(context, earlier):
                hits = []
            # (a speaker's words recall events of the day's people: no new subject there, see _other_subject)
            self.in_speakers_paragraph = (
                bool(hits) and context.runs_on and _in_speakers_paragraph([*earlier[-_QUOTE_REACH:], context])
            )
            hits = [self._part_of_open(h) for h in hits]
            context.has_trigger = bool(hits)
            earlier.append(context)
            people = _persons(mentions)
            if short:
                people = [dataclasses.replace(p, name=short.get(p.name, p.name)) for p in people]
            self.writers.update(p.name for p in people if self.settings.letter_writer.match(text[p.end :]))
            # Without a trigger, a sentence matters only if it may name people of an open event (most do not).
            if hits or (self.drafts and (people or self._names_by_pronoun(text))):
                view = self._view(sentence, text, context, hits, people)
                if hits:
                    self._on_triggers(view, hits)
                    self._article_wide(view)
                else:
                    view.quoting = _goes_on_quoting(earlier)
                    self._follow_up(view)
            self._await_pair(context, hits, people)
            self._remember(context, people, mentions)
        for draft in self.drafts:
            _drop_excluded_roles(draft, self.rules.types[draft.type].exclusive_roles)
        return [d for d in self.drafts if self._is_event(d)]

    def _await_pair(self, context: _Sentence, hits: list[_Hit], people: list[_Person]) -> None:
        """An event whose subject is a pair of leaders (settings.pronoun_pair) that no earlier event names takes, in
        the subject's role, the first two people who open the sentences after it (两国总理共同会见了记者。李克强表示，
        …。朔尔茨表示，…), until a sentence with a trigger of its own."""
        if hits:
            self.pair_wanted = None
            pair = self.settings.pronoun_pair.search(context.text)
            hit = next((h for h in hits if pair and h.end > pair.start()), None)
            draft = next((d for d in self.group if hit and d.type == hit.rule.type), None)
            if hit and hit.rule.subject_role and draft is not None and not draft.participants:
                self.pair_wanted = (draft, hit.rule.subject_role, _PAIR_REACH)
            return
        if self.pair_wanted is None:
            return
        draft, role, reach = self.pair_wanted
        # a speaker's words may run on for many sentences, and the speaker open several of them
        if people and _opens_with_name(context) and people[0].name not in draft.names():
            draft.add_participant(people[0], role)
            reach -= 1
        self.pair_wanted = (draft, role, reach) if len(draft.names()) < 2 and reach > 0 else None

    def _narrates(self, context: _Sentence) -> bool:
        """Whether a sentence tells what happened rather than going on in someone's words: see _NARRATION_TYPES."""
        if any(m.type in _NARRATION_TYPES for m in context.mentions):
            return True
        settings, text = self.settings, context.text
        return bool(
            settings.narration.search(text) or settings.pronoun_pair.search(text) or settings.pronoun.match(text)
        )

    def _refers_back(self, text: str, person: _Person) -> bool:
        """Whether the person is named by 两国元首/两国领导人 or 贵宾们 (settings.pronoun_pair, pronoun_guests), not by
        name."""
        return any(
            pattern.fullmatch(text, person.start, person.end)
            for pattern in (self.settings.pronoun_pair, self.settings.pronoun_guests)
        )

    def _still_quoting(self, context: _Sentence, earlier: list[_Sentence]) -> bool:
        """Whether a sentence that does not narrate follows reported words with only such sentences between, or runs on
        in the paragraph of a person's words however it names people, or opens "在…，" with a time before the current
        event's (`_in_speakers_paragraph`, `_recalls`; asked for sentences with a trigger only: most have none)."""
        if context.runs_on and (not self.settings.narration.search(context.text) or self._recalls(context)):
            opening = _speakers_opening([*earlier, context])
            # (words of the sentence's own, in the paragraph of a speech: the speaker recalls someone's words)
            if opening is not None and (not context.reported or not _opens_with_speech(opening)):
                return True
        if _speaks_in_person(context) and earlier and earlier[-1].reported:
            return True  # "X表示，…。习近平主席在…峰会上倡导…，我完全赞同。": X's words still, a name or not
        if self._narrates(context):
            return False
        for before in reversed(earlier[-_QUOTE_REACH:]):
            if before.reported:
                return True
            if self._narrates(before):
                return False
        return False

    def _recalls(self, context: _Sentence) -> bool:
        """Whether the sentence opens with a year or month before the current event's day (在去年…峰会上，X强调)."""
        return self.current is not None and _before(_opening_period(context.mentions), self.current.when)

    def _is_event(self, draft: _Draft) -> bool:
        """Has the people its type requires, and is not dated after the document."""
        if self._is_plan(draft.when):
            return False
        return bool(draft.participants) or not self.rules.types[draft.type].require_participants

    def _is_plan(self, when: _When | None) -> bool:
        """Dated after the document, by day or by a year or month after its own (全会决定，…于X日召开; 下次峰会将于
        2025年在A举行): a plan whatever the words; it opens no event, adds nothing to the events before it, and
        the sentences after it continue them."""
        if not (when and self.doc_date):
            return False
        if when.period:
            return when.period > self.doc_date[: len(when.period)]
        return bool(when.date and when.date > self.doc_date)

    def _part_of_open(self, hit: _Hit) -> _Hit:
        """A mention of an event that is part of one already open in the article ("…论坛在京开幕。X出席开幕式")
        is a trigger of that event; its people get their roles from the cues of that event, not as subject."""
        open_drafts = [d for t in hit.rule.part_of if (d := self.latest_of_type.get(t)) is not None]
        if not open_drafts:
            return hit
        open_type = max(open_drafts, key=lambda d: d.seq).type  # the latest (not a scan of all: long articles)
        rule = dataclasses.replace(hit.rule, type=open_type, subject_role=None)  # roles come from the open event
        return _Hit(rule, hit.start, hit.end, hit.text, ())

    def _remember(self, context: _Sentence, people: list[_Person], mentions: Sequence[Mention]) -> None:
        """Keep the sentence's people, and the sentence, for pronouns; and the article's first full date."""
        self.before = (context, people)
        if people:
            self.recent.extend(people)
            del self.recent[:-_RECENT_PEOPLE]
        if self.lead_date is None:
            dates = sorted((m for m in mentions if m.type == "DATE"), key=_SPAN)
            self.lead_date = next((w for w in map(_when_from_mention, dates) if w and not w.period), None)

    # ------------------------------------------------------------------ sentences

    def _view(
        self, sentence: Sentence, text: str, context: _Sentence, hits: list[_Hit], people: list[_Person]
    ) -> _View:
        people = sorted([*people, *self._pronoun_people(text, people, context)], key=attrgetter("start"))
        spans = [(s, e) for hit in hits for _, s, e in hit.groups]
        quoted = context.reported[0][0] if context.reported else len(text)  # people in reported words: no role
        free = [
            p
            for p in people
            if p.start < quoted
            and not any(_inside(p, s, e) for s, e in spans)
            and not _is_outsider(text, p, self.settings)
        ]
        by_type: dict[str, list[Mention]] = {}
        for m in sorted(context.mentions, key=_SPAN):
            by_type.setdefault(m.type, []).append(m)
        return _View(
            sentence=sentence,
            text=text,
            people=people,
            lists=_name_lists(text, free, self.settings),
            dates=by_type.get("DATE", []),
            locations=by_type.get("LOCATION", []),
            organizations=by_type.get("ORGANIZATION", []),
            persons=by_type.get("PERSON", []),
            reported=context.reported,
        )

    def _pronoun_people(self, text: str, people: list[_Person], context: _Sentence) -> list[_Person]:
        """Pronouns (他/她) as the people they stand for: see `_referent`. Before any event of the article, only in a
        sentence that dates what it tells ("2021年6月，总书记来到…考察": a recalled occasion; undated, "他走遍…调研"
        sums up many)."""
        pronouns = list(self.settings.pronoun.finditer(text))  # most sentences: none, and no date to look for
        dated = bool(pronouns) and (
            any(m.type == "DATE" for m in context.mentions) or bool(self.settings.dated.search(text))
        )
        if not self.drafts and not dated:
            return []
        found = []
        for match in pronouns:
            if any(p.start <= match.start() < p.end for p in people):
                continue
            earlier = [p for p in people if p.end <= match.start()]
            if self._names_outsider(text, match.start(), earlier):
                continue
            referent = self._referent(match.group(), earlier, dated)
            if referent is not None:
                found.append(_Person(referent.name, referent.title, match.start(), match.end()))
        for match in self.settings.pronoun_pair.finditer(text):
            found += [_Person(name, None, match.start(), match.end()) for name in self._leading_pair()]
        for match in self.settings.pronoun_counted.finditer(text):
            count = _COUNTS.index(match.group("count")) + 3
            found += [_Person(name, None, match.start(), match.end()) for name in self._counted_leaders(count)]
        for match in self.settings.pronoun_guests.finditer(text):
            found += [_Person(name, None, match.start(), match.end()) for name in self._guests()]
        return found

    def _may_take(self, text: str, person: _Person, role: str) -> bool:
        """Whether a person may take `role` here: one named as 贵宾们 only takes a guest role (李明同贵宾们…举行宴会，
        并致辞: the host speaks)."""
        return role in self.settings.guest_roles or not self.settings.pronoun_guests.fullmatch(
            text, person.start, person.end
        )

    def _guests(self) -> list[str]:
        """The people "贵宾们" stands for: those in guest_roles of the latest event that has any (the current events
        first)."""
        for draft in [*self.group, *reversed(self.drafts)]:
            names = list(dict.fromkeys(p.name for p in draft.participants if p.role in self.settings.guest_roles))
            if names:
                return names
        return []

    def _leading_pair(self) -> list[str]:
        """The two people "两国领导人"/"双方领导人" stand for: the first two leading people of the latest event
        that has two (the current events first)."""
        for draft in [*self.group, *reversed(self.drafts)]:
            names = list(dict.fromkeys(p.name for p in draft.participants if p.role in self.settings.pronoun_roles))
            if len(names) >= 2:
                return names[:2]
        return []

    def _names_by_pronoun(self, text: str) -> bool:
        """Whether the text names people of the events by a pronoun (他, 两国元首, 五国元首, 贵宾们)."""
        settings = self.settings
        return any(
            pattern.search(text)
            for pattern in (settings.pronoun, settings.pronoun_pair, settings.pronoun_counted, settings.pronoun_guests)
        )

    def _counted_leaders(self, count: int) -> list[str]:
        """The people "N国元首" stands for (settings.pronoun_counted): the `count` leading people and attendees of the
        latest event that has them, or all but its chair or host when it has one more (the host of a summit)."""
        roles = {*self.settings.pronoun_roles, *self.settings.guest_roles}
        for draft in [*self.group, *reversed(self.drafts)]:
            names = list(dict.fromkeys(p.name for p in draft.participants if p.role in roles))
            if len(names) == count:
                return names
            heads = {p.name for p in draft.participants if p.role in _HEAD_ROLES}
            rest = [name for name in names if name not in heads]
            if len(names) == count + 1 and len(rest) == count:
                return rest
        return []

    def _names_outsider(self, text: str, start: int, earlier: list[_Person]) -> bool:
        """Whether a pronoun that opens the sentence stands for the person the sentence before opens with, someone
        outside every event so far (黄某走访…。习近平总书记始终关心…。他指出，…: 他 is not the visitor), and so for
        nobody of the events."""
        if earlier or self.before is None or text[:start].strip("，、 ") or not self.drafts:
            return False
        before, people = self.before
        if not people or not _opens_with_name(before):  # asked only here: few sentences open with a pronoun
            return False
        subject = min(people, key=attrgetter("start"))
        return not any(p.name == subject.name for d in [*self.group, *self.drafts] for p in d.participants)

    def _referent(self, pronoun: str, earlier: list[_Person], dated: bool) -> _Person | None:
        """The nearest person a pronoun can stand for: one who holds a leading role (chair, speaker, host,
        guest, inspector, visitor) in the current events, of the pronoun's gender when the title tells
        (她 and 夫人/女士); without one, the first person of the current event, and before any event with people, in
        a dated sentence, the person last named ("习近平总书记念兹在兹。2021年6月，总书记来到…考察")."""
        female = bool(self.settings.female_pronoun.fullmatch(pronoun))
        leading = {p.name for d in self.group for p in d.participants if p.role in self.settings.pronoun_roles}
        candidates = [p for p in [*reversed(earlier), *reversed(self.recent)] if p.name in leading]
        chosen = next((p for p in candidates if bool(self.settings.female_title.search(p.title or "")) == female), None)
        if chosen is None and female and candidates:  # most titles do not tell the gender
            chosen = candidates[0]
        if chosen is None and earlier:  # "X是…，他分享了": the person this sentence has just named
            chosen = earlier[-1]
        anchor = self.current.anchor() if self.current else None
        if chosen is None and anchor:
            chosen = _Person(anchor, None, 0, 0)
        if chosen is None and dated and self.recent:  # no event with people yet: the person last named
            chosen = self.recent[-1]
        return chosen

    # ------------------------------------------------------------------ events

    def _on_triggers(self, view: _View, hits: list[_Hit]) -> None:
        by_type: dict[str, list[_Hit]] = {}
        for hit in hits:
            by_type.setdefault(hit.rule.type, []).append(hit)
        base = self.current.when if self.current else (self.lead_date or _When())
        if self.settings.stay.match(view.text):  # "在闽期间，…": which day of the stay, the text does not say
            base = _When()
        filled: list[tuple[_Draft, _Person | None, list[_Hit]]] = []
        over: set[int] = set()  # ids of the drafts of parts over before the sentence goes on (see _parts)
        for etype, type_hits in by_type.items():
            during = self.current is not None and self.current.type != etype  # see _dated
            parts = self._parts(view, etype, type_hits)
            taken: set[int] = set()  # ids of the drafts the parts took: one event per part
            for part, is_over in parts:
                own = self._own_when(view, part)
                if self._is_plan(own) or self._only_occasion(view.text, part, hits):
                    continue
                together: list[_Draft] = []
                for one in self._each(view, part) or [None]:
                    draft = self._open_draft(etype, part, view, one, taken, len(parts) > 1)
                    if (
                        draft is None
                        or any(h.rule.new_event for h in part)
                        or self._differs(own, draft.when)
                        or self._other_subject(view, part, draft)
                    ):
                        when = _dated(own, base, during)
                        draft = _Draft(type=etype, when=when, seq=len(self.drafts), latest=self.latest)
                        self._add_draft(draft)
                    elif not draft.when.date and not draft.when.period:  # named first in a headline: its day
                        draft.when = _dated(own, base, during)
                    for hit in part:
                        _add_unique(draft.triggers, hit.text)
                    taken.add(id(draft))
                    if is_over:
                        over.add(id(draft))
                    filled.append((draft, one, part))
                    if one is not None:
                        together.append(draft)
                        draft.together = together
        if not filled:
            return
        # "出席…峰会期间会见Y": the summit is the occasion, and "会谈后共同会见记者": the talks are over; later
        # sentences continue the press meeting.
        over.update(id(draft) for draft, _, part in filled if all(self._is_aside(view.text, h) for h in part))
        self.group = [d for d, _, _ in filled if id(d) not in over] or [d for d, _, _ in filled]
        for draft, one, part in filled:
            self._fill(draft, view, part, hits, one)
            if not draft.participants and not self.rules.types[draft.type].follow_up_places:
                # "X来到A、B，…，走进村民家中看望": a visit with no visitor of its own names sites of X's tour
                tour = self._tour_of(draft, view)
                if tour is not draft:
                    self._add_places(tour, view, [])

    def _parts(self, view: _View, etype: str, hits: list[_Hit]) -> list[tuple[list[_Hit], bool]]:
        """The sentence's triggers of one type grouped by the event each names, and whether that event is over
        before the sentence goes on: split where a trigger is over before the next (settings.over_after:
        "会谈后共同会见记者"), then by the type's distinct words ("举行欢迎仪式和欢迎宴会"), then by the people their
        role groups name ("会见A，同B举行会谈": two talks)."""
        if len(hits) < 2:
            return [(hits, False)]
        text = view.text
        ends = sorted({h.end for h in hits if self.settings.over_after.match(text[h.end : h.end + 8])})
        parts: dict[int, list[_Hit]] = {}
        for hit in hits:
            parts.setdefault(bisect.bisect_left(ends, hit.end), []).append(hit)
        words = self.rules.types[etype].distinct_words
        return [
            (apart, i < len(ends))
            for i, part in parts.items()
            for each_apart in _each_apart(part)
            for named in (_by_distinct_word(each_apart, words) if words else [each_apart])
            for apart in _by_named_people(named, view.people)
        ]

    def _only_occasion(self, text: str, part: list[_Hit], hits: list[_Hit]) -> bool:
        """Whether the part names only the occasion of an act of another type the sentence tells after it ("出席…会晤
        期间会见Y": the summit is when the talks took place; the article is about the talks)."""
        end = max(h.end for h in part)
        return all(self._is_aside(text, h) for h in part) and any(
            h.start >= end and h.rule.type != part[0].rule.type for h in hits
        )

    def _is_aside(self, text: str, hit: _Hit) -> bool:
        return bool(self.settings.aside.match(text[hit.end : hit.end + 8]))

    def _each(self, view: _View, hits: list[_Hit]) -> list[_Person]:
        """The people of an `each` group ("分别会见A、B和C"): each gets an event of their own."""
        return [
            person
            for hit in hits
            for role, start, end in hit.groups
            if role == hit.rule.each
            for person in view.people
            if _inside(person, start, end)
        ]

    def _open_draft(
        self, etype: str, hits: list[_Hit], view: _View, one: _Person | None, taken: set[int], split: bool
    ) -> _Draft | None:
        """The event of this type the sentence continues (none of those `taken` by its other parts): the one
        that already has a person the triggers' role groups name in that role ("会见A时…" after "分别会见A、B"),
        else the current one, else the latest. When the type keeps distinct triggers apart, or the sentence
        names several events of the type (`split`), the latest one whose triggers are the same as these."""
        named = {(p.name, role) for h in hits for role, s, e in h.groups for p in view.people if _inside(p, s, e)}
        if one is not None:
            named = {(p, r) for p, r in named if p == one.name}
        having = [d for n, r in named if (d := self.latest.get((etype, n, r))) is not None and id(d) not in taken]
        draft = max(having, key=lambda d: d.seq) if having else None  # the latest draft naming one of them
        if one is not None:
            return draft
        open_drafts = [d for d in self.group if d.type == etype and id(d) not in taken]
        latest = self.latest_of_type.get(etype)
        draft = draft or next(iter(open_drafts), None) or (latest if id(latest) not in taken else None)
        if draft is None or not (split or self.rules.types[etype].distinct_triggers):
            return draft
        if _same_triggers(hits, draft):
            return draft
        earlier = reversed(self.recent_of_type.get(etype, []))
        return next((d for d in earlier if id(d) not in taken and _same_triggers(hits, d)), None)

    def _other_subject(self, view: _View, hits: list[_Hit], draft: _Draft) -> bool:
        """Whether the triggers' subject (the last list of their clause before them, not an escort: "X夫人Z在A会见")
        names nobody of `draft`, an event of a type with `own_subject` that already has someone in the subject's
        role: someone else's event of the type. Not in a paragraph of someone's words, whose recalled events the
        article does not tell (they stay with the day's event, as before this test)."""
        hit = hits[0]
        if not self.rules.types[draft.type].own_subject or not hit.rule.subject_role or self.in_speakers_paragraph:
            return False
        if not any(p.role == hit.rule.subject_role for p in draft.participants):
            return False
        lo = _clause_start(view.text, hit.start)
        subject = next((names for names in reversed(view.lists) if names.end <= hit.start), None)
        if subject is None or subject.start < lo or self._escorts(view, subject):
            return False
        if any(p.name in draft.names() for p in subject.people) or not self._is_subject(view, subject, hit):
            return False
        # the subject of the trigger itself, not of a cue of another role ("Z参加会见": an attendee of the same talks)
        roles = self._list_roles(view, subject, self.rules.types[draft.type], hits, hits)
        return roles == [(hit.rule.subject_role, None)]

    def _add_draft(self, draft: _Draft) -> None:
        self.drafts.append(draft)
        self.latest_of_type[draft.type] = draft
        recent = self.recent_of_type.setdefault(draft.type, [])
        recent.append(draft)
        del recent[:-_REACH_BACK]

    def _differs(self, own: _When | None, known: _When) -> bool:
        """Whether a sentence's own date, year or month, or part of day makes it a different event."""
        if own is None:
            return False
        if own.date and known.date and own.date != known.date:
            return not (known.until and known.date <= own.date <= known.until)
        mine, theirs = own.date or own.period, known.date or known.period  # "3月，X会见Y" after a June meeting
        if mine and theirs and not (mine.startswith(theirs) or theirs.startswith(mine)):
            return True
        classes = self.settings.time_of_day_class
        a, b = own.time_of_day, known.time_of_day
        return bool(a and b) and classes.get(a, a) != classes.get(b, b)

    def _own_when(self, view: _View, hits: list[_Hit]) -> _When | None:
        """The date a sentence gives the event its triggers mention: explicit (for the first trigger that has
        one: before it, else inside it or in the rest of its clause; the first day of a range; not after the
        document's date when another is given); relative dates come resolved from tagging (kg.tag.dates)."""
        ranges = _ranges(view.text, view.dates, self.settings) if len(view.dates) > 1 else {}
        ends = {m.start for m in ranges.values()}
        dates = [(m, w) for m in view.dates if m.start not in ends and (w := _when_from_mention(m)) is not None]
        dated = [(m, w) for m, w in dates if w.date]
        found = []
        for hit in hits:
            chosen = self._nearest(view, dated, hit)
            if chosen is not None:
                mention, when = chosen
                last = _when_from_mention(ranges[mention.start]) if mention.start in ranges else None
                found.append(_When(when.date, when.time, when.time_of_day, until=last.date if last else None))
        past = [w for w in found if not (self.doc_date and w.date and w.date > self.doc_date)]
        if found:
            return (past or found)[0]
        period = self._nearest(view, [(m, w) for m, w in dates if w.period], hits[0])
        if period:
            return period[1]  # "2013年8月，…考察": see _dated
        vague = [(m, _When(vague=True)) for m in view.dates if m.attrs.get("approximate") and not m.normalized]
        if self._nearest(view, vague, hits[0]):
            return _When(vague=True)  # "X日前视察了…" after a sentence of the 18th: not that day
        part_of_day = self._nearest(view, [(m, w) for m, w in dates if not w.date and not w.period], hits[0])
        return part_of_day[1] if part_of_day else None  # 当晚 whose day is unknown: the event keeps its story's day

    @staticmethod
    def _nearest(view: _View, dates: list[tuple[Mention, _When]], hit: _Hit) -> tuple[Mention, _When] | None:
        """The date mention a trigger takes: the first inside it ("会议21日上午在京举行", even after another event's
        date: a headline run into the lead), else the last before it, else the first in the rest of its clause."""
        inside = [d for d in dates if hit.start <= d[0].start and d[0].end <= hit.end]
        before = [d for d in dates if d[0].end <= hit.start]
        after = [d for d in dates if hit.start <= d[0].start < _clause_end(view.text, hit.end)]
        return next(iter([*inside, *reversed(before), *after]), None)

    def _article_wide(self, view: _View) -> None:
        """Cues that reach every event of the article ("A、B陪同分别参加上述有关活动，…参加汇报会") give their roles
        to the article's other events too, though the sentence names a trigger of its own."""
        if not self.rules.may_reach_article(view.text):  # most sentences
            return
        for names in view.lists:
            by_type = {
                t: self._list_roles(view, names, self.rules.types[t], [], []) for t in {d.type for d in self.drafts}
            }
            for draft in self.drafts:
                for role, cue in by_type[draft.type]:
                    if cue is None or cue.applies_to != "article":
                        continue
                    for person in names.people:
                        if self._may_take(view.text, person, role):
                            draft.add_participant(person, role)

    def _follow_up(self, view: _View) -> None:
        """A sentence without a trigger: role cues reach the events their `applies_to` says; a sentence
        that names a person of the current event adds its places and its evidence to it."""
        current = self.current
        if current is not None and self._tells_another_day(view, current):
            return
        reach = {"event": self.group[:1], "sentence": _with_together(self.group), "article": self.drafts}
        # a current event with nobody of its own (a visit without its visitor) passes its people to the tour
        known = (current.names() or self._tour_of(current, view).names()) if current is not None else set()
        relevant = any(p.name in known for p in view.people)
        for names in view.lists:
            by_type = {
                t: self._list_roles(view, names, self.rules.types[t], [], []) for t in {d.type for d in self.drafts}
            }
            for draft in self.drafts:
                for role, cue in by_type[draft.type]:
                    if cue is not None and draft in reach[cue.applies_to]:
                        quoted = role in self.settings.quoted_roles
                        for person in names.people:
                            barred = quoted and (view.quoting or person.name in self.writers)
                            if not barred or person.name in draft.names():
                                draft.add_participant(person, role)
                        draft.add_evidence(view.sentence)
                        relevant = relevant or draft is current
        if current is not None and relevant:
            tour = self._tour_of(current, view)
            known = dict(tour.places.names)
            self._add_places(tour, view, [])
            current.add_evidence(view.sentence)
            if not tour.when.date and tour.places.names.keys() - known.keys():
                tour.when = self._opening_day(view) or tour.when

    def _tells_another_day(self, view: _View, current: _Draft) -> bool:
        """Whether a sentence opens with a past full date (`_opening_day`) that makes another event than the dated
        current one (`_differs`: "今年2月7日，X在…上发表重要讲话" in a story of a July meeting), or with a year or
        month before the event's (`_opening_period`: "在去年…峰会上，X强调"), or with a span of time
        (settings.span: "今年以来，X先后主持召开…，强调…"): its cues are not the event's."""
        if self.settings.span.match(view.text):
            return True
        if current.when.date is None:
            return False
        when = self._opening_day(view)
        if when is not None:
            return self._differs(when, current.when)
        return _before(_opening_period(view.dates), current.when)

    def _opening_day(self, view: _View) -> _When | None:
        """The day a sentence that names a site of an event its story left without one opens with (八一前夕视察 …
        "26日上午，总书记来到…"): a full date, printed first, not after the document's date; not the day of a
        sentence that names no new site ("12月13日，X回到国内")."""
        when = _opening_when(view.dates)
        if when is None or not when.date or (self.doc_date and when.date > self.doc_date):
            return None
        return when

    def _tour_of(self, current: _Draft, view: _View) -> _Draft:
        """The event a follow-up sentence's places go to: the one its opening names as its time (settings.occasion:
        "调研期间，"), else the current one, unless its type takes places only from its own sentences (a visit to one
        home during a tour): then the latest event naming one of the sentence's people whose type takes them
        ("在X，总书记强调…" after the visit is a site of the inspection)."""
        occasion = self.settings.occasion.match(view.text)
        if occasion is not None:
            word = occasion.group("word")
            named = (d for d in reversed(self.drafts) if any(word in trigger for trigger in d.triggers))
            current = next(named, current)
        if self.rules.types[current.type].follow_up_places:
            return current
        names = {p.name for p in view.people}
        touring = (d for d in reversed(self.drafts) if self.rules.types[d.type].follow_up_places and d.names() & names)
        return next(touring, current)

    def _fill(
        self, draft: _Draft, view: _View, hits: list[_Hit], all_hits: list[_Hit], one: _Person | None = None
    ) -> None:
        """Roles, places, organizations and evidence of one sentence for `draft`; `one`: the only person of the
        `each` group this event is about."""
        etype = self.rules.types[draft.type]
        each = {h.rule.each for h in hits} if one is not None else set()
        for hit in hits:
            for role, start, end in hit.groups:
                for person in view.people:
                    if role in each and person is not one:
                        continue
                    if (
                        _inside(person, start, end)
                        and not _is_outsider(view.text, person, self.settings)
                        and self._may_take(view.text, person, role)
                    ):
                        draft.add_participant(person, role)
        for names in view.lists:
            for role, cue in self._list_roles(view, names, etype, hits, all_hits):
                beyond = cue is not None and cue.applies_to != "event"
                targets = _with_together([draft]) if beyond else [draft]
                for person in names.people:
                    if cue is None and person.name in draft.names() and self._refers_back(view.text, person):
                        continue  # "两国元首就…进行了会谈": the host and the guest stay what they are
                    if self._may_take(view.text, person, role):
                        for target in targets:
                            target.add_participant(person, role)
        self._add_places(draft, view, hits, [h for h in all_hits if h not in hits])
        text = view.text
        for hit in hits:
            lo = _clause_start(text, hit.start)
            for org in view.organizations:
                name = org.normalized or org.text
                if lo <= org.start < hit.start and self._is_argument(view, org) and not self._in_place(draft, name):
                    _add_unique(draft.organizations, name)
            if hit.rule.confidence > draft.confidence:
                draft.confidence, draft.rule = hit.rule.confidence, hit.rule.id
        draft.add_evidence(view.sentence)

    def _add_places(self, draft: _Draft, view: _View, hits: list[_Hit], others: Sequence[_Hit] = ()) -> None:
        """Places the type's patterns find, in the narrated part of the sentence (not in reported words), but
        not a venue that belongs to another event of the sentence (`others`: their triggers, see _belongs_to)."""
        etype = self.rules.types[draft.type]
        text = view.text[: view.reported[0][0]] if view.reported else view.text
        for pattern in etype.places_in(text):
            for match in pattern.pattern.finditer(text):
                if others and _belongs_to(match.span("list"), others, hits):
                    continue
                for item in _place_items(text, *match.span("list"), pattern, self.settings, view):
                    _add_place(draft.places, item)
        if etype.clause_places:
            for hit in hits:
                lo, hi = _clause_start(text, hit.start), _clause_end(text, hit.end)
                for loc in view.locations:
                    if lo <= loc.start < hi and not self.settings.place_name_head.match(text, loc.end):
                        _add_place(draft.places, loc.normalized or loc.text)

    def _list_roles(
        self, view: _View, names: _NameList, etype: EventType, hits: list[_Hit], all_hits: list[_Hit]
    ) -> list[tuple[str, RoleCue | None]]:
        """Roles of a name list in an event of `etype`: cues of the verb phrases after it that are about
        this event (not a phrase holding only another event's trigger), else a cue before it, else the
        subject role of the trigger it is the subject of. `hits` are this event's triggers in the sentence. The
        phrases end where the list's reported words begin ("X对大家说，…一起奔向…": the words are no cue)."""
        text = view.text
        end = self._scope_end(view, names)
        end = min([end, *(stop for begin, stop in view.reported if begin >= names.end)])
        prefix = self.settings.after_prefix.match(text[names.end : end])
        start = names.end + (prefix.end() if prefix else 0)
        start = _after_dates(text, start, view.dates)  # "李强27日上午在天津出席", "绍伊古今天（4月28日）在…出席"
        found: list[tuple[str, RoleCue | None]] = []
        for lo, hi in _phrases(text, start, end, self.settings):
            inside = [h for h in all_hits if lo <= h.start < hi]
            phrase = text[lo:hi]
            if (inside and not any(h in hits for h in inside)) or self.settings.time_phrase.search(phrase):
                continue
            for cue in etype.roles:
                if cue.after and cue.after.match(phrase) and all(role != cue.role for role, _ in found):
                    found.append((cue.role, cue))
        start = _clause_start(text, names.start)
        if text[start - 1 : start] == "：":  # "他们是：A总统B、C": the clause the colon ends too
            start = _clause_start(text, start - 1)
        before = text[start : names.start]
        # a cue before the list adds its role to what the list does ("受邀与会的X表示": attendee and speaker)
        cue = next((c for c in etype.roles if c.before and c.before.search(before)), None)
        if cue is not None and all(role != cue.role for role, _ in found):
            found.append((cue.role, cue))
        if found:
            return found
        subject_of = next((h for h in hits if h.start >= names.end), None)
        if subject_of is None or not self._is_subject(view, names, subject_of):
            subject_of = next((h for h in reversed(hits) if self._sets_the_scene(view, names, h)), None)
        if subject_of and subject_of.rule.subject_role:
            return [(subject_of.rule.subject_role, None)]
        return []

    def _sets_the_scene(self, view: _View, names: _NameList, hit: _Hit) -> bool:
        """A trigger in an adverbial clause ("座谈交流时，X…") has the next clause's first list as subject, unless
        the clause names its own ("总书记在广西考察时，X曾向总书记汇报": X did not tour)."""
        text = view.text
        end = _clause_end(text, hit.end)
        if hit.end > names.start or end >= len(text) or not self.settings.subject_after.search(text[hit.end : end]):
            return False
        if any(_clause_start(text, hit.start) <= p.start < hit.start for p in view.people):
            return False
        first = next((lst for lst in view.lists if lst.start > end), None)
        return first is names and _clause_end(text, end + 1) >= names.end

    @staticmethod
    def _in_place(draft: _Draft, name: str) -> bool:
        """A site named as a place ("城西街道滨河社区") is not also an organization."""
        return draft.places.covers(name)

    def _scope_end(self, view: _View, names: _NameList) -> int:
        """End of the clauses whose subject is the list: its own, then up to _SCOPE_CLAUSES - 1 more while no
        other person who may take a role is named ("X来到A，看望…，并出席…"; the guest of "并会见了Y" or an
        outsider such as the "Z亲属" met do not end it); a list inside a background clause ("听取X汇报后，") has
        only its own, the subject of one goes on ("X听取汇报后，强调…")."""
        text = view.text
        end = _clause_end(text, names.end)
        if self.settings.background.search(text[names.end : end]) and not _opens_clause(text, names):
            return end
        # a list described in the clause of another subject ("与会人士评价X主席提出的倡议，表示…") has only its own
        if self.settings.described.match(text, names.end, end) and not _opens_clause(text, names):
            return end
        for _ in range(_SCOPE_CLAUSES - 1):
            if end >= len(text) or text[end] != "，":
                break
            following = _clause_end(text, end + 1)
            if any(end < other.start < following and not self._escorts(view, other) for other in view.lists):
                break
            end = following
        return end

    def _escorts(self, view: _View, names: _NameList) -> bool:
        """The list escorts someone named before it ("在Y陪同下"): it takes no clause of the subject's over."""
        return bool(self.settings.escort.match(view.text[names.end : names.end + 8]))

    def _is_subject(self, view: _View, names: _NameList, hit: _Hit) -> bool:
        """A list is the trigger's subject in its own clause, in a later clause of its scope that opens with
        the trigger or with 并/随后 ("X来到Y，看望…", "…举行会谈，并共同主持…") or holds it after 并 ("X来到Y，了解…
        并看望…"), or when it ends its own clause ("A、B一行，赴…") and the trigger is in its scope (not "A国总理X，…
        代表与会，Y主持会议")."""
        text = view.text
        if self._body_is_subject(view, names, hit):
            return False
        own_end = _clause_end(text, names.end)
        if hit.start <= own_end:
            return True
        if hit.start < self._scope_end(view, names):
            lead = text[_clause_start(text, hit.start) : hit.start]
            if len(lead) <= _NEXT_CLAUSE_LEAD or self.settings.same_subject.match(lead) or lead.endswith(_COORDINATOR):
                return True
        after = text[names.end : own_end]
        prefix = self.settings.after_prefix.match(after)
        return prefix is not None and prefix.end() == len(after) and hit.start < self._scope_end(view, names)

    def _body_is_subject(self, view: _View, names: _NameList, hit: _Hit) -> bool:
        """A tagged place or body right before the trigger is its subject ("对阿联酋举办…的祝愿"; see
        settings.body_subject), so the list is not."""
        found = self.settings.body_subject.search(view.text, names.end, hit.start)
        if found is None:
            return False
        span = found.span("body")
        return any((m.start, m.end) == span for m in (*view.locations, *view.organizations))

    @staticmethod
    def _is_argument(view: _View, org: Mention) -> bool:
        """Not a location adverbial ("在X分会场") nor part of a person's title ("市委书记章旭升")."""
        if org.start and view.text[org.start - 1] == "在":
            return False
        nxt = next((p for p in view.persons if p.start >= org.end), None)
        return nxt is None or nxt.start - org.end > 40 or any(c in _BOUNDARY for c in view.text[org.end : nxt.start])


_SENTENCE_ENDS = ("。", "！", "？", "”", "……")


def _printed_after(headline: Sentence, body: Sentence) -> bool:
    """Whether the headline is printed after the body sentence ends, a finished sentence."""
    return (
        bool(headline.offsets and body.offsets)
        and headline.offsets[0] > body.offsets[-1]
        and body.text.rstrip().endswith(_SENTENCE_ENDS)
    )


def _items(article: Article) -> list[Article]:
    """The article cut before every headline printed after a finished sentence of the body: a roundup's items (国内
    联播快讯: one line of headline, then its news) are separate news, and no event, person or date of one runs on
    into the next. A headline after a dateline (央视网消息（新闻联播）：) is the article's own, printed again, and so is
    one printed before the end of the sentence read before it (the dateline joined to the line after the headline).
    """
    cuts = [
        i
        for i, (before, sentence) in enumerate(itertools.pairwise(article.sentences), start=1)
        if sentence.kind != BODY and before.kind == BODY and _printed_after(sentence, before)
    ]
    if not cuts:  # most articles
        return [article]
    bounds = [0, *cuts, len(article.sentences)]
    return [
        dataclasses.replace(
            article,
            sentences=article.sentences[lo:hi],
            headlines=article.headlines if lo == 0 else [s.text for s in article.sentences[lo:hi] if s.kind != BODY],
        )
        for lo, hi in itertools.pairwise(bounds)
    ]


def extract_events(doc: Document, mentions: dict[str, list[Mention]], rules: RuleSet) -> list[Event]:
    """Events of `doc` in article order; ids are stable: f"{doc.id}#a{article}e{n}"."""
    events = []
    for article in doc.articles:
        drafts = [d for item in _items(article) for d in _ArticleExtractor(item, mentions, rules, doc.date).run()]
        for n, d in enumerate(drafts):
            events.append(
                Event(
                    id=f"{doc.id}#a{article.index}e{n}",
                    type=d.type,
                    doc=doc.id,
                    article=article.index,
                    date=d.when.date,
                    time=d.when.time,
                    time_of_day=d.when.time_of_day,
                    participants=d.participants,
                    places=[Argument(name=p) for p in d.places],
                    organizations=[Argument(name=o) for o in d.organizations],
                    evidence=d.evidence,
                    rule=d.rule,
                    confidence=round(d.confidence, 3),
                )
            )
    return events
