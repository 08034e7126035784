"""Graph exports: GraphML (Gephi, Cytoscape, igraph), node-link JSON (kg's own reload format) and CSV.

GraphML and the CSV tables declare every edge undirected: `met` is undirected in meaning, and every other
relation joins two different kinds of node (person -> event, event -> location, ...), so its direction is
implied by its ends and is kept as the order of source and target. A mixed file (directed edges plus
`met` as undirected ones) would be refused by networkx's GraphML reader and read by igraph as all
directed; an undirected one loads the same in Gephi, Cytoscape, igraph and networkx. `met` edges also
say `directed="false"` themselves.

GraphML follows the GraphML schema: node ids are XML name tokens (characters a name token cannot hold
are written `_xHHHH_`, see `xml_name_token`; the kg id is the node's `kg_id`), edge ids are unique
(`e0`, `e1`, ... in sorted edge order: Gephi keys edges by id and keeps one edge per id), and nodes and
edges with dates get `start` and `end` (first and last date: an event's own date, a document's date, an
entity's or edge's event dates, a `met` edge's shared-event dates).

Every writer is atomic (kg.io.atomic) and deterministic: nodes sorted by id, edges by (source, target,
key), attribute keys sorted, so rebuilding equal inputs gives byte-identical files. They run with the
cyclic garbage collector paused (kg.graph.gcpause): each allocates records per node and edge while the
whole graph is alive, and every full collection would walk that graph again.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph.gcpause import paused_gc
from kg.io.atomic import atomic_write, dumps

# Characters XML 1.0 cannot carry at all; GraphML gets U+FFFD in their place.
_XML_INVALID = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
# What GraphML character data and attribute values escape, replaced in one pass (the same result as
# xml.sax.saxutils.escape/quoteattr after the invalid characters are replaced).
_XML_TEXT_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_XML_ATTR_ENTITIES = {**_XML_TEXT_ENTITIES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_XML_TEXT_SPECIAL = re.compile(f"[&<>\r{_XML_INVALID}]")
_XML_ATTR_SPECIAL = re.compile(f'[&<>\r"\n\t{_XML_INVALID}]')
# One encoder for every cell: json.dumps with options builds a new encoder per call.
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_ARRAYS = list | tuple  # built once: an inline `list | tuple` is rebuilt on every isinstance call
_NODE_COLUMNS = ("Id", "Label", "kind")
_EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Label", "relation", "key")


def text_value(value: Any) -> str:
    """GraphML's and CSV's text for a value: lists, sets and dicts as key-sorted JSON, the rest as str().

    The JSON keeps the encoder's ", " and ": " separators. A list of strings, most attributes, is joined
    directly: a full encoder call costs three times as much.
    """
    if type(value) is str:
        return value
    if isinstance(value, _ARRAYS):
        try:
            return "[" + ", ".join(map(encode_basestring, value)) + "]"
        except TypeError:  # an item that is not a string
            return _JSON.encode(value)
    if isinstance(value, set):
        return text_value(sorted(value))
    if isinstance(value, dict):
        return _JSON.encode(value)
    return str(value)


def sorted_edges(g: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    """Edges as (source, target, key, data), read from the adjacency dicts (an edge view is twice as slow)."""
    edges = [(u, v, k, d) for u, nbrs in g.adjacency() for v, keys in nbrs.items() for k, d in keys.items()]
    return sorted(edges, key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def sorted_nodes(g: nx.MultiDiGraph) -> list[tuple[Any, dict[str, Any]]]:
    return sorted(g.nodes(data=True), key=lambda n: str(n[0]))


def attribute_types(records: Iterable[dict[str, Any]]) -> dict[str, type]:
    """One GraphML type per attribute key: bool, int or float when every value agrees, else str.

    Lists and dicts count as str (they are written as JSON text); None values are left out.
    """
    pairs: set[tuple[str, type]] = set()
    for data in records:
        pairs.update(zip(data, map(type, data.values()), strict=True))
    seen: dict[str, set[type]] = {}
    for key, found in pairs:
        if found is not type(None):
            seen.setdefault(key, set()).add(str if issubclass(found, list | tuple | dict | set) else found)
    types: dict[str, type] = {}
    for key, found in seen.items():
        if found == {bool}:
            types[key] = bool
        elif found <= {int}:
            types[key] = int
        elif found <= {int, float}:
            types[key] = float
        else:
            types[key] = str
    return types


def _xml_entity(match: re.Match[str]) -> str:
    """The replacement of one special character; U+FFFD for those XML cannot carry."""
    return _XML_ATTR_ENTITIES.get(match.group(), "\ufffd")


def xml_attr(value: Any) -> str:
    """A double-quoted attribute value; quotes and whitespace other than spaces as character references."""
    text = str(value)
    return '"' + (_XML_ATTR_SPECIAL.sub(_xml_entity, text) if _XML_ATTR_SPECIAL.search(text) else text) + '"'


# Characters every XML schema validator accepts in a name token (xs:NMTOKEN, GraphML's type for ids): the
# part of XML 1.0's NameChar that its old (Unicode 2.0) and new (fifth edition) tables agree on and that news
# names use: ASCII letters, digits and . - _ :, Latin-1 letters, the middle dot of transliterated names, 々,
# 〇 and the CJK ideographs U+4E00-U+9FA5. libxml2 checks NMTOKEN against the old tables, so the rest of
# CJK (extensions, U+9FA6 on) is escaped rather than trusted.
_NAME_CHARS = "A-Za-z0-9._:\\-\xb7\xc0-\xd6\xd8-\xf6\xf8-\xff\u3005\u3007\u3021-\u3029\u4e00-\u9fa5"
_NOT_NAME_TOKEN = re.compile(f"[^{_NAME_CHARS}]|_(?=x)")


def xml_name_token(text: str) -> str:
    """`text` as an XML name token, one to one: characters outside `_NAME_CHARS` (and a `_` before `x`) become
    `_xHHHH_` with the code point in hex, as XmlConvert.EncodeName writes them; the empty text is `_x_`."""
    if not text:
        return "_x_"
    return _NOT_NAME_TOKEN.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def element_dates(
    g: nx.MultiDiGraph, edges: list[tuple[Any, Any, Any, dict[str, Any]]]
) -> tuple[dict[Any, list[str]], list[list[str]]]:
    """The sorted dates of each node and of each of `edges` (in their order): what `start`/`end` are made of.

    An event or document node has its own date; an edge its `dates` (a `met` edge) or the date of the event
    at one of its ends; an entity the dates of its edges.
    """
    own = {n: [d["date"]] for n, d in g.nodes(data=True) if d.get("kind") in ("event", "document") and d.get("date")}
    edge_dates = []
    entity_dates: dict[Any, set[str]] = {}
    for u, v, _, data in edges:
        dates = (
            data.get("dates")
            or (own.get(u) if g.nodes[u].get("kind") == "event" else None)
            or (own.get(v) if g.nodes[v].get("kind") == "event" else None)
        )
        dates = sorted(dates) if dates else []
        edge_dates.append(dates)
        for end in (u, v):
            if end not in own:
                entity_dates.setdefault(end, set()).update(dates)
    node_dates = {n: sorted(d) for n, d in entity_dates.items() if d}
    node_dates.update(own)
    return node_dates, edge_dates


_GRAPHML_TYPES = {bool: "boolean", int: "int", float: "double", str: "string"}
_GRAPHML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml_keys(types: dict[str, type], start: int) -> dict[str, str]:
    """GraphML key ids (d0, d1, ...) for the attribute names of one scope, in sorted order."""
    return {name: f"d{start + i}" for i, name in enumerate(sorted(types))}


def _graphml_element(head: str, data: dict[str, Any], formats: dict[str, tuple[str, type]]) -> str:
    """One <node> or <edge> with its <data> children, as one string (one write per element).

    `formats` maps each key to its `<data key=...>` opening and GraphML type; strings, by far the
    most values, are escaped inline rather than through a function per value.
    """
    parts = [head]
    for key in sorted(data):
        value = data[key]
        if value is None:
            continue
        start, type_ = formats[key]
        if type_ is str:
            text = value if type(value) is str else text_value(value)
            if _XML_TEXT_SPECIAL.search(text):
                text = _XML_TEXT_SPECIAL.sub(_xml_entity, text)
        elif type_ is bool:
            text = "true" if value else "false"
        else:  # int keys hold exact ints (see `attribute_types`); float keys ints or floats
            text = str(type_(value))
        parts.append(f"{start}{text}</data>\n")
    return "".join(parts)


def _with_interval(data: dict[str, Any], dates: list[str] | None, **extra: Any) -> dict[str, Any]:
    """`data` plus `extra` and, when there are dates, their first as `start` and last as `end`."""
    if dates:
        extra["start"], extra["end"] = dates[0], dates[-1]
    return {**data, **extra} if extra else data


@paused_gc()
def write_graphml(g: nx.MultiDiGraph, path: str | Path) -> None:
    """GraphML for Gephi/Cytoscape/igraph/networkx (see the module docstring); lists and dicts as JSON text.

    Streamed element by element: an ElementTree of a large graph takes many times the graph's memory.
    One type per key (see `attribute_types`), keys and elements in sorted order, so the file is deterministic.
    """
    nodes, edges = sorted_nodes(g), sorted_edges(g)
    node_dates, edge_dates = element_dates(g, edges)
    nodes = [(n, _with_interval(d, node_dates.get(n), kg_id=str(n))) for n, d in nodes]
    edges = [(u, v, k, _with_interval(d, dates)) for (u, v, k, d), dates in zip(edges, edge_dates, strict=True)]
    node_types = attribute_types(data for _, data in nodes)
    edge_types = attribute_types(data for *_, data in edges)
    node_ids = _graphml_keys(node_types, 0)
    edge_ids = _graphml_keys(edge_types, len(node_ids))
    node_formats = {k: (f'      <data key="{i}">', node_types[k]) for k, i in node_ids.items()}
    edge_formats = {k: (f'      <data key="{i}">', edge_types[k]) for k, i in edge_ids.items()}
    with atomic_write(path) as handle:
        handle.write(_GRAPHML_HEAD)
        for scope, types, ids in (("node", node_types, node_ids), ("edge", edge_types, edge_ids)):
            for name, key_id in ids.items():
                handle.write(
                    f'  <key id="{key_id}" for="{scope}" attr.name={xml_attr(name)} '
                    f'attr.type="{_GRAPHML_TYPES[types[name]]}" />\n'
                )
        handle.write('  <graph edgedefault="undirected">\n')
        tokens = {node: xml_attr(xml_name_token(str(node))) for node, _ in nodes}  # once per node, not per edge
        for node, data in nodes:
            handle.write(_graphml_element(f"    <node id={tokens[node]}>\n", data, node_formats) + "    </node>\n")
        for index, (u, v, _, data) in enumerate(edges):
            undirected = ' directed="false"' if data.get("relation") == "met" else ""
            head = f'    <edge id="e{index}" source={tokens[u]} target={tokens[v]}{undirected}>\n'
            handle.write(_graphml_element(head, data, edge_formats) + "    </edge>\n")
        handle.write("  </graph>\n</graphml>\n")


@paused_gc()
def write_json(g: nx.MultiDiGraph, path: str | Path) -> None:
    """Node-link JSON: the format `read_graph` (and `kg who-met` etc.) load.

    Written one node or edge per line rather than built as one document first, which for a large
    graph would hold a second copy of every attribute and the whole text in memory.
    """
    with atomic_write(path) as handle:
        handle.write('{"directed":true,"graph":' + dumps(dict(g.graph)) + ',"multigraph":true,\n"nodes":[')
        for i, (node, data) in enumerate(sorted_nodes(g)):
            handle.write(("," if i else "") + "\n" + dumps({**data, "id": node}))
        handle.write('\n],\n"edges":[')
        for i, (u, v, key, data) in enumerate(sorted_edges(g)):
            handle.write(("," if i else "") + "\n" + dumps({**data, "source": u, "target": v, "key": key}))
        handle.write("\n]}\n")


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Load a graph written by `write_json`."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


# A cell starting with one of these runs as a formula when the CSV is opened in a spreadsheet (a name or
# headline such as "=HYPERLINK(...)" in a hostile page): such text cells get a leading apostrophe.
_FORMULA_STARTS = frozenset("=+-@\t\r")


def _rows(columns: list[str], records: Iterator[dict[str, Any]]) -> Iterator[list[str]]:
    """The header, then one row per record: None as an empty cell, booleans as true/false, text that a
    spreadsheet would run as a formula behind an apostrophe.

    The cases are spelled out inline: a function call per cell costs more than most cells' conversion.
    """
    yield columns
    for record in records:
        yield [
            ("'" + value if value[:1] in _FORMULA_STARTS else value)
            if type(value) is str
            else ""
            if value is None
            else ("true" if value else "false")
            if type(value) is bool
            else text_value(value)
            for value in map(record.get, columns)
        ]


def _write_csv_file(path: str | Path, columns: list[str], records: Iterator[dict[str, Any]]) -> None:
    with atomic_write(path) as handle:
        csv.writer(handle, lineterminator="\n").writerows(_rows(columns, records))


@paused_gc()
def write_csv(g: nx.MultiDiGraph, nodes_path: str | Path, edges_path: str | Path) -> None:
    """Gephi-style node and edge tables (Id,Label,kind,... and Source,Target,Type,Id,Label,relation,...).

    Every edge is "Undirected" (see the module docstring); Neo4j's import tables are `kg.graph.neo4j`'s.
    """
    nodes, edges = sorted_nodes(g), sorted_edges(g)
    node_keys = sorted({k for _, d in nodes for k in d} - {"label", "kind"})
    edge_keys = sorted({k for *_, d in edges for k in d} - {"relation"})
    _write_csv_file(
        nodes_path,
        [*_NODE_COLUMNS, *node_keys],
        ({**d, "Id": n, "Label": d.get("label", n), "kind": d.get("kind")} for n, d in nodes),
    )
    _write_csv_file(
        edges_path,
        [*_EDGE_COLUMNS, *edge_keys],
        (
            {
                **d,
                "Source": u,
                "Target": v,
                "Type": "Undirected",
                "Id": f"{u}|{v}|{k}",
                "Label": d.get("relation", k),
                "relation": d.get("relation", k),
                "key": k,
            }
            for u, v, k, d in edges
        ),
    )
