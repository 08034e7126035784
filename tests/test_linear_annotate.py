"""One sense per document, checked against its definition, and in n log n on a long document.

pipelines/complexity.py measures the time; nothing here is timed.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Mention
from kg.tag.gazetteer import COMMON_SURNAMES, UNIT_ENDS, place_names, well_known_place
from kg.tag.senses import MAX_PLACE_SUFFIX, one_sense_per_document

EXAMPLES = settings(max_examples=300, deadline=None)


def _sentence(tagged: list[tuple[str, str, str | None]]) -> tuple[str, list[Mention]]:
    """A sentence printing each (surface, type, title) once, separated by commas (no cue around any name)."""
    text, mentions = "", []
    for surface, kind, title in tagged:
        text += "，" if text else ""
        mentions.append(Mention(len(text), len(text) + len(surface), kind, surface, title=title))
        text += surface
    return text + "。", mentions


def _one_sense_by_definition(result: dict[str, list[Mention]]) -> dict[str, str]:
    """Name -> the type one sense per document gives it, for names whose type changes: a PERSON with no title
    anywhere becomes a LOCATION when places and organizations use its text, or start with it and end at most
    MAX_PLACE_SUFFIX characters later, at least as often as people do; a LOCATION becomes a PERSON when the
    name has a title somewhere, or is a three-character Chinese name (a common surname first, no unit last, no
    dictionary place) tagged PERSON more often than it is used as a place. A title says nothing of a well-known
    place (东城 of 东城市长 is the city's)."""
    mentions = [m for found in result.values() for m in found]
    titled = {m.text for m in mentions if m.type == "PERSON" and m.title and not well_known_place(m.text)}
    persons = Counter(m.text for m in mentions if m.type == "PERSON")
    places = Counter(m.text for m in mentions if m.type != "PERSON")
    for m in mentions:
        if m.type != "PERSON":
            places.update(m.text[:cut] for cut in range(2, len(m.text)) if len(m.text) - cut <= MAX_PLACE_SUFFIX)
    changed = {name: "LOCATION" for name in persons if name not in titled and places[name] >= persons[name]}
    mostly = {
        name
        for name in persons
        if len(name) == 3
        and persons[name] > places[name]
        and name[0] in COMMON_SURNAMES
        and not name.endswith(UNIT_ENDS)
        and name not in place_names()
    }
    return changed | {name: "PERSON" for name in titled | mostly}


_SURFACES = st.sampled_from(["永康", "永康医院", "永康市", "王立", "王立新", "王立新路", "李明", "东城街道", "东城"])
_TAGGED = st.tuples(_SURFACES, st.sampled_from(["PERSON", "LOCATION", "ORGANIZATION"]), st.sampled_from([None, "市长"]))


@EXAMPLES
@given(st.lists(st.lists(_TAGGED, min_size=1, max_size=4), max_size=6))
def test_one_sense_per_document_follows_its_definition(sentences):
    built = {
        f"s{i}": _sentence([(s, k, t if k == "PERSON" else None) for s, k, t in found])
        for i, found in enumerate(sentences)
    }
    result = {sid: mentions for sid, (_, mentions) in built.items()}
    expected = _one_sense_by_definition(result)
    after = one_sense_per_document(result, {sid: text for sid, (text, _) in built.items()})
    for sid, found in result.items():
        for before, now in zip(found, after[sid], strict=True):
            flips = before.type in ("PERSON", "LOCATION") and expected.get(before.text, before.type) != before.type
            assert now.type == (expected[before.text] if flips else before.type), (before, now)


def test_one_sense_per_document_on_many_people_and_places():
    built = {
        f"s{i}": _sentence([(f"王{i}号", "PERSON", None), (f"王{i}号村", "LOCATION", None)]) for i in range(0, 3000, 2)
    }
    built["t"] = _sentence([("王1号", "PERSON", None), ("王2号", "PERSON", "市长")])
    after = one_sense_per_document({k: m for k, (_, m) in built.items()}, {k: t for k, (t, _) in built.items()})
    assert [m.type for m in after["s0"]] == ["LOCATION", "LOCATION"]
    assert [m.type for m in after["t"]] == ["PERSON", "PERSON"]  # no place starts with 王1号; 王2号 has a title
    assert [m.type for m in after["s2"]] == ["PERSON", "LOCATION"]  # printed with a title elsewhere
