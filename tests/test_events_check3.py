"""Error classes found on the third news check set (data/gold/news_check3_*), each on sentences of our own:
people named inside someone else's reported words, and the sites of a tour printed as a long clause (在A、B…，),
after an adverb (还到A) or after a meeting of the tour (调研期间，X还到A), the guest of talks escorting the host through
a welcome ceremony, 到会 as attending, a body's seat (驻地) as a venue, and reactions whose headline narrates the
speech their lead puts in reported words."""

from __future__ import annotations

from event_helpers import Lexicon, article_events, make_doc, roles

from kg.events import extract_events, load_rules
from kg.model import Event

RULES = load_rules()
LEX = Lexicon(
    persons=["王立新", "陈志远", "赵明", "林芳", "刘海"],
    locations=["青溪", "新港", "北京"],
    titles={"林芳": "副市长"},
    dates={
        "6月12日": ("2023-06-12", None, None),
        "12日": ("2023-06-12", None, None),
        "今年3月": ("2023-03", None, None),
    },
)


def run(*sentences: str) -> list[Event]:
    return article_events(sentences, LEX, RULES)


def places_of(events: list[Event], etype: str) -> list[str]:
    (event,) = [e for e in events if e.type == etype]
    return [p.name for p in event.places]


TOUR_LEAD = "6月12日，县委书记王立新到东溪镇调研。"


def test_a_leader_named_in_a_later_sentence_of_the_speakers_words_is_no_speaker():
    (event,) = run(
        "6月12日，市长陈志远在北京出席青溪文化论坛并致辞。",
        "陈志远表示，王立新书记高度重视文化交流。",
        "今年3月，王立新书记提出青溪文明倡议，倡导相互尊重。",
    )
    assert roles(event) == {("陈志远", "attendee"), ("陈志远", "speaker")}


def test_an_anniversary_of_what_a_leader_proposed_in_the_speakers_words_gives_no_speaker():
    (event,) = run(
        "6月12日，市长陈志远出席青溪文化论坛并致辞。",
        "陈志远指出，开放合作是大势所趋。",
        "今年是赵明书记提出青溪倡议10周年。",
    )
    assert ("赵明", "speaker") not in roles(event)


def test_after_a_leader_named_in_reported_words_people_who_open_a_sentence_still_speak_and_attend():
    (event,) = run(
        "青溪文化座谈会12日在北京召开。市长陈志远出席会议并讲话。",
        "他表示，王立新书记高度重视文化交流。",
        "今年3月，王立新书记提出青溪文明倡议。",
        "副市长林芳、刘海介绍调研成果，提出建议。",
        "赵明出席会议。",
    )
    assert roles(event) == {
        ("陈志远", "attendee"),
        ("陈志远", "speaker"),
        ("林芳", "speaker"),
        ("刘海", "speaker"),
        ("赵明", "attendee"),
    }


def test_a_long_clause_of_sites_opening_a_sentence_is_the_tours():
    sites = [
        "青溪水库",
        "金桥村",
        "西山乡林场",
        "星河新材料产业园",
        "青溪县城市规划展示馆",
        "北川古镇游客中心",
        "云峰智能科技公司",
    ]
    events = run(TOUR_LEAD, "在" + "、".join(sites) + "，王立新与干部群众一起交流。")
    assert places_of(events, "inspection") == ["东溪镇", *sites]


def test_a_site_after_an_adverb_and_to_is_the_tours():
    events = run(TOUR_LEAD, "王立新还到东溪粮站，听取干部职工意见。")
    assert places_of(events, "inspection") == ["东溪镇", "东溪粮站"]


def test_a_site_named_during_the_tour_after_its_meeting_is_the_tours_not_the_meetings():
    events = run(TOUR_LEAD, "王立新召开部分乡镇干部座谈会。", "调研期间，王立新还到青溪革命纪念馆，缅怀革命先烈。")
    assert places_of(events, "inspection") == ["东溪镇", "青溪革命纪念馆"]
    assert places_of(events, "meeting") == []


def test_the_guest_escorting_the_visiting_host_through_a_welcome_ceremony_is_not_accompanying_the_talks():
    events = run(
        "6月12日下午，县长陈志远在新港同新港市长赵明举行会谈。",
        "赵明为陈志远举行欢迎仪式。",
        "陈志远在赵明陪同下检阅仪仗队。",
    )
    (talks,) = [e for e in events if e.type == "talks"]
    assert roles(talks) == {("陈志远", "host"), ("赵明", "guest")}


def test_coming_to_a_meeting_is_attending_it():
    (event,) = run("县工商联执行委员会会议12日召开。", "赵明当选县工商联主席。", "县委书记王立新到会祝贺并讲话。")
    assert roles(event) == {("王立新", "attendee"), ("王立新", "speaker")}


def test_a_bodys_seat_is_the_venue_of_talks():
    (event,) = run("6月12日下午，刚刚抵达新港的县长陈志远在新港市委驻地同新港市委书记赵明举行会谈。")
    assert [p.name for p in event.places] == ["新港市委驻地"]


def test_a_speech_in_reported_words_that_the_headline_narrates_is_an_event():
    headline = "各界人士积极评价王立新书记在青溪文化论坛开幕式上的致辞"
    doc, mentions = make_doc(
        [
            [
                "各界人士表示，王立新书记在青溪文化论坛开幕式上的致辞为论坛注入强大动力。",
                "各界人士表示，王立新书记提出的倡议意义重大。",
            ]
        ],
        LEX,
        headlines=[[headline]],
    )
    doc.date = "2023-06-15"
    (event,) = extract_events(doc, mentions, RULES)
    assert event.type == "meeting" and roles(event) == {("王立新", "speaker")} and event.date is None
