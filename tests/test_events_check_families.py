"""The error families the news check set showed (issue 14), on sentences written for these tests: purpose
clauses after an arrival, attributive 出席…的, leaders listed with titles and commas, guests of honour,
names that only qualify a ceremony, people chosen for a later session, and venues of talks and ceremonies."""

from __future__ import annotations

import pytest

from kg.events import load_rules
from kg.events.check import check_example
from kg.events.rules import Example, ExpectedEvent

RULES = load_rules()


def event(etype: str, roles: dict[str, str | list[str]], places: list[str] | None = None) -> ExpectedEvent:
    pairs = {(name, role) for name, given in roles.items() for role in ([given] if isinstance(given, str) else given)}
    return ExpectedEvent(type=etype, roles=frozenset(pairs), places=tuple(places) if places is not None else None)


def failures(text: str, people: list[str], events: list[ExpectedEvent], places=(), orgs=()) -> list[str]:
    example = Example(
        where="test",
        text=text,
        date=None,
        people=tuple(people),
        places=tuple(places),
        organizations=tuple(orgs),
        events=tuple(events),
    )
    return [failure.message for failure in check_example(example, RULES)]


@pytest.mark.parametrize(
    "text",
    [
        "当地时间5月3日上午，省长赵明乘包机抵达海湾国际机场，出席第二届环湖经济峰会。",
        "外界关注省长赵明抵达海湾市，应邀同北川王国首相门多萨举行会晤。",
    ],
    ids=["to-attend", "to-hold-talks"],
)
def test_arriving_to_attend_is_not_yet_an_event(text):
    assert failures(text, ["赵明", "门多萨"], [], places=["海湾国际机场", "海湾市", "北川王国"]) == []


def test_arriving_and_then_attending_in_another_clause_still_counts():
    text = "5月3日，省长赵明来到海湾市，出席第二届环湖经济峰会。"
    assert failures(text, ["赵明"], [event("meeting", {"赵明": "attendee"})], places=["海湾市"]) == []


def test_attending_a_summit_used_to_describe_a_person_is_no_meeting():
    text = "5月4日，省长赵明的夫人周敏邀请出席环湖经济峰会的北川王国首相夫人艾琳共同参观湖州博物馆。"
    assert failures(text, ["赵明", "周敏", "艾琳"], [], places=["北川王国"]) == []


def test_leaders_listed_with_titles_and_commas_all_attend_and_speakers_after_ye_zai_speak():
    text = (
        "5月5日，环湖经济论坛在湖滨会议中心开幕。北川王国首相门多萨，南岛联邦总统阿尔瓦雷斯，"
        "西海共和国总统高级代表、外长索菲亚等多国领导人，以及世界湖泊组织总干事周强等国际组织负责人出席开幕式。"
        "门多萨、周强也在开幕式致辞。"
    )
    both = ["attendee", "speaker"]
    roles = {"门多萨": both, "阿尔瓦雷斯": "attendee", "索菲亚": "attendee", "周强": both}
    expected = event("meeting", roles, ["湖滨会议中心"])
    people = ["门多萨", "阿尔瓦雷斯", "索菲亚", "周强"]
    places = ["北川王国", "南岛联邦", "西海共和国", "湖滨会议中心"]
    assert failures(text, people, [expected], places=places) == []


def test_guests_of_honour_arriving_attend_the_welcome_ceremony_held_at_its_venue():
    text = (
        "5月5日晚，省长赵明在海湾市明湖园为出席环湖经济峰会的各国贵宾举行欢迎仪式。"
        "北川王国首相门多萨、南岛联邦总统阿尔瓦雷斯陆续抵达。"
    )
    expected = event("ceremony", {"赵明": "chair", "门多萨": "attendee", "阿尔瓦雷斯": "attendee"}, ["海湾市明湖园"])
    places = ["海湾市", "明湖园", "北川王国", "南岛联邦"]
    assert failures(text, ["赵明", "门多萨", "阿尔瓦雷斯"], [expected], places=places) == []


def test_a_period_name_right_after_juxing_qualifies_the_ceremony_and_takes_no_role():
    # the tagger is assumed to take the dynasty 宋代 for a person, as it sometimes does
    text = "省长赵明为远方来宾举行宋代传统迎宾仪式。"
    assert failures(text, ["赵明", "宋代"], [event("ceremony", {"赵明": "chair"})]) == []


def test_watching_a_performance_with_the_guests_is_attending_it():
    text = "宴会后，省长赵明同来宾们共同观看湖畔音乐节开幕式演出。"
    assert failures(text, ["赵明"], [event("ceremony", {"赵明": "attendee"})]) == []


def test_people_chosen_to_report_at_a_later_session_get_no_role():
    text = "省政协十二届五次会议5日闭幕，省政协主席周强主持。会议推选省政协副主席孙丽在十三届一次会议上作提案工作报告。"
    assert failures(text, ["周强", "孙丽"], [event("meeting", {"周强": "chair"})]) == []


def test_talks_and_banquets_get_their_named_venue():
    talks = "5月6日，省长赵明在明湖宾馆观澜斋亲切会见门多萨。"
    expected = event("talks", {"赵明": "host", "门多萨": "guest"}, ["明湖宾馆观澜斋"])
    assert failures(talks, ["赵明", "门多萨"], [expected], orgs=["明湖宾馆"]) == []
    banquet = "5月6日晚，省长赵明同贵宾们前往听涛阁举行欢迎宴会。"
    assert failures(banquet, ["赵明"], [event("ceremony", {"赵明": "chair"}, ["听涛阁"])]) == []
