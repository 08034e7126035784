"""Document dates at the edges of the calendar (9999-12-31, 0001-01-01: scraped data's "unknown" fillers).

A relative date that would leave the calendar (9999-12-31 + 次日) has no date: it becomes None, never a crash.
"""

from __future__ import annotations

from event_helpers import Lexicon, make_doc

from kg.events import extract_events, load_rules

RULES = load_rules()


def _events_after(lead_date: str, follow_up: str) -> list[str | None]:
    lex = Lexicon(persons=["陈志远"], locations=["东城街道"], dates={"12月31日": (lead_date, None, None)})
    doc, mentions = make_doc([["12月31日，市长陈志远检查东城街道防控工作。", follow_up]], lex)
    return [event.date for event in extract_events(doc, mentions, RULES)]


def test_next_day_after_the_last_representable_date_gives_no_new_date():
    # no date of its own: the follow-up cannot be told apart from the first inspection, and no date is invented
    assert _events_after("9999-12-31", "次日，陈志远还检查了南门菜市场。") == ["9999-12-31"]


def test_next_day_just_inside_the_calendar_is_still_resolved():
    assert _events_after("9999-12-30", "第二天，陈志远还检查了南门菜市场。") == ["9999-12-30", "9999-12-31"]
