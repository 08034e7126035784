"""Error classes found on the fourth news check set (data/gold/news_check4_*), each on sentences of our own: a
meeting that is only what a letter is sent to, the subject of a tour sentence whose escorts are named between it
and the verb (X走下列车，在Y陪同下，考察了A), a venue before the manner of taking part (在A以视频方式同Y会谈), where
the people visited are (看望了…在A的干部), who attended a ceremony printed as a clause before his name
(出席开工仪式的X表示), a 汇报会 (听取…县委…工作汇报) and the summit whose eve (前夕) or end (结束出席) dates it,
and a full name the article goes on to call by an inner part (…·卢拉·达席尔瓦 … 卢拉)."""

from __future__ import annotations

from event_helpers import Lexicon, article_events, roles

from kg.events import load_rules
from kg.model import Event

RULES = load_rules()
LEX = Lexicon(
    persons=["王立新", "陈志远", "赵明", "林芳", "刘海", "阿尔瓦雷斯", "路易斯·安东尼奥·门多萨·科斯塔", "门多萨"],
    locations=["青溪", "新港", "东溪镇", "西山乡", "青溪博物馆", "青溪湖", "市行政中心", "阿斯卡"],
    dates={
        "6月11日": ("2023-06-11", None, None),
        "6月12日": ("2023-06-12", None, None),
        "12日": ("2023-06-12", None, None),
    },
)


def run(*sentences: str) -> list[Event]:
    return article_events(sentences, LEX, RULES)


def of_type(events: list[Event], etype: str) -> Event:
    (event,) = [e for e in events if e.type == etype]
    return event


def test_a_forum_a_letter_is_sent_to_is_no_meeting_of_its_author():
    events = run("6月12日，市长陈志远向在新港举办的青溪发展论坛致贺信。", "陈志远指出，开放合作是大势所趋。")
    assert events == []


def test_a_forum_held_in_a_later_sentence_after_the_letter_is_still_a_meeting():
    events = run(
        "6月12日，市长陈志远向在新港举办的青溪发展论坛发来贺信。",
        "论坛12日在新港开幕，副市长林芳出席开幕式并致辞。",
    )
    assert roles(of_type(events, "meeting")) == {("林芳", "attendee"), ("林芳", "speaker")}


def test_escorts_named_between_the_subject_and_the_verb_leave_the_subject_the_inspector():
    event = of_type(
        run(
            "6月11日下午，在前往新港途中，市长陈志远走下列车，在县委书记王立新、县长刘海陪同下，先后考察了青溪博物馆和青溪湖。"
        ),
        "inspection",
    )
    assert roles(event) == {("陈志远", "inspector"), ("王立新", "accompanying"), ("刘海", "accompanying")}
    assert [p.name for p in event.places] == ["青溪博物馆", "青溪湖"]
    # a person named in a later clause who is no escort is the subject of what follows
    other = of_type(run("6月12日，市长陈志远走下列车，县长刘海考察了青溪湖。"), "inspection")
    assert roles(other) == {("刘海", "inspector")}


def test_the_venue_of_talks_held_by_video_is_named_before_the_manner():
    event = of_type(run("市长陈志远12日下午在市行政中心以视频方式同阿斯卡市长阿尔瓦雷斯举行会谈。"), "talks")
    assert roles(event) == {("陈志远", "host"), ("阿尔瓦雷斯", "guest")}
    assert [p.name for p in event.places] == ["市行政中心"]


def test_where_the_people_visited_are_is_the_visits_place():
    events = run(
        "6月11日至12日，市长陈志远在青溪调研。",
        "陈志远还看望了老党员赵明，以及在东溪镇的驻村干部。",
    )
    visit = of_type(events, "visit")
    assert roles(visit) == {("陈志远", "visitor")}
    assert [p.name for p in visit.places] == ["东溪镇"]


def test_a_clause_opening_with_the_ceremony_attended_makes_the_person_after_it_an_attendee():
    event = of_type(
        run("青溪大桥12日举行开工仪式。", "出席开工仪式的阿斯卡总统阿尔瓦雷斯表示，大桥将造福两岸。"), "ceremony"
    )
    # (what he says there is said at it: 表示 right after the name is a speech at a ceremony, as the gold reads it)
    assert roles(event) == {("阿尔瓦雷斯", "attendee"), ("阿尔瓦雷斯", "speaker")}
    assert event.date == "2023-06-12"
    # a guest who came to attend it is met, not seen attending: the clause opens with the talks
    events = run("青溪大桥12日举行开工仪式。", "市长陈志远会见前来出席开工仪式的阿斯卡总统阿尔瓦雷斯。")
    assert [e.type for e in events] == ["talks"]


def test_a_full_name_the_article_calls_by_an_inner_part_is_named_by_that_part():
    event = of_type(
        run(
            "市长陈志远12日在市行政中心举行仪式，欢迎阿斯卡总统路易斯·安东尼奥·门多萨·科斯塔来访。",
            "门多萨在陈志远陪同下检阅仪仗队。",
        ),
        "ceremony",
    )
    assert roles(event) == {("陈志远", "chair"), ("门多萨", "attendee")}


def test_a_report_meeting_is_a_meeting_and_a_summit_on_its_eve_is_still_to_come():
    events = run(
        "6月12日，市长陈志远在新港主持青溪峰会前夕，听取县委工作汇报。县委书记王立新汇报，县长刘海参加汇报会。",
        "陈志远发表了重要讲话。",
        "副市长林芳出席汇报会并陪同考察。",
    )
    assert roles(of_type(events, "meeting")) == {
        ("王立新", "speaker"),
        ("刘海", "attendee"),
        ("陈志远", "speaker"),
        ("林芳", "attendee"),
    }
    assert roles(of_type(events, "inspection")) == {("林芳", "accompanying")}


def test_a_party_committees_work_report_to_a_leader_is_a_meeting_where_he_speaks():
    (event,) = run(
        "6月12日，市长陈志远在结束出席青溪峰会并访问阿斯卡回到国内后，在新港专门听取县委和县政府工作汇报。",
        "县委书记王立新作了汇报，县长刘海参加汇报会。",
        "听取汇报后，陈志远发表了重要讲话。",
    )
    assert event.type == "meeting"
    assert roles(event) == {("陈志远", "speaker"), ("王立新", "speaker"), ("刘海", "attendee")}
    assert [p.name for p in event.places] == ["新港"]
    # a site's report heard on a tour is part of the tour
    (tour,) = run("6月12日，市长陈志远到青溪调研，听取港务集团工作汇报。")
    assert tour.type == "inspection"
