"""A build's outputs as pandas DataFrames, one row per thing, and as Parquet files.

`frames(OUT)` reads graph.json, events.jsonl and mentions.jsonl and returns:

- `nodes`: one row per node: `id` plus its attributes (`kind`, `label`, `name`, `type`, `mentions`, `date`, ...);
- `edges`: one row per edge: `source`, `target`, `relation`, `weight` (`met` only) plus its attributes;
- `events`: one row per event: `id`, `label`, `type`, `date`, `time`, `time_of_day`, `doc`, `article`, `rule`,
  `confidence`, `evidence` (its sentences);
- `participants`: one row per part taken in an event (the events' participant, place and organization
  lists exploded): `event`, `type`, `date`, `entity` (node id), `kind`, `role` (chair, attendee, ...,
  `place`, `organization`), `name` (as the text wrote it), `title`;
- `met`: one row per pair and shared event (the `met` edges' `shared_events` exploded): `source`,
  `target`, `source_name`, `target_name`, `weight` (the pair's events), `event`, `type`, `date`, `places`,
  `evidence` (the sentences naming the two);
- `mentions`: one row per mention (mentions.jsonl).

Lists that relate things (participants, places, organizations, shared events) are exploded into rows;
lists of text that describe one row (aliases, titles, docs, evidence sentences) stay Python lists in their
cell (`df.explode("titles")` gives one row per item). `write_parquet` needs pyarrow (`pip install
kg[parquet]`); dict cells are written as JSON text there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from kg.graph.export import read_graph, sorted_edges, sorted_nodes
from kg.io.atomic import read_jsonl

FRAMES = ("nodes", "edges", "events", "participants", "met", "mentions")
_SHARED_EVENT_KEYS = ("event", "type", "date", "places", "evidence")
_PART_OF_EVENT = {"held_at": "place", "organization": "organization"}  # other person -> event edges are roles


def _node_rows(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return [{"id": node, **data} for node, data in sorted_nodes(g)]


def _edge_rows(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return [
        {"source": u, "target": v, **{k: value for k, value in d.items() if k != "shared_events"}}
        for u, v, _, d in sorted_edges(g)
    ]


def _met_rows(g: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for u, v, _, data in sorted_edges(g):
        if data.get("relation") != "met":
            continue
        pair = {"source": u, "target": v, "source_name": g.nodes[u].get("name"), "target_name": g.nodes[v].get("name")}
        for shared in data.get("shared_events") or []:
            yield {**pair, "weight": data.get("weight"), **{key: shared.get(key) for key in _SHARED_EVENT_KEYS}}


def _event_parts(g: nx.MultiDiGraph, event: str) -> dict[tuple[str, str], list[str]]:
    """(role, name as written) -> node ids, for everything linked to an event node (省委省政府 is two nodes)."""
    parts: dict[tuple[str, str], list[str]] = {}
    for u, v, data in [*g.in_edges(event, data=True), *g.out_edges(event, data=True)]:
        other = v if u == event else u
        role = _PART_OF_EVENT.get(data.get("relation"), data.get("relation"))
        for name in data.get("names") or []:
            parts.setdefault((role, name), []).append(other)
    return parts


def _participant_rows(g: nx.MultiDiGraph, records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for record in records:
        parts = _event_parts(g, f"event:{record['id']}")
        common = {"event": record["id"], "type": record.get("type"), "date": record.get("date")}
        taking_part = [
            *((p.get("role") or "participant", p) for p in record.get("participants") or []),
            *(("place", a) for a in record.get("places") or []),
            *(("organization", a) for a in record.get("organizations") or []),
        ]
        for role, part in taking_part:
            for entity in [part["entity"]] if part.get("entity") else parts.get((role, part["name"]), [None]):
                yield {
                    **common,
                    "entity": entity,
                    "kind": g.nodes[entity].get("kind") if entity in g else None,
                    "role": role,
                    "name": part["name"],
                    "title": part.get("title"),
                }


def _event_rows(g: nx.MultiDiGraph, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = ("id", "type", "date", "time", "time_of_day", "doc", "article", "rule", "confidence")
    return [
        {
            **{k: r.get(k) for k in keys},
            "label": g.nodes[f"event:{r['id']}"].get("label") if f"event:{r['id']}" in g else None,
            "evidence": [e.get("text") for e in r.get("evidence") or []],
        }
        for r in records
    ]


def frames(out: str | Path) -> dict[str, pd.DataFrame]:
    """The DataFrames of the build in `out` (see the module docstring), keyed by FRAMES' names."""
    out = Path(out)
    missing = [name for name in ("graph.json", "events.jsonl", "mentions.jsonl") if not (out / name).exists()]
    if missing:
        raise FileNotFoundError(f"no {', '.join(missing)} in {out}: run `kg build INPUT --out {out}` first")
    g = read_graph(out / "graph.json")
    events = list(read_jsonl(out / "events.jsonl"))
    tables = {
        "nodes": _node_rows(g),
        "edges": _edge_rows(g),
        "events": _event_rows(g, events),
        "participants": list(_participant_rows(g, events)),
        "met": list(_met_rows(g)),
        "mentions": list(read_jsonl(out / "mentions.jsonl")),
    }
    return {name: pd.DataFrame.from_records(rows) for name, rows in tables.items()}


def _parquet_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with dict cells (and lists holding dicts) as JSON text, which Parquet's typed columns can hold."""

    def needs_text(value: Any) -> bool:
        return isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value))

    frame = frame.copy()
    for column in frame.columns:
        if frame[column].map(needs_text).any():
            frame[column] = frame[column].map(
                lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True) if v is not None else None
            )
    return frame


def write_parquet(out: str | Path, folder: str | Path | None = None) -> list[Path]:
    """Write `frames(out)` as `<name>.parquet` into `folder` (default OUT/parquet); returns the files."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as error:
        raise ImportError("Parquet needs pyarrow: pip install 'kg[parquet]'") from error
    target = Path(folder) if folder is not None else Path(out) / "parquet"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames(out).items():
        path = target / f"{name}.parquet"
        _parquet_ready(frame).to_parquet(path, index=False)
        written.append(path)
    return written
