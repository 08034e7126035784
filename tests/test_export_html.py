"""The interactive page: self-contained (no URL to fetch), hostile names stay inert text, menus present."""

from __future__ import annotations

import json
import re

from graph_helpers import HOSTILE_NAMES, hostile_world, sample_graph

from kg.graph import build_graph
from kg.graph.html import STABILIZATION_ITERATIONS, render_html, safe_json

_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def _data(page: str) -> dict:
    raw = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(raw)


def test_page_references_no_external_url():
    page = render_html(sample_graph())
    assert not _EXTERNAL.search(page)
    assert "<link" not in page
    assert "vis.Network" in page and "@version 9.1.2" in page  # vis-network is inlined


def test_nodes_carry_colour_shape_and_degree_size_per_kind():
    g = sample_graph()
    nodes = {n["id"]: n for n in _data(render_html(g))["nodes"]}
    assert nodes["per:王立新"]["shape"] != nodes["org:清河市委"]["shape"]
    assert nodes["per:王立新"]["color"] != nodes["event:d1#e0"]["color"]
    assert nodes["per:王立新"]["value"] == g.degree("per:王立新")
    assert "清河市委书记" in nodes["per:王立新"]["tip"]
    assert "陈海峰一行察看了清河医院。" in nodes["per:陈海峰"]["tip"]


def test_physics_stabilizes_then_switches_off():
    page = render_html(sample_graph())
    options = _data(page)["options"]
    assert options["physics"]["stabilization"]["iterations"] == STABILIZATION_ITERATIONS
    assert "physics: { enabled: false }" in page


def test_hostile_names_cannot_close_the_script_or_inject_markup():
    g = build_graph(*hostile_world())
    page = render_html(g, title="</title><script>alert(1)</script>")
    assert page.count("</script>") == 3  # data, vis-network, the page's own script
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    data = _data(page)
    labels = {n["id"]: n for n in data["nodes"]}
    for name in HOSTILE_NAMES:
        assert f"per:{name}" in labels  # the JSON decodes back to the exact hostile string
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


def test_safe_json_escapes_markup_and_line_separators():
    text = safe_json({"k": "</script><!-- & \u2028"})
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == {"k": "</script><!-- & \u2028"}


def test_page_has_kind_filter_and_node_finder():
    page = render_html(sample_graph())
    kinds = {k["kind"]: k["count"] for k in _data(page)["kinds"]}
    assert kinds == {"document": 3, "event": 3, "location": 4, "organization": 8, "person": 6}
    assert 'id="kg-select"' in page and 'id="kg-kinds"' in page


def test_graphs_too_large_for_a_browser_show_their_best_connected_nodes_and_say_so():
    g = sample_graph()
    hub = max(g.nodes, key=g.degree)
    page = render_html(g, max_nodes=5)
    assert f"showing the 5 best-connected of {g.number_of_nodes()} nodes" in page
    assert "5 nodes," in page
    assert json.dumps(hub, ensure_ascii=False)[1:-1] in page
