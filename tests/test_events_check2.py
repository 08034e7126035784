"""Error classes found on the second news check set (data/gold/news_check2_*), each on sentences of our own:
venues that belong to another event of the sentence, adverbs before the verb a venue goes with, places that
head a body's name, transliterated names shortened by the article, the relatives met and the person
remembered, the reason of a visit, and visits and video links during an inspection tour."""

from __future__ import annotations

import pytest
from event_helpers import Lexicon, article_events, make_doc, roles

from kg.events import extract_events, load_rules
from kg.model import Event

RULES = load_rules()
LEX = Lexicon(
    persons=["王立新", "陈志远", "赵明", "林芳", "刘海", "卡洛斯·门多萨", "门多萨", "阿尔瓦雷斯", "索菲亚·阿尔瓦"],
    locations=["青溪", "新港", "北川", "东溪镇", "东溪镇敬老院", "人民广场", "青溪宾馆", "西山乡林场"],
    organizations=["星河集团", "集团调度中心"],
    dates={"6月12日": ("2023-06-12", None, None), "12日": ("2023-06-12", None, None)},
)


def run(*sentences: str) -> list[Event]:
    return article_events(sentences, LEX, RULES)


def by_type(events: list[Event]) -> dict[str, Event]:
    found = {e.type: e for e in events}
    assert len(found) == len(events), [(e.type, roles(e)) for e in events]
    return found


def places(event: Event) -> list[str]:
    return [p.name for p in event.places]


def test_a_venue_inside_another_events_trigger_is_that_events_only():
    events = by_type(
        run("纪念王立新同志诞辰100周年座谈会12日在青溪举行，县长陈志远出席了座谈会，会前还会见了王立新同志的亲属。")
    )
    assert places(events["meeting"]) == ["青溪"] and places(events["talks"]) == []


def test_the_relatives_met_are_not_the_man_they_are_named_by_and_the_subject_stays_the_host():
    events = by_type(run("纪念王立新同志座谈会12日举行，县长陈志远出席了座谈会，会前还会见了王立新同志的亲属。"))
    assert roles(events["talks"]) == {("陈志远", "host")}
    assert roles(events["meeting"]) == {("陈志远", "attendee")}


def test_the_person_remembered_is_no_speaker_of_the_meeting_about_him():
    (event,) = run("纪念王立新同志座谈会12日举行。赵明在座谈会上缅怀王立新同志，强调要传承他的品格。")
    assert roles(event) == {("赵明", "speaker")}


def test_an_adverb_between_the_venue_and_the_verb_keeps_the_venue():
    (event,) = run("6月12日上午，市长陈志远在新港继续出席第五届清河峰会。")
    assert event.type == "meeting" and places(event) == ["新港"]


def test_a_place_heading_a_bodys_name_is_not_where_cases_were_reported():
    (event,) = run("6月12日0—24时，各省和北川生产建设兵团报告新增确诊病例20例。")
    assert event.type == "case_reported" and places(event) == []


def test_a_transliterated_name_the_article_shortens_is_named_by_its_short_form():
    events = run(
        "陈志远12日在人民广场举行仪式，欢迎阿斯卡共和国总统卡洛斯·门多萨对我国进行国事访问。",
        "门多萨在陈志远陪同下检阅仪仗队。",
    )
    assert {p.name for e in events for p in e.participants} == {"陈志远", "门多萨"}


def test_a_full_name_the_article_never_shortens_stays_whole():
    (event,) = run("陈志远12日在人民广场举行仪式，欢迎阿斯卡共和国总统索菲亚·阿尔瓦来访。")
    assert ("索菲亚·阿尔瓦", "attendee") in roles(event)


def test_the_reason_of_a_visit_is_not_an_attendance():
    events = run(
        "陈志远12日在人民广场举行仪式，欢迎阿尔瓦雷斯对我国进行国事访问。",
        "阿尔瓦雷斯是应陈志远的邀请来华出席第五届清河峰会并进行国事访问的。",
    )
    assert [e.type for e in events] == ["ceremony"]


def test_a_visit_told_in_its_own_sentence_of_a_tour_is_its_own_event():
    events = by_type(run("6月12日，县长陈志远到东溪镇调研。", "陈志远还来到东溪镇敬老院看望老人。"))
    assert roles(events["visit"]) == {("陈志远", "visitor")} and places(events["visit"]) == ["东溪镇敬老院"]
    assert places(events["inspection"]) == ["东溪镇"]


def test_consoling_people_in_the_inspections_own_sentence_stays_part_of_it():
    (event,) = run("6月12日，县长陈志远到东溪镇检查防汛工作，看望慰问一线人员。")
    assert event.type == "inspection"


def test_a_video_link_during_an_inspection_is_part_of_the_tour_and_leaves_it_the_next_site():
    (event,) = run(
        "6月12日，县长陈志远到星河集团考察。",
        "陈志远视频连线集团东溪工厂，与员工交流。",
        "在集团调度中心，陈志远了解生产情况。",
    )
    assert event.type == "inspection" and places(event) == ["星河集团", "集团调度中心"]


def test_the_subject_of_a_clause_ending_in_hou_goes_on_to_the_next_clause():
    lex = Lexicon(persons=["陈志远", "阿尔瓦雷斯", "王立新"], titles={"陈志远": "县长", "王立新": "副县长"})
    doc, mentions = make_doc([["6月12日，县长陈志远会见阿尔瓦雷斯后，出席了欢迎宴会。"]], lex)
    events = by_type(extract_events(doc, mentions, RULES))
    assert roles(events["ceremony"]) == {("陈志远", "attendee")}
    doc, mentions = make_doc([["县长陈志远主持召开防汛会议。", "听取副县长王立新汇报后，强调要压实责任。"]], lex)
    (meeting,) = extract_events(doc, mentions, RULES)
    assert roles(meeting) == {("陈志远", "chair")}  # 王立新 is inside the background clause, not its subject


def test_attending_the_above_activities_attends_the_ceremonies_and_accompanies_the_talks():
    talks, banquet = run(
        "6月12日，陈志远会见阿尔瓦雷斯。",
        "会见后，陈志远为阿尔瓦雷斯举行欢迎宴会。",
        "赵明、林芳等出席上述活动。",
    )
    assert {("赵明", "accompanying"), ("林芳", "accompanying")} <= roles(talks)
    assert {("赵明", "attendee"), ("林芳", "attendee")} <= roles(banquet)


def test_a_venue_told_after_an_events_only_trigger_and_before_anothers_is_the_other_events():
    # a headline run into its lead
    show, banquet = run("陈志远观看茶文化节开幕式演出6月12日晚，县长陈志远在青溪宾馆为阿尔瓦雷斯举行欢迎宴会。")
    assert (show.rule, places(show)) == ("ceremony.opening", [])
    assert (banquet.rule, places(banquet)) == ("ceremony.welcome", ["青溪宾馆"])


def test_companies_printed_without_gongsi_are_sites_of_a_tour_and_dengdi_ends_a_list():
    (event,) = run("6月12日，县长陈志远在青溪调研，先后来到星河新材料、云峰信息、华康医疗、青溪机械公司。")
    assert places(event) == ["星河新材料", "云峰信息", "华康医疗", "青溪机械公司", "青溪"]
    (event,) = run("6月12日，县长陈志远到东溪镇、北川等地调研。")
    assert places(event) == ["东溪镇", "北川"]


def test_the_host_is_not_a_guest_of_his_own_talks():
    (event,) = run("县长陈志远会见阿斯卡共和国总统陈志远表示，欢迎来青溪。")  # a headline run into the lead
    assert roles(event) == {("陈志远", "host")}


def test_the_two_premiers_are_the_two_leaders_of_the_talks():
    _talks, ceremony = run("6月12日，县长陈志远同阿尔瓦雷斯举行会谈。", "两国总理共同出席合作文件签字仪式。")
    assert roles(ceremony) == {("陈志远", "attendee"), ("阿尔瓦雷斯", "attendee")}


def test_a_sentence_going_on_in_someones_reported_words_holds_no_event():
    events = run(
        "6月12日，县长陈志远会见阿尔瓦雷斯。",
        "陈志远表示，今年是两地合作十周年。",
        "市长在清河论坛开幕式的主旨演讲指明了方向。",  # still 陈志远's words
        "阿尔瓦雷斯表示，愿加强合作。",
    )
    assert [(e.type, roles(e)) for e in events] == [("talks", {("陈志远", "host"), ("阿尔瓦雷斯", "guest")})]


def test_after_reported_words_a_scene_or_the_general_secretary_is_narration_again():
    (event,) = run(
        "6月12日，县委书记王立新到东溪镇考察。",
        "他强调，要守护好生态。",
        "在西山乡林场，总书记实地察看治沙情况。",
    )
    assert places(event) == ["东溪镇", "西山乡林场"]


def test_after_reported_words_a_sentence_naming_the_two_leaders_is_narration_again():
    events = run(
        "6月12日，县长陈志远同阿尔瓦雷斯举行会谈。",
        "阿尔瓦雷斯表示，愿加强合作。",
        "两国领导人共同出席了合作文件交换仪式。",
    )
    assert [e.type for e in events] == ["talks", "ceremony"]


def test_words_addressed_to_the_guest_and_the_host_escorting_him_give_no_roles():
    (event,) = run(
        "6月12日，县长陈志远会见阿尔瓦雷斯。",
        "陈志远表示，欢迎来青溪。",
        "市长赵明同总统先生在新港举行会谈，成果丰硕。",  # the host's words to his guest
        "阿尔瓦雷斯在陈志远陪同下参观了茶博馆。",
    )
    assert roles(event) == {("陈志远", "host"), ("阿尔瓦雷斯", "guest")} and places(event) == []


def test_the_venue_of_the_occasion_is_the_venue_of_talks_held_during_it():
    # the summit is only when the talks took place: no event of its own (settings.aside)
    (talks,) = run("6月12日，县长陈志远在新港出席第五届清河峰会期间会见阿尔瓦雷斯。")
    assert (talks.type, places(talks)) == ("talks", ["新港"])


def test_attending_todays_talks_is_attending_them():
    (event,) = run("6月12日，县长陈志远会见阿尔瓦雷斯。", "副县长林芳、赵明参加了以上的会见和会谈。")
    assert {("林芳", "attendee"), ("赵明", "attendee")} <= roles(event)


def test_kinds_of_places_and_homes_are_no_sites_of_a_tour():
    (event,) = run("6月12日，县长陈志远赴农村调研，走进东溪镇居民家中，了解生活情况。")
    assert event.type == "inspection" and places(event) == []


def test_a_list_ending_in_deng_ends_there():
    (event,) = run("6月12日，县长陈志远考察了星河集团、东溪镇敬老院等，察看生产生活情况。")
    assert places(event) == ["星河集团", "东溪镇敬老院"]


@pytest.mark.parametrize(
    "sentence",
    [
        "各界人士期待县长陈志远出席第五届清河峰会。",  # a hope
        "陈志远提出三点建议，推动召开更大规模的国际茶业会议。",  # worked for
        "12日，县长陈志远赴殡仪馆送别王立新同志，并慰问了其家属。",  # a funeral
        "王立新同志病重期间，陈志远等同志到医院看望或以其他方式表达慰问。",  # one of two
        "县长陈志远向王立新同志亲属转达县委领导同志的深切慰问。",  # condolences conveyed
        "副县长林芳向受灾群众转达县委书记王立新的深切牵挂和亲切慰问。",
        "村民林芳经过考察学习，决定在村里种植玫瑰。",  # having looked into it
        "今年，委员赵明把调研重点放在养老服务上。",  # a noun
        "走访调研中，县政协委员赵明发现，社区养老服务人手不足。",  # background
        "下午4时，县长陈志远等步入青溪宾馆宴会厅，向大家挥手致意。",  # a room
        "县委书记王立新每到一处考察，都要了解群众生活。",  # a habit
        "县长陈志远在各地调研时多次强调，要守住耕地红线。",
        "在即将举行的清河峰会上，县长陈志远介绍了青溪经验。",  # a plan inside the trigger
    ],
)
def test_no_event(sentence):
    assert run(sentence) == []


def test_a_traditional_welcome_rite_is_part_of_the_welcome_ceremony():
    events = run(
        "6月12日晚，县长陈志远在人民广场举行欢迎仪式和欢迎晚宴，款待来访贵宾。",
        "陈志远为贵宾举行传统迎宾仪式。",
    )
    assert [e.type for e in events] == ["ceremony", "ceremony"]


def test_a_date_inside_the_trigger_is_its_own_even_after_a_plans_date():
    lex = Lexicon(
        persons=["陈志远"],
        dates={"8月28日": ("2023-08-28", None, None), "12日上午": ("2023-06-12", "morning", None)},
    )
    headline_and_lead = (
        "陈志远主持召开县人大常委会主任会议决定县人大常委会第五次会议8月28日举行"
        "央视网消息：县人大常委会第十次主任会议12日上午在县行政中心举行。"
    )
    doc, mentions = make_doc([[headline_and_lead, "陈志远主持会议。"]], lex)
    doc.date = "2023-06-15"
    (event,) = extract_events(doc, mentions, RULES)
    assert (event.type, event.date, roles(event)) == ("meeting", "2023-06-12", {("陈志远", "chair")})


def test_names_before_the_unnamed_officials_who_share_their_role_keep_the_role():
    (event,) = run("6月12日，县长陈志远到东溪镇考察。", "林芳、赵明及县直部门负责同志一同考察。")
    assert roles(event) == {("陈志远", "inspector"), ("林芳", "accompanying"), ("赵明", "accompanying")}


def test_the_host_of_a_welcome_ceremony_does_not_also_attend_it():
    (event,) = run(
        "陈志远12日在人民广场举行仪式，欢迎阿尔瓦雷斯对我国进行国事访问。",
        "随后，陈志远陪同阿尔瓦雷斯检阅仪仗队，并观看分列式。",
    )
    assert roles(event) == {("陈志远", "chair"), ("阿尔瓦雷斯", "attendee")}


def test_a_list_of_leaders_with_delegates_attends_and_the_next_clauses_subject_chairs():
    (event,) = run(
        "6月12日，第五届清河峰会在新港举行。",
        "阿斯卡总统阿尔瓦雷斯，北川首相卡洛斯·门多萨，南岛联邦代表以及观察员与会，县长陈志远主持会议。",
    )
    assert roles(event) == {("阿尔瓦雷斯", "attendee"), ("卡洛斯·门多萨", "attendee"), ("陈志远", "chair")}


def test_a_guest_described_by_what_he_came_for_is_the_guest_of_talks_not_an_attendance():
    (event,) = run("6月12日，县长陈志远在人民广场同来华出席清河峰会并进行访问的阿尔瓦雷斯会谈。")
    assert event.type == "talks" and roles(event) == {("陈志远", "host"), ("阿尔瓦雷斯", "guest")}


def test_who_writes_to_a_meeting_is_not_at_it_and_the_venue_before_a_successful_opening_counts():
    (event,) = run("县委书记王立新致信全县教师代表座谈会。", "座谈会12日在人民广场成功举行，副县长林芳出席并讲话。")
    assert roles(event) == {("林芳", "attendee"), ("林芳", "speaker")} and places(event) == ["人民广场"]


def test_named_people_listed_with_unnamed_officials_who_attend_are_attendees_not_hosts():
    (event,) = run(
        "青溪县授旗仪式12日在人民广场举行，县长陈志远主持仪式。",
        "副县长林芳、赵明，县直各部门主要负责同志等参加仪式。",
    )
    assert roles(event) == {("陈志远", "chair"), ("林芳", "attendee"), ("赵明", "attendee")}


def test_the_two_leaders_keep_the_roles_they_have_in_the_talks():
    talks, press = run(
        "6月12日，县长陈志远在人民广场同阿尔瓦雷斯举行会谈。",
        "两国领导人还共同会见了记者。",  # the pair's press meeting: talks of its own (rule talks.press)
    )
    assert roles(talks) == {("陈志远", "host"), ("阿尔瓦雷斯", "guest")}
    assert roles(press) == {("陈志远", "host"), ("阿尔瓦雷斯", "host")}


def test_the_general_secretary_alone_is_the_leader_of_the_tour_and_the_home_is_the_visited_ones():
    inspection, visit = run(
        "6月12日，县委书记王立新到东溪镇调研。",
        "总书记走进居民刘海家看望慰问。",
        "在西山乡林场，总书记同职工亲切交流。",
    )
    assert roles(visit) == {("王立新", "visitor")}
    assert places(inspection) == ["东溪镇", "西山乡林场"]
