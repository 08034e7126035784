"""Event rules on hand-built articles: types, roles, lists, dates, linking and blockers."""

from __future__ import annotations

import dataclasses

import pytest
from event_helpers import Lexicon, make_doc, roles

from kg.events import RuleSet, extract_events, load_rules
from kg.model import BODY, HEADLINE, Event

RULES = load_rules()
LEADERS = ["王立新", "陈志远", "赵明", "刘海", "孙敏", "周强", "吴德华", "郑晓光", "何美玲", "林芳", "钱建国", "冯雪"]
LEX = Lexicon(
    persons=[*LEADERS, "宋佳慧"],
    locations=["东城街道金桥社区", "金桥社区", "青溪市"],
    organizations=["市卫健局", "市委"],
    dates={
        "12月3日上午": ("2021-12-03", "morning", None),
        "12月5日晚": ("2021-12-05", "evening", None),
        "12月8日夜": ("2021-12-08", "night", None),
        "12月9日上午": ("2021-12-09", "morning", None),
        "12月1日": ("2021-12-01", None, None),
        "12月2日": ("2021-12-02", None, None),
        "12月6日": ("2021-12-06", None, None),
        "12月15日": ("2021-12-15", None, None),
        "1月5日": ("2022-01-05", None, None),
        "12月3日起": ("2021-12-03", None, None),
        "12月10日18时": ("2021-12-10T18:00", None, "18:00"),
        "11月30日": ("--11-30", None, None),
    },
    titles={"赵明": "市委副书记", "林芳": "副市长"},
)


def tagged_dates(**dates: tuple[str | None, str | None, str | None]) -> Lexicon:
    """LEX with relative dates as tagging resolves them (kg.tag.dates): the events only read them."""
    return dataclasses.replace(LEX, dates={**LEX.dates, **dates})


def run(*articles: list[str], lex: Lexicon = LEX, rules: RuleSet = RULES, **kwargs: object) -> list[Event]:
    doc, mentions = make_doc(articles, lex, **kwargs)
    return extract_events(doc, mentions, rules)


def test_meeting_gets_speaker_chair_and_attendees_from_follow_up_sentences():
    (event,) = run(
        [
            "本报讯 12月3日上午，我市召开安全生产工作会议。",
            "市委书记王立新在会上强调，全市上下要压实安全责任。",
            "市委副书记赵明主持会议，市领导刘海、孙敏、周强出席会议。",
        ]
    )
    assert event.type == "meeting"
    assert (event.date, event.time_of_day) == ("2021-12-03", "morning")
    assert roles(event) == {
        ("王立新", "speaker"),
        ("赵明", "chair"),
        ("刘海", "attendee"),
        ("孙敏", "attendee"),
        ("周强", "attendee"),
    }
    assert next(p.title for p in event.participants if p.name == "赵明") == "市委副书记"
    assert len(event.evidence) == 3


def test_every_name_of_a_twelve_name_list_is_an_attendee():
    # the tagger has already cut 冯雪在 to 冯雪 and filled the list (kg.tag.boundaries): events only group names
    names = "、".join(LEADERS)
    (event,) = run(
        [
            "本报讯 12月5日晚，云州市疫情防控工作视频会议召开。",
            f"我市领导{names}在青溪分会场出席会议。",
        ],
    )
    assert roles(event) == {(name, "attendee") for name in LEADERS}
    assert (event.date, event.time_of_day) == ("2021-12-05", "evening")


def test_inspection_has_inspector_accompanying_deputy_and_places_from_lists():
    (event,) = run(
        [
            "本报讯 12月5日晚，市长陈志远深入城区部分商场、超市和集中隔离点等重点场所检查疫情防控工作。",
            "他强调，各部门要时刻保持警惕。",
            "副市长林芳参加检查。",
            "陈志远先后来到青溪百货、南门菜市场、青溪人民医院，仔细查看扫码测温落实情况。",
        ]
    )
    assert event.type == "inspection"
    assert roles(event) == {("陈志远", "inspector"), ("林芳", "accompanying")}
    assert [p.name for p in event.places] == ["集中隔离点", "青溪百货", "南门菜市场", "青溪人民医院"]
    assert len(event.evidence) == 4


def test_visiting_official_inspection_with_local_leaders_accompanying():
    (event,) = run(
        [
            "本报讯 12月9日上午，云州市委常委宋佳慧来青督查疫情防控工作。",
            "我市领导王立新、赵明参加。",
            "在东溪镇平安超市、青溪第二医院和长虹药店等地，宋佳慧一行实地察看防控措施落实情况。",
        ]
    )
    assert event.type == "inspection"
    assert roles(event) == {("宋佳慧", "inspector"), ("王立新", "accompanying"), ("赵明", "accompanying")}
    assert [p.name for p in event.places] == ["东溪镇平安超市", "青溪第二医院", "长虹药店"]


def test_evening_visit_then_video_link_meeting_on_the_same_night_are_two_events():
    visit, meeting = run(
        [
            "12月8日夜，市领导王立新、陈志远、孙敏一行，赴高速路口服务站、青溪火车站，看望慰问防疫一线工作人员。",
            "王立新叮嘱大家注意防护。",
            "当晚，在参加云州市视频调度会后，王立新在市指挥部与各乡镇指挥部连线，部署下步工作。",
            "市领导陈志远、林芳出席。",
            "王立新强调，要把各项措施落到实处。",
        ],
        lex=tagged_dates(当晚=("2021-12-08", "evening", None)),
    )
    assert (visit.type, meeting.type) == ("visit", "meeting")
    assert roles(visit) == {("王立新", "visitor"), ("陈志远", "visitor"), ("孙敏", "visitor")}
    assert [p.name for p in visit.places] == ["高速路口服务站", "青溪火车站"]
    assert (meeting.date, meeting.time_of_day) == ("2021-12-08", "evening")
    assert roles(meeting) == {("王立新", "chair"), ("王立新", "speaker"), ("陈志远", "attendee"), ("林芳", "attendee")}
    assert visit.id.endswith("#a0e0") and meeting.id.endswith("#a0e1")


def test_pronoun_follow_up_adds_speaker_to_the_same_symposium():
    (event,) = run(
        [
            "本报讯 12月9日上午，市委书记王立新与部门负责人座谈交流，就明年发展思路开展专题调研。",
            "他强调，要立足实际谋划工作。",
            "副市长林芳参加。",
        ]
    )
    assert event.type == "meeting"
    assert roles(event) == {("王立新", "chair"), ("王立新", "speaker"), ("林芳", "attendee")}


def test_repeated_trigger_without_a_new_date_is_the_same_event_and_headlines_add_nothing():
    events = run(
        ["本报讯 12月3日上午，市委书记王立新主持召开全市安全生产工作会议。", "会议由王立新主持，赵明出席会议。"],
        headlines=[["王立新主持召开全市安全生产工作会议"]],
    )
    assert len(events) == 1
    assert roles(events[0]) == {("王立新", "chair"), ("赵明", "attendee")}


def test_a_follow_up_meeting_after_a_video_conference_is_a_new_event_on_the_same_date():
    conference, follow_up = run(
        [
            "本报讯 12月5日晚，云州市疫情防控工作视频会议召开。",
            "我市领导王立新、陈志远在青溪分会场出席会议。",
            "云州视频会后，我市召开续会。",
            "市委书记王立新在会上指出，当前形势依然严峻。",
        ]
    )
    assert conference.date == follow_up.date == "2021-12-05"
    assert roles(follow_up) == {("王立新", "speaker")}
    assert ("陈志远", "attendee") in roles(conference)


def test_same_type_on_another_date_is_another_event_and_next_day_is_carried():
    first, second, third = run(
        [
            "12月1日，市长陈志远检查东城街道防控工作。",
            "12月2日，陈志远又检查西山村防控工作。",
            "次日，陈志远还检查了南门菜市场。",
        ],
        lex=tagged_dates(次日=("2021-12-03", None, None)),
    )
    assert [e.date for e in (first, second, third)] == ["2021-12-01", "2021-12-02", "2021-12-03"]


def test_partial_date_gives_no_date():
    (event,) = run(["11月30日，市长陈志远检查东城街道防控工作。"])
    assert event.date is None


def test_case_reported_with_date_and_place():
    (event,) = run(["1月5日，青溪市发现1例新冠病毒核酸检测阳性人员。"])
    assert (event.type, event.date, event.participants) == ("case_reported", "2022-01-05", [])
    assert [p.name for p in event.places] == ["青溪市"]


def test_lockdown_imposed_then_lifted_with_time():
    imposed, lifted = run(
        ["12月3日起，对东城街道金桥社区实施封控管理。", "从12月10日18时起，金桥社区正式解封。"],
    )
    assert (imposed.type, imposed.date, [p.name for p in imposed.places]) == (
        "lockdown_imposed",
        "2021-12-03",
        ["东城街道金桥社区"],
    )
    assert (lifted.type, lifted.date, lifted.time, [p.name for p in lifted.places]) == (
        "lockdown_lifted",
        "2021-12-10",
        "18:00",
        ["金桥社区"],
    )


def test_convening_body_is_an_organization_but_a_title_is_not():
    (event,) = run(["12月6日，市卫健局召开疫情防控工作会议，市委副书记赵明出席会议。"])
    assert [o.name for o in event.organizations] == ["市卫健局"]
    assert roles(event) == {("赵明", "attendee")}


def test_a_name_before_a_meeting_that_was_held_or_in_another_clause_is_no_chair():
    lex = Lexicon(persons=["云州市疫情", "王立新", "赵明"], dates=LEX.dates)
    (held,) = run(["12月5日晚，云州市疫情防控工作视频会议召开。", "我市领导王立新在青溪分会场出席会议。"], lex=lex)
    assert roles(held) == {("王立新", "attendee")}
    (convened,) = run(["听取王立新汇报后，我市召开安全生产工作会议，赵明出席会议。"], lex=lex)
    assert roles(convened) == {("赵明", "attendee")}


@pytest.mark.parametrize(
    "sentence",
    [
        "市委书记王立新强调，要全面加强会议活动管理，提高督查检查频次和力度。",
        "据悉，我市将于12月15日召开全市经济工作会议，王立新出席。",
        "王立新强调，要按照非必要不举办原则严控会议，各地要加强对隔离点的检查。",
        "截至目前，我市未发现新增阳性感染者。",
        "王立新要求，如发现阳性人员，立即启动应急响应。",
        "王立新向一线工作人员表示慰问和感谢。",
        "会议传达学习了赵明调研东城街道时的讲话精神。",
        "王立新转发了《金桥社区实施封控管理》一文。",
    ],
)
def test_planned_negated_generic_and_quoted_statements_are_not_events(sentence):
    assert run([sentence]) == []


def test_events_without_required_participants_are_dropped_but_cases_are_kept():
    assert run(["各村社干部逐户上门走访，摸清底数。"]) == []
    assert [e.type for e in run(["1月5日，我市出现首例阳性感染者。"])] == ["case_reported"]


def test_evidence_points_at_raw_text_across_ocr_line_breaks():
    doc, mentions = make_doc([["本报讯 12月3日上午，我市召开安全生产工作会议，市委副书记赵明主持会议。"]], LEX, wrap=7)
    (event,) = extract_events(doc, mentions, RULES)
    (evidence,) = event.evidence
    sentence = doc.articles[0].sentences[0]
    assert (evidence.start, evidence.end) == sentence.raw_span(0, len(sentence.text))
    assert doc.text[evidence.start : evidence.end].replace("\n", "") == sentence.text == evidence.text


def test_extraction_is_deterministic_and_round_trips_through_json():
    articles = (["12月1日，市长陈志远检查东城街道防控工作。"], ["1月5日，我市出现首例阳性感染者。"])
    first, second = run(*articles), run(*articles)
    assert [e.to_dict() for e in first] == [e.to_dict() for e in second]
    assert [e.id for e in first] == ["doc#a0e0", "doc#a1e0"]
    assert [Event.from_dict(e.to_dict()) for e in first] == first


def test_a_person_mention_normalized_to_a_full_name_takes_part_under_that_name() -> None:
    # the tagger reads 江 of 江主席 as 江立华 (kg.tag.senses.surnames_with_titles): one participant, not two
    lex = Lexicon(persons=["江立华", "江"], locations=["青溪县"], dates={"12日": ("2023-06-12", None, None)})
    doc, mentions = make_doc([["12日，国家主席江立华在青溪县考察。", "江主席走进车间察看生产。"]], lex)
    for mention in mentions["doc#a0s1"]:
        if mention.text == "江":
            mention.normalized = "江立华"
    doc.date = "2023-06-13"
    (event,) = extract_events(doc, mentions, RULES)
    assert {name for name, _ in roles(event)} == {"江立华"}


def test_a_person_named_in_an_idea_is_no_speaker() -> None:
    lex = Lexicon(persons=["王立新", "邓小平"], locations=["青溪县"], dates={"12日": ("2023-06-12", None, None)})
    sentences = [
        "12日，宣讲报告会在青溪县举行，县委书记王立新作报告。",
        "报告阐释了邓小平理论的世界观方法论，解读了新时代的使命任务。",
    ]
    doc, mentions = make_doc([sentences], lex)
    for mention in mentions["doc#a0s1"]:
        mention.attrs["eponym"] = mention.text == "邓小平"  # as the tagger marks a name followed by 理论
    doc.date = "2023-06-13"
    (event,) = extract_events(doc, mentions, RULES)
    assert {name for name, _ in roles(event)} == {"王立新"}


def test_a_roundups_items_are_separate_news_and_nobody_runs_on_from_one_into_the_next():
    # 快讯: each item a headline line and its news; the second item's banker says nothing at the first's fair
    lex = Lexicon(persons=["阿尔瓦雷斯"], dates={"今天（6月12日）": ("2023-06-12", None, None)})
    sentences = [
        "第五届清河国际茶业大会今天（6月12日）开幕。",
        "星河银行行长接受专访",
        "电视台今晚播出对星河银行行长阿尔瓦雷斯的专访。",
        "阿尔瓦雷斯表示，银行将继续支持清河发展。",
    ]
    doc, mentions = make_doc([sentences], lex)
    doc.date = "2023-06-12"
    doc.articles[0].sentences[1].kind = HEADLINE
    assert extract_events(doc, mentions, RULES) == []
    # read as one piece of news, the banker's words would make him a speaker at the fair's opening
    doc.articles[0].sentences[1].kind = BODY
    (event,) = extract_events(doc, mentions, RULES)
    assert roles(event) == {("阿尔瓦雷斯", "speaker")}
