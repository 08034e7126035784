"""The tagging glue the pipeline calls: model mentions + rule dates + boundary fixes + titles + lexicon.

Order per sentence, and why:
1. model PERSON/LOCATION/ORGANIZATION mentions (model DATEs are dropped: the date rules are
   exact and normalize);
2. PERSON boundaries repaired (split at 、, swallowed titles and trailing verbs removed), PERSONs
   overlapping a role word dropped, names of title lists added (kg.tag.boundaries);
3. rule dates, which replace any model mention they overlap;
4. the lexicon, which replaces anything it overlaps (the user knows best);
5. titles attached to the final PERSON mentions, so lexicon persons get titles too; an untitled
   PERSON that is a known place name (kg.tag.gazetteer: 绍兴) becomes a LOCATION.
Dates are then resolved per article in reading order, starting from dates in the article's lead
(本报讯 ...) when ingest kept it apart from the sentences. Last, one sense per document: a PERSON
whose text the same document names as a place (or as the start of a place or organization,
永康 in 永康医院) becomes a LOCATION.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable

from kg.model import Document, Mention
from kg.tag.base import Tagger
from kg.tag.boundaries import complete_title_lists, drop_persons_in_titles, fix_person_boundaries
from kg.tag.dates import SOURCE as DATE_SOURCE
from kg.tag.dates import find_dates, resolve_dates
from kg.tag.gazetteer import COMMON_SURNAMES, person_names, place_names
from kg.tag.lexicon import Lexicon
from kg.tag.titles import attach_titles, find_titles
from kg.textnorm import fold

MODEL_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})


def _overlaps(mention: Mention, others: Iterable[Mention]) -> bool:
    return any(mention.start < o.end and o.start < mention.end for o in others)


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Sorted mentions without overlaps: at each clash the earlier, then longer, mention wins."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _complete_known_name(text: str, mention: Mention) -> Mention:
    """近平 -> 习近平: a two-character PERSON that lacks a surname and, with the character before it,
    makes a known person name."""
    start = mention.start - 1
    if (
        mention.type == "PERSON"
        and mention.end - mention.start == 2
        and start >= 0
        and mention.text[0] not in COMMON_SURNAMES
        and text[start : mention.end] in person_names()
    ):
        return dataclasses.replace(mention, start=start, text=text[start : mention.end])
    return mention


# Titles printed after a name (习近平总书记, 王立新同志): a known name right before one is a person.
_TITLES_AFTER = ("总书记", "同志", "主席", "副主席", "总理", "副总理", "委员长")
_TITLE_AFTER = re.compile(rf"(?=([\u4e00-\u9fff]{{3}})(?:{'|'.join(_TITLES_AFTER)}))")


def _known_names_before_titles(text: str) -> list[Mention]:
    """PERSON mentions for dictionary person names followed by a title, which the model can miss in context."""
    if not any(title in text for title in _TITLES_AFTER):  # most sentences: skip the regex scan
        return []
    return [
        Mention(start=match.start(1), end=match.end(1), type="PERSON", text=match.group(1), source="names")
        for match in _TITLE_AFTER.finditer(text)
        if match.group(1) in person_names()
    ]


def _join_coordinated_head(text: str, mention: Mention) -> Mention:
    """省委省 + 政府 -> 省委省政府: the model cuts coordinated heads; the alias stage splits them properly."""
    if mention.type == "ORGANIZATION" and mention.text[-1:] in "省市县区镇" and text.startswith("政府", mention.end):
        end = mention.end + 2
        return dataclasses.replace(mention, end=end, text=text[mention.start : end])
    return mention


def _own_copy(mention: Mention, text: str) -> Mention:
    """`mention` with `text` and attrs of its own: the caller's model mentions are never changed.

    A bare instance given the fields directly: eight times cheaper than dataclasses.replace (Mention has
    no __post_init__ to skip).
    """
    copy = object.__new__(Mention)
    copy.__dict__.update(vars(mention))
    copy.text, copy.attrs = text, dict(mention.attrs)
    return copy


def annotate_sentence(text: str, model_mentions: Iterable[Mention], lexicon: Lexicon | None = None) -> list[Mention]:
    """Final, sorted, non-overlapping mentions of one sentence (dates not yet resolved)."""
    mentions = [
        _complete_known_name(text, _join_coordinated_head(text, _own_copy(m, text[m.start : m.end])))
        for m in model_mentions
        if m.type in MODEL_TYPES and m.start >= 0 and m.start + 1 < m.end <= len(text)  # one char is noise
    ]
    mentions = fix_person_boundaries(text, mentions)
    titles = find_titles(text)
    if titles:  # two sentences in three name no title: nothing to drop, complete or attach
        mentions = drop_persons_in_titles(mentions, titles)
        mentions = complete_title_lists(text, mentions, titles)
    mentions += [m for m in _known_names_before_titles(text) if not _overlaps(m, mentions)]
    dates = find_dates(text)
    if dates:
        mentions = [m for m in mentions if not _overlaps(m, dates)] + dates
    if lexicon is not None:
        mentions = lexicon.apply(text, mentions)
    mentions = _non_overlapping(mentions)
    if titles:
        attach_titles(text, mentions)
    return [_as_place(m) if m.type == "PERSON" and not m.title and m.text in place_names() else m for m in mentions]


def annotate_document(
    doc: Document, model_mentions: dict[str, list[Mention]], *, lexicon: Lexicon | None = None
) -> dict[str, list[Mention]]:
    """Sentence id -> sorted, non-overlapping mentions with titles and resolved dates."""
    result: dict[str, list[Mention]] = {}
    for article in doc.articles:
        in_order = find_dates(article.lead) if article.lead else []
        for sentence in article.sentences:
            mentions = annotate_sentence(sentence.text, model_mentions.get(sentence.id, []), lexicon)
            result[sentence.id] = mentions
            in_order.extend(m for m in mentions if m.source == DATE_SOURCE)
        resolve_dates(in_order, doc.date)
    return _one_sense_per_document(result)


def _as_place(mention: Mention) -> Mention:
    return dataclasses.replace(mention, type="LOCATION", title=None, attrs={})


def _starts_any(ordered: list[str], prefix: str) -> bool:
    """Whether a string of the sorted list `ordered` starts with `prefix` (is it or extends it): a binary search,
    as the strings that start with a prefix sort right after it."""
    at = bisect.bisect_left(ordered, prefix)
    return at < len(ordered) and ordered[at].startswith(prefix)


def _one_sense_per_document(result: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """Retag PERSON mentions whose text the document also uses as (the head of) a place or organization.

    A name printed with a title anywhere in the document (市委书记X) is a person and is never retagged.
    """
    places = sorted({m.text for found in result.values() for m in found if m.type in ("LOCATION", "ORGANIZATION")})
    people = {m.text for found in result.values() for m in found if m.type == "PERSON"}
    people -= {m.text for found in result.values() for m in found if m.type == "PERSON" and m.title}
    misread = {name for name in people if _starts_any(places, name)}
    if not misread:
        return result
    return {
        sid: [_as_place(m) if m.type == "PERSON" and m.text in misread else m for m in found]
        for sid, found in result.items()
    }


def tag_document(doc: Document, tagger: Tagger, *, lexicon: Lexicon | None = None) -> dict[str, list[Mention]]:
    """Tag all sentences of `doc` in one batched model call, then annotate them."""
    sentences = doc.sentences
    tagged = tagger.tag([fold(s.text) for s in sentences]) if sentences else []
    return annotate_document(doc, {s.id: found for s, found in zip(sentences, tagged, strict=True)}, lexicon=lexicon)
