"""Rule-based event extraction over tagged articles.

News reports name the event once (the lead) and then add details in later sentences that
refer back to it ("他强调…", "胡勇春先后来到…"). The engine therefore works article by
article: a sentence with a trigger opens an event or, when it repeats one already open
(same type, same date), adds to it; a sentence without a trigger is linked to the current
event when it names one of its people, a pronoun, or a role cue ("副市长X参加"). What
counts as a trigger, a role, a place list or a blocker is data in `rules.yaml`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.events.rules import EventType, PlacePattern, Rule, RuleSet, Settings
from kg.model import Argument, Article, Document, Event, Evidence, Mention, Participant, Sentence
from kg.textnorm import fold

_BOUNDARY = frozenset("，。；：！？")
_STRIP = " \t\"'“”「」（）()了"


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


@dataclass
class _When:
    date: str | None = None
    time: str | None = None
    time_of_day: str | None = None


@dataclass
class _View:
    """One sentence prepared for matching: folded text and its mentions by kind."""

    sentence: Sentence
    text: str
    lists: list[_NameList]
    dates: list[Mention]
    locations: list[Mention]
    organizations: list[Mention]
    persons: list[Mention]


@dataclass
class _Draft:
    type: str
    when: _When
    participants: list[Participant] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.0

    def add_participant(self, person: _Person, role: str) -> None:
        for existing in self.participants:
            if existing.name == person.name and existing.role == role:
                existing.title = existing.title or person.title
                return
        self.participants.append(Participant(name=person.name, role=role, title=person.title))

    def names(self) -> set[str]:
        return {p.name for p in self.participants}

    def anchor(self) -> str | None:
        """The person the article is about: the first one the event names."""
        return self.participants[0].name if self.participants else None

    def add_evidence(self, sentence: Sentence) -> None:
        if any(e.sentence == sentence.id for e in self.evidence):
            return
        start, end = sentence.raw_span(0, len(sentence.text))
        self.evidence.append(Evidence(sentence=sentence.id, start=start, end=end, text=sentence.text))


def _add_unique(items: list[str], value: str) -> None:
    if value and value not in items:
        items.append(value)


def _add_place(places: list[str], name: str) -> None:
    """Keep the most specific name: a fragment of a known place adds nothing, a longer form replaces."""
    if not name or any(name in known for known in places):
        return
    places[:] = [known for known in places if known not in name]
    places.append(name)


def _clause_start(text: str, pos: int) -> int:
    for i in range(pos - 1, -1, -1):
        if text[i] in _BOUNDARY:
            return i + 1
    return 0


def _clause_end(text: str, pos: int) -> int:
    for i in range(pos, len(text)):
        if text[i] in _BOUNDARY:
            return i
    return len(text)


def _title_of(mention: Mention) -> str | None:
    if mention.title:
        return mention.title
    titles = mention.attrs.get("titles")
    return "、".join(titles) if titles else None


def _persons(text: str, mentions: Sequence[Mention], settings: Settings) -> list[_Person]:
    """PERSON mentions as people, cutting a last character that belongs to the next word."""
    people = []
    for m in sorted((m for m in mentions if m.type == "PERSON"), key=lambda m: (m.start, m.end)):
        name, end = m.text.strip(), m.end
        if len(name) >= 3 and settings.trim_trailing.match(text[m.end - 1 :]):
            name, end = name[:-1], end - 1
        people.append(_Person(name=name, title=_title_of(m), start=m.start, end=end))
    return people


def _fill_gap(gap: str, offset: int, settings: Settings) -> list[_Person] | None:
    """Names the tagger missed between two names of a list ("、B、C、"), or None."""
    if len(gap) < 4 or gap[0] != "、" or gap[-1] != "、":
        return None
    found, pos = [], offset + 1
    for token in gap[1:-1].split("、"):
        if not settings.list_fill.fullmatch(token) or settings.list_fill_not.search(token):
            return None
        found.append(_Person(name=token, title=None, start=pos, end=pos + len(token)))
        pos += len(token) + 1
    return found


def _name_lists(text: str, people: list[_Person], settings: Settings) -> list[_NameList]:
    """Group people into lists ("A、B、副市长C") that share one role cue."""
    lists: list[_NameList] = []
    for person in people:
        if lists:
            last = lists[-1]
            gap = text[last.end : person.start]
            if settings.list_join.match(gap):
                last.people.append(person)
                continue
            filled = _fill_gap(gap, last.end, settings)
            if filled:
                last.people.extend([*filled, person])
                continue
        lists.append(_NameList([person]))
    return lists


def _view(sentence: Sentence, text: str, mentions: Sequence[Mention], settings: Settings, anchor: str | None) -> _View:
    people = _persons(text, mentions, settings)
    if anchor:
        taken = [(p.start, p.end) for p in people]
        for match in settings.pronoun.finditer(text):
            if not any(s <= match.start() < e for s, e in taken):
                people.append(_Person(name=anchor, title=None, start=match.start(), end=match.end()))
        people.sort(key=lambda p: p.start)
    by_type: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        by_type.setdefault(m.type, []).append(m)
    return _View(
        sentence=sentence,
        text=text,
        lists=_name_lists(text, people, settings),
        dates=by_type.get("DATE", []),
        locations=by_type.get("LOCATION", []),
        organizations=by_type.get("ORGANIZATION", []),
        persons=by_type.get("PERSON", []),
    )


def _blocked(rule: Rule, text: str, start: int, end: int, settings: Settings) -> bool:
    """Planned, negated, generic or quoted mentions of a trigger are not events."""
    prefix = text[:start]
    clause = prefix[_clause_start(text, start) :]
    after = text[end:]
    if any(prefix.count(a) > prefix.count(b) for a, b in settings.skip_inside):
        return True
    if "modal" in rule.blockers and any(m.start() < start for m in settings.modal.finditer(text[:end])):
        return True
    if "negation" in rule.blockers and settings.negation.search(clause):
        return True
    if "generic" in rule.blockers and (settings.generic_before.search(clause) or settings.generic_after.match(after)):
        return True
    return any(p.search(clause) for p in rule.exclude_before) or any(p.match(after) for p in rule.exclude_after)


def _hits(text: str, rules: RuleSet) -> list[_Hit]:
    """Trigger matches that are not blocked, in text order (of one folded sentence)."""
    if rules.trigger_screen is not None and not rules.trigger_screen.search(text):
        return []
    hits = []
    for rule in rules.rules:
        for pattern in rule.triggers:
            for match in pattern.finditer(text):
                if not _blocked(rule, text, match.start(), match.end(), rules.settings):
                    hits.append(_Hit(rule, match.start(), match.end()))
    present = {h.rule.type for h in hits}
    hits = [h for h in hits if not present.intersection(h.rule.yield_to)]
    return sorted(hits, key=lambda h: (h.start, h.end, h.rule.id))


def _cue_role(view: _View, names: _NameList, etype: EventType, settings: Settings) -> str | None:
    after = view.text[names.end : _clause_end(view.text, names.end)]
    prefix = settings.after_prefix.match(after)
    after = after[prefix.end() :] if prefix else after
    before = view.text[_clause_start(view.text, names.start) : names.start]
    for cue in etype.roles:
        if (cue.after and cue.after.match(after)) or (cue.before and cue.before.search(before)):
            return cue.role
    return None


def _place_items(list_text: str, pattern: PlacePattern, settings: Settings) -> list[str]:
    items = ["".join(i.split()).strip(_STRIP) for i in settings.place_split.split(list_text)]
    items = [i for i in items if i]
    if pattern.strict and not all(settings.place_suffix.search(i) for i in items):
        return []
    return [
        i
        for i in items
        if 2 <= len(i) <= settings.place_max_item
        and i not in settings.place_generic
        and not any(w in i for w in settings.place_stopwords)
    ]


def _shift(date: str | None, days: int) -> str | None:
    """`date` moved by `days`; None when either end is not a date (9999-12-31 + 1 has no date)."""
    if not date:
        return None
    try:
        return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return None


def _when_from_mention(mention: Mention) -> _When | None:
    """A full date from a DATE mention; partial dates ("--12-09") give None."""
    norm = mention.normalized or ""
    date_part, _, time_part = norm.partition("T")
    if len(date_part) != 10 or date_part.startswith("-"):
        return None
    time = mention.attrs.get("time") or (time_part[:5] if time_part else None)
    return _When(date=date_part, time=time, time_of_day=mention.attrs.get("time_of_day"))


class _ArticleExtractor:
    """Events of one article: the state that links follow-up sentences to their event."""

    def __init__(self, article: Article, mentions: dict[str, list[Mention]], rules: RuleSet) -> None:
        self.article = article
        self.mentions = mentions
        self.rules = rules
        self.settings = rules.settings
        self.drafts: list[_Draft] = []
        self.current: _Draft | None = None
        self.lead_date: _When | None = None  # first full date of the article

    def run(self) -> list[_Draft]:
        for sentence in self.article.sentences:
            anchor = self.current.anchor() if self.current else None
            mentions = self.mentions.get(sentence.id, [])
            text = fold(sentence.text)
            hits = _hits(text, self.rules)
            # Without a trigger, a sentence matters only if it may name people of the open event (most do not).
            if hits or (self.current and self._may_name_people(text, mentions, anchor)):
                view = _view(sentence, text, mentions, self.settings, anchor)
                if hits:
                    self._on_triggers(view, hits)
                elif self.current and self._relevant(view, self.current):
                    self._fill(self.current, view, [])
            if self.lead_date is None:
                dates = sorted((m for m in mentions if m.type == "DATE"), key=lambda m: (m.start, m.end))
                self.lead_date = next(filter(None, map(_when_from_mention, dates)), None)
        return [d for d in self.drafts if d.participants or not self.rules.types[d.type].require_participants]

    def _on_triggers(self, view: _View, hits: list[_Hit]) -> None:
        groups: dict[str, list[_Hit]] = {}
        for hit in hits:
            groups.setdefault(hit.rule.type, []).append(hit)
        for etype, group in groups.items():
            own = self._own_when(view, group[0].start)
            draft = self._open_draft(etype)
            if draft is None or any(h.rule.new_event for h in group) or self._differs(own, draft.when):
                base = self.current.when if self.current else (self.lead_date or _When())
                draft = _Draft(type=etype, when=own or _When(date=base.date))
                self.drafts.append(draft)
            elif own and not draft.when.date:
                draft.when = own
            self.current = draft
            self._fill(draft, view, group)

    def _open_draft(self, etype: str) -> _Draft | None:
        return next((d for d in reversed(self.drafts) if d.type == etype), None)

    def _differs(self, own: _When | None, known: _When) -> bool:
        """Whether a sentence's own date/part of day makes it a different event."""
        if own is None:
            return False
        if own.date and known.date and own.date != known.date:
            return True
        classes = self.settings.time_of_day_class
        a, b = own.time_of_day, known.time_of_day
        return bool(a and b) and classes.get(a, a) != classes.get(b, b)

    def _own_when(self, view: _View, pos: int) -> _When | None:
        """The date a trigger sentence gives itself: explicit, or relative to the previous event."""
        before = [m for m in view.dates if m.end <= pos]
        after = [m for m in view.dates if m.start >= pos and m.start < _clause_end(view.text, pos)]
        for mention in [*reversed(before), *after]:
            when = _when_from_mention(mention)
            if when:
                return when
        base = self.current.when if self.current else self.lead_date
        prefix = view.text[:pos]
        for rel in self.settings.relative_dates:
            if rel.pattern.search(prefix):
                return _When(date=_shift(base.date if base else None, rel.days), time_of_day=rel.time_of_day)
        return None

    def _may_name_people(self, text: str, mentions: Sequence[Mention], anchor: str | None) -> bool:
        """A PERSON mention, or a pronoun standing for the anchor: what `_view` turns into name lists."""
        return any(m.type == "PERSON" for m in mentions) or bool(anchor and self.settings.pronoun.search(text))

    def _relevant(self, view: _View, draft: _Draft) -> bool:
        etype = self.rules.types[draft.type]
        known = draft.names()
        return any(p.name in known for lst in view.lists for p in lst.people) or any(
            _cue_role(view, lst, etype, self.settings) for lst in view.lists
        )

    def _fill(self, draft: _Draft, view: _View, hits: list[_Hit]) -> None:
        etype = self.rules.types[draft.type]
        text = view.text
        for names in view.lists:
            role = _cue_role(view, names, etype, self.settings)
            if role is None:
                subject_of = next((h for h in hits if h.start >= names.end), None)
                role = (
                    subject_of.rule.subject_role if subject_of and self._is_subject(view, names, subject_of) else None
                )
            for person in names.people if role else ():
                draft.add_participant(person, role)
        for pattern in etype.places:
            for match in pattern.pattern.finditer(text):
                for item in _place_items(match.group("list"), pattern, self.settings):
                    _add_place(draft.places, item)
        for hit in hits:
            lo, hi = _clause_start(text, hit.start), _clause_end(text, hit.end)
            if etype.clause_places:
                for loc in view.locations:
                    if lo <= loc.start < hi:
                        _add_place(draft.places, loc.normalized or loc.text)
            for org in view.organizations:
                name = org.normalized or org.text
                if lo <= org.start < hit.start and self._is_argument(view, org) and not self._in_place(draft, name):
                    _add_unique(draft.organizations, name)
            if hit.rule.confidence > draft.confidence:
                draft.confidence, draft.rule = hit.rule.confidence, hit.rule.id
        draft.add_evidence(view.sentence)

    @staticmethod
    def _in_place(draft: _Draft, name: str) -> bool:
        """A site named as a place ("城西街道滨河社区") is not also an organization."""
        return any(name in place for place in draft.places)

    def _is_subject(self, view: _View, names: _NameList, hit: _Hit) -> bool:
        """A list is the trigger's subject in the trigger's clause, or when it ends its own clause."""
        end = _clause_end(view.text, names.end)
        if hit.start <= end:
            return True
        after = view.text[names.end : end]
        prefix = self.settings.after_prefix.match(after)
        return prefix is not None and prefix.end() == len(after)

    @staticmethod
    def _is_argument(view: _View, org: Mention) -> bool:
        """Not a location adverbial ("在X分会场") nor part of a person's title ("市委书记章旭升")."""
        if org.start and view.text[org.start - 1] == "在":
            return False
        nxt = next((p for p in view.persons if p.start >= org.end), None)
        return nxt is None or nxt.start - org.end > 40 or any(c in _BOUNDARY for c in view.text[org.end : nxt.start])


def extract_events(doc: Document, mentions: dict[str, list[Mention]], rules: RuleSet) -> list[Event]:
    """Events of `doc` in article order; ids are stable: f"{doc.id}#a{article}e{n}"."""
    events = []
    for article in doc.articles:
        drafts = _ArticleExtractor(article, mentions, rules).run()
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
