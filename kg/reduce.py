"""The reduce of a build: the graph assembled from every document's result, and the outputs written."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.graph.exporters import BUILT_IN, Exporter
from kg.graph.gcpause import paused_gc
from kg.io.atomic import write_jsonl
from kg.mapphase import PARTIAL_MENTIONS, STREAMED
from kg.model import DocResult, Document, Entity, Event
from kg.options import BuildReport
from kg.records import resolved_mentions

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph.aliases import Resolution


def _report_counts(report: BuildReport, results: list[DocResult], entities: list[Entity], events: list[Event]) -> None:
    mention_types: Counter[str] = Counter()
    for result in results:
        for found in result.mentions.values():
            mention_types.update(m.type for m in found)
    report.articles = sum(len(r.document.articles) for r in results)
    report.sentences = sum(len(r.document.body_sentences) for r in results)
    report.mentions = dict(sorted(mention_types.items()))
    report.entities = dict(sorted(Counter(e.type for e in entities).items()))
    report.events = dict(sorted(Counter(e.type for e in events).items()))


@paused_gc()
def write_outputs(
    staging: Path,
    documents: list[Document],
    results: list[DocResult],
    resolution: Resolution,
    report: BuildReport,
    writers: Sequence[Exporter] = BUILT_IN,
) -> nx.MultiDiGraph:
    """Assemble the graph, write the JSONL records of the reduce and then each exporter's output into `staging`
    (beside the streamed records, which exporters may read)."""
    from kg.graph import build_graph

    entities = resolution.entities
    events = resolution.resolved_events(e for r in results for e in r.events)
    graph = build_graph(entities, events, documents)
    report.met_edges = sum(1 for *_, rel in graph.edges(data="relation") if rel == "met")
    _report_counts(report, results, entities, events)

    write_jsonl(resolved_mentions(staging / PARTIAL_MENTIONS, results, resolution), staging / "mentions.jsonl")
    write_jsonl((e.to_dict() for e in entities), staging / "entities.jsonl")
    write_jsonl((e.to_dict() for e in events), staging / "events.jsonl")
    for exporter in writers:
        exporter.load()(graph, staging / exporter.name)
    outputs = [*STREAMED[:2], "mentions.jsonl", "entities.jsonl", "events.jsonl", "report.json"]
    report.outputs = sorted([*outputs, *(name for exporter in writers for name in exporter.outputs)])
    return graph
