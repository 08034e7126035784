"""The explorer on the real seed pages: issue 16's done-when, in headless Chromium.

Skips when ../shared (the seed pages) or Chromium is absent. Only names and dates appear here, never
the pages' text: the sentences the checks compare are read from the build at run time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import explorer, launch

from kg.api import load_graph

SECRETARY = "per:章旭升"


@pytest.fixture(scope="module")
def seeds(seed_build) -> Path:
    return seed_build


@pytest.fixture(scope="module")
def page(seeds):
    with launch() as browser, explorer(browser, seeds / "graph.html") as opened:
        yield opened


def test_searching_zhang_xu_lists_the_party_secretary(page):
    assert "章旭升" in page.search("章旭")


def test_selecting_him_highlights_whom_he_met_and_lists_his_december_events(page):
    page.search("章旭")
    page.page.locator("#kg-search-results li", has_text="章旭升").first.dispatch_event("mousedown")
    assert page.js("kgExplorer.selected()") == SECRETARY
    assert {"per:胡勇春", "per:陈建勋", "per:卢轶"} <= page.highlighted()
    events = page.page.locator("#kg-details .kg-events .kg-event")
    dates = [head.split(" · ")[0] for head in events.locator(".kg-event-head .kg-link").all_inner_texts()]
    assert dates == sorted(dates)
    assert {"2021-12-09", "2021-12-14", "2021-12-20"} <= set(dates)
    for n in range(events.count()):
        assert events.nth(n).locator(".kg-evidence").count() >= 1


def test_one_day_leaves_only_that_days_events_and_people(page, seeds):
    g = load_graph(seeds)
    day = "2021-12-14"
    inside = {e for e, d in g.nodes(data=True) if d.get("kind") == "event" and d.get("date") == day}
    people = {u for u, v in g.edges() if v in inside and g.nodes[u].get("kind") == "person"}
    page.page.click("#kg-reset")
    page.page.check("#kg-kinds input[data-kind='event']")
    page.set_range(day, day)
    shown = page.visible()
    assert {n for n in shown if g.nodes[n]["kind"] == "event"} == inside
    assert {n for n in shown if g.nodes[n]["kind"] == "person"} == people
    page.page.click("#kg-reset")


def test_clicking_an_evidence_sentence_shows_it_highlighted_in_its_page(page):
    page.select(SECRETARY)
    evidence = page.page.locator("#kg-details .kg-evidence").first
    sentence = evidence.inner_text()
    evidence.click()
    assert page.page.locator("#kg-source").is_visible()
    assert page.page.locator("#kg-source mark").inner_text() == sentence
    page.page.keyboard.press("Escape")
