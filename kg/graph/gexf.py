"""GEXF export (`graph.gexf`) for Gephi's timeline: the graph with each node's and edge's dates as spells.

A dynamic GEXF 1.2 graph with `timeformat="date"`: an event is present on its date, an edge to or from an
event on that event's date, a `met` edge on each date the pair shared an event, an entity on the dates of
its events, a document on its date (`kg.graph.export.element_dates`). Each date is one spell from that day
to that day; Gephi's timeline then plays the graph day by day (widen the window to accumulate). Elements
without a date have no spell and are always shown.

Edges are undirected, as in GraphML (see `kg.graph.export`), with unique ids; `met` edges carry their
`weight` (shared events) as the GEXF edge weight. Other attributes are static `attvalues`, lists and dicts
as JSON text. Nodes and edges in sorted order and no timestamp in the file, so a rebuild is byte-identical.
networkx reads it with `nx.read_gexf` (spells as `(start, end)` pairs in `spells`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph.export import attribute_types, element_dates, sorted_edges, sorted_nodes, text_value, xml_attr
from kg.graph.gcpause import paused_gc
from kg.io.atomic import atomic_write

_GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
    "  <meta>\n    <creator>kg</creator>\n  </meta>\n"
    '  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">\n'
)
# Written as the element's own XML attributes, not as attvalues.
_NODE_OWN = frozenset({"label"})
_EDGE_OWN = frozenset({"weight"})


def _attribute_block(scope: str, types: dict[str, type]) -> tuple[str, dict[str, str]]:
    """The `<attributes>` declaration of one scope and each attribute's id (its index in sorted order)."""
    ids = {name: str(i) for i, name in enumerate(sorted(types))}
    lines = [f'    <attributes class="{scope}" mode="static">\n']
    lines += [
        f'      <attribute id="{ids[name]}" title={xml_attr(name)} type="{_GEXF_TYPES[types[name]]}" />\n'
        for name in sorted(types)
    ]
    lines.append("    </attributes>\n")
    return "".join(lines), ids


def _value(value: Any, type_: type) -> str:
    if type_ is bool:
        return "true" if value else "false"
    if type_ is str:
        return value if type(value) is str else text_value(value)
    return str(type_(value))


def _body(data: dict[str, Any], types: dict[str, type], ids: dict[str, str], dates: list[str] | None) -> str:
    """An element's `<attvalues>` and `<spells>` (one per date), indented for a node or edge."""
    parts = ["        <attvalues>\n"]
    for key in sorted(types):
        value = data.get(key)
        if value is not None:
            parts.append(f'          <attvalue for="{ids[key]}" value={xml_attr(_value(value, types[key]))} />\n')
    parts.append("        </attvalues>\n")
    if dates:
        parts.append("        <spells>\n")
        parts += [f'          <spell start="{date}" end="{date}" />\n' for date in dates]
        parts.append("        </spells>\n")
    return "".join(parts)


def _without(data: dict[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in keys}


@paused_gc()
def write_gexf(g: nx.MultiDiGraph, path: str | Path) -> None:
    """Write `g` as dynamic GEXF (see the module docstring), streamed element by element."""
    nodes, edges = sorted_nodes(g), sorted_edges(g)
    node_dates, edge_dates = element_dates(g, edges)
    node_types = attribute_types(_without(d, _NODE_OWN) for _, d in nodes)
    edge_types = attribute_types(_without(d, _EDGE_OWN) for *_, d in edges)
    node_block, node_ids = _attribute_block("node", node_types)
    edge_block, edge_ids = _attribute_block("edge", edge_types)
    with atomic_write(path) as handle:
        handle.write(_HEAD + node_block + edge_block + "    <nodes>\n")
        for node, data in nodes:
            label = data.get("label") or node
            handle.write(f"      <node id={xml_attr(node)} label={xml_attr(label)}>\n")
            handle.write(_body(data, node_types, node_ids, node_dates.get(node)) + "      </node>\n")
        handle.write("    </nodes>\n    <edges>\n")
        for index, ((u, v, key, data), dates) in enumerate(zip(edges, edge_dates, strict=True)):
            weight = f' weight="{float(data["weight"])}"' if data.get("weight") is not None else ""
            ends = f"source={xml_attr(u)} target={xml_attr(v)} label={xml_attr(data.get('relation', key))}"
            handle.write(f'      <edge id="e{index}" {ends}{weight}>\n')
            handle.write(_body(data, edge_types, edge_ids, dates) + "      </edge>\n")
        handle.write("    </edges>\n  </graph>\n</gexf>\n")
