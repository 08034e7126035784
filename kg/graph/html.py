"""The explorer (graph.html): one self-contained page that answers who met whom, when and where.

What the page holds, and why:
- `nodes`: the drawn nodes, with positions computed here (networkx's spring layout of the people network,
  one layout per component, packed largest first), so the browser draws at once instead of running physics
  on thousands of nodes. A large graph draws its MAX_DRAWN_PEOPLE best-connected people and the nodes
  around them, MAX_HTML_NODES in all.
- `store`: every node and edge of the graph in compact arrays (ids, kinds, labels, names, event types and
  dates), so filters and search reach nodes that are not drawn and the page draws them on demand with
  their neighbourhood.
- `kg-node-details`, after the page's script: what only the details panel and search read (titles,
  aliases, headlines, evidence sentences with their raw offsets), so the 10,000-page page's first view
  does not wait for it (half the page's data).
- one `kg-doc-N` element per document that has evidence, holding its sentences with their raw-file offsets
  (streamed from the build's sentence records one document at a time, written after the page's script so
  the graph is interactive before they are parsed): the source view shows the text around an evidence
  sentence with the sentence highlighted.

pyvis 0.3.2 supplies the vis-network options and its bundled vis-network 9.1.2, but its own template links
bootstrap and tom-select from a CDN, so the page uses kg's template (kg/graph/templates/graph.html) with
every asset inline. Data is JSON with < > & escaped (no name can close the script element), and the page
only ever puts names into the DOM as text. vis ids are array indices, never names, so no two nodes or
edges can share an id whatever they are called.

Attributes are read defensively: `met` weight is the `weight` attribute if present, else its number of
events; event and document labels are composed here when the graph still carries the old defaults.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import numpy as np
import pyvis
from pyvis.network import Network

from kg.graph.build import document_node, event_node
from kg.graph.export import sorted_edges, sorted_nodes
from kg.graph.gcpause import paused_gc
from kg.io.atomic import atomic_write

MAX_HTML_NODES = 1500  # drawn at first; the rest are searchable and drawn on demand
MAX_DRAWN_PEOPLE = 450  # networkx's spring layout needs scipy (not a kg dependency) from 500 nodes on
SPACING = 130  # px between neighbouring people at zoom 1: labels are readable when a component is fitted
LAYOUT_SEED = 7
_VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
_TEMPLATES = Path(__file__).parent / "templates"
KIND_STYLE = {  # kind -> (colour, vis-network shape, legend label); shapes that scale with `value`
    "person": ("#e4572e", "dot", "person"),
    "organization": ("#2e86ab", "square", "organization"),
    "location": ("#3bb273", "triangle", "place"),
    "place": ("#3bb273", "triangle", "place"),
    "event": ("#f3a712", "diamond", "event"),
    "document": ("#8d8d8d", "star", "document"),
}
KIND_ORDER = ("person", "event", "location", "place", "organization", "document")
OTHER_STYLE = ("#999999", "dot")
RELATION_COLOURS = {  # `met` stands apart from the person nodes' colour
    "met": "#4c4cb0",
    "holds_title": "#7fb3d1",
    "organization": "#7fb3d1",
    "place": "#86cf9e",
    "held_at": "#86cf9e",
    "reported_in": "#c4c4c4",
}
ROLE_COLOUR = "#e0b450"  # person -> event edges (chair, attendee, ...)
MAX_LABEL = 24
MAX_LINE = 300
MAX_HEADLINE = 80
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


def _kind(data: dict[str, Any]) -> str:
    return str(data.get("kind") or "")


def _met_weight(data: dict[str, Any]) -> int:
    """A `met` edge's weight: its `weight` attribute when the graph has one, else how many events it has."""
    weight = data.get("weight")
    if isinstance(weight, int | float) and not isinstance(weight, bool):
        return max(int(weight), 1)
    return max(len(data.get("events") or ()), int(data.get("count") or 0), 1)


def _headlines(documents: Iterable[dict[str, Any]] | None, wanted: set[str]) -> dict[str, list[str]]:
    """Document id -> one headline per article (lines joined), for the documents in the graph."""
    found: dict[str, list[str]] = {}
    for record in documents or ():
        doc = record.get("id")
        if doc in wanted:
            found[doc] = [
                _short(" ".join(map(str, lines or ())), MAX_HEADLINE) for lines in record.get("headlines") or ()
            ]
    return found


@dataclass
class _Store:
    """Every node and edge of the graph as compact arrays; vis ids are indices into them.

    `links` leaves out a `place` edge whose `held_at` twin says the same (event and place, reversed);
    `pairs` and `degree` count every edge of the graph.
    """

    ids: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    data: list[dict[str, Any]] = field(default_factory=list)
    links: list[tuple[int, int, str, dict[str, Any]]] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    degree: Counter[int] = field(default_factory=Counter)

    @classmethod
    def of(cls, g: nx.MultiDiGraph) -> _Store:
        store = cls()
        index = store.index  # by the graph's own node ids (kg's are strings)
        for node, data in sorted_nodes(g):
            index[node] = len(store.ids)
            store.ids.append(str(node))
            store.kinds.append(_kind(data))
            store.data.append(data)
        links = [(index[u], index[v], str(data.get("relation", key)), data) for u, v, key, data in sorted_edges(g)]
        store.pairs = [(a, b) for a, b, _, _ in links]
        store.degree = Counter(a for a, _ in store.pairs)
        store.degree.update(b for _, b in store.pairs)
        held_at = {(a, b) for a, b, relation, _ in links if relation == "held_at"}
        store.links = [link for link in links if link[2] != "place" or (link[1], link[0]) not in held_at]
        return store

    def name(self, i: int) -> str:
        return str(self.data[i].get("name") or self.data[i].get("label") or self.ids[i])

    def is_role(self, link: tuple[int, int, str, dict[str, Any]]) -> bool:
        """A participant's role in an event (chair, attendee, ...): person -> event."""
        return self.kinds[link[0]] == "person" and self.kinds[link[1]] == "event"


def _event_label(data: dict[str, Any], places: list[str], headline: str | None) -> str:
    """The graph's label unless it is the old "type date" default; else type, date and place or headline."""
    type_, date = data.get("type") or "event", data.get("date")
    label = data.get("label")
    if label and label != f"{type_} {date or '?'}":
        return str(label)
    where = places[0] if places else _short(headline, 30) if headline else None
    return f"{type_} {date or 'undated'}" + (f" · {where}" if where else "")


def _document_label(data: dict[str, Any], heads: list[str]) -> str:
    """The graph's label unless it is the bare document id; else its title, first headline or file name."""
    label = data.get("label")
    if label and label != data.get("name"):
        return str(label)
    source = str(data.get("source") or "")
    return str(data.get("title") or (heads[0] if heads else "") or Path(source).name or data.get("name") or "")


def _labels(store: _Store, headlines: dict[str, list[str]]) -> list[str]:
    places: dict[int, list[str]] = defaultdict(list)
    for u, v, relation, _ in store.links:
        if relation == "held_at" and store.kinds[u] == "event":
            places[u].append(store.name(v))
    labels = []
    for i, data in enumerate(store.data):
        if store.kinds[i] == "event":
            heads = headlines.get(str(data.get("doc")), [])
            article = data.get("article")
            head = heads[article] if isinstance(article, int) and 0 <= article < len(heads) else None
            labels.append(_event_label(data, places[i], head))
        elif store.kinds[i] == "document":
            labels.append(_document_label(data, headlines.get(str(data.get("name")), [])))
        else:
            labels.append(str(data.get("label") or data.get("name") or store.ids[i]))
    return labels


def _evidence(data: dict[str, Any]) -> list[list[Any]]:
    """An event's evidence as [text, raw start, raw end]; text is None when spans and texts cannot be paired."""
    spans = [s for s in data.get("evidence_spans") or () if isinstance(s, dict)]
    texts = list(data.get("evidence") or ())
    if not spans:
        return [[text, None, None] for text in texts]
    paired = len(texts) == len(spans)
    return [
        [s.get("text") or (texts[n] if paired else None), s.get("start"), s.get("end")] for n, s in enumerate(spans)
    ]


def _details(store: _Store, i: int, headlines: dict[str, list[str]], embedded: set[str]) -> dict[str, Any]:
    """What the details panel needs of one node beyond its kind and label (empty fields left out)."""
    data, kind = store.data[i], store.kinds[i]
    name = store.name(i)
    out: dict[str, Any] = {
        "aliases": [str(a) for a in data.get("aliases") or () if a != name],
        "titles": [str(t) for t in data.get("titles") or ()],
    }
    if kind == "event":
        doc = str(data.get("doc"))
        heads, article = headlines.get(doc, []), data.get("article")
        out.update(
            type=data.get("type"),
            date=data.get("date"),
            time=data.get("time"),
            tod=data.get("time_of_day"),
            d=store.index.get(document_node(doc)),
            a=article if isinstance(article, int) and 0 <= article < len(heads) else None,
            ev=_evidence(data),
        )
    elif kind == "document":
        doc = str(data.get("name"))
        out.update(date=data.get("date"), source=data.get("source"), heads=headlines.get(doc), text=doc in embedded)
    return {k: v for k, v in out.items() if v is not None and v is not False and v != "" and v != []}


def _link_row(
    store: _Store, link: tuple[int, int, str, dict[str, Any]], relation_index: int, titles: dict[str, int]
) -> list[Any]:
    """[source, target, relation] and, when there is more to say, [weight, details]: a `met` edge's events,
    another edge's titles as indices into `titles` (a participant's title repeats over thousands of events).
    Short rows keep a 10,000-page page small (220,000 edges)."""
    u, v, relation, data = link
    if relation == "met":
        events = (store.index.get(event_node(str(e))) for e in data.get("events") or ())
        return [u, v, relation_index, _met_weight(data), [e for e in events if e is not None]]
    said = [titles.setdefault(str(t), len(titles)) for t in data.get("titles") or () if t]
    return [u, v, relation_index, 1, said] if said else [u, v, relation_index]


def _node_row(store: _Store, i: int, kind_index: int, label: str) -> list[Any]:
    """[id, kind, label, name, degree] and, for an event, [type, date] (what the filters read at once); the
    name is left out ("") when it is the label or an event's id."""
    data, name = store.data[i], store.name(i)
    row = [store.ids[i], kind_index, label, "" if name == label or store.kinds[i] == "event" else name, store.degree[i]]
    return [*row, [data.get("type") or "event", data.get("date")]] if store.kinds[i] == "event" else row


def _person_scores(store: _Store) -> Counter[int]:
    """How much a person takes part in: met weights plus event roles."""
    score: Counter[int] = Counter()
    for link in store.links:
        u, v, relation, data = link
        if relation == "met":
            weight = _met_weight(data)
            score[u] += weight
            score[v] += weight
        elif store.is_role(link):
            score[u] += 1
    return score


def _drawn(store: _Store, max_nodes: int) -> list[int]:
    """The nodes drawn at first: the best-connected people, then the nodes most linked to what is drawn.

    Everything is drawn when it fits; otherwise people come first (the first view is the people network),
    and the remaining room is shared between the other kinds, each ranked by its links into the drawn set.
    """
    people = [i for i, kind in enumerate(store.kinds) if kind == "person"]
    if len(store.ids) <= max_nodes and len(people) <= MAX_DRAWN_PEOPLE:
        return list(range(len(store.ids)))
    score = _person_scores(store)
    drawn = set(sorted(people, key=lambda i: (-score[i], store.ids[i]))[: min(max_nodes, MAX_DRAWN_PEOPLE)])
    neighbours: dict[int, list[int]] = defaultdict(list)
    for u, v, _, _ in store.links:
        neighbours[u].append(v)
        neighbours[v].append(u)
    others = [k for k in KIND_ORDER if k != "person"] + sorted(set(store.kinds) - set(KIND_ORDER))
    present = [k for k in others if k in set(store.kinds)]

    def ranked(candidates: Iterable[int]) -> list[int]:
        linked = {i: sum(j in drawn for j in neighbours[i]) for i in candidates}
        return sorted(linked, key=lambda i: (-linked[i], -store.degree[i], store.ids[i]))

    for n, kind in enumerate(present):
        room = (max_nodes - len(drawn)) // (len(present) - n)
        drawn.update(ranked(i for i, k in enumerate(store.kinds) if k == kind)[:room])
    # room a kind left unused goes to the best-linked nodes of any kind
    drawn.update(ranked(i for i in range(len(store.ids)) if i not in drawn)[: max_nodes - len(drawn)])
    return sorted(drawn)


def _component_layout(component: nx.Graph) -> dict[int, tuple[float, float]]:
    """A spring layout scaled so that the typical distance between a node and its nearest one is SPACING,
    but no wider than a square grid of its nodes SPACING apart: hubs push rare guests far out otherwise."""
    if len(component) == 1:
        return {next(iter(component)): (0.0, 0.0)}
    nodes = list(component)
    pos = nx.spring_layout(component, weight="weight", seed=LAYOUT_SEED, iterations=100)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    distance = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(distance, np.inf)
    nearest = float(np.median(distance.min(axis=1))) or 1.0
    extent = float(np.ptp(xy, axis=0).max()) or 1.0
    xy *= min(SPACING / nearest, SPACING * math.sqrt(len(nodes)) / extent)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def _pack(layouts: list[dict[int, tuple[float, float]]]) -> dict[int, tuple[float, float]]:
    """Components side by side in rows, largest first (shelf packing), so none overlaps another."""
    boxes = []
    for layout in layouts:
        xs, ys = [p[0] for p in layout.values()], [p[1] for p in layout.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + SPACING, max(ys) - min(ys) + SPACING))
    row_width = max([boxes[0][2], math.sqrt(sum(b[2] * b[3] for b in boxes)) * 1.3]) if boxes else 0
    placed: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for layout, (left, top, width, height) in zip(layouts, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in layout.items():
            placed[node] = (px - left + x, py - top + y)
        x, row_height = x + width, max(row_height, height)
    return placed


def _layout(store: _Store, drawn: list[int]) -> dict[int, tuple[int, int]]:
    """Positions of the drawn nodes: people by the `met` network, every other node beside its neighbours."""
    chosen = set(drawn)
    people = nx.Graph()
    people.add_nodes_from(i for i in drawn if store.kinds[i] == "person")
    for u, v, relation, data in store.links:
        if relation == "met" and u in people and v in people and u != v:
            people.add_edge(u, v, weight=1 + math.log(_met_weight(data)))
    components = sorted(nx.connected_components(people), key=lambda c: (-len(c), min(c)))
    pos = _pack([_component_layout(people.subgraph(c)) for c in components])
    neighbours: dict[int, list[int]] = defaultdict(list)
    for u, v, _, _ in store.links:
        if u in chosen and v in chosen:
            neighbours[u].append(v)
            neighbours[v].append(u)
    bottom = max((p[1] for p in pos.values()), default=0.0) + 2 * SPACING
    rank = {k: n for n, k in enumerate(KIND_ORDER)}
    rest = sorted((i for i in drawn if i not in pos), key=lambda i: (rank.get(store.kinds[i], len(rank)), i))
    loose = 0
    for n, i in enumerate(rest):
        anchors = [pos[j] for j in neighbours[i] if j in pos]
        if anchors:  # beside its neighbours, on a spiral so that siblings do not cover each other
            angle, radius = n * 2.399963, SPACING * (0.3 + 0.05 * (n % 7))
            cx, cy = sum(a[0] for a in anchors) / len(anchors), sum(a[1] for a in anchors) / len(anchors)
            pos[i] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        else:  # linked to nothing drawn: a grid below the rest
            pos[i] = ((loose % 40) * SPACING / 2, bottom + (loose // 40) * SPACING / 2)
            loose += 1
    return {i: (round(x), round(y)) for i, (x, y) in pos.items()}


def _node_tip(store: _Store, i: int, label: str, events: int) -> str:
    data, kind = store.data[i], store.kinds[i]
    return _tooltip(
        [
            ("", store.name(i) if kind not in ("event", "document") else label),
            ("kind", KIND_STYLE.get(kind, ("", "", kind))[2]),
            ("date", data.get("date") if kind in ("event", "document") else None),
            ("titles", list(data.get("titles") or ())[:5]),
            ("aliases", [a for a in data.get("aliases") or () if a != store.name(i)][:5]),
            ("events", events or None),
        ]
    )


def _legend(store: _Store) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Node kinds and relations with their counts, colours and shapes, in a fixed order."""
    counts = Counter(store.kinds)
    order = {k: n for n, k in enumerate(KIND_ORDER)}
    kinds = []
    for kind in sorted(counts, key=lambda k: (order.get(k, len(order)), k)):
        colour, shape, label = KIND_STYLE.get(kind, (*OTHER_STYLE, kind or "other"))
        kinds.append({"kind": kind, "label": label, "count": counts[kind], "color": colour, "shape": shape})
    roles = {link[2] for link in store.links if store.is_role(link)}
    relations = Counter(link[2] for link in store.links)
    ranked = sorted(relations, key=lambda r: (r != "met", r in roles, r))
    legend = [
        {
            "relation": r,
            "count": relations[r],
            "role": r in roles,
            "color": ROLE_COLOUR if r in roles else RELATION_COLOURS.get(r, "#b0b0b0"),
        }
        for r in ranked
    ]
    return kinds, legend


def _options() -> dict[str, Any]:
    """vis-network options from pyvis, with physics off: positions come from `_layout`."""
    net = Network(directed=True, cdn_resources="in_line")
    options = json.loads(net.options.to_json())
    options["physics"] = {"enabled": False, "stabilization": {"enabled": False, "fit": False}}
    options["edges"] = {"smooth": False, "color": {"inherit": False}, "selectionWidth": 2}
    options["interaction"].update(hover=True, tooltipDelay=200, hideEdgesOnDrag=True, multiselect=False)
    label_scaling = {"enabled": True, "min": 13, "max": 20, "drawThreshold": 6, "maxVisible": 32}
    options["nodes"] = {
        "scaling": {"min": 7, "max": 22, "label": label_scaling},
        "font": {"size": 14, "strokeWidth": 4, "strokeColor": "#ffffff"},
    }
    options["layout"] = {"randomSeed": LAYOUT_SEED, "improvedLayout": False}
    return options


def _page_data(store: _Store, labels: list[str], max_nodes: int) -> dict[str, Any]:
    """What the page needs at once: the drawn nodes, the legend, every node and edge in compact rows."""
    drawn = _drawn(store, max_nodes)
    chosen = set(drawn)
    pos = _layout(store, drawn)
    shown_degree: Counter[int] = Counter()
    for u, v in store.pairs:
        if u in chosen and v in chosen:
            shown_degree[u] += 1
            shown_degree[v] += 1
    events = Counter(u for u, v, _, _ in store.links if store.kinds[v] == "event")
    nodes = [
        {
            "id": store.ids[i],
            "i": i,
            "label": _short(labels[i], MAX_LABEL),
            "group": store.kinds[i],
            "value": shown_degree[i],
            "tip": _node_tip(store, i, labels[i], events[i]),
            "x": pos[i][0],
            "y": pos[i][1],
        }
        for i in drawn
    ]
    kinds, relations = _legend(store)
    kind_index = {k["kind"]: n for n, k in enumerate(kinds)}
    relation_index = {r["relation"]: n for n, r in enumerate(relations)}
    titles: dict[str, int] = {}
    links = [_link_row(store, link, relation_index[link[2]], titles) for link in store.links]
    return {
        "nodes": nodes,
        "kinds": kinds,
        "relations": relations,
        "options": _options(),
        "store": {
            "nodes": [_node_row(store, i, kind_index[store.kinds[i]], labels[i]) for i in range(len(store.ids))],
            "links": links,
            "titles": list(titles),
        },
    }


def _document_blocks(sentences: Iterable[dict[str, Any]] | None, store: _Store, wanted: set[str]) -> Iterator[str]:
    """One inert JSON element per evidence document: its sentences as [article, raw start, raw end, text].

    Streams the sentence records one document at a time (they come grouped by document), so memory holds
    one document however large the build; a document split across the stream gets several elements.
    """
    for doc, records in groupby(sentences or (), key=lambda r: r.get("doc")):
        node = store.index.get(document_node(str(doc)))
        if doc not in wanted or node is None:
            continue
        rows = [[r.get("article"), r.get("start"), r.get("end"), r.get("text") or ""] for r in records]
        yield f'<script type="application/json" class="kg-doc-{node}">{safe_json(rows)}</script>\n'


def _attribute_of(store: _Store, kind: str, key: str) -> set[str]:
    """One attribute of every node of a kind: the documents of the events, the ids of the documents."""
    return {str(d.get(key)) for d, k in zip(store.data, store.kinds, strict=True) if k == kind}


@lru_cache(maxsize=1)
def _assets() -> tuple[dict[str, str], jinja2.Template]:
    """vis-network's script and style (from pyvis) and the page's own, checked to be safe to inline."""
    files = {
        "vis_js": _VIS_DIR / "vis-network.min.js",
        "vis_css": _VIS_DIR / "vis-network.css",
        "page_js": _TEMPLATES / "explorer.js",
        "page_css": _TEMPLATES / "explorer.css",
    }
    assets = {name: path.read_text(encoding="utf-8") for name, path in files.items()}
    for name, text in assets.items():
        if "</script" in text.lower() or "</style" in text.lower():  # would end the inline element early
            raise RuntimeError(f"{files[name]} cannot be inlined safely")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True, keep_trailing_newline=True)
    return assets, env.get_template("graph.html")


def render_chunks(
    g: nx.MultiDiGraph,
    title: str = "kg graph",
    max_nodes: int = MAX_HTML_NODES,
    sentences: Iterable[dict[str, Any]] | None = None,
    documents: Iterable[dict[str, Any]] | None = None,
) -> Iterator[str]:
    """The page in pieces (deterministic: sorted nodes and edges, seeded layout).

    `sentences` (sentence records: doc, article, start, end, text) and `documents` (document records:
    id, headlines) are the build's sentences.jsonl and documents.jsonl; both are read once, as streams.
    Without sentences the page still shows every evidence sentence, only not the text around it.
    """
    store = _Store.of(g)
    wanted = _attribute_of(store, "event", "doc")
    headlines = _headlines(documents, _attribute_of(store, "document", "name"))
    labels = _labels(store, headlines)
    data = _page_data(store, labels, max_nodes)
    embedded = wanted if sentences is not None else set()
    details = [_details(store, i, headlines, embedded) or 0 for i in range(len(store.ids))]
    drawn, total = len(data["nodes"]), len(store.ids)
    note = (
        f"{drawn:,} of {total:,} nodes drawn (the best-connected); search finds every node and draws it"
        if drawn < total
        else ""
    )
    assets, template = _assets()
    yield from template.generate(
        title=_CONTROL.sub("", title),
        pyvis_version=pyvis.__version__,
        **assets,
        total=total,
        note=note,
        data=safe_json(data),
        details=safe_json(details),
        documents=_document_blocks(sentences, store, wanted),
    )


def render_html(g: nx.MultiDiGraph, title: str = "kg graph", max_nodes: int = MAX_HTML_NODES, **sources: Any) -> str:
    """The page as one string (see `render_chunks`; `sources` are its `sentences` and `documents`)."""
    with paused_gc():
        return "".join(render_chunks(g, title, max_nodes, **sources))


def write_html(
    g: nx.MultiDiGraph,
    path: str | Path,
    title: str = "kg graph",
    *,
    sentences: Iterable[dict[str, Any]] | None = None,
    documents: Iterable[dict[str, Any]] | None = None,
    max_nodes: int = MAX_HTML_NODES,
) -> None:
    """Write the page atomically, streaming it: document texts go straight from `sentences` to the file."""
    with paused_gc(), atomic_write(path) as handle:
        for chunk in render_chunks(g, title, max_nodes, sentences, documents):
            handle.write(chunk)
