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

import networkx as nx

from kg.io.atomic import atomic_write
from kg.io.atomic import write_json as _write_json_file

# Characters XML 1.0 cannot carry at all; GraphML gets U+FFFD in their place.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NODE_COLUMNS = ("Id", "Label", "kind")
_EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Label", "relation", "key")


def _encode(value: Any) -> Any:
    """Lists and dicts as compact, key-sorted JSON text; scalars unchanged."""
    if isinstance(value, list | tuple | dict | set):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False, sort_keys=True)
    return value


def sorted_edges(g: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    return sorted(g.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def sorted_nodes(g: nx.MultiDiGraph) -> list[tuple[Any, dict[str, Any]]]:
    return sorted(g.nodes(data=True), key=lambda n: str(n[0]))


def _key_types(records: Iterable[dict[str, Any]]) -> dict[str, type]:
    """One GraphML type per attribute key: bool, int or float when every value agrees, else str."""
    seen: dict[str, set[type]] = {}
    for data in records:
        for key, value in data.items():
            if value is not None:
                seen.setdefault(key, set()).add(type(_encode(value)))
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


def _scalars(data: dict[str, Any], types: dict[str, type]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in sorted(data):
        value = data[key]
        if value is None:
            continue
        value = _encode(value)
        out[key] = _xml_text(value) if types[key] is str else types[key](value)
    return out


def graphml_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `g` that GraphML can carry: scalar attributes of one type per key, sorted."""
    nodes, edges = sorted_nodes(g), sorted_edges(g)
    node_types = _key_types(data for _, data in nodes)
    edge_types = _key_types(data for *_, data in edges)
    out = nx.MultiDiGraph()
    for node, data in nodes:
        out.add_node(_xml_text(node), **_scalars(data, node_types))
    for u, v, key, data in edges:
        out.add_edge(_xml_text(u), _xml_text(v), key=_xml_text(key), **_scalars(data, edge_types))
    return out


def write_graphml(g: nx.MultiDiGraph, path: str | Path) -> None:
    """GraphML for Gephi/Cytoscape/igraph; lists and dicts are JSON-encoded strings."""
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(nx.generate_graphml(graphml_graph(g))) + "\n"
    with atomic_write(path) as handle:
        handle.write(text)


def node_link(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data with sorted nodes and edges."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": dict(g.graph),
        "nodes": [{**data, "id": node} for node, data in sorted_nodes(g)],
        "edges": [{**data, "source": u, "target": v, "key": key} for u, v, key, data in sorted_edges(g)],
    }


def write_json(g: nx.MultiDiGraph, path: str | Path) -> None:
    """Node-link JSON: the format `read_graph` (and `kg who-met` etc.) load."""
    _write_json_file(path, node_link(g))


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
