"""Plain data passed between the stages of kg.

Every stage reads and returns these dataclasses; each one round-trips through JSON
(`to_dict` / `from_dict`) so per-document results can be cached, shipped to workers and
written as JSONL without custom encoders.

Offsets: raw offsets always index the decoded text of the input document
(`Document.text`). A `Sentence.text` is the OCR-repaired text; `Sentence.offsets[i]` is the
raw offset of `Sentence.text[i]`, and `Document.text[offsets[i]] == text[i]` always holds.
Mentions carry offsets into `Sentence.text`; `Sentence.raw_span(start, end)` converts them.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict, TypeVar

NAME_TYPES = ("PERSON", "LOCATION", "ORGANIZATION")  # what a tagger's model finds; dates are found by rules
ENTITY_TYPES = (*NAME_TYPES, "DATE")  # every Mention.type
T = TypeVar("T")


_Codec = Callable[[Any], Any]
_ATOMS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """A JSON-ready deep copy of a value of unknown type (the `Any` of attrs and meta), as `asdict` makes it."""
    if isinstance(value, _ATOMS):
        return value
    if isinstance(value, Serializable):
        return value.to_dict()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return copy.deepcopy(value)


def _nullable(codec: _Codec) -> _Codec:
    return lambda value: None if value is None else codec(value)


def _codec(hint: Any, decode: bool) -> _Codec | None:
    """A function that rebuilds (decode) or flattens (encode) a value of type `hint`; None: keep the value.

    Made once per field from its type hint, so converting a record does no type inspection.
    """
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _codec(inner[0], decode) if inner else None
    if origin is list:
        item = _codec(typing.get_args(hint)[0], decode)
        if item is None:
            return list
        item = _nullable(item)
        return lambda value: [item(v) for v in value]
    if typing.is_typeddict(hint):
        hint = dict[str, Any]  # a dict with documented keys converts like any other
        origin = dict
    if origin is dict:
        item = _codec(typing.get_args(hint)[1], decode)
        if item is None:
            return dict if decode else (lambda value: {k: _plain(v) for k, v in value.items()})
        item = _nullable(item)
        return lambda value: {k: item(v) for k, v in value.items()}
    if dataclasses.is_dataclass(hint):
        return functools.partial(from_dict, hint) if decode else (lambda value: value.to_dict())
    if hint is Any and not decode:
        return _plain
    return None


@functools.cache
def _fields(cls: type, decode: bool) -> tuple[tuple[str, _Codec | None], ...]:
    """(field name, codec) pairs; resolving type hints is slow, so once per class."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _codec(hints[f.name], decode)) for f in dataclasses.fields(cls))


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build dataclass `cls` from a dict made by `to_dict`; unknown keys are ignored."""
    kwargs = {}
    for name, decode in _fields(cls, True):
        if name in data:
            value = data[name]
            kwargs[name] = value if decode is None or value is None else decode(value)
    return cls(**kwargs)


class Serializable:
    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready fields (what `dataclasses.asdict` gives, made faster from the type hints)."""
        data = {}
        for name, encode in _fields(type(self), False):
            value = getattr(self, name)
            data[name] = value if encode is None or value is None else encode(value)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        return from_dict(cls, data)


BODY = "body"
HEADLINE = "headline"


@dataclass
class Sentence(Serializable):
    """A sentence of an article's body, or one of its headline lines (kind HEADLINE): headlines are tagged like
    sentences, so their names are mentions, but no event is read from them (they repeat the body's news in
    telegraphic form)."""

    id: str  # "<doc>#a<article>s<index>"; a headline "<doc>#a<article>h<index>"
    doc: str
    article: int
    index: int  # among the article's sentences of its kind
    text: str  # OCR-repaired text (original characters, line breaks and stray spaces removed)
    offsets: list[int]  # raw offset of every char of `text`
    kind: str = BODY

    @property
    def start(self) -> int:
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-document offsets of the sentence-text span [start, end)."""
        if end <= start:
            raw = self.offsets[start] if start < len(self.offsets) else self.end
            return raw, raw
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass
class Byline(Serializable):
    """Reporter or photo credit lines: structured data, never sentence text."""

    role: str  # e.g. 融媒首席记者, 通讯员, 融媒记者
    names: list[str]
    kind: Literal["byline", "photo_credit"] = "byline"
    start: int = 0
    end: int = 0


@dataclass
class Article(Serializable):
    doc: str
    index: int
    start: int  # raw span of the article on the page
    end: int
    headlines: list[str] = field(default_factory=list)
    lead: str | None = None  # e.g. 本报讯
    bylines: list[Byline] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)  # in reading order, headlines included

    @property
    def body_sentences(self) -> list[Sentence]:
        """The sentences of the body: what events are read from, and what reports count."""
        return [s for s in self.sentences if s.kind == BODY]


@dataclass
class Document(Serializable):
    id: str
    source: str  # path, or "path:line" for JSONL records
    text: str = ""  # decoded raw text
    date: str | None = None  # YYYY-MM-DD
    date_source: str | None = None  # jsonl | cli | tsv | text
    encoding: str | None = None
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    status: Literal["ok", "skipped", "failed"] = "ok"  # failed: processing raised or ran out of time
    reason: str | None = None
    articles: list[Article] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        """Every sentence, headlines included (what is tagged)."""
        return [s for a in self.articles for s in a.sentences]

    @property
    def body_sentences(self) -> list[Sentence]:
        return [s for a in self.articles for s in a.body_sentences]


class MentionAttrs(TypedDict, total=False):
    """What a mention may carry beyond its fields; each key is set by the one component that owns the fact."""

    time_of_day: str  # DATE (kg.tag.dates): morning, afternoon, evening …
    time: str  # DATE: "HH:MM" when a clock time is printed
    approximate: bool  # DATE: 近日, 春节前夕 … (normalized None: no day is invented)
    future: bool  # DATE: said of what will happen (将于, 下周)
    range_end: bool  # DATE: a day printed right after a date it shares a range or list with (20日至24日, 3日、5日)
    titles: list[str]  # PERSON (kg.tag.titles): each stacked title as printed
    title_orgs: list[str]  # PERSON: the organizations those titles imply (云南省委书记 -> 云南省委)
    descriptors: list[str]  # PERSON: what the text calls the person without a title (航天员, 辅导员)
    eponym: bool  # PERSON (kg.tag.annotate): named in the name of an idea (邓小平理论) or a work, not a person present
    kind: str  # PERSON (kg.tag.reporters): "reporter" for a byline name
    role: str  # reporter: the byline's role word (记者, 通讯员)
    byline: str  # reporter: byline | photo_credit
    lexicon_id: str  # PERSON (kg.tag.lexicon): the id the user pinned


@dataclass
class Mention(Serializable):
    start: int  # offsets into the sentence text
    end: int
    type: str  # PERSON | LOCATION | ORGANIZATION | DATE
    text: str
    normalized: str | None = None  # ISO date, canonical name
    title: str | None = None  # stacked titles joined by 、 (persons)
    source: str = ""  # which component found it: model id, "dates", "lexicon", ...
    score: float | None = None
    attrs: MentionAttrs = field(default_factory=MentionAttrs)

    def respan(self, text: str, start: int, end: int) -> Mention:
        """A copy of this mention covering `text[start:end]` of its sentence (its own copy of attrs)."""
        return dataclasses.replace(self, start=start, end=end, text=text[start:end], attrs=MentionAttrs(self.attrs))

    def retyped(self, type: str) -> Mention:
        """A copy of another type: titles and attrs belong to the old reading and do not carry over."""
        return dataclasses.replace(self, type=type, title=None, attrs=MentionAttrs())


@dataclass
class Participant(Serializable):
    name: str
    role: str  # chair | speaker | attendee | inspector | accompanying | visitor | ...
    title: str | None = None
    entity: str | None = None


@dataclass
class Argument(Serializable):
    name: str
    entity: str | None = None


@dataclass
class Evidence(Serializable):
    sentence: str  # sentence id
    start: int  # raw-document offsets
    end: int
    text: str


@dataclass
class Event(Serializable):
    id: str
    type: str
    doc: str
    article: int
    date: str | None = None  # YYYY-MM-DD
    time: str | None = None  # HH:MM
    time_of_day: str | None = None
    participants: list[Participant] = field(default_factory=list)
    places: list[Argument] = field(default_factory=list)
    organizations: list[Argument] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    rule: str = ""
    confidence: float = 1.0


@dataclass
class Entity(Serializable):
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    mentions: int = 0
    docs: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # collective words before a person's name (市领导): not titles
    # persons: why their pages were merged into this entity or split from a namesake, for an analyst to check:
    # {"decision": merge | split | pin, "reason", "documents"} (+ "namesake": the other entity's id on a split)
    resolution: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DocResult(Serializable):
    """Everything kg derives from one document: the unit of caching and of parallel work."""

    document: Document
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # sentence id -> mentions
    events: list[Event] = field(default_factory=list)
