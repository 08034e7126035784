"""Alias resolution: each merging rule on invented 清河 pages, plus the city inferred from the real seeds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from graph_helpers import document, event, mention, result, sample_results
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.graph import resolve, resolve_entities
from kg.graph.aliases import _CITY_IN_TEXT, canonical_sites, infer_city, mention_key
from kg.model import DocResult, Document
from kg.tag.titles import title_orgs

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _by_id(entities):
    return {e.id: e for e in entities}


def test_same_person_on_different_pages_with_different_titles_is_one_entity():
    entities = _by_id(resolve_entities(sample_results()))
    person = entities["per:王立新"]
    assert person.docs == ["d1", "d3"]
    # 市委书记 (printed twice) stands for 清河市委书记 (once); the stacked title says it all
    assert person.titles == ["市委书记、市防控领导小组组长"]
    assert {"decision": "merge", "reason": "titles agree: both name 清河市", "documents": 1} in (person.resolution)
    assert sum(1 for e in entities.values() if e.name == "王立新") == 1


def test_city_relative_organizations_take_the_papers_city():
    entities = _by_id(resolve_entities(sample_results()))
    assert "市委" in entities["org:清河市委"].aliases
    assert "清河市委" in entities["org:清河市委"].aliases
    assert "市委市政府" in entities["org:清河市政府"].aliases
    assert canonical_sites("市政府", "清河") == ["清河市政府"]
    assert "org:市委" not in entities


def test_我市_and_the_citys_short_forms_are_the_city():
    entities = _by_id(resolve_entities(sample_results()))
    assert {"我市", "清城"} <= set(entities["loc:清河市"].aliases)
    for form in ("我市", "本市", "清", "清城", "清河", "清河市"):
        assert canonical_sites(form, "清河") == ["清河市"]


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("经信局", "清河市经信局"),
        ("市农业农村局", "清河市农业农村局"),
        ("金融办", "清河市金融办"),
        ("市场监督管理局", "清河市市场监督管理局"),
        ("我市卫健局", "清河市卫健局"),
        ("清河经信局", "清河市经信局"),
        ("中共清河市委", "清河市委"),
    ],
)
def test_bureaus_named_without_a_place_get_the_city_prefix(surface, canonical):
    assert canonical_sites(surface, "清河") == [canonical]


@pytest.mark.parametrize(
    "surface", ["东州市委", "清河县委", "省委", "东城街道办", "中央网信办", "党委", "清河医院", "市民广场"]
)
def test_names_carrying_another_place_or_no_unit_are_left_alone(surface):
    assert canonical_sites(surface, "清河") == [surface]


def test_bureau_in_the_pages_resolves_to_the_prefixed_entity():
    entities = _by_id(resolve_entities(sample_results()))
    assert {"经信局", "市经信局"} <= set(entities["org:清河市经信局"].aliases)
    assert "org:东州市委" in entities


@pytest.mark.parametrize(
    ("surface", "parts"),
    [
        ("省委省政府", ["省委", "省政府"]),
        ("市委市政府", ["清河市委", "清河市政府"]),
        ("东州市委市政府", ["东州市委", "东州市政府"]),
        ("县委、县政府", ["县委", "县政府"]),
    ],
)
def test_coordinated_heads_are_two_organizations(surface, parts):
    assert canonical_sites(surface, "清河") == parts


def test_coordinated_mention_and_argument_link_both_entities_and_keep_the_surface_form():
    results = sample_results()
    resolution = resolve(results)
    entities = _by_id(resolution.entities)
    assert "省委省政府" in entities["org:省委"].aliases
    assert "省委省政府" in entities["org:省政府"].aliases
    (key,) = [mention_key(k, m) for r in results for k, ms in r.mentions.items() for m in ms if m.text == "省委省政府"]
    assert resolution.mentions[key] == ("org:省委", "org:省政府")
    visit = resolution.events[results[2].events[0].id]
    assert [(a.name, a.entity) for a in visit.organizations] == [
        ("省委省政府", "org:省委"),
        ("省委省政府", "org:省政府"),
    ]


def test_mentions_participants_and_arguments_get_entity_ids_and_the_results_stay_as_they_were():
    results = sample_results()
    before = [r.to_dict() for r in results]
    resolution = resolve(results)
    entities = _by_id(resolution.entities)
    for r in results:
        for key, found in r.mentions.items():
            for m in found:
                entity = resolution.entity_of(key, m)
                assert (entity in entities) if m.type != "DATE" else entity is None
        for e in resolution.resolved_events(r.events):
            assert all(p.entity in entities for p in e.participants)
            assert all(a.entity in entities for a in e.places + e.organizations)
    assert resolution.events[results[1].events[0].id].places[1].entity == "loc:清河医院"
    assert [r.to_dict() for r in results] == before


def test_dates_are_not_entities():
    entities = resolve_entities(sample_results())
    assert all(e.type in ("PERSON", "ORGANIZATION", "LOCATION") for e in entities)
    assert not any("12月9日" in e.aliases for e in entities)


def test_a_site_both_visited_and_named_as_a_body_is_one_entity():
    entities = _by_id(resolve_entities(sample_results()))
    hospital = [e for e in entities.values() if e.name == "清河医院"]
    assert [e.id for e in hospital] == ["loc:清河医院"]
    assert hospital[0].mentions == 3  # two LOCATION mentions and one ORGANIZATION mention


def test_result_does_not_depend_on_document_order():
    first = [e.to_dict() for e in resolve_entities(sample_results())]
    shuffled = sample_results()
    random.Random(3).shuffle(shuffled)
    assert [e.to_dict() for e in resolve_entities(shuffled)] == first


def test_resolving_twice_gives_the_same_answer_with_one_argument_per_entity():
    results = sample_results()
    first, again = resolve(results), resolve(results)
    assert again == first
    assert len(first.events[results[2].events[0].id].organizations) == 2
    assert len(results[2].events[0].organizations) == 1  # the event itself still names 省委省政府 once
    assert len({e.id for e in again.entities}) == len(again.entities)


def test_explicit_city_overrides_the_inferred_one():
    entities = _by_id(resolve_entities(sample_results(), city="东州"))
    assert "市委" in entities["org:东州市委"].aliases
    assert "org:清河市委" in entities  # written in full on page d2, so still its own body


def test_city_is_inferred_from_the_pages():
    assert infer_city(sample_results()) == "清河"


def test_no_city_leaves_city_relative_names_unexpanded():
    text = ["市委召开会议。"]
    doc = document("x1", text)
    entities = resolve_entities([result(doc, [[mention("市委", "ORGANIZATION", text[0])]])])
    assert [e.id for e in entities] == ["org:市委"]


def test_participant_without_any_mention_still_becomes_a_person():
    doc = document("x2", ["会议召开。"])
    meeting = event("x2#e0", "x2", participants=[("吴晓东", "chair", "副市长")])
    resolution = resolve([result(doc, [], [meeting])], city="清河")
    entities = _by_id(resolution.entities)
    assert entities["per:吴晓东"].titles == ["副市长"]
    assert "org:清河市政府" in entities
    assert resolution.events[meeting.id].participants[0].entity == "per:吴晓东"


@pytest.mark.parametrize(
    ("title", "orgs"),
    [
        ("市委书记", ["市委"]),
        ("东州市委常委、纪委书记、监委主任", ["东州市委", "东州市纪委", "东州市监委"]),
        ("市委常委、宣传部部长", ["市委", "市委宣传部"]),
        ("常务副市长", ["市政府"]),
        ("市防控领导小组第一组长", ["市防控领导小组"]),
        ("清河市委副书记、代市长", ["清河市委", "清河市政府"]),
        ("市发改局党组书记、局长", ["市发改局"]),
        ("副乡长", ["乡政府"]),  # a role titles.yaml declares: the one list of title words
        ("国务院副总理、外长", ["国务院", "外交部"]),
        ("市领导", []),
        (None, []),
    ],
)
def test_title_names_its_organizations(title, orgs):
    assert title_orgs(title) == orgs


def test_city_of_the_seed_pages_is_永康():
    if not SEEDS.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS}")
    results = [
        DocResult(document=Document(id=p.name, source=str(p), text=p.read_text(encoding="utf-8")))
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    assert infer_city(results) == "永康"


def test_stacked_title_offices_keep_their_place_even_when_the_tagger_dropped_it():
    text = ["东州市委常委、纪委书记陈海峰来清河调研。"]
    tagged = mention("陈海峰", "PERSON", text[0], title="东州市委常委、纪委书记", title_orgs=["东州市委", "纪委"])
    entities = _by_id(resolve_entities([result(document("x4", text), [[tagged]])], city="清河"))
    assert "org:东州市纪委" in entities
    assert "org:清河市纪委" not in entities


def test_an_office_tagged_inside_a_title_is_the_titles_office():
    text = ["东州市委常委、纪委书记陈海峰来清河调研。"]
    tagged = [
        mention("纪委", "ORGANIZATION", text[0]),
        mention("陈海峰", "PERSON", text[0], title="东州市委常委、纪委书记"),
    ]
    resolution = resolve([result(document("x5", text), [tagged])], city="清河")
    entities = _by_id(resolution.entities)
    assert "纪委" in entities["org:东州市纪委"].aliases
    assert resolution.entity_of("x5#a0s0", tagged[0]) == "org:东州市纪委"
    assert "org:清河市纪委" not in entities


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="永康市在和与及的甲乙、。\n a1", max_size=30))
def test_city_scan_finds_what_the_plain_lookbehind_alternation_finds(text):
    """The city scan is one negative look-behind for speed; it must match the readable definition:
    XX市 at the start, after a non-CJK character, or after one of 在和与及的."""
    plain = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[在和与及、的]))([\u4e00-\u9fff]{2})市")
    assert _CITY_IN_TEXT.findall(text) == plain.findall(text)
