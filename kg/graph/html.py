"""Interactive graph page: one self-contained HTML file that works with no network at all.

pyvis 0.3.2 supplies the physics options and its bundled vis-network 9.1.2, but its own template always
links bootstrap and tom-select from a CDN and pastes node data into a script unescaped. So the page
uses kg's template (kg/graph/templates/graph.html): vis-network and its CSS inlined, a small filter
(node kinds) and find-a-node menu in plain JS, node data as JSON with < > & escaped (so no name can
close the script element), and tooltips built as DOM text nodes (so no name is parsed as HTML).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from kg.graph.export import sorted_edges, sorted_nodes
from kg.graph.gcpause import paused_gc
from kg.io.atomic import atomic_write

STABILIZATION_ITERATIONS = 300
MAX_HTML_NODES = 1500
_VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
_TEMPLATES = Path(__file__).parent / "templates"
KIND_STYLE = {  # kind -> (colour, vis-network shape); shapes that scale with `value`
    "person": ("#e4572e", "dot"),
    "organization": ("#2e86ab", "square"),
    "location": ("#3bb273", "triangle"),
    "event": ("#f3a712", "diamond"),
    "document": ("#8d8d8d", "star"),
}
RELATION_COLOURS = {"met": "#e4572e", "holds_title": "#2e86ab", "held_at": "#3bb273", "place": "#3bb273"}
MAX_LABEL = 24
MAX_LINE = 300
MAX_EVIDENCE = 3
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_json(data: Any) -> str:
    """JSON that can sit inside a <script> element: <, > and & (and JS line separators) escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def _short(text: Any, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tooltip(lines: list[tuple[str, Any]]) -> str:
    """Plain-text tooltip: one "key: value" line per non-empty value, lists joined by 、."""
    out = []
    for key, value in lines:
        if isinstance(value, list):
            value = "、".join(str(v) for v in value)
        if value not in (None, ""):
            out.append(_short(f"{key}: {value}" if key else value, MAX_LINE))
    return "\n".join(out)


def _node(node: Any, data: dict[str, Any], degree: int) -> dict[str, Any]:
    kind = data.get("kind", "")
    colour, shape = KIND_STYLE.get(kind, ("#999999", "dot"))
    evidence = list(data.get("evidence") or [])[:MAX_EVIDENCE]
    tip = _tooltip(
        [
            ("", data.get("name") or node),
            ("kind", kind),
            ("type", data.get("type") if kind == "event" else None),
            ("date", data.get("date")),
            ("titles", data.get("titles")),
            ("aliases", [a for a in data.get("aliases") or [] if a != data.get("name")]),
            ("docs", data.get("docs")),
            *(("evidence", text) for text in evidence),
        ]
    )
    return {
        "id": str(node),
        "label": _short(data.get("label") or node, MAX_LABEL),
        "group": kind,
        "color": colour,
        "shape": shape,
        "value": degree,
        "tip": tip,
    }


def _edge(u: Any, v: Any, key: Any, data: dict[str, Any]) -> dict[str, Any]:
    relation = data.get("relation", key)
    evidence = list(data.get("evidence") or [])[:MAX_EVIDENCE]
    tip = _tooltip(
        [
            ("", relation),
            ("titles", data.get("titles")),
            ("dates", data.get("dates")),
            ("places", data.get("places")),
            ("events", data.get("count")),
            *(("evidence", text) for text in evidence),
        ]
    )
    edge = {
        "id": f"{u}|{v}|{key}",
        "from": str(u),
        "to": str(v),
        "arrows": "" if relation == "met" else "to",
        "color": RELATION_COLOURS.get(relation, "#b0b0b0"),
        "width": 1 + min(int(data.get("count", 0)), 8) if relation == "met" else 1,
        "dashes": relation == "reported_in",
        "tip": tip,
    }
    return edge


def _options() -> dict[str, Any]:
    """vis-network options: pyvis's Barnes-Hut physics, a bounded stabilization, a fixed random seed."""
    net = Network(directed=True, cdn_resources="in_line")
    net.barnes_hut(gravity=-6000, central_gravity=0.3, spring_length=110, spring_strength=0.02, damping=0.3)
    options = json.loads(net.options.to_json())
    options["physics"]["stabilization"].update(iterations=STABILIZATION_ITERATIONS, updateInterval=50, fit=True)
    options["physics"]["minVelocity"] = 0.75
    options["edges"]["smooth"] = False
    options["interaction"].update(hover=True, tooltipDelay=150, hideEdgesOnDrag=True)
    # Labels stay readable when the whole graph is in view (vis hides labels drawn under drawThreshold px).
    label_scaling = {"enabled": True, "min": 14, "max": 30, "drawThreshold": 3, "maxVisible": 40}
    options["nodes"] = {"scaling": {"min": 8, "max": 40, "label": label_scaling}, "font": {"size": 14}}
    options["layout"] = {"randomSeed": 7, "improvedLayout": True}
    return options


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, jinja2.Template]:
    js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # would end the inline element early
        raise RuntimeError(f"{_VIS_DIR} cannot be inlined safely")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True, keep_trailing_newline=True)
    return js, css, env.get_template("graph.html")


def _most_connected(g: nx.MultiDiGraph, degree: Counter[Any], limit: int) -> set[Any]:
    """The `limit` best-connected nodes (ties by id): a browser cannot lay out a whole archive's graph."""
    return set(sorted(g, key=lambda n: (-degree[n], str(n)))[:limit])


def _degrees(edges: list[tuple[Any, Any, Any, dict[str, Any]]]) -> Counter[Any]:
    """In- plus out-degree of every node that has edges, counted from the edge list (as `g.degree`)."""
    degree = Counter(map(itemgetter(0), edges))
    degree.update(map(itemgetter(1), edges))
    return degree


@paused_gc()
def render_html(g: nx.MultiDiGraph, title: str = "kg graph", max_nodes: int = MAX_HTML_NODES) -> str:
    """The page as a string (deterministic: sorted nodes and edges, fixed layout seed).

    Graphs larger than `max_nodes` show their best-connected nodes, and the header says so
    (`kg subgraph NAME` draws any one person's network in full).
    """
    shown, links = sorted_nodes(g), sorted_edges(g)
    degree, total, note = _degrees(links), len(shown), ""
    if total > max_nodes:
        # Filtering the sorted lists beats a subgraph view, whose every lookup goes through node filters.
        keep = _most_connected(g, degree, max_nodes)
        shown = [(n, d) for n, d in shown if n in keep]
        links = [e for e in links if e[0] in keep and e[1] in keep]
        degree = _degrees(links)
        note = f"showing the {max_nodes} best-connected of {total} nodes; `kg subgraph NAME` draws one person's network"
    nodes = [_node(n, d, degree[n]) for n, d in shown]
    edges = [_edge(u, v, k, d) for u, v, k, d in links]
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node["group"]] = counts.get(node["group"], 0) + 1
    kinds = [{"kind": k, "count": c, "color": KIND_STYLE.get(k, ("#999999",))[0]} for k, c in sorted(counts.items())]
    js, css, template = _assets()
    return template.render(
        title=_CONTROL.sub("", title),
        pyvis_version=pyvis.__version__,
        vis_js=js,
        vis_css=css,
        nodes=len(nodes),
        edges=len(edges),
        note=note,
        data=safe_json({"nodes": nodes, "edges": edges, "kinds": kinds, "options": _options()}),
    )


def write_html(g: nx.MultiDiGraph, path: str | Path, title: str = "kg graph") -> None:
    """Write the interactive page atomically."""
    text = render_html(g, title)
    with atomic_write(path) as handle:
        handle.write(text)
