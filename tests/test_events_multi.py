"""Several events of one type in one sentence (issue 14): ceremonies the sentence tells apart by their nouns
("举行欢迎仪式和欢迎宴会": type `distinct_words`), and an activity over before the next one starts ("会谈后共同会见
记者": settings `over_after`). Each gets its own event, and the sentences after it reach the right one. All
sentences are written for these tests."""

from __future__ import annotations

from kg.events import load_rules
from kg.events.check import check_example
from kg.events.rules import Example, ExpectedEvent

RULES = load_rules()


def event(
    etype: str, roles: dict[str, str | list[str]], places: list[str] | None = None, date: str | None = None
) -> ExpectedEvent:
    pairs = {(name, role) for name, given in roles.items() for role in ([given] if isinstance(given, str) else given)}
    return ExpectedEvent(
        type=etype,
        roles=frozenset(pairs),
        places=tuple(places) if places is not None else None,
        date=date,
        check_date=date is not None,
    )


def failures(text: str, people: list[str], events: list[ExpectedEvent], places=()) -> list[str]:
    example = Example(
        where="test",
        text=text,
        date="2024-03-20",
        people=tuple(people),
        places=tuple(places),
        organizations=(),
        events=tuple(events),
    )
    return [failure.message for failure in check_example(example, RULES)]


GUESTS = ["周海", "林晓", "高原"]


def test_a_ceremony_and_a_banquet_of_one_sentence_are_two_events_both_reached_by_the_arriving_guests():
    text = "3月18日晚，州长周海在月湖山庄为远道而来的客人举行欢迎仪式和欢迎宴会。林晓、高原陆续抵达。"
    guests = {"周海": "chair", "林晓": "attendee", "高原": "attendee"}
    expected = [event("ceremony", guests, ["月湖山庄"], "2024-03-18")] * 2
    assert failures(text, GUESTS, expected, places=["月湖山庄"]) == []


def test_a_later_sentence_about_the_banquet_reaches_the_banquet_not_the_ceremony_opened_last():
    text = (
        "3月18日晚，州长周海在月湖山庄为客人举行欢迎仪式和欢迎宴会。"
        "随后，周海同客人一起前往听涛阁举行欢迎宴会，并发表致辞。"
    )
    expected = [
        event("ceremony", {"周海": "chair"}, ["月湖山庄"]),
        event("ceremony", {"周海": ["chair", "speaker"]}, ["月湖山庄", "听涛阁"]),
    ]
    assert failures(text, GUESTS, expected, places=["月湖山庄"]) == []


def test_a_ceremonial_act_without_a_ceremony_noun_stays_in_the_ceremony_of_its_sentence():
    text = "3月18日，州长周海出席月湖大桥通车仪式并剪彩，林晓出席开工仪式。"
    expected = [event("ceremony", {"周海": "attendee"}), event("ceremony", {"林晓": "attendee"})]
    assert failures(text, GUESTS, expected) == []


def test_talks_followed_by_a_joint_press_meeting_are_two_events_with_their_own_roles():
    text = "3月18日上午，州长周海在州府大楼同来访的林晓会谈后共同会见记者。周海表示，双方合作前景广阔。"
    expected = [
        event("talks", {"周海": "host", "林晓": "guest"}, ["州府大楼"], "2024-03-18"),
        event("talks", {"周海": "host", "林晓": "host"}, ["州府大楼"], "2024-03-18"),
    ]
    assert failures(text, GUESTS, expected) == []


def test_a_headline_event_repeated_in_the_lead_keeps_one_event_per_activity_and_gets_the_lead_date():
    text = "周海同林晓共同会见记者。3月18日，州长周海同林晓会谈后共同会见记者。"
    expected = [
        event("talks", {"周海": "host", "林晓": "guest"}, date="2024-03-18"),
        event("talks", {"周海": "host", "林晓": "host"}, date="2024-03-18"),
    ]
    assert failures(text, GUESTS, expected) == []


def test_a_meeting_over_before_the_next_one_is_its_own_meeting():
    text = "3月18日，州长周海主持召开州政府常务会议后又主持召开防汛工作专题会议。"
    expected = [event("meeting", {"周海": "chair"}), event("meeting", {"周海": "chair"})]
    assert failures(text, GUESTS, expected) == []
