"""Neo4j export: `neo4j/` with neo4j-admin import tables, the command that loads them, and `graph.cypher`.

One node table per label and one relationship table per (type, start label, end label), so each file has one
set of typed columns (and an embedded engine with typed tables, such as Kùzu/ladybug, can load them as
they are):

- `nodes_<Label>.csv`: `id:ID,:LABEL,<property>:<type>,...`; labels Person, Organization, Location, Event,
  Document; the kg node id is the `id` property.
- `rels_<TYPE>_<Start>_<End>.csv`: `:START_ID,:END_ID,:TYPE,<property>:<type>,...`; the type is the relation
  in capitals (MET, ATTENDEE, HELD_AT, REPORTED_IN, HOLDS_TITLE, ORGANIZATION_OF for `organization`, see
  `relationship_type`), and `relation` keeps its kg spelling.
  Relationships are directed in Neo4j: MET is stored once (smaller id to larger) and is undirected in
  meaning, so match it without an arrow: `(a:Person)-[m:MET]-(b:Person)`.
- Property types: `string`, `long`, `double`, `boolean`, and `string[]` for lists of text (aliases, titles,
  docs, events, evidence, rules, dates, places, names), whose items are separated by ARRAY_DELIMITER (`;`,
  neo4j-admin's default; a `;` inside an item is written as the full-width `；`). Lists of records
  (`evidence_spans`, `shared_events`) are JSON text. An empty cell (None, empty list) sets no property.
- `import.sh`: `neo4j-admin database import full` (Neo4j 5) with every table and `--array-delimiter`.
- `graph.cypher`: the same graph for `cypher-shell -f graph.cypher` on a running database: uniqueness
  constraints, then batches of rows, each passed as a parameter (`:param rows => [...]`) to a fixed
  `UNWIND $rows AS row MERGE ...` statement. Values are never pasted into query text, so no name or
  sentence can change a statement; the parameter literals are written with escapes for quotes, backslashes
  and control characters. Rows in a batch share their set of properties. MERGE on `id` makes a re-run
  update the graph rather than duplicate it.

Everything sorted, no timestamps: a rebuild is byte-identical.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from kg.graph.export import attribute_types, sorted_edges, sorted_nodes, text_value
from kg.graph.gcpause import paused_gc
from kg.io.atomic import atomic_write

ARRAY_DELIMITER = ";"
BATCH_ROWS = 500
LABELS = {
    "person": "Person",
    "organization": "Organization",
    "location": "Location",
    "event": "Event",
    "document": "Document",
}
_LABEL_NAMES = {label.upper() for label in LABELS.values()}
_NEO4J_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_NOT_WORD = re.compile(r"\W+")


def node_label(kind: str | None) -> str:
    """The Neo4j label of a node kind (Person, Event, ...); an unknown kind gets its own capitalized name."""
    return LABELS.get(kind or "") or (_NOT_WORD.sub("_", kind or "").strip("_").capitalize() or "Node")


def relationship_type(relation: str) -> str:
    """The Neo4j type of a kg relation: its word characters in capitals (held_at -> HELD_AT), with `_OF` after a
    name that is also a label (organization -> ORGANIZATION_OF): engines with one namespace for node and
    relationship tables, such as Kùzu, could not hold both."""
    name = _NOT_WORD.sub("_", relation).strip("_").upper() or "RELATED"
    return f"{name}_OF" if name in _LABEL_NAMES else name


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(type(item) is str for item in value)


def property_types(records: list[dict[str, Any]]) -> dict[str, str]:
    """Neo4j type per property: `string[]` when every value is a list of text, else its scalar type."""
    types = {}
    for name, found in attribute_types(records).items():
        values = [r[name] for r in records if r.get(name) is not None]
        types[name] = "string[]" if values and all(map(_is_text_list, values)) else _NEO4J_TYPES[found]
    return types


def _items(value: list[str]) -> list[str]:
    """The items of a list property, each `;` (the array delimiter) as `；`: the same in the tables and the script."""
    return [item.replace(ARRAY_DELIMITER, "；") for item in value]


def _cell(value: Any, type_: str) -> str:
    """One CSV cell; None and empty lists are empty (no property)."""
    if value is None:
        return ""
    if type_ == "string[]":
        return ARRAY_DELIMITER.join(_items(value))
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ == "long":
        return str(int(value))
    if type_ == "double":
        return repr(float(value))
    return value if type(value) is str else text_value(value)


def _value(value: Any, type_: str) -> Any:
    """A property value as it is stored: None for nothing, typed scalars, lists of text, JSON-like text."""
    if value is None or (type_ == "string[]" and not value):
        return None
    if type_ == "string[]":
        return _items(value)
    if type_ == "double":
        return float(value)
    if type_ == "string" and type(value) is not str:
        return text_value(value)
    return value


class _Table(NamedTuple):
    """One file's rows: its key columns (id and label, or start, end and type) and typed properties."""

    file: str
    keys: tuple[str, ...]
    rows: list[tuple[tuple[str, ...], dict[str, Any]]]
    types: dict[str, str]


def _node_tables(g: nx.MultiDiGraph) -> list[_Table]:
    by_label = sorted(((node_label(d.get("kind")), str(n), d) for n, d in sorted_nodes(g)), key=lambda r: r[0])
    tables = []
    for label, group in groupby(by_label, key=lambda r: r[0]):
        rows = [((node, label), data) for _, node, data in group]
        tables.append(_Table(f"nodes_{label}.csv", ("id:ID", ":LABEL"), rows, property_types([d for _, d in rows])))
    return tables


def _edge_tables(g: nx.MultiDiGraph) -> list[_Table]:
    labels = {n: node_label(kind) for n, kind in g.nodes(data="kind")}
    keyed = sorted(
        (
            (relationship_type(d.get("relation", k)), labels[u], labels[v]),
            (str(u), str(v), relationship_type(d.get("relation", k))),
            d,
        )
        for u, v, k, d in sorted_edges(g)
    )
    tables = []
    for (type_, start, end), group in groupby(keyed, key=lambda r: r[0]):
        rows = [(ends, data) for _, ends, data in group]
        file = f"rels_{type_}_{start}_{end}.csv"
        tables.append(_Table(file, (":START_ID", ":END_ID", ":TYPE"), rows, property_types([d for _, d in rows])))
    return tables


def _csv_rows(table: _Table) -> Iterator[list[str]]:
    names = sorted(table.types)
    yield [*table.keys, *(f"{name}:{table.types[name]}" for name in names)]
    for keys, data in table.rows:
        yield [*keys, *(_cell(data.get(name), table.types[name]) for name in names)]


def _import_script(nodes: list[_Table], edges: list[_Table]) -> str:
    files = [f"    --nodes={t.file} \\\n" for t in nodes] + [f"    --relationships={t.file} \\\n" for t in edges]
    return (
        "#!/bin/sh\n"
        "# Load kg's graph into a new Neo4j 5 database (default name: neo4j; the database must not exist yet,\n"
        "# or add --overwrite-destination), then start it. Run from anywhere; Neo4j's bin/ must be on PATH.\n"
        "# List properties (string[]) separate their items with ';'.\n"
        'cd "$(dirname "$0")" || exit 1\n'
        f'neo4j-admin database import full --array-delimiter="{ARRAY_DELIMITER}" --multiline-fields=true \\\n'
        + "".join(files)
        + '    "${1:-neo4j}"\n'
    )


# --------------------------------------------------------------------------- Cypher

_CYPHER_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_CYPHER_SPECIAL = re.compile('["\\\\\x00-\x1f\x7f\u2028\u2029\ud800-\udfff]')


def cypher_string(text: str) -> str:
    """A double-quoted Cypher string literal of `text`: quotes, backslashes and control characters escaped."""
    if not _CYPHER_SPECIAL.search(text):  # most text: nothing to escape
        return f'"{text}"'
    return '"' + _CYPHER_SPECIAL.sub(lambda m: _CYPHER_ESCAPES.get(m.group()) or f"\\u{ord(m.group()):04x}", text) + '"'


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a property value (text, number, boolean, list of text)."""
    if type(value) is str:
        return cypher_string(value)
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    if isinstance(value, list):
        return "[" + ", ".join(map(cypher_literal, value)) + "]"
    return cypher_string(str(value))


@cache
def _identifier(name: str) -> str:
    """A property key, label or type as a Cypher identifier (backtick-quoted unless a plain word)."""
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else "`" + name.replace("`", "``") + "`"


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Rows with the same properties, at most BATCH_ROWS at a time (rows keep their order within a set)."""
    for _, group in groupby(sorted(rows, key=lambda row: tuple(row)), key=lambda row: tuple(row)):
        group = list(group)
        for start in range(0, len(group), BATCH_ROWS):
            yield group[start : start + BATCH_ROWS]


def _param_line(batch: list[dict[str, Any]]) -> str:
    rows = ", ".join(
        "{" + ", ".join(f"{_identifier(k)}: {cypher_literal(v)}" for k, v in row.items()) + "}" for row in batch
    )
    return f":param rows => [{rows}]\n"


def _assignments(variable: str, names: Iterable[str]) -> str:
    sets = [f"{variable}.{_identifier(n)} = row.{_identifier(n)}" for n in names]
    return f" SET {', '.join(sets)}" if sets else ""


def _cypher_rows(table: _Table, key_names: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """Each row of `table` as its key values (named `key_names`) plus the properties it has, sorted."""
    for keys, data in table.rows:
        row = dict(zip(key_names, keys, strict=False))
        for name in sorted(table.types):
            value = _value(data.get(name), table.types[name])
            if value is not None:
                row[name] = value
        yield row


def _cypher_lines(nodes: list[_Table], edges: list[_Table], labels: dict[str, str]) -> Iterator[str]:
    yield "// kg graph for Neo4j 5: cypher-shell -f graph.cypher (values travel as :param rows, never in the query)\n"
    for table in nodes:
        label = table.rows[0][0][1]
        name = f"kg_{label.lower()}_id"
        yield f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{_identifier(label)}) REQUIRE n.id IS UNIQUE;\n"
    for table in nodes:
        label = _identifier(table.rows[0][0][1])
        for batch in _batches(_cypher_rows(table, ("id",))):
            yield _param_line(batch)
            yield f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}){_assignments('n', list(batch[0])[1:])};\n"
    for table in edges:
        source, target, type_ = table.rows[0][0]
        start, end = _identifier(labels[source]), _identifier(labels[target])
        for batch in _batches(_cypher_rows(table, ("source", "target"))):
            yield _param_line(batch)
            yield (
                f"UNWIND $rows AS row MATCH (a:{start} {{id: row.source}}) MATCH (b:{end} {{id: row.target}}) "
                f"MERGE (a)-[r:{_identifier(type_)}]->(b){_assignments('r', list(batch[0])[2:])};\n"
            )


@paused_gc()
def write_neo4j(g: nx.MultiDiGraph, folder: str | Path) -> None:
    """Write the import tables, `import.sh` and `graph.cypher` into `folder` (see the module docstring)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    nodes, edges = _node_tables(g), _edge_tables(g)
    for table in (*nodes, *edges):
        with atomic_write(folder / table.file) as handle:
            csv.writer(handle, lineterminator="\n").writerows(_csv_rows(table))
    with atomic_write(folder / "import.sh") as handle:
        handle.write(_import_script(nodes, edges))
    labels = {str(n): node_label(kind) for n, kind in g.nodes(data="kind")}
    with atomic_write(folder / "graph.cypher") as handle:
        handle.writelines(_cypher_lines(nodes, edges, labels))
