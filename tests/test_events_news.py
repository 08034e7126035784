"""The vocabulary of officials' public activity in news, on sentences of our own: talks and ceremonies,
roles that hold (co-chairs, speaker lists, pronouns, delegates), dates, places, and what is no event."""

from __future__ import annotations

import dataclasses

import pytest
from event_helpers import Lexicon, make_doc, roles

from kg.events import extract_events, load_rules
from kg.model import Event

RULES = load_rules()
PEOPLE = ["王立新", "陈志远", "赵明", "刘海", "孙敏", "周强", "林芳", "李明", "卡洛斯·门多萨", "阿尔瓦雷斯", "吴德华"]
LEX = Lexicon(
    persons=PEOPLE,
    locations=["阿斯卡", "青溪宾馆", "人民大会堂", "西山乡", "东溪镇"],
    organizations=["县纪律检查委员会"],
    dates={
        "6月12日": ("2023-06-12", None, None),
        "6月12日上午": ("2023-06-12", "morning", None),
        "6月12日晚": ("2023-06-12", "evening", None),
        "当地时间6月11日": ("2023-06-11", None, None),
        "13日": ("2023-06-13", None, None),
        "14日": ("2023-06-14", None, None),
        "6月20日": ("2023-06-20", None, None),
    },
    titles={"林芳": "副县长、县妇联主席女士", "王立新": "县委书记", "陈志远": "县长"},
)


def run(*articles: list[str], lex: Lexicon = LEX, date: str | None = "2023-06-15") -> list[Event]:
    doc, mentions = make_doc(articles, lex)
    doc.date = date
    return extract_events(doc, mentions, RULES)


def only(events: list[Event]) -> Event:
    (event,) = events
    return event


def test_talks_have_a_host_a_guest_attendees_and_a_place_abroad():
    event = only(
        run(
            [
                "当地时间6月11日，县长陈志远在阿斯卡会见了阿尔瓦雷斯市长。",
                "阿尔瓦雷斯表示，愿同青溪加强合作。",
                "副县长林芳、周强参加会见。",
            ]
        )
    )
    assert (event.type, event.date) == ("talks", "2023-06-11")
    assert roles(event) == {("陈志远", "host"), ("阿尔瓦雷斯", "guest"), ("林芳", "attendee"), ("周强", "attendee")}
    assert [p.name for p in event.places] == ["阿斯卡"]


def test_a_call_and_a_transliterated_name_with_a_middle_dot():
    event = only(run(["6月12日晚，县长陈志远应约同卡洛斯·门多萨通电话。"]))
    assert event.type == "talks" and roles(event) == {("陈志远", "host"), ("卡洛斯·门多萨", "guest")}


def test_co_chairs_and_a_list_of_speakers_who_spoke_in_turn():
    event = only(
        run(
            [
                "6月12日上午，全县产业发展座谈会在县行政中心召开。",
                "县委书记王立新、县长陈志远共同主持座谈会。",
                "企业家李明、刘海、孙敏先后发言，县委副书记赵明作总结讲话。",
            ]
        )
    )
    assert roles(event) == {
        ("王立新", "chair"),
        ("陈志远", "chair"),
        ("李明", "speaker"),
        ("刘海", "speaker"),
        ("孙敏", "speaker"),
        ("赵明", "speaker"),
    }


@pytest.mark.parametrize("cue", ["汇报了工作情况", "介绍了筹备情况", "作了说明", "在主席台就座"])
def test_speaker_and_seat_cues_of_a_meeting(cue):
    event = only(run(["6月12日，县政协十届常委会议举行。", f"县政协主席吴德华主持会议，刘海{cue}。"]))
    expected = "attendee" if "就座" in cue else "speaker"
    assert roles(event) == {("吴德华", "chair"), ("刘海", expected)}


def test_a_pronoun_is_the_nearest_leading_person_not_the_first_one_named():
    event = only(
        run(
            [
                "6月12日，县长陈志远在人民大会堂会见阿尔瓦雷斯。",
                "陈志远表示，欢迎客人来访。",
                "阿尔瓦雷斯说，此行收获很大。",
                "他表示，愿意再来。",
                "刘海参加会见。",
            ]
        )
    )
    # talks have no speaker role; what matters is that 他 joined nobody else: only 刘海 was added afterwards
    assert roles(event) == {("陈志远", "host"), ("阿尔瓦雷斯", "guest"), ("刘海", "attendee")}
    meeting = only(
        run(
            [
                "6月12日，县妇女代表大会召开。",
                "县委书记王立新出席会议，副县长林芳主持会议。",
                "她指出，要为妇女办实事。",
            ]
        )
    )
    # 她: the nearest leading person whose title says she is a woman, not the first person of the event
    assert roles(meeting) == {("王立新", "attendee"), ("林芳", "chair"), ("林芳", "speaker")}


def test_a_pronoun_after_a_sentence_opened_by_someone_outside_the_events_stands_for_that_person():
    sentences = ["6月12日，县长陈志远主持召开全县妇女工作会议。", "县委书记王立新一向关心妇女工作。"]
    sentences.append("他指出，要为妇女办实事。")
    # 他 is 王立新, who opens the sentence before and is in no event: nobody of the meeting speaks here
    assert roles(only(run(sentences))) == {("陈志远", "chair")}
    # when the sentence before opens with the chair, 他 is the chair
    sentences[1] = "陈志远一向关心妇女工作。"
    assert roles(only(run(sentences))) == {("陈志远", "chair"), ("陈志远", "speaker")}


def test_words_recalled_from_an_earlier_year_or_month_give_no_role_at_this_event():
    lex = dataclasses.replace(LEX, dates={**LEX.dates, "今年3月": ("2023-03", None, None)})
    sentences = ["6月12日，县长陈志远主持召开招商大会，县委书记王立新出席。", "今年3月，王立新强调，要优化营商环境。"]
    assert roles(only(run(sentences, lex=lex))) == {("陈志远", "chair"), ("王立新", "attendee")}
    sentences[1] = "6月12日，王立新强调，要优化营商环境。"
    assert ("王立新", "speaker") in roles(only(run(sentences, lex=lex)))


def test_a_meeting_told_in_another_month_is_another_event_not_a_second_guest():
    lex = dataclasses.replace(LEX, dates={**LEX.dates, "3月": ("2023-03", None, None), "7月": ("2023-07", None, None)})
    sentences = ["6月12日，县长陈志远会见李明。", "3月，陈志远会见阿尔瓦雷斯。", "7月，陈志远会见卡洛斯·门多萨。"]
    events = run(sentences, lex=lex, date="2023-08-20")
    guests = [{name for name, role in roles(e) if role == "guest"} for e in events]
    assert guests == [{"李明"}, {"阿尔瓦雷斯"}, {"卡洛斯·门多萨"}]
    assert [e.date for e in events] == ["2023-06-12", None, None]  # a day the text does not give


def test_a_room_of_a_building_the_event_has_is_no_second_place():
    sentences = ["6月12日，县长陈志远在人民大会堂会见阿尔瓦雷斯。", "陈志远来到人民大会堂北大厅，同大家握手。"]
    assert [p.name for p in only(run(sentences)).places] == ["人民大会堂"]
    # a room of a building the event does not have yet is its place
    sentences = ["6月12日，县长陈志远会见阿尔瓦雷斯。", "陈志远来到人民大会堂北大厅，同大家握手。"]
    assert [p.name for p in only(run(sentences)).places] == ["人民大会堂北大厅"]


def test_the_one_on_whose_behalf_something_is_done_gets_no_role_and_the_delegate_does():
    event = only(run(["受县委书记王立新委托，县长陈志远会见了李明。"]))
    assert roles(event) == {("陈志远", "host"), ("李明", "guest")}
    event = only(run(["6月12日，刘海代表县长陈志远出席全市招商大会。"]))
    assert roles(event) == {("刘海", "attendee")}


def test_accompanying_people_of_the_activities_above_join_every_event_of_the_article():
    talks, ceremony = run(
        [
            "6月12日，县长陈志远同阿尔瓦雷斯举行会谈。",
            "两国领导人共同出席了合作文件交换仪式。",
            "刘海、孙敏参加上述活动。",
        ]
    )
    assert roles(talks) == {
        ("陈志远", "host"),
        ("阿尔瓦雷斯", "guest"),
        ("刘海", "accompanying"),
        ("孙敏", "accompanying"),
    }
    assert roles(ceremony) == {
        ("陈志远", "attendee"),
        ("阿尔瓦雷斯", "attendee"),
        ("刘海", "accompanying"),
        ("孙敏", "accompanying"),
    }


def test_a_welcome_ceremony_and_a_banquet_of_the_same_day_are_two_ceremonies():
    welcome, banquet = run(
        [
            "6月12日，县长陈志远在青溪宾馆举行仪式，欢迎阿尔瓦雷斯来访。",
            "当晚，阿尔瓦雷斯出席了陈志远举行的欢迎宴会。",
        ]
    )
    assert roles(welcome) == {("陈志远", "chair"), ("阿尔瓦雷斯", "attendee")}
    assert [p.name for p in welcome.places] == ["青溪宾馆"]
    assert roles(banquet) == {("陈志远", "chair"), ("阿尔瓦雷斯", "attendee")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("6月12日，县委书记王立新为青溪数字产业园揭牌。", {("王立新", "attendee")}),
        ("6月12日，县长陈志远出席青溪大桥通车仪式并剪彩。", {("陈志远", "attendee")}),
        ("6月12日，县长陈志远出席青溪第二届茶博会开幕式并致辞。", {("陈志远", "attendee"), ("陈志远", "speaker")}),
    ],
)
def test_ceremonies(sentence, expected):
    event = only(run([sentence]))
    assert event.type == "ceremony" and roles(event) == expected


def test_a_forums_opening_ceremony_is_the_forum():
    event = only(run(["6月12日，首届青溪论坛开幕。", "县长陈志远出席开幕式并致辞。"]))
    assert event.type == "meeting" and roles(event) == {("陈志远", "attendee"), ("陈志远", "speaker")}


def test_an_inspection_tour_of_several_days_starts_on_its_first_day_and_a_visit_on_it_is_its_own_event():
    inspection, visit = run(
        [
            "13日至14日，县长陈志远到西山乡、东溪镇调研，县委常委刘海一同调研。",
            "14日，陈志远来到东溪镇敬老院，看望了老人。",
        ]
    )
    assert (inspection.type, inspection.date) == ("inspection", "2023-06-13")
    assert roles(inspection) == {("陈志远", "inspector"), ("刘海", "accompanying")}
    assert [p.name for p in inspection.places] == ["西山乡", "东溪镇"]
    assert (visit.type, visit.date, roles(visit)) == ("visit", "2023-06-14", {("陈志远", "visitor")})
    assert [p.name for p in visit.places] == ["东溪镇敬老院"]


@pytest.mark.parametrize(
    "sentence",
    [
        "县纪律检查委员会发布通报。",  # the name of a body
        "县委书记王立新向受灾群众发去慰问电。",  # a cable
        "县长陈志远前往殡仪馆吊唁并看望家属。",  # a funeral
        "联大通过决议，要求解除对该国的经济封锁。",  # sanctions, not a lockdown
        "县长陈志远将出席全县招商大会。",  # a plan
        "县长陈志远拟于下周会见李明。",  # a plan
        "县委书记王立新要求，各地要加强检查。",  # an instruction
        "全县认真学习贯彻全省经济工作会议精神。",  # a reference
        "阿尔瓦雷斯表示，上次会谈成果丰硕。",  # reported words
        "县长陈志远说，我们同李明会谈过多次。",  # reported words
    ],
)
def test_what_is_not_an_event(sentence):
    assert run([sentence]) == []


def test_an_event_dated_after_the_paper_is_a_plan():
    assert run(["全会决定，6月20日召开县委全会，县委书记王立新主持。"], date="2023-06-15") == []
    assert [e.type for e in run(["6月20日，县委书记王立新主持召开县委全会。"], date="2023-06-21")] == ["meeting"]
