"""Hand-built documents and mentions for the event tests.

The event engine only needs sentences and mentions; building them here (instead of running
ingest and the tagger) keeps the tests fast and independent of the model's output.
Mentions are found by exact string search in each sentence, like a perfect tagger would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kg.events import extract_events
from kg.events.rules import RuleSet
from kg.model import Article, Document, Event, Mention, Sentence


@dataclass
class Lexicon:
    """What the fake tagger 'finds': names by type, dates with their normalized value."""

    persons: Sequence[str] = ()
    locations: Sequence[str] = ()
    organizations: Sequence[str] = ()
    # surface -> (normalized, time_of_day, time)
    dates: Mapping[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)  # person -> stacked titles


def _find_all(text: str, needle: str, taken: list[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        if not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            yield start, end
        start = text.find(needle, start + 1)


def tag(text: str, lex: Lexicon) -> list[Mention]:
    """Mentions of every lexicon entry in `text`; longer entries win overlaps."""
    entries = [(p, "PERSON") for p in lex.persons]
    entries += [(loc, "LOCATION") for loc in lex.locations]
    entries += [(o, "ORGANIZATION") for o in lex.organizations]
    entries += [(d, "DATE") for d in lex.dates]
    taken: list[tuple[int, int]] = []
    mentions = []
    for surface, kind in sorted(entries, key=lambda e: -len(e[0])):
        for start, end in _find_all(text, surface, taken):
            mention = Mention(start=start, end=end, type=kind, text=surface, source="test")
            if kind == "DATE":
                normalized, time_of_day, time = lex.dates[surface]
                mention.normalized = normalized
                mention.attrs = {k: v for k, v in (("time_of_day", time_of_day), ("time", time)) if v}
            if kind == "PERSON" and surface in lex.titles:
                mention.title = lex.titles[surface]
                mention.attrs = {"titles": lex.titles[surface].split("、")}
            mentions.append(mention)
    return sorted(mentions, key=lambda m: m.start)


def make_doc(
    articles: Sequence[Sequence[str]],
    lex: Lexicon,
    doc_id: str = "doc",
    headlines: Sequence[Sequence[str]] = (),
    wrap: int = 0,
) -> tuple[Document, dict[str, list[Mention]]]:
    """A document of articles made of the given sentences, tagged with `lex`.

    `wrap` > 0 breaks the raw text every `wrap` characters with a blank line, as OCR pages
    do, so raw offsets and sentence offsets differ.
    """
    raw: list[str] = []
    pos = 0
    doc = Document(id=doc_id, source=f"{doc_id}.txt")
    mentions: dict[str, list[Mention]] = {}
    for a_index, sentences in enumerate(articles):
        article = Article(doc=doc_id, index=a_index, start=pos, end=pos)
        if a_index < len(headlines):
            article.headlines = list(headlines[a_index])
        for s_index, text in enumerate(sentences):
            offsets = []
            for i, ch in enumerate(text):
                if wrap and i and i % wrap == 0:
                    raw.append("\n\n")
                    pos += 2
                raw.append(ch)
                offsets.append(pos)
                pos += 1
            raw.append("\n")
            pos += 1
            sentence = Sentence(
                id=f"{doc_id}#a{a_index}s{s_index}",
                doc=doc_id,
                article=a_index,
                index=s_index,
                text=text,
                offsets=offsets,
            )
            article.sentences.append(sentence)
            mentions[sentence.id] = tag(text, lex)
        article.end = pos
        doc.articles.append(article)
    doc.text = "".join(raw)
    return doc, mentions


def article_events(sentences: Sequence[str], lex: Lexicon, rules: RuleSet, date: str = "2023-06-15") -> list[Event]:
    """The events `rules` find in one article of `sentences`, printed on `date`."""
    doc, mentions = make_doc([list(sentences)], lex)
    doc.date = date
    return extract_events(doc, mentions, rules)


def roles(event: Event) -> set[tuple[str, str]]:
    """(name, role) pairs of an event, for compact assertions."""
    return {(p.name, p.role) for p in event.participants}


SIGNING = """\
# A new event type, declared and used from a user file only (tests of user rule files).
types:
  signing:
    description: 签约
    roles:
      - {role: signatory, after: '^(?:代表%CLAUSE%{0,10}?)?签'}
rules:
  - id: signing.sign
    type: signing
    keywords: [签约]
    subject_role: signatory
    confidence: 0.7
"""
