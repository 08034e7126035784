"""Questions over a built graph: who met whom, one person's timeline, events by type/place/date, ego networks.

Pure functions of a graph made by `kg.graph.build_graph` (or reloaded with `kg.graph.export.read_graph`).
Names match an entity's canonical name or any of its aliases; an unknown name raises `UnknownName`
with close matches, so the CLI can say "did you mean ...".
"""

from __future__ import annotations

import difflib
from collections import deque
from itertools import chain
from typing import Any

import networkx as nx

from kg.graph.aliases import clean_name
from kg.textnorm import fold

ENTITY_KINDS = ("person", "organization", "location")
_NOT_TAKING_PART = {"holds_title", "met", "held_at", "reported_in"}


class UnknownName(LookupError):
    """No entity has this name or alias; `suggestions` are the closest names in the graph."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        hint = f"; did you mean {'、'.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no one named {name!r} in the graph{hint}")


def _name_index(g: nx.MultiDiGraph, kinds: tuple[str, ...]) -> dict[str, str]:
    """Name or alias -> node id; canonical names win over aliases, earlier kinds over later ones."""
    ranked = sorted(
        (kinds.index(d["kind"]), 0 if form == d.get("name") else 1, node, form)
        for node, d in g.nodes(data=True)
        if d.get("kind") in kinds
        for form in {d.get("name") or node, *(d.get("aliases") or [])}
    )
    index: dict[str, str] = {}
    for *_, node, form in ranked:
        index.setdefault(form, node)
    return index


def find_entity(g: nx.MultiDiGraph, name: str, kinds: tuple[str, ...] = ENTITY_KINDS) -> str:
    """Node id of the entity called `name` (a node id, canonical name or alias), trying `kinds` in order."""
    if name in g and g.nodes[name].get("kind") in kinds:
        return name
    index = _name_index(g, kinds)
    for form in (name, clean_name(name), fold(clean_name(name))):
        if form in index:
            return index[form]
    close = difflib.get_close_matches(clean_name(name), list(index), n=8, cutoff=0.5)
    suggestions = list(dict.fromkeys(g.nodes[index[form]].get("name") or index[form] for form in close))
    raise UnknownName(name, suggestions[:5])


def find_person(g: nx.MultiDiGraph, name: str) -> str:
    """Node id of the person called `name`; raises UnknownName with suggestions."""
    return find_entity(g, name, ("person",))


def _names(g: nx.MultiDiGraph, nodes: list[str]) -> list[str]:
    return [g.nodes[n].get("name") or n for n in nodes]


def _event_row(g: nx.MultiDiGraph, event: str) -> dict[str, Any]:
    data = g.nodes[event]
    participants = sorted(
        (u, d["relation"])
        for u, _, d in g.in_edges(event, data=True)
        if g.nodes[u].get("kind") == "person" and d.get("relation") not in _NOT_TAKING_PART
    )
    return {
        "id": data.get("name") or event,
        "node": event,
        "date": data.get("date"),
        "time": data.get("time"),
        "time_of_day": data.get("time_of_day"),
        "type": data.get("type"),
        "participants": [f"{g.nodes[p].get('name') or p}({role})" for p, role in participants],
        "people": sorted({p for p, _ in participants}),
        "places": _names(g, sorted(v for _, v, r in g.out_edges(event, data="relation") if r == "held_at")),
        "organizations": _names(g, sorted(u for u, _, r in g.in_edges(event, data="relation") if r == "organization")),
        "doc": data.get("doc"),
        "evidence": list(data.get("evidence") or []),
    }


def _by_date(row: dict[str, Any]) -> tuple:
    """Dated events first, in date and time order; undated ones after, by id."""
    return (row["date"] is None, row["date"] or "", row["time"] or "", row["id"])


def who_met(g: nx.MultiDiGraph, name: str) -> list[dict[str, Any]]:
    """The people `name` met: with whom, when, where, through which events, with evidence; most often first."""
    person = find_person(g, name)
    rows = []
    for u, v, d in chain(g.out_edges(person, data=True), g.in_edges(person, data=True)):
        if d.get("relation") != "met":
            continue
        other = v if u == person else u
        rows.append(
            {
                "id": other,
                "name": g.nodes[other].get("name") or other,
                "titles": list(g.nodes[other].get("titles") or []),
                "count": d.get("count", len(d.get("events", []))),
                "dates": list(d.get("dates") or []),
                "places": list(d.get("places") or []),
                "events": list(d.get("events") or []),
                "docs": list(d.get("docs") or []),
                "evidence": list(d.get("evidence") or []),
            }
        )
    return sorted(rows, key=lambda r: (-r["count"], r["dates"][:1], r["name"]))


def timeline(g: nx.MultiDiGraph, name: str) -> list[dict[str, Any]]:
    """The events an entity (a person first, else an organization or place) took part in, in date order."""
    entity = find_entity(g, name)
    roles: dict[str, list[str]] = {}
    for _, event, relation in g.out_edges(entity, data="relation"):
        if g.nodes[event].get("kind") == "event" and relation not in _NOT_TAKING_PART:
            roles.setdefault(event, []).append(relation)
    for event, _, relation in g.in_edges(entity, data="relation"):
        if relation == "held_at":  # a place takes part as the event's venue (the one event -> place link)
            roles.setdefault(event, []).append("place")
    rows = []
    for event, relations in roles.items():
        row = _event_row(g, event)
        row["role"] = "、".join(sorted(relations))
        row["with"] = _names(g, [p for p in row["people"] if p != entity])
        rows.append(row)
    return sorted(rows, key=_by_date)


def _place_matches(g: nx.MultiDiGraph, place_nodes: list[str], wanted: str) -> bool:
    """A place filter matches a place's name or alias exactly, or any part of its name."""
    for node in place_nodes:
        data = g.nodes[node]
        if wanted in (data.get("aliases") or []) or wanted in (data.get("name") or node):
            return True
    return False


def find_events(
    g: nx.MultiDiGraph,
    type: str | None = None,
    place: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[dict[str, Any]]:
    """Events filtered by type, place (name, alias or part of a name) and ISO date range (inclusive)."""
    wanted_place = clean_name(place) if place else None
    rows = []
    for event, data in g.nodes(data="kind"):
        if data != "event":
            continue
        attrs = g.nodes[event]
        date = attrs.get("date")
        if type is not None and attrs.get("type") != type:
            continue
        if (date_from or date_to) and not date:
            continue
        if (date_from and date < date_from) or (date_to and date > date_to):
            continue
        places = [v for _, v, r in g.out_edges(event, data="relation") if r == "held_at"]
        if wanted_place and not _place_matches(g, places, wanted_place):
            continue
        rows.append(_event_row(g, event))
    return sorted(rows, key=_by_date)


def ego_subgraph(g: nx.MultiDiGraph, name: str, hops: int = 1) -> nx.MultiDiGraph:
    """Everything within `hops` edges of an entity (either direction); documents are leaves, never hubs."""
    center = find_entity(g, name)
    distance = {center: 0}
    queue = deque([center])
    while queue:
        node = queue.popleft()
        if distance[node] >= hops or (node != center and g.nodes[node].get("kind") == "document"):
            continue
        for neighbour in chain(g.successors(node), g.predecessors(node)):
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                queue.append(neighbour)
    return g.subgraph(distance).copy()
