"""Load kg's Neo4j export into ladybug (the maintained fork of the Kùzu embedded graph database) and read it back.

Kùzu-style engines want a typed table per node label and per relationship type, which neo4j-admin infers
from the files; here it is made from the same typed headers (`name:string`, `dates:string[]`, ...). The
tables are then loaded by the engine's own CSV reader, list cells split on the documented delimiter, and
`graph.cypher` runs statement by statement the way cypher-shell runs it: each `:param NAME => EXPR` is
evaluated by the engine (cypher-shell has the server evaluate it) and passed to the statements after it.
Only its `CREATE CONSTRAINT` lines are skipped: the tables' primary keys already make ids unique.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import ladybug

from kg.graph.neo4j import ARRAY_DELIMITER

TYPES = {"string": "STRING", "long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN", "string[]": "STRING[]"}


def connect(path: Path) -> ladybug.Connection:
    return ladybug.Connection(ladybug.Database(str(path)))


def rows(conn: ladybug.Connection, query: str, parameters: dict[str, Any] | None = None) -> list[list[Any]]:
    result = conn.execute(query, parameters or {})
    found = []
    while result.has_next():
        found.append(result.get_next())
    return found


def _first_rows(path: Path) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        return next(reader), next(reader)


def _properties(header: list[str]) -> dict[str, str]:
    """Property -> Neo4j type, from the typed columns of a header (key columns are left out)."""
    return {c.rsplit(":", 1)[0]: c.rsplit(":", 1)[1] for c in header if not c.startswith(":") and ":ID" not in c}


def _read_as(column: str, type_: str) -> str:
    if type_ == "string[]":
        return f"string_split({column}, '{ARRAY_DELIMITER}')"
    return column if type_ == "string" else f"CAST({column} AS {TYPES[type_]})"


class Schema:
    """The node and relationship tables of an export folder, from its files' headers."""

    def __init__(self, folder: Path) -> None:
        self.nodes: dict[str, tuple[Path, dict[str, str]]] = {}  # label -> file, properties
        label_of: dict[str, str] = {}
        for path in sorted(folder.glob("nodes_*.csv")):
            header, first = _first_rows(path)
            self.nodes[first[1]] = (path, _properties(header))
            with path.open(encoding="utf-8", newline="") as handle:
                label_of.update((row[0], row[1]) for row in list(csv.reader(handle))[1:])
        self.rels: dict[str, list[tuple[Path, str, str, dict[str, str]]]] = {}  # type -> files with their ends
        for path in sorted(folder.glob("rels_*.csv")):
            header, first = _first_rows(path)
            self.rels.setdefault(first[2], []).append(
                (path, label_of[first[0]], label_of[first[1]], _properties(header))
            )

    def rel_properties(self, type_: str) -> dict[str, str]:
        merged: dict[str, str] = {}
        for *_, properties in self.rels[type_]:
            merged.update(properties)
        return dict(sorted(merged.items()))

    def create(self, conn: ladybug.Connection) -> None:
        for label, (_, properties) in self.nodes.items():
            columns = "".join(f", {name} {TYPES[t]}" for name, t in properties.items())
            rows(conn, f"CREATE NODE TABLE {label}(id STRING{columns}, PRIMARY KEY(id))")
        for type_, files in self.rels.items():
            ends = ", ".join(f"FROM {start} TO {end}" for _, start, end, _ in files)
            columns = "".join(f", {name} {TYPES[t]}" for name, t in self.rel_properties(type_).items())
            rows(conn, f"CREATE REL TABLE {type_}({ends}{columns})")

    def copy_tables(self, conn: ladybug.Connection) -> None:
        """COPY every table through the engine's CSV reader, each column cast to its declared type."""
        for label, (path, properties) in self.nodes.items():
            header, _ = _first_rows(path)
            rows(conn, f"COPY {label} FROM ({_load(path, header, ['c0', *_columns(header, properties)])})")
        for type_, files in self.rels.items():
            wanted = self.rel_properties(type_)
            for path, start, end, _ in files:
                header, _ = _first_rows(path)
                returned = ["c0", "c1", *_columns(header, wanted)]
                rows(conn, f"COPY {type_} FROM ({_load(path, header, returned)}) (from='{start}', to='{end}')")


def _columns(header: list[str], wanted: dict[str, str]) -> list[str]:
    """The RETURN items giving `wanted` properties in order from a file with `header` (NULL where it has none)."""
    position = {c.rsplit(":", 1)[0]: i for i, c in enumerate(header)}
    return [
        _read_as(f"c{position[name]}", t) if name in position else f"CAST(NULL AS {TYPES[t]})"
        for name, t in wanted.items()
    ]


def _load(path: Path, header: list[str], returned: list[str]) -> str:
    columns = ", ".join(f"c{i} STRING" for i in range(len(header)))
    # neo4j-admin's dialect, stated: left to guess, the engine's CSV sniffer sometimes takes "" for a quote-less field
    options = """header=true, parallel=false, quote='"', escape='"'"""
    return f"LOAD WITH HEADERS ({columns}) FROM '{path}' ({options}) RETURN {', '.join(returned)}"


def load_import_tables(folder: Path, db: Path) -> ladybug.Connection:
    """A database holding the neo4j-admin tables of `folder`."""
    conn = connect(db)
    schema = Schema(folder)
    schema.create(conn)
    schema.copy_tables(conn)
    return conn


def run_cypher_script(folder: Path, db: Path) -> ladybug.Connection:
    """A database made by running `folder/graph.cypher` as cypher-shell would (see the module docstring)."""
    conn = connect(db)
    Schema(folder).create(conn)
    parameters: dict[str, Any] = {}
    for line in (folder / "graph.cypher").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("//") or line.startswith("CREATE CONSTRAINT"):
            continue
        if line.startswith(":param "):
            name, expression = line.removeprefix(":param ").split(" => ", 1)
            parameters = {name: rows(conn, f"RETURN {expression}")[0][0]}
            continue
        rows(conn, line.removesuffix(";"), parameters)
    return conn


def who_met_in_cypher(conn: ladybug.Connection, name: str) -> dict[str, int]:
    """Who met the person called `name`, and in how many events: MET read in both directions."""
    query = "MATCH (p:Person)-[m:MET]-(other:Person) WHERE p.name = $name RETURN other.name, m.weight"
    return dict(rows(conn, query, {"name": name}))
