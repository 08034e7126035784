"""An event's participants, evidence and places are indexed (linear in a long article) and keep their meaning.

pipelines/complexity.py measures the time; these check the results against the definitions.
"""

from __future__ import annotations

from event_helpers import Lexicon, make_doc, roles
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.events.engine import _Places, extract_events
from kg.events.rules import load_rules

EXAMPLES = settings(max_examples=300, deadline=None)


def _same_place(short: str, long: str) -> bool:
    """`short` ends `long` ("滨河社区" of "东城街道滨河社区"), lacks only its administrative suffix ("东城" of
    "东城区"), or is an administrative unit that `long` starts with ("东城街道" of "东城街道滨河社区")."""
    if long.endswith(short):
        return True
    admin = ("省", "市", "县", "区", "镇", "乡", "街道")
    return long.startswith(short) and (long[len(short) :] in set("省市县区镇乡") or short.endswith(admin))


def _places_by_definition(names: list[str]) -> list[str]:
    """Keep the most specific names: a shorter form of a known place adds nothing, a longer form replaces."""
    places: list[str] = []
    for name in names:
        if not name or any(_same_place(name, known) for known in places):
            continue
        places = [known for known in places if not _same_place(known, name)]
        places.append(name)
    return places


_PLACE_NAMES = st.sampled_from(
    [
        "东城",
        "东城区",
        "东城街道",
        "城街",
        "东城街道滨河社区",
        "滨河社区",
        "滨河",
        "医院",
        "东城医院",
        "株洲",
        "株洲市",
        "",
    ]
)


@EXAMPLES
@given(st.lists(_PLACE_NAMES, max_size=12), _PLACE_NAMES)
def test_places_keep_the_most_specific_names_in_order(names, probe):
    places = _Places()
    for name in names:
        places.add(name)
    expected = _places_by_definition(names)
    assert list(places) == expected
    assert places.covers(probe) == (bool(probe) and any(probe in known for known in expected))


def test_a_long_article_of_inspections_keeps_every_companion_site_and_sentence():
    n = 400
    people = [f"王{chr(0x4E00 + 2 * i)}{chr(0x4E01 + 2 * i)}" for i in range(n)]
    sites = [f"{chr(0x5000 + i)}{chr(0x5200 + i)}村" for i in range(n)]
    inspector, companions = people[0], people[1:]
    sentences = [
        f"{inspector}来到{site}检查工作，{person}陪同。" for person, site in zip(companions, sites, strict=False)
    ]
    sentences += [f"{inspector}来到{sites[0]}检查工作。"]  # the same inspector and site again
    lex = Lexicon(persons=people, locations=sites, titles=dict.fromkeys(people, "市委书记"))
    doc, mentions = make_doc([sentences], lex)
    (event,) = extract_events(doc, mentions, load_rules())
    assert roles(event) == {(inspector, "inspector")} | {(person, "accompanying") for person in companions}
    assert [p.name for p in event.participants] == people  # first-seen order, each once
    assert all(p.title == "市委书记" for p in event.participants)
    assert [place.name for place in event.places] == sites[: n - 1]
    assert [e.sentence for e in event.evidence] == [s.id for s in doc.sentences]  # each sentence once
