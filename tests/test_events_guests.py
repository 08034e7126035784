"""贵宾们: a state visit's later sentences name the guests welcomed before as 贵宾(们), on sentences of our own."""

from __future__ import annotations

from event_helpers import Lexicon, article_events, roles

from kg.events import load_rules
from kg.model import Event

RULES = load_rules()
LEX = Lexicon(
    persons=["王立新", "阿尔瓦雷斯", "门多萨", "刘海"],
    locations=["青溪宾馆", "望江楼"],
    dates={"6月12日": ("2023-06-12", None, None)},
)


def run(*sentences: str) -> list[Event]:
    return article_events(sentences, LEX, RULES)


def test_the_guests_of_the_welcome_take_part_in_what_they_do_with_the_host_next():
    events = run(
        "6月12日晚，市长王立新在青溪宾馆为阿尔瓦雷斯和门多萨举行欢迎宴会。",
        "宴会后，王立新同贵宾们共同观看青溪艺术节开幕式演出。",
    )
    show = events[-1]
    assert roles(show) == {("王立新", "attendee"), ("阿尔瓦雷斯", "attendee"), ("门多萨", "attendee")}


def test_guests_named_as_贵宾们_take_no_role_beyond_a_guest_s():
    events = run(
        "6月12日晚，市长王立新在青溪宾馆为阿尔瓦雷斯和门多萨举行欢迎仪式。",
        "王立新同贵宾们前往望江楼举行欢迎宴会，并致辞。",  # the host speaks, not the guests
    )
    assert all(role != "speaker" or name == "王立新" for event in events for name, role in roles(event))
    assert ("王立新", "speaker") in roles(events[-1])


def test_贵宾们_with_no_guests_before_names_nobody():
    (show,) = run("6月12日晚，市长王立新同贵宾们共同观看青溪艺术节开幕式演出。")
    assert roles(show) == {("王立新", "attendee")}
