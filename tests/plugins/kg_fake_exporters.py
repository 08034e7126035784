"""Exporter plug-ins for the tests, found through the `kg.exporters` entry point group.

`graph.edgelist` writes one tab-separated line per edge (source, target, relation) and reads the build's
documents.jsonl beside it, as an exporter needing the records would; `broken.txt` names a module that
does not exist, so a build asking for it must stop before it processes anything.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx


def write_edge_list(graph: nx.MultiDiGraph, path: Path) -> None:
    documents = sum(1 for line in path.with_name("documents.jsonl").read_text(encoding="utf-8").splitlines() if line)
    lines = [f"# documents\t{documents}"]
    lines += [f"{source}\t{target}\t{relation}" for source, target, relation in graph.edges(data="relation")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
