"""Graph exporters by name: what a build writes into OUT besides its JSONL records.

An exporter is a function `write(graph, path)`; the name it is registered under is the file (or folder) it
writes in OUT. kg's own are `BUILT_IN`, written by every build. Another package adds one through the
`kg.exporters` entry point group, and `kg build --export NAME` (Python: `build(exporters=[NAME])`) writes
it as well, staged and published with the rest:

    [project.entry-points."kg.exporters"]
    "graph.dot" = "mypackage.dot:write_dot"      # write_dot(graph, path) -> None

An exporter that needs the build's records finds them beside `path` (documents.jsonl, sentences.jsonl).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

PLUGIN_GROUP = "kg.exporters"
Write = Callable[["nx.MultiDiGraph", Path], None]


class ExporterError(ValueError):
    """An exporter name no exporter answers to, or a plug-in that cannot be imported; says what to do."""


@dataclass(frozen=True)
class Exporter:
    name: str  # the file or folder it writes in OUT
    target: str  # "module:function" of its write(graph, path)
    beside: tuple[str, ...] = ()  # further files it writes next to `name`

    @property
    def outputs(self) -> tuple[str, ...]:
        return (*self.beside, self.name)

    def load(self) -> Write:
        module, _, function = self.target.partition(":")
        try:
            return getattr(importlib.import_module(module), function)
        except Exception as error:
            raise ExporterError(f"exporter {self.name!r} ({self.target}) failed to import: {error}") from error


def write_tables(graph: nx.MultiDiGraph, path: Path) -> None:
    """edges.csv at `path` and nodes.csv beside it (Gephi's Id/Label/Source/Target tables)."""
    from kg.graph.export import write_csv

    write_csv(graph, path.with_name("nodes.csv"), path)


def write_explorer(graph: nx.MultiDiGraph, path: Path) -> None:
    """The offline HTML explorer, with the sentences and headlines of the build's records beside it."""
    from kg.graph.html import write_html
    from kg.io.atomic import read_jsonl

    write_html(
        graph,
        path,
        sentences=read_jsonl(path.with_name("sentences.jsonl")),
        documents=read_jsonl(path.with_name("documents.jsonl")),
    )


BUILT_IN = (
    Exporter("graph.graphml", "kg.graph.export:write_graphml"),
    Exporter("graph.gexf", "kg.graph.gexf:write_gexf"),
    Exporter("neo4j", "kg.graph.neo4j:write_neo4j"),
    Exporter("graph.json", "kg.graph.export:write_json"),
    Exporter("edges.csv", "kg.graph.exporters:write_tables", beside=("nodes.csv",)),
    Exporter("graph.html", "kg.graph.exporters:write_explorer"),
)


def installed_plugins() -> dict[str, EntryPoint]:
    """Exporters other packages registered in the `kg.exporters` entry point group, by name."""
    return {entry.name: entry for entry in entry_points(group=PLUGIN_GROUP)}


def exporters(extra: Sequence[str] = ()) -> list[Exporter]:
    """The built-in exporters, then the plug-ins named in `extra`, each checked importable (a typo or a broken
    plug-in stops a build before any document is processed, not after)."""
    plugins = installed_plugins()
    chosen = list(BUILT_IN)
    taken = {name for exporter in BUILT_IN for name in exporter.outputs}
    for name in dict.fromkeys(extra):
        if name in taken:
            continue
        if name not in plugins:
            names = ", ".join(sorted(plugins)) or "none"
            raise ExporterError(
                f"unknown exporter {name!r}: the built-in outputs are always written; --export names a plug-in "
                f"registered in the {PLUGIN_GROUP!r} entry point group (installed: {names})"
            )
        chosen.append(Exporter(name, plugins[name].value))
        taken.add(name)
    for exporter in chosen:
        exporter.load()
    return chosen
