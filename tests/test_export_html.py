"""graph.html as text: self-contained, hostile names inert, people first, every node in the store, labels that
read, evidence documents embedded from the sentence records as a stream. (What the page does: test_html_browser.)"""

from __future__ import annotations

import json
import re
from collections import Counter

from graph_helpers import HOSTILE_NAMES, event, hostile_world, sample_graph
from html_helpers import colliding_graph

from kg.graph import build_graph
from kg.graph.html import MAX_DRAWN_PEOPLE, render_html, safe_json, write_html
from kg.model import Document

_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
_DOC_BLOCK = re.compile(r'<script type="application/json" class="kg-doc-(\d+)">(.*?)</script>', re.S)


def _data(page: str) -> dict:
    raw = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(raw)


def _rows(data: dict) -> dict[str, list]:
    """Store rows by node id: [id, kind, label, name, degree, details?] with the kind spelled out."""
    kinds = [k["kind"] for k in data["kinds"]]
    return {row[0]: [row[0], kinds[row[1]], *row[2:]] for row in data["store"]["nodes"]}


def _details(page: str) -> dict[str, dict]:
    """What the details panel reads, by node id (the element after the page's script)."""
    raw = re.search(r'<script type="application/json" id="kg-node-details">(.*?)</script>', page, re.S).group(1)
    ids = [row[0] for row in _data(page)["store"]["nodes"]]
    return {node: found or {} for node, found in zip(ids, json.loads(raw), strict=True)}


def _links(data: dict) -> list[tuple[str, str, str, list]]:
    ids = [row[0] for row in data["store"]["nodes"]]
    relations = [r["relation"] for r in data["relations"]]
    return [(ids[row[0]], ids[row[1]], relations[row[2]], row[3:]) for row in data["store"]["links"]]


def test_page_references_no_external_url_and_inlines_its_scripts():
    page = render_html(sample_graph())
    assert not _EXTERNAL.search(page)
    assert "<link" not in page
    assert "vis.Network" in page and "@version 9.1.2" in page  # vis-network is inlined
    assert "window.kgExplorer" in page  # and so is the explorer's own script
    for element in ('id="kg-search"', 'id="kg-details"', 'id="kg-date-from"', 'id="kg-date-to"', 'id="kg-status"'):
        assert element in page


def test_hostile_names_cannot_close_the_script_or_inject_markup():
    g = build_graph(*hostile_world())
    page = render_html(g, title="</title><script>alert(1)</script>")
    assert page.count("</script>") == 4  # data, vis-network, the page's script, details (no sentences given)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    rows = _rows(_data(page))
    for name in HOSTILE_NAMES:
        assert rows[f"per:{name}"][2] == name  # the JSON decodes back to the exact hostile string
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


def test_safe_json_escapes_markup_and_line_separators():
    text = safe_json({"k": "</script><!-- & \u2028"})
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == {"k": "</script><!-- & \u2028"}


def test_edges_whose_ids_would_collide_as_strings_all_reach_the_page():
    """Issue 11, crash class 4: ids built as u|v|key collided, vis refused the data and the page was empty."""
    g = colliding_graph()
    assert len({f"{u}|{v}|{k}" for u, v, k in g.edges(keys=True)}) < g.number_of_edges()  # the old ids collide
    links = _links(_data(render_html(g)))
    met = {(u, v) for u, v, relation, _ in links if relation == "met"}
    assert met == {("per:张|per:李", "per:王"), ("per:张", "per:李|per:王")}
    assert len(links) == g.number_of_edges()  # vis ids are indices into this list: unique whatever the names


def test_store_holds_every_node_and_edge_with_kind_label_and_degree():
    g = sample_graph()
    data = _data(render_html(g))
    rows = _rows(data)
    assert set(rows) == set(g.nodes)
    for node, row in rows.items():
        assert row[1] == g.nodes[node]["kind"]
        assert row[4] == g.degree(node)
    assert len(data["store"]["links"]) == g.number_of_edges()
    kinds = {k["kind"]: k["count"] for k in data["kinds"]}
    assert kinds == dict(Counter(kind for _, kind in g.nodes(data="kind")))


def test_a_place_edge_twinning_a_held_at_edge_is_kept_once():
    """Graphs built before issue 15 link event and place both ways; the page keeps the `held_at` edge."""
    g = sample_graph()
    held_at = [(u, v) for u, v, k in g.edges(keys=True) if k == "held_at"]
    g.add_edges_from(((v, u, "place", {"relation": "place"}) for u, v in held_at))
    links = _links(_data(render_html(g)))
    assert len(links) == g.number_of_edges() - len(held_at)
    assert not [link for link in links if link[2] == "place"]


def test_legend_draws_met_edges_in_a_colour_of_their_own():
    data = _data(render_html(sample_graph()))
    colours = {k["kind"]: k["color"] for k in data["kinds"]}
    relations = {r["relation"]: r for r in data["relations"]}
    assert relations["met"]["color"] != colours["person"]
    assert data["relations"][0]["relation"] == "met"  # listed first
    assert relations["speaker"]["role"] and relations["attendee"]["role"]
    assert not relations["met"]["role"] and not relations["holds_title"]["role"]


def test_met_weight_is_the_weight_attribute_or_else_the_number_of_events():
    g = sample_graph()
    u, v, key = next((u, v, k) for u, v, k, rel in g.edges(keys=True, data="relation") if rel == "met")
    weights = {(a, b): row[0] for a, b, rel, row in _links(_data(render_html(g))) if rel == "met"}
    assert weights[u, v] == len(g.edges[u, v, key]["events"])
    g.edges[u, v, key]["weight"] = 7  # issue 15's graphs carry a weight
    weights = {(a, b): row[0] for a, b, rel, row in _links(_data(render_html(g))) if rel == "met"}
    assert weights[u, v] == 7


def test_events_behind_a_met_edge_point_at_event_nodes():
    g = sample_graph()
    data = _data(render_html(g))
    ids = [row[0] for row in data["store"]["nodes"]]
    for u, v, relation, extra in _links(data):
        if relation == "met":
            assert [ids[e] for e in extra[1]] == [f"event:{e}" for e in g.edges[u, v, "met"]["events"]]


def test_first_view_draws_people_laid_out_apart_and_physics_off():
    data = _data(render_html(sample_graph()))
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["layout"]["improvedLayout"] is False  # vis would re-lay out big graphs slowly
    people = [(n["x"], n["y"]) for n in data["nodes"] if n["group"] == "person"]
    assert len(set(people)) == len(people)  # no two people on the same spot


def test_layout_is_deterministic():
    assert render_html(sample_graph()) == render_html(sample_graph())


def test_old_default_event_labels_become_type_date_and_place_and_graph_labels_win():
    g = sample_graph()
    assert _rows(_data(render_html(g)))["event:d1#e0"][2] == g.nodes["event:d1#e0"]["label"]
    g.nodes["event:d1#e0"]["label"] = "meeting 2021-12-09"  # the default of graphs built before issue 15
    assert _rows(_data(render_html(g)))["event:d1#e0"][2] == "meeting 2021-12-09 · 清河市行政中心"


def test_documents_read_by_their_headline_and_old_events_by_it_when_they_have_no_place():
    g = sample_graph()
    g.remove_edges_from([(u, v, k) for u, v, k in g.edges(keys=True) if k == "held_at"])
    g.nodes["event:d2#e0"]["label"] = "inspection 2021-12-14"
    documents = [
        {"id": "d2", "headlines": [["李春华检查农贸市场", "压实防控责任"]]},
        {"id": "zz", "headlines": [["x"]]},
    ]
    page = render_html(g, documents=iter(documents))
    rows = _rows(_data(page))
    assert rows["doc:d2"][2] == "李春华检查农贸市场 压实防控责任"
    assert rows["doc:d1"][2] == "d1.txt"  # no headline: the file name, not a bare id
    assert rows["event:d2#e0"][2] == "inspection 2021-12-14 · 李春华检查农贸市场 压实防控责任"
    assert _details(page)["event:d2#e0"]["a"] == 0  # the article whose headline the panel shows
    assert _details(page)["doc:d2"]["heads"] == ["李春华检查农贸市场 压实防控责任"]
    assert rows["event:d2#e0"][5] == ["inspection", "2021-12-14"]  # what the filters read at once


def _sentences() -> list[dict]:
    """Sentence records as a build streams them: grouped by document, raw offsets with gaps."""
    return [
        {"doc": "d1", "article": 0, "start": 5, "end": 20, "text": "12月9日上午，我市召开会议。"},
        {"doc": "d1", "article": 0, "start": 22, "end": 40, "text": "市委副书记李春华主持会议。"},
        {"doc": "dx", "article": 0, "start": 0, "end": 9, "text": "这一页没有事件。"},
        {"doc": "d2", "article": 0, "start": 0, "end": 30, "text": "当晚，李春华带队检查。"},
        {"doc": "d1", "article": 1, "start": 60, "end": 70, "text": "又一篇。"},
    ]


def test_evidence_documents_are_embedded_from_the_sentence_stream_and_nothing_else():
    g = sample_graph()
    g.add_node("doc:dx", kind="document", name="dx", label="dx")  # a document with no event
    consumed = []

    def stream():
        for record in _sentences():
            consumed.append(record["doc"])
            yield record

    page = render_html(g, sentences=stream())
    assert consumed == [r["doc"] for r in _sentences()]  # read once, as a stream
    ids = [row[0] for row in _data(page)["store"]["nodes"]]
    blocks = [(ids[int(n)], json.loads(text)) for n, text in _DOC_BLOCK.findall(page)]
    assert [doc for doc, _ in blocks] == ["doc:d1", "doc:d2", "doc:d1"]  # d1 comes back later: a second block
    assert blocks[0][1] == [[0, 5, 20, "12月9日上午，我市召开会议。"], [0, 22, 40, "市委副书记李春华主持会议。"]]
    assert "这一页没有事件" not in page
    details = _details(page)
    assert details["doc:d1"]["text"] is True and "text" not in details["doc:dx"]
    # the blocks come after the page's script: the graph is interactive before they are parsed
    assert page.index("window.kgExplorer") < page.index('class="kg-doc-')


def test_hostile_sentences_stay_inside_their_block():
    g = sample_graph()
    hostile = [{"doc": "d1", "article": 0, "start": 0, "end": 9, "text": "</script><script>alert(1)</script>"}]
    page = render_html(g, sentences=hostile)
    assert "<script>alert(1)" not in page
    (block,) = _DOC_BLOCK.findall(page)
    assert json.loads(block[1])[0][3] == hostile[0]["text"]


def test_evidence_keeps_its_raw_offsets_and_unpaired_texts_keep_none():
    g = sample_graph()
    data = g.nodes["event:d2#e0"]
    spans = [(s["start"], s["end"]) for s in data["evidence_spans"]]
    assert _details(render_html(g))["event:d2#e0"]["ev"] == [
        [text, start, end] for text, (start, end) in zip(data["evidence"], spans, strict=True)
    ]
    data["evidence"] = data["evidence"][:1]  # texts deduplicated: which span is whose is unknown
    assert _details(render_html(g))["event:d2#e0"]["ev"] == [[None, start, end] for start, end in spans]


def test_write_html_streams_the_page_to_a_file(tmp_path):
    g = sample_graph()
    write_html(g, tmp_path / "g.html", sentences=iter(_sentences()), documents=iter([]))
    assert (tmp_path / "g.html").read_text(encoding="utf-8") == render_html(g, sentences=_sentences())


def test_large_graphs_draw_people_first_and_keep_every_node_searchable():
    people = [f"人员{i:03d}" for i in range(40)]
    events = [
        event(f"big#e{i}", "big", participants=[(people[(i * 7 + j) % 40], "attendee") for j in range(3)])
        for i in range(60)
    ]
    g = build_graph([], events, [Document(id="big", source="big.txt")])
    data = _data(render_html(g, max_nodes=50))
    drawn = Counter(n["group"] for n in data["nodes"])
    assert sum(drawn.values()) <= 50 and drawn["person"] == 40  # every person drawn before anything else
    assert len(data["store"]["nodes"]) == g.number_of_nodes()  # the rest are searchable and drawn on demand
    page = render_html(g, max_nodes=50)
    assert f"50 of {g.number_of_nodes()} nodes drawn" in page
    assert MAX_DRAWN_PEOPLE < 500  # networkx lays out 500 nodes and more with scipy, which kg does not need
