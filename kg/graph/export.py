"""Graph exports: GraphML (Gephi, Cytoscape, igraph), node-link JSON (kg's own reload format) and CSV.

Every writer is atomic (kg.io.atomic) and deterministic: nodes sorted by id, edges by (source, target,
key), attribute keys sorted, so rebuilding equal inputs gives byte-identical files.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg.io.atomic import atomic_write, dumps

# Characters XML 1.0 cannot carry at all; GraphML gets U+FFFD in their place.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# One encoder for every cell: json.dumps with options builds a new encoder per call.
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_NODE_COLUMNS = ("Id", "Label", "kind")
_EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Label", "relation", "key")


def _encode(value: Any) -> Any:
    """Lists and dicts as compact, key-sorted JSON text; scalars unchanged."""
    if isinstance(value, list | tuple | dict | set):
        return _JSON.encode(sorted(value) if isinstance(value, set) else value)
    return value


def sorted_edges(g: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    return sorted(g.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def sorted_nodes(g: nx.MultiDiGraph) -> list[tuple[Any, dict[str, Any]]]:
    return sorted(g.nodes(data=True), key=lambda n: str(n[0]))


def _value_type(value: Any) -> type:
    """The Python type `value` has once `_encode`d (lists and dicts become JSON text)."""
    return str if isinstance(value, list | tuple | dict | set) else type(value)


def _key_types(records: Iterable[dict[str, Any]]) -> dict[str, type]:
    """One GraphML type per attribute key: bool, int or float when every value agrees, else str."""
    seen: dict[str, set[type]] = {}
    for data in records:
        for key, value in data.items():
            if value is not None:
                seen.setdefault(key, set()).add(_value_type(value))
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


def _xml_text(value: Any) -> str:
    return _XML_INVALID.sub("\ufffd", str(value))


_GRAPHML_TYPES = {bool: "boolean", int: "int", float: "double", str: "string"}
_GRAPHML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_XML_ATTR_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _xml_attr(value: Any) -> str:
    return quoteattr(_xml_text(value), _XML_ATTR_ENTITIES)


def _graphml_value(value: Any, type_: type) -> str:
    if type_ is bool:
        return "true" if value else "false"
    if type_ is str:
        return escape(_xml_text(_encode(value)), {"\r": "&#13;"})
    return str(type_(value))


def _graphml_keys(types: dict[str, type], start: int) -> dict[str, str]:
    """GraphML key ids (d0, d1, ...) for the attribute names of one scope, in sorted order."""
    return {name: f"d{start + i}" for i, name in enumerate(sorted(types))}


def _graphml_data(data: dict[str, Any], types: dict[str, type], ids: dict[str, str]) -> Iterator[str]:
    for key in sorted(data):
        value = data[key]
        if value is not None:
            yield f'      <data key="{ids[key]}">{_graphml_value(value, types[key])}</data>\n'


def write_graphml(g: nx.MultiDiGraph, path: str | Path) -> None:
    """GraphML for Gephi/Cytoscape/igraph; lists and dicts are JSON-encoded strings.

    Streamed element by element: an ElementTree of a large graph takes many times the graph's memory.
    One type per key (see `_key_types`), keys and elements in sorted order, so the file is deterministic.
    """
    nodes, edges = sorted_nodes(g), sorted_edges(g)
    node_types = _key_types(data for _, data in nodes)
    edge_types = _key_types(data for *_, data in edges)
    node_ids = _graphml_keys(node_types, 0)
    edge_ids = _graphml_keys(edge_types, len(node_ids))
    with atomic_write(path) as handle:
        handle.write(_GRAPHML_HEAD)
        for scope, types, ids in (("node", node_types, node_ids), ("edge", edge_types, edge_ids)):
            for name, key_id in ids.items():
                handle.write(
                    f'  <key id="{key_id}" for="{scope}" attr.name={_xml_attr(name)} '
                    f'attr.type="{_GRAPHML_TYPES[types[name]]}" />\n'
                )
        handle.write('  <graph edgedefault="directed">\n')
        for node, data in nodes:
            handle.write(f"    <node id={_xml_attr(node)}>\n")
            handle.writelines(_graphml_data(data, node_types, node_ids))
            handle.write("    </node>\n")
        for u, v, key, data in edges:
            handle.write(f"    <edge source={_xml_attr(u)} target={_xml_attr(v)} id={_xml_attr(key)}>\n")
            handle.writelines(_graphml_data(data, edge_types, edge_ids))
            handle.write("    </edge>\n")
        handle.write("  </graph>\n</graphml>\n")


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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_encode(value))


def _rows(columns: list[str], records: Iterator[dict[str, Any]]) -> Iterator[list[str]]:
    yield columns
    for record in records:
        yield [_cell(record.get(c)) for c in columns]


def _write_csv_file(path: str | Path, columns: list[str], records: Iterator[dict[str, Any]]) -> None:
    with atomic_write(path) as handle:
        csv.writer(handle, lineterminator="\n").writerows(_rows(columns, records))


def write_csv(g: nx.MultiDiGraph, nodes_path: str | Path, edges_path: str | Path) -> None:
    """Gephi/Neo4j-style node and edge tables (Id,Label,kind,... and Source,Target,Type,Id,Label,relation,...)."""
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
                "Type": "Directed",
                "Id": f"{u}|{v}|{k}",
                "Label": d.get("relation", k),
                "relation": d.get("relation", k),
                "key": k,
            }
            for u, v, k, d in edges
        ),
    )
