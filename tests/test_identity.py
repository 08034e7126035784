"""Person identity: namesakes split and pages merged on what their titles say, each decision with its reason.

All names, places and sentences are invented (provinces 南州省 and 北川省, cities 清河 and 东州).
"""

from __future__ import annotations

from collections import Counter

import pytest
from graph_helpers import document, event, mention, result

from kg.graph import resolve, resolve_entities
from kg.graph.identity import read_title, summarize_titles
from kg.tag.lexicon import SOURCE as LEXICON


def _page(doc: str, date: str, name: str, title: str | None, *, source: str = "", events=()) -> object:
    text = f"{title or ''}{name}出席会议。"
    tagged = mention(name, "PERSON", text, title=title)
    tagged.source = source
    return result(document(doc, [text], date=date), [[tagged]], list(events))


def _people(results, name: str, city: str | None = "none") -> dict:
    return {e.id: e for e in resolve_entities(results, city=city) if e.type == "PERSON" and e.name == name}


def _reasons(entity, decision: str) -> list[str]:
    return [r["reason"] for r in entity.resolution if r["decision"] == decision]


def test_namesakes_holding_posts_in_two_cities_at_once_are_two_people():
    results = [
        _page("a1", "2021-12-01", "王芳", "清河市委副书记"),
        _page("a2", "2021-12-10", "王芳", "东州市副市长"),
        _page("a3", "2021-12-20", "王芳", "清河市委副书记"),
    ]
    people = _people(results, "王芳")
    assert set(people) == {"per:王芳", "per:王芳/东州市副市长"}
    assert people["per:王芳"].docs == ["a1", "a3"]
    assert people["per:王芳/东州市副市长"].docs == ["a2"]
    split = next(r for r in people["per:王芳/东州市副市长"].resolution if r["decision"] == "split")
    assert split["namesake"] == "per:王芳"
    assert "two cities at once" in split["reason"] and "东州市副市长" in split["reason"]
    assert [r["namesake"] for r in people["per:王芳"].resolution if r["decision"] == "split"] == [
        "per:王芳/东州市副市长"
    ]
    resolution = resolve(results, city="none")
    assert [resolution.entity_of(f"{r.document.id}#a0s0", r.mentions[f"{r.document.id}#a0s0"][0]) for r in results] == [
        "per:王芳",
        "per:王芳/东州市副市长",
        "per:王芳",
    ]


def _sightings(name: str, *pages: tuple[str, str | None]) -> list:
    """One page per (date, title) printing `name` after the title."""
    return [_page(f"{name}{i}", date, name, title) for i, (date, title) in enumerate(pages)]


@pytest.mark.parametrize(
    ("name", "pages", "namesake", "reason"),
    [
        ("王宁", [("2022-03-01", "南州省委书记"), ("2022-03-05", "南州省委书记"), ("2022-03-08", "全国政协委员")],
         "per:王宁/全国政协委员", "a member, no office"),
        ("巴特", [("2023-03-01", "全国政协副主席"), ("2023-03-10", "全国政协副主席"),
                 ("2023-10-01", "北川省委常委、常务副省长")], "per:巴特/北川省委常委", "national leader"),
        ("刘洋", [("2022-01-01", "医生"), ("2022-01-02", "医生"), ("2022-01-03", "记者")],
         "per:刘洋/记者", "different professions"),
    ],
)  # fmt: skip
def test_namesakes_whose_titles_conflict_are_split(name, pages, namesake, reason):
    people = _people(_sightings(name, *pages), name)
    assert set(people) == {f"per:{name}", namesake}
    assert people[f"per:{name}"].docs == [f"{name}0", f"{name}1"]
    assert any(reason in r for r in _reasons(people[namesake], "split"))


@pytest.mark.parametrize(
    ("name", "pages", "reason"),
    [
        ("李明远", [("2021-01-05", "清河市委书记"), ("2021-03-01", "清河市委书记"), ("2021-06-01", "东州市委书记")],
         "one career"),
        ("李刚", [("2022-09-01", "北川省委书记"), ("2023-03-15", "国务院副总理")],
         "titles differ but do not conflict: 北川省委书记 (2022-09-01) / 国务院副总理 (2023-03-15)"),
        ("王勇", [("2022-09-01", "全国政协委员"), ("2023-03-15", "西河村党支部书记")],
         "titles differ but do not conflict"),
        # one province, printed once behind words the title reader took in: no clash
        ("赵刚", [("2023-04-06", "北川省省长"), ("2023-04-07", "执意允许北川省省长")],
         "titles differ but do not conflict"),
        # a former post (时任, 原, 前) says nothing about who the person is now
        ("钱平", [("2023-01-01", "国务院副总理"), ("2023-01-02", "国务院副总理"), ("2023-06-28", "时任东州市委书记")],
         "no title on the page: nothing tells it apart"),
    ],
)  # fmt: skip
def test_pages_whose_titles_differ_without_conflict_are_one_person(name, pages, reason):
    people = _people(_sightings(name, *pages), name)
    assert list(people) == [f"per:{name}"]
    assert any(reason in r for r in _reasons(people[f"per:{name}"], "merge"))


def test_pages_without_titles_cannot_be_told_apart_and_join_the_best_attested_namesake():
    results = [
        _page("g1", "2021-12-01", "王芳", "清河市委副书记"),
        _page("g2", "2021-12-20", "王芳", "清河市委副书记"),
        _page("g3", "2021-12-10", "王芳", "东州市副市长"),
        _page("g4", "2021-12-30", "王芳", None),
    ]
    people = _people(results, "王芳")
    assert people["per:王芳"].docs == ["g1", "g2", "g4"]
    assert _reasons(people["per:王芳"], "merge") == [
        "titles agree: both name 清河市",
        "no title on the page: joined the best-attested namesake",
    ]
    untitled = _people([_page("h1", "2021-12-01", "赵明", None), _page("h2", "2021-12-02", "赵明", None)], "赵明")
    assert untitled["per:赵明"].docs == ["h1", "h2"]
    assert _reasons(untitled["per:赵明"], "merge") == ["no title on any page"]


def test_a_name_pinned_by_the_lexicon_is_one_person_whatever_the_titles():
    results = [
        _page("i1", "2021-12-01", "王芳", "清河市委副书记", source=LEXICON),
        _page("i2", "2021-12-10", "王芳", "东州市副市长", source=LEXICON),
        _page("i3", "2021-12-20", "王芳", "清河市委副书记", source=LEXICON),
    ]
    people = _people(results, "王芳")
    assert list(people) == ["per:王芳"]
    assert _reasons(people["per:王芳"], "pin") == ["pinned by --lexicon: one person whatever the titles say"]
    assert not _reasons(people["per:王芳"], "split")


def test_event_participants_get_the_namesake_of_their_own_page():
    meeting = event("j2#e0", "j2", participants=[("王芳", "attendee", "东州市副市长")], date="2021-12-10")
    results = [
        _page("j1", "2021-12-01", "王芳", "清河市委副书记"),
        _page("j2", "2021-12-10", "王芳", "东州市副市长", events=[meeting]),
        _page("j3", "2021-12-20", "王芳", "清河市委副书记"),
    ]
    resolved = resolve(results, city="none").events[meeting.id]
    assert resolved.participants[0].entity == "per:王芳/东州市副市长"


def test_a_relative_title_is_the_papers_city_so_it_agrees_with_the_full_one():
    results = [_page("k1", "2021-12-01", "陈立", "市委书记"), _page("k2", "2021-12-09", "陈立", "清河市委书记")]
    people = _people(results, "陈立", city="清河")
    assert list(people) == ["per:陈立"]
    assert people["per:陈立"].titles == ["市委书记"]  # 市委书记 stands for 清河市委书记: one title, shown once


def test_collective_words_are_groups_not_titles():
    people = _people(
        [_page("l1", "2021-12-01", "孙丽", "市领导"), _page("l2", "2021-12-02", "孙丽", "我市领导")], "孙丽"
    )
    assert people["per:孙丽"].titles == []
    assert people["per:孙丽"].groups == ["市领导", "我市领导"]


@pytest.mark.parametrize(
    ("title", "city", "places"),
    [
        ("南州省委书记", None, [[(1, "南州省")]]),
        ("北川省委副书记、省长", None, [[(1, "北川省")], [(1, "北川省")]]),
        ("清河市委副书记、代市长", None, [[(2, "清河市")], [(2, "清河市")]]),
        ("东州市委常委、纪委书记", None, [[(2, "东州市")], [(2, "东州市")]]),
        ("市委书记", "清河", [[(2, "清河市")]]),
        ("市委书记", None, [[]]),
        ("全国政协委员", None, [[(0, "国家")]]),
        ("中共中央政治局委员", None, [[(0, "国家")]]),
        (
            "南州省东州市西河县石桥镇大湾村党支部书记",
            None,
            [[(1, "南州省"), (2, "东州市"), (3, "西河县"), (4, "石桥镇"), (5, "大湾村")]],
        ),
        ("城市管理局局长", None, [[]]),
        ("东部战区政治部主任", None, [[]]),
    ],
)
def test_titles_name_their_places(title, city, places):
    assert [list(o.places) for o in read_title(title, city)[0]] == places


def test_titles_have_kinds_and_national_leaders_are_recognized():
    member, office = read_title("全国政协委员")[0][0], read_title("全国政协副主席")[0][0]
    assert (member.kind, office.kind, read_title("主治医生")[0][0].kind) == ("member", "office", "profession")
    assert office.state_leader and not member.state_leader
    assert read_title("中共中央政治局委员")[0][0].state_leader
    assert not read_title("南州省委书记")[0][0].state_leader and read_title("南州省委书记")[0][0].senior
    assert read_title("市领导")[1] == ("市领导",)


def test_summarized_titles_say_each_title_once():
    counts = Counter(
        {"国家主席": 50, "中共中央总书记、国家主席、中央军委主席": 20, "应国家主席": 2, "中共中央总书记": 3}
    )
    assert summarize_titles(counts) == ["中共中央总书记、国家主席、中央军委主席"]
    assert summarize_titles(Counter({"书记": 3, "东城街道党工委书记": 1, "副书记": 1})) == [
        "东城街道党工委书记",
        "副书记",
    ]
    assert summarize_titles(Counter({"市委书记": 3, "清河市委书记": 1})) == ["市委书记"]
    assert summarize_titles(Counter({"市领导": 4})) == []


def _ids(results) -> dict:
    resolution = resolve(results, city="none")
    return {e.id: e for e in resolution.entities if e.type == "PERSON"}, resolution


def test_a_known_name_plus_a_stray_character_with_the_same_title_is_that_person():
    results = [
        _page("s1", "2023-03-01", "周立安", "南州省外事办主任"),
        _page("s2", "2023-04-01", "周立安", "南州省外事办主任"),
        _page("s3", "2023-05-01", "周立安应", "南州省外事办主任"),  # 周立安应询…: 应 taken from the next word
        _page("s4", "2023-06-01", "若周立安", "南州省外事办主任"),  # 若周立安…: 若 ("if") taken from before
    ]
    people, resolution = _ids(results)
    assert set(people) == {"per:周立安"}
    assert people["per:周立安"].docs == ["s1", "s2", "s3", "s4"]
    assert {"周立安应", "若周立安"} <= set(people["per:周立安"].aliases)
    reasons = _reasons(people["per:周立安"], "merge")
    assert "周立安应 is 周立安 with a stray character: both 南州省外事办主任" in reasons
    stray = results[2].document.sentences[0]
    assert resolution.entity_of(stray.id, results[2].mentions[stray.id][0]) == "per:周立安"


@pytest.mark.parametrize(
    ("longer", "title", "why"),
    [
        ("周立安华", "清河市人民医院主治医生", "another title: a different person"),
        ("周立安华", None, "no title: nothing says who it is"),
    ],
)
def test_a_longer_name_stays_its_own_person_without_the_same_title(longer, title, why):
    results = [
        _page("s1", "2023-03-01", "周立安", "南州省外事办主任"),
        _page("s2", "2023-04-01", "周立安", "南州省外事办主任"),
        _page("s3", "2023-05-01", longer, title),
    ]
    people, _ = _ids(results)
    assert set(people) == {"per:周立安", f"per:{longer}"}, why


def test_a_name_known_on_one_page_only_takes_no_stray_characters():
    results = [
        _page("s1", "2023-03-01", "周立安", "南州省外事办主任"),
        _page("s3", "2023-05-01", "周立安应", "南州省外事办主任"),
    ]
    people, _ = _ids(results)
    assert set(people) == {"per:周立安", "per:周立安应"}


def test_a_name_cut_short_with_the_same_title_on_one_page_is_the_known_person():
    results = [
        _page("c1", "2023-03-01", "希塔莱马", "南州国总统"),
        _page("c2", "2023-04-01", "希塔莱马", "南州国总统"),
        _page("c3", "2023-05-01", "希塔莱", "南州国总统"),  # the tagger left the last character off
        _page("c4", "2023-05-02", "希塔", "南州国总统"),  # two characters: too short to tell
        _page("c5", "2023-05-03", "帕特鲁", "北州国安全会议秘书"),  # another title: another person
    ]
    people, _ = _ids(results)
    assert set(people) == {"per:希塔莱马", "per:希塔", "per:帕特鲁"}
    assert "希塔莱" in people["per:希塔莱马"].aliases
    assert "希塔莱 is 希塔莱马 cut short: both 南州国总统" in _reasons(people["per:希塔莱马"], "merge")
    # a cut name titled on as many pages as the long one is a person of its own: nothing says which is cut
    results += [_page("c6", "2023-06-01", "希塔莱", "南州国总统")]
    assert {"per:希塔莱马", "per:希塔莱"} <= set(_ids(results)[0])


def test_a_foreign_leader_s_full_name_with_the_same_title_is_the_short_name_s_person():
    results = [
        _page("f1", "2023-03-01", "洛尔坎", "南州国总统"),
        _page("f2", "2023-04-01", "洛尔坎", "南州国总统"),
        _page("f3", "2023-05-01", "阿德里安·洛尔坎", "南州国总统"),
        _page("f4", "2023-05-02", "贝·洛尔坎", "南州国总统"),  # an initial: father and son are printed so
        _page("f5", "2023-05-03", "米洛·洛尔坎", None),  # no title: nothing says it is the president
    ]
    people, _ = _ids(results)
    assert set(people) == {"per:洛尔坎", "per:贝·洛尔坎", "per:米洛·洛尔坎"}
    assert "阿德里安·洛尔坎" in people["per:洛尔坎"].aliases
    assert "阿德里安·洛尔坎 is 洛尔坎 printed in full: both 南州国总统" in _reasons(people["per:洛尔坎"], "merge")
