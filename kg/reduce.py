"""The reduce of a build: the graph assembled from every document's result, and the outputs written."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from kg.graph.gcpause import paused_gc
from kg.io.atomic import read_jsonl, write_jsonl
from kg.mapphase import PARTIAL_MENTIONS, STREAMED
from kg.model import DocResult, Document, Entity, Event
from kg.options import BuildReport
from kg.records import resolved_mentions

if TYPE_CHECKING:
    import networkx as nx


def _report_counts(report: BuildReport, results: list[DocResult], entities: list[Entity], events: list[Event]) -> None:
    mention_types: Counter[str] = Counter()
    for result in results:
        for found in result.mentions.values():
            mention_types.update(m.type for m in found)
    report.articles = sum(len(r.document.articles) for r in results)
    report.sentences = sum(len(r.document.sentences) for r in results)
    report.mentions = dict(sorted(mention_types.items()))
    report.entities = dict(sorted(Counter(e.type for e in entities).items()))
    report.events = dict(sorted(Counter(e.type for e in events).items()))


@paused_gc()
def write_outputs(
    staging: Path, documents: list[Document], results: list[DocResult], entities: list[Entity], report: BuildReport
) -> nx.MultiDiGraph:
    """Assemble the graph and write the reduce's outputs into `staging` (beside the streamed ones)."""
    from kg.graph import build_graph
    from kg.graph.export import write_csv, write_graphml
    from kg.graph.export import write_json as write_graph_json
    from kg.graph.gexf import write_gexf
    from kg.graph.html import write_html
    from kg.graph.neo4j import write_neo4j

    events = [e for r in results for e in r.events]
    graph = build_graph(entities, events, documents)
    report.met_edges = sum(1 for *_, rel in graph.edges(data="relation") if rel == "met")
    _report_counts(report, results, entities, events)

    written = {
        "mentions.jsonl": lambda p: write_jsonl(resolved_mentions(staging / PARTIAL_MENTIONS, results), p),
        "entities.jsonl": lambda p: write_jsonl((e.to_dict() for e in entities), p),
        "events.jsonl": lambda p: write_jsonl((e.to_dict() for e in events), p),
        "graph.graphml": lambda p: write_graphml(graph, p),
        "graph.gexf": lambda p: write_gexf(graph, p),
        "neo4j": lambda p: write_neo4j(graph, p),
        "graph.json": lambda p: write_graph_json(graph, p),
        "nodes.csv": None,
        "edges.csv": lambda p: write_csv(graph, staging / "nodes.csv", p),
        "graph.html": lambda p: write_html(
            graph, p, sentences=read_jsonl(staging / STREAMED[1]), documents=read_jsonl(staging / STREAMED[0])
        ),
    }
    for name, writer in written.items():
        if writer is not None:
            writer(staging / name)
    report.outputs = sorted([*STREAMED[:2], *written, "report.json"])
    return graph
