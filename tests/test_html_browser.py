"""graph.html in a real browser (Playwright driving the system Chromium, every request outside file:// refused).

The page is driven as an analyst would: type in the search box, pick with the keyboard, read the details
panel, move the date range, click an evidence sentence and read it in its page. The pages come from the
real pipeline on data/sample (our own invented county-paper pages) and from small hand-made graphs.
Chromium is required: CI installs it (`apt-get install -y chromium fonts-noto-cjk`); without it these skip.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import networkx as nx
import pytest
from browser_helpers import explorer, launch
from graph_helpers import HOSTILE_NAMES, event, hostile_world, sample_graph
from html_helpers import COLLIDING_PAIRS, colliding_graph

from kg.api import build, load_graph
from kg.graph import build_graph
from kg.graph.html import write_html
from kg.model import Document, Entity

REPO = Path(__file__).resolve().parents[1]
HEADER_PIXELS = 60  # rows of the menu bar above the canvas


@pytest.fixture(scope="module")
def browser():
    with launch() as opened:
        yield opened


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """data/sample built by the real pipeline: graph.html embeds the text of its pages."""
    out = tmp_path_factory.mktemp("sample")
    sample = REPO / "data" / "sample"
    build([sample], out, dates_file=sample / "dates.tsv", cache=False, progress=False)
    return out


@pytest.fixture(scope="module")
def sample_g(sample) -> nx.MultiDiGraph:
    return load_graph(sample)


def _kind(g: nx.MultiDiGraph, node: str) -> str:
    return g.nodes[node].get("kind", "")


def _people_in_events(g: nx.MultiDiGraph, events: set[str]) -> set[str]:
    return {u for u, v in g.edges() if v in events and _kind(g, u) == "person"}


def _events_of(g: nx.MultiDiGraph, person: str) -> set[str]:
    return {v for v in g.successors(person) if _kind(g, v) == "event"}


def _met(g: nx.MultiDiGraph, person: str) -> set[str]:
    return {v for u, v, k in g.edges(keys=True) if k == "met" and u == person} | {
        u for u, v, k in g.edges(keys=True) if k == "met" and v == person
    }


def _png_rgb_rows(data: bytes) -> list[bytes]:
    """Decode an 8-bit RGB/RGBA PNG into rows of RGB bytes (no imaging library needed)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, *_ = header
    assert depth == 8 and colour in (2, 6), header
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = previous[i], previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line) if bpp == 3 else bytes(v for i, v in enumerate(line) if i % 4 != 3))
        previous = line
    return rows


def _coloured_pixels(png: bytes, left: int, right: int) -> int:
    """Saturated pixels of the canvas (below the menu bar, between the side panels): nodes and edges."""
    count = 0
    for row in _png_rgb_rows(png)[HEADER_PIXELS:]:
        for i in range(left * 3, right * 3, 3):
            r, g, b = row[i], row[i + 1], row[i + 2]
            count += max(r, g, b) - min(r, g, b) > 60
    return count


def test_first_view_is_the_people_network_drawn_and_readable_offline(browser, sample, sample_g):
    with explorer(browser, sample / "graph.html") as page:
        linked = {u for u, v, k in sample_g.edges(keys=True) if _kind(sample_g, u) == "person" and k != "holds_title"}
        assert page.visible() == linked  # people with a meeting or an event; nothing else
        assert page.status().startswith(f"showing {len(linked)} of {sample_g.number_of_nodes()} nodes")
        assert page.js("kgExplorer.scale()") >= 0.6  # fitted so that labels are readable
        box = page.page.locator("#kg-graph").bounding_box()
        pixels = _coloured_pixels(page.page.screenshot(), int(box["x"]), int(box["x"] + box["width"]))
        assert pixels > 3000
        met = page.page.locator("#kg-relations input[data-rel='met'] + .kg-line").evaluate(
            "e => e.style.borderTopColor"
        )
        person = page.page.locator("#kg-kinds input[data-kind='person'] + .kg-glyph").evaluate("e => e.style.color")
        assert met and person and met != person  # the legend tells `met` edges from person nodes


def test_search_lists_prefix_and_fuzzy_matches_and_the_keyboard_picks_one(browser, tmp_path):
    people = [
        Entity(id="per:王立新", type="PERSON", name="王立新", aliases=["王立新", "立新同志"]),
        Entity(id="per:王立明", type="PERSON", name="王立明", aliases=["王立明"]),
        Entity(id="per:李春华", type="PERSON", name="李春华", aliases=["李春华"]),
    ]
    meeting = event("d#e0", "d", participants=[("王立新", "chair"), ("李春华", "attendee")], evidence="王立新、李春华")
    g = build_graph(people, [meeting], [Document(id="d", source="d.txt")])
    write_html(g, tmp_path / "g.html")
    with explorer(browser, tmp_path / "g.html") as page:
        assert page.search("王立")[:2] == ["王立新", "王立明"]  # prefix matches, drawn or not
        assert page.search("王新")[0] == "王立新"  # characters in order: a fuzzy match
        assert page.search("立新同")[0] == "王立新"  # an alias finds its person
        assert "= 立新同志" in page.page.inner_text("#kg-search-results")
        assert page.search("王立")[:2] == ["王立新", "王立明"]
        page.page.press("#kg-search", "ArrowDown")
        chosen = page.page.locator("#kg-search-results li[aria-selected='true'] .kg-hit-name").inner_text()
        assert chosen == "王立明"
        page.page.press("#kg-search", "Enter")
        assert page.js("kgExplorer.selected()") == "per:王立明"
        assert page.page.inner_text("#kg-details h2") == "王立明"
        assert page.visible() >= {"per:王立明"}  # met nobody, yet shown: search asked for him


def test_selecting_a_person_highlights_whom_he_met_and_lists_his_events_with_evidence(browser, sample, sample_g):
    people = [n for n in sample_g if _kind(sample_g, n) == "person" and _met(sample_g, n)]
    person = min(people, key=lambda p: (len(_met(sample_g, p)), p))  # someone who did not meet everybody
    name = sample_g.nodes[person]["name"]
    with explorer(browser, sample / "graph.html") as page:
        page.search(name)
        page.page.press("#kg-search", "Enter")
        assert page.highlighted() == {person} | _met(sample_g, person)
        assert page.visible() - page.highlighted()  # the rest is faded, not gone
        details = page.page.locator("#kg-details")
        assert details.locator("h2").inner_text() == name
        events = details.locator(".kg-events .kg-event")
        expected = sorted(sample_g.nodes[e]["date"] for e in _events_of(sample_g, person))
        heads = events.locator(".kg-event-head .kg-link").all_inner_texts()
        assert [head.split(" · ")[0] for head in heads] == expected  # date order
        first = events.first
        assert first.locator(".kg-event-meta").inner_text().count("role:") == 1
        assert first.locator(".kg-evidence").count() >= 1
        earliest = min(_events_of(sample_g, person), key=lambda e: (sample_g.nodes[e]["date"], e))
        paper = sample_g.nodes["doc:" + sample_g.nodes[earliest]["doc"]]
        source_line = first.locator(".kg-evidence-source").inner_text()
        assert source_line.startswith("《") and source_line.endswith(paper["date"])  # headline, the paper's date


def test_selecting_a_met_edge_lists_the_events_behind_it(browser, sample, sample_g):
    person = "per:王立新"
    edges = {
        u if v == person else v: d
        for u, v, k, d in sample_g.edges(keys=True, data=True)
        if k == "met" and person in (u, v)
    }
    partner = max(edges, key=lambda p: (edges[p]["weight"], p))
    with explorer(browser, sample / "graph.html") as page:
        page.select(person)
        row = page.page.locator("#kg-details .kg-met li", has_text=sample_g.nodes[partner]["name"])
        row.locator("button").nth(1).click()  # ×N: the edge
        details = page.page.locator("#kg-details")
        assert f"met · weight {edges[partner]['weight']}" in details.inner_text()
        heads = details.locator(".kg-event-head .kg-link").all_inner_texts()
        dates = sorted(sample_g.nodes[f"event:{e}"]["date"] for e in edges[partner]["events"])
        assert sorted(h.split(" · ")[0] for h in heads) == dates
        names = {sample_g.nodes[person]["name"], sample_g.nodes[partner]["name"]}
        for sentence in details.locator(".kg-evidence").all_inner_texts():  # sentences that show the pair
            assert any(name in sentence for name in names)


def test_a_date_range_leaves_only_that_days_events_and_people(browser, sample, sample_g):
    dates = {e: d["date"] for e, d in sample_g.nodes(data=True) if _kind(sample_g, e) == "event"}
    day = max(
        set(dates.values()), key=lambda d: (len(_people_in_events(sample_g, {e for e in dates if dates[e] == d})), d)
    )
    inside = {e for e in dates if dates[e] == day}
    with explorer(browser, sample / "graph.html") as page:
        page.page.check("#kg-kinds input[data-kind='event']")
        page.settle()
        before = page.visible()
        page.set_range(day, day)
        shown = page.visible()
        assert {n for n in shown if _kind(sample_g, n) == "event"} == inside
        assert {n for n in shown if _kind(sample_g, n) == "person"} == _people_in_events(sample_g, inside)
        assert shown < before
        assert page.status().startswith(f"showing {len(shown)} of ")
        # the slider moved with the dates; dragging it back to the start widens the range again
        assert page.page.input_value("#kg-date-slider-from") == page.page.input_value("#kg-date-slider-to")
        page.page.locator("#kg-date-slider-from").fill("0")
        page.settle()
        assert page.page.input_value("#kg-date-from") == ""
        assert {n for n in page.visible() if _kind(sample_g, n) == "event"} == {e for e in dates if dates[e] <= day}


def test_clicking_evidence_shows_the_sentence_highlighted_in_its_page(browser, sample):
    with explorer(browser, sample / "graph.html") as page:
        page.select("per:王立新")
        evidence = page.page.locator("#kg-details .kg-evidence").first
        sentence, start = evidence.inner_text(), evidence.get_attribute("data-start")
        evidence.click()
        source = page.page.locator("#kg-source")
        assert source.is_visible()
        mark = source.locator("mark")
        assert mark.count() == 1 and mark.inner_text() == sentence  # rebuilt from the sentence records
        assert mark.evaluate("m => m.parentElement.dataset.start") == start  # at the evidence's raw offset
        assert source.locator("#kg-source-text h3").count() >= 1  # the page's headlines
        assert len(source.locator("#kg-source-text").inner_text()) > 3 * len(sentence)  # the text around it
        text_box = source.locator("#kg-source-text").bounding_box()
        mark_box = mark.bounding_box()
        assert text_box["y"] <= mark_box["y"] <= text_box["y"] + text_box["height"]  # scrolled into view
        page.page.keyboard.press("Escape")
        assert not source.is_visible()


def test_event_type_role_and_relation_filters_update_the_counts(browser, sample, sample_g):
    with explorer(browser, sample / "graph.html") as page:
        everyone = page.visible()
        page.page.uncheck("#kg-types input[data-type='meeting']")
        page.settle()
        others = {e for e, d in sample_g.nodes(data=True) if _kind(sample_g, e) == "event" and d["type"] != "meeting"}
        assert page.visible() == _people_in_events(sample_g, others)
        assert page.status().startswith(f"showing {len(page.visible())} of")
        page.page.check("#kg-types input[data-type='meeting']")
        page.page.uncheck("#kg-roles input[data-rel='attendee']")
        page.settle()
        assert page.visible() < everyone
        page.page.check("#kg-roles input[data-rel='attendee']")
        page.page.uncheck("#kg-relations input[data-rel='met']")
        page.settle()
        assert page.visible() == everyone and page.status().endswith(" 0 edges")


def test_search_reaches_and_draws_nodes_not_drawn_at_first(browser, tmp_path):
    g = sample_graph()
    write_html(g, tmp_path / "g.html", max_nodes=3)
    with explorer(browser, tmp_path / "g.html") as page:
        assert page.js("kgExplorer.drawn()") == 3
        hidden = next(p for p in ("per:陈海峰", "per:周建国", "per:孙丽") if p not in page.visible())
        name = g.nodes[hidden]["name"]
        assert page.search(name)[0] == name
        assert "not drawn yet" in page.page.inner_text("#kg-search-results li >> nth=0")
        page.page.press("#kg-search", "Enter")
        assert hidden in page.highlighted() and page.js("kgExplorer.drawn()") > 3
        assert page.page.inner_text("#kg-details h2") == name


def test_undated_events_are_counted_shown_and_can_be_left_out(browser, tmp_path):
    people = [("王立新", "chair"), ("李春华", "attendee")]
    events = [
        event("d#e0", "d", date="2021-12-09", participants=people, evidence="王立新、李春华"),
        event("d#e1", "d", type_="inspection", date=None, participants=people, evidence="王立新、李春华"),
    ]
    write_html(build_graph([], events, [Document(id="d", source="d.txt")]), tmp_path / "g.html")
    with explorer(browser, tmp_path / "g.html") as page:
        assert page.page.inner_text("#kg-undated-text") == "undated events (1)"
        page.page.check("#kg-kinds input[data-kind='event']")
        page.settle()
        assert {"event:d#e0", "event:d#e1"} <= page.visible()
        page.page.uncheck("#kg-undated")
        page.settle()
        assert "event:d#e1" not in page.visible() and "event:d#e0" in page.visible()
        page.select("per:王立新")
        assert "undated · inspection" in page.page.inner_text("#kg-details")


def _hostile_sentences() -> list[dict]:
    text = "\"</script><script>document.title='owned'</script>"
    return [{"doc": "h1", "article": 0, "start": 0, "end": len(text), "text": text}]


def test_hostile_names_stay_text_in_every_panel(browser, tmp_path):
    g = build_graph(*hostile_world())
    write_html(
        g, tmp_path / "g.html", sentences=_hostile_sentences(), documents=[{"id": "h1", "headlines": [["<b>x"]]}]
    )
    with explorer(browser, tmp_path / "g.html") as page:
        for name in HOSTILE_NAMES:
            page.search(name[:40])
            page.page.press("#kg-search", "Enter")
            assert page.js("kgExplorer.selected()") == f"per:{name}"
            assert page.js("document.querySelector('#kg-details h2').textContent") == name
        page.select("event:h1#e0")
        page.page.locator("#kg-details .kg-evidence").first.click()
        assert page.page.locator("#kg-source mark").text_content() == _hostile_sentences()[0]["text"]
        panels = ("#kg-details", "#kg-source", "#kg-search-results", "#kg-filters")
        assert page.js(f"document.querySelectorAll('{', '.join(p + ' script' for p in panels)}').length") == 0
        assert page.js("document.querySelectorAll('img, svg, textarea, b, [onerror]').length") == 0
        assert page.js("document.title") == "kg graph" and page.js("!document.getElementById('pwned')")


def test_edge_ids_that_would_collide_as_strings_draw_every_edge(browser, tmp_path):
    """Issue 11, crash class 4: names with | made two edges one id; vis refused them and the page was empty."""
    g = colliding_graph()
    write_html(g, tmp_path / "g.html")
    with explorer(browser, tmp_path / "g.html") as page:
        assert page.visible() == {f"per:{name}" for pair in COLLIDING_PAIRS for name in pair}
        assert page.status().startswith("showing 4 of") and page.status().endswith(" 2 edges")


def test_a_few_hundred_people_open_at_once(browser, tmp_path):
    people = [f"人员{i:03d}" for i in range(300)]
    events = [
        event(f"big#e{i}", "big", participants=[(people[(i * 7 + j) % 300], "attendee") for j in range(4)],
              evidence="、".join(people[(i * 7 + j) % 300] for j in range(4)))
        for i in range(240)
    ]  # fmt: skip
    write_html(build_graph([], events, [Document(id="big", source="big.txt")]), tmp_path / "big.html")
    with explorer(browser, tmp_path / "big.html") as page:
        assert {n for n in page.visible() if n.startswith("per:")} == {f"per:{p}" for p in people}


def test_entities_linked_to_nothing_wait_behind_a_toggle(browser, tmp_path):
    g = sample_graph()
    g.add_node("per:孤立者", kind="person", label="孤立者", name="孤立者")
    unlinked = sum(1 for n in g.nodes if g.degree(n) == 0)
    write_html(g, tmp_path / "g.html")
    with explorer(browser, tmp_path / "g.html") as page:
        assert "per:孤立者" not in page.visible()
        assert page.page.inner_text("#kg-unlinked-text") == f"linked to nothing ({unlinked})"
        page.page.check("#kg-unlinked")
        page.settle()
        assert "per:孤立者" in page.visible()


def test_without_sentences_evidence_still_opens_as_text(browser, tmp_path):
    """Pages made without the build's sentence records (kg subgraph) show the evidence sentence alone."""
    g = sample_graph()
    write_html(g, tmp_path / "g.html")
    with explorer(browser, tmp_path / "g.html") as page:
        page.select("event:d2#e0")
        evidence = page.page.locator("#kg-details .kg-evidence").first
        sentence = evidence.inner_text()
        evidence.click()
        assert "not embedded" in page.page.inner_text("#kg-source-text")
        assert page.page.locator("#kg-source mark").inner_text() == sentence == g.nodes["event:d2#e0"]["evidence"][0]


def test_double_clicking_a_node_draws_its_whole_neighbourhood(browser, tmp_path):
    g = sample_graph()
    write_html(g, tmp_path / "g.html", max_nodes=3)
    with explorer(browser, tmp_path / "g.html") as page:
        person = sorted(page.visible())[0]
        neighbours = set(g.successors(person)) | set(g.predecessors(person))
        assert not neighbours <= page.visible()
        canvas = page.page.locator("#kg-graph").bounding_box()
        at = page.js("id => kgExplorer.position(id)", person)
        page.page.mouse.dblclick(canvas["x"] + at["x"], canvas["y"] + at["y"])
        page.settle()
        assert neighbours | {person} <= page.visible()
        assert page.js("kgExplorer.selected()") == person
