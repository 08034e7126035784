"""Questions over a built graph: who met whom, one person's timeline, events by type/place/date, entities, ego
networks.

Pure functions of a graph made by `kg.graph.build_graph` (or reloaded with `kg.api.load_graph`). Names match
an entity's canonical name, any of its aliases or its node id. Every option is checked before anything is
looked up: a question the graph cannot answer as asked raises a `QueryError` whose message says what to ask
instead (an unknown name with close matches, a name that is another kind of entity, a name two namesakes
share, a date that is not ISO, an unknown event type or entity kind).
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import Counter, deque
from functools import lru_cache
from itertools import chain
from typing import Any

import networkx as nx

from kg.graph.aliases import clean_name
from kg.textnorm import fold

ENTITY_KINDS = ("person", "organization", "location")
_KIND_NAMES = {"per": "person", "org": "organization", "loc": "location"}
_KIND_NAMES.update({"PERSON": "person", "ORGANIZATION": "organization", "LOCATION": "location"})
_NOT_TAKING_PART = {"holds_title", "met", "held_at", "reported_in"}
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# How close two people who shared an event were: 1 / (people at the event - 1), so talks of two count 1, an
# inspection of four a third and a plenary of forty a thirty-ninth; events that only name people together
# (a case report, a lockdown notice) count a quarter of that.
TYPE_CLOSENESS = {"case_reported": 0.25, "lockdown_imposed": 0.25, "lockdown_lifted": 0.25}
EVIDENCE_PER_ROW = 3  # evidence sentences in a who-met row (every shared event keeps its own)


class QueryError(ValueError):
    """A question the graph cannot answer as asked; the message says what to ask instead."""


class UnknownName(QueryError, LookupError):
    """No entity has this name or alias; `suggestions` are the closest names in the graph."""

    def __init__(self, name: str, suggestions: list[str], message: str | None = None) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        hint = f"; did you mean {'、'.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(message or f"no one named {name!r} in the graph{hint}")


class WrongKind(UnknownName):
    """The name is in the graph, as another kind of entity (永康市委 is an organization, not a person)."""

    def __init__(self, name: str, kind: str, wanted: tuple[str, ...]) -> None:
        self.kind = kind
        article = "an" if kind[0] in "aeiou" else "a"
        super().__init__(
            name,
            [],
            f"{name!r} is {article} {kind}, not a {' or '.join(wanted)}: `kg timeline {name}` lists its events, "
            f"`kg entities --type {wanted[0]} --match TEXT` finds {wanted[0]} names",
        )


class AmbiguousName(QueryError):
    """Several people share the name; `candidates` are their node ids, best attested first."""

    def __init__(self, name: str, candidates: list[str], described: list[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        super().__init__(f"{name!r} names {len(candidates)} people: {'; '.join(described)}. Ask for one by its id")


class UnreadableGraph(QueryError):
    """The graph file is missing, damaged or not a kg graph."""


# --------------------------------------------------------------------------- checking options


def check_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD), month (YYYY-MM) or year (YYYY) as given; None stays None."""
    if value is None:
        return None
    text = value.strip()
    if _ISO.match(text):
        try:
            datetime.date.fromisoformat((text + "-01-01")[:10])
            return text
        except ValueError:
            pass
    raise QueryError(f"{value!r} is not a date: write dates as YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2021-12-09")


def _check_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = check_date(since), check_date(until)
    if since and until and since[: len(until)] > until:
        raise QueryError(f"the date range is empty: from {since} is after to {until}")
    return since, until


def _in_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether an event's date is in [since, until]; a month or year bound covers all of it."""
    if not since and not until:
        return True
    if not date or not date[:1].isdigit():  # undated, or a partial date (--12-09) of unknown year
        return False
    return (not since or date[: len(since)] >= since) and (not until or date[: len(until)] <= until)


@lru_cache(maxsize=1)
def _shipped_event_types() -> frozenset[str]:
    import yaml

    from kg.events.rules import DEFAULT_RULES

    return frozenset(yaml.safe_load(DEFAULT_RULES.read_text(encoding="utf-8")).get("types") or {})


def event_types(g: nx.MultiDiGraph) -> list[str]:
    """Event types a query may ask for: those of the shipped rules and any in the graph (user rules)."""
    return sorted(_shipped_event_types() | {d.get("type") for _, d in g.nodes(data=True) if d.get("kind") == "event"})


def check_event_type(g: nx.MultiDiGraph, type: str | None) -> str | None:
    if type is None or type in (valid := event_types(g)):
        return type
    close = difflib.get_close_matches(type, valid, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise QueryError(f"unknown event type {type!r}{hint}: use one of {', '.join(valid)}")


def check_kind(kind: str | None) -> str | None:
    """An entity kind: person, organization or location (PERSON, per … accepted)."""
    if kind is None or kind in ENTITY_KINDS:
        return kind
    if kind in _KIND_NAMES or kind.upper() in _KIND_NAMES:
        return _KIND_NAMES.get(kind) or _KIND_NAMES[kind.upper()]
    raise QueryError(f"unknown entity type {kind!r}: use one of {', '.join(ENTITY_KINDS)}")


def check_limit(limit: int | None) -> int | None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise QueryError(f"limit must be a whole number of rows, 0 or more (0: all), not {limit!r}")
    return limit or None


# --------------------------------------------------------------------------- finding entities


def _name_index(g: nx.MultiDiGraph, kinds: tuple[str, ...]) -> dict[str, list[str]]:
    """Name or alias -> the best-ranked nodes it names: canonical names over aliases, earlier kinds first.

    Two nodes share a rank only when namesakes share a name (per:王宁 and per:王宁/全国政协委员).
    """
    ranked = sorted(
        ((kinds.index(d["kind"]), 0 if form == d.get("name") else 1), -len(d.get("docs") or ()), node, form)
        for node, d in g.nodes(data=True)
        if d.get("kind") in kinds
        for form in {d.get("name") or node, *(d.get("aliases") or [])}
    )
    index: dict[str, list[str]] = {}
    best: dict[str, tuple[int, int]] = {}
    for rank, _, node, form in ranked:
        if best.setdefault(form, rank) == rank:
            index.setdefault(form, []).append(node)
    return index


def find_entity(g: nx.MultiDiGraph, name: str, kinds: tuple[str, ...] = ENTITY_KINDS) -> str:
    """Node id of the entity called `name` (a node id, canonical name or alias), trying `kinds` in order.

    Raises WrongKind when the name is another kind of entity, AmbiguousName when namesakes share it, and
    UnknownName with close matches otherwise.
    """
    if name in g and g.nodes[name].get("kind") in kinds:
        return name
    index = _name_index(g, kinds)
    for form in (name, clean_name(name), fold(clean_name(name))):
        if form in index:
            return _one(g, name, index[form])
    for node in (f"{prefix}:{clean_name(name)}" for prefix, kind in _KIND_NAMES.items() if kind in kinds):
        if node in g and g.nodes[node].get("kind") in kinds:
            return node  # an id without its prefix (王宁/全国政协委员)
    other_kinds = tuple(k for k in ENTITY_KINDS if k not in kinds)
    if other_kinds:
        elsewhere = _name_index(g, other_kinds)
        found = next((elsewhere[f] for f in (name, clean_name(name)) if f in elsewhere), None)
        if found:
            raise WrongKind(name, g.nodes[found[0]]["kind"], kinds)
    close = difflib.get_close_matches(clean_name(name), list(index), n=8, cutoff=0.5)
    suggestions = list(dict.fromkeys(g.nodes[index[form][0]].get("name") or index[form][0] for form in close))
    raise UnknownName(name, suggestions[:5])


def _one(g: nx.MultiDiGraph, name: str, nodes: list[str]) -> str:
    if len(nodes) == 1:
        return nodes[0]
    described = []
    for node in nodes:
        data = g.nodes[node]
        titles = "、".join((data.get("titles") or [])[:1]) or "no title"
        documents = len(data.get("docs") or ())
        described.append(f"{node} ({titles}, {documents} document{'s' if documents != 1 else ''})")
    raise AmbiguousName(name, nodes, described)


def find_person(g: nx.MultiDiGraph, name: str) -> str:
    """Node id of the person called `name`; raises a QueryError saying what to ask instead."""
    return find_entity(g, name, ("person",))


def _names(g: nx.MultiDiGraph, nodes: list[str]) -> list[str]:
    return [g.nodes[n].get("name") or n for n in nodes]


def _participants(g: nx.MultiDiGraph, event: str) -> list[tuple[str, str]]:
    """(person, role) of everyone who took part in an event."""
    return sorted(
        (u, d["relation"])
        for u, _, d in g.in_edges(event, data=True)
        if g.nodes[u].get("kind") == "person" and d.get("relation") not in _NOT_TAKING_PART
    )


def _event_row(g: nx.MultiDiGraph, event: str) -> dict[str, Any]:
    data = g.nodes[event]
    participants = _participants(g, event)
    return {
        "id": data.get("name") or event,
        "node": event,
        "label": data.get("label"),
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


# --------------------------------------------------------------------------- who met whom


def who_met(
    g: nx.MultiDiGraph,
    name: str,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The people `name` met, closest first: with whom, when, where, through which events, with evidence.

    Closeness adds up the shared events, each weighted by how few people were there (see TYPE_CLOSENESS): a
    talk of two or an inspection one accompanies outweighs many plenaries of forty. `type` keeps only events
    of that type, `since`/`until` (ISO, inclusive; a month or a year covers all of it) only events dated
    in range, `limit` the closest rows (None or 0: all).

    >>> from kg import load_graph
    >>> g = load_graph("out/sample")  # kg build data/sample --dates data/sample/dates.tsv --out out/sample
    >>> rows = who_met(g, "王立新", since="2022", limit=3)
    >>> len(rows), all(row["last_date"] >= "2022" for row in rows)
    (3, True)
    >>> rows[0]["closeness"] >= rows[1]["closeness"] >= rows[2]["closeness"]
    True
    >>> list(rows[0])
    ['id', 'name', 'label', 'titles', 'count', 'closeness', 'first_date', 'last_date', 'dates', 'places', ...]
    """
    type, (since, until), limit = check_event_type(g, type), _check_range(since, until), check_limit(limit)
    person = find_person(g, name)
    sizes: dict[str, int] = {}
    rows = []
    for u, v, d in chain(g.out_edges(person, data=True), g.in_edges(person, data=True)):
        if d.get("relation") != "met":
            continue
        shared = [
            _weighed(g, s, sizes)
            for s in d.get("shared_events") or []
            if (type is None or s.get("type") == type) and _in_range(s.get("date"), since, until)
        ]
        if shared:
            rows.append(_met_row(g, v if u == person else u, shared, d))
    rows.sort(key=lambda r: (-r["closeness"], -r["count"], _descending(r["last_date"]), r["name"], r["id"]))
    return rows[:limit] if limit else rows


def _descending(date: str | None) -> tuple:
    return (date is None, tuple(-ord(c) for c in date or ""))


def _weighed(g: nx.MultiDiGraph, shared: dict[str, Any], sizes: dict[str, int]) -> dict[str, Any]:
    """A shared event's record with the number of people there and the closeness it gives the pair."""
    node = f"event:{shared['event']}"
    if node not in sizes:
        sizes[node] = len({p for p, _ in _participants(g, node)}) if node in g else 2
    people = max(sizes[node], 2)
    closeness = TYPE_CLOSENESS.get(shared.get("type") or "", 1.0) / (people - 1)
    label = g.nodes[node].get("label") if node in g else None
    return {**shared, "label": label or shared["event"], "people": people, "closeness": round(closeness, 4)}


def _met_row(g: nx.MultiDiGraph, other: str, shared: list[dict[str, Any]], edge: dict[str, Any]) -> dict[str, Any]:
    data = g.nodes[other]
    dates = sorted({s["date"] for s in shared if s.get("date")})
    places = Counter(place for s in shared for place in s.get("places") or [])
    strongest = max(shared, key=lambda s: (s["closeness"], s.get("date") or ""))
    evidence = list(dict.fromkeys(text for s in shared for text in s.get("evidence") or []))
    return {
        "id": other,
        "name": data.get("name") or other,
        "label": data.get("label") or data.get("name") or other,
        "titles": list(data.get("titles") or []),
        "count": len(shared),
        "closeness": round(sum(s["closeness"] for s in shared), 3),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "dates": dates,
        "places": [place for place, _ in places.most_common()],
        "strongest": strongest,
        "events": [s["event"] for s in shared],
        "shared_events": shared,
        "docs": sorted({d for d in edge.get("docs") or []}),
        "evidence": evidence[:EVIDENCE_PER_ROW],
    }


# --------------------------------------------------------------------------- timelines, events, entities


def timeline(
    g: nx.MultiDiGraph,
    name: str,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """The events an entity (a person first, else an organization or place) took part in, in date order.

    >>> from kg import load_graph
    >>> events = timeline(load_graph("out/sample"), "王立新", until="2021-12")
    >>> [event["date"] for event in events] == sorted(event["date"] for event in events)
    True
    >>> {event["date"][:7] for event in events}, all(event["role"] for event in events)
    ({'2021-12'}, True)
    """
    type, (since, until) = check_event_type(g, type), _check_range(since, until)
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
        data = g.nodes[event]
        if (type and data.get("type") != type) or not _in_range(data.get("date"), since, until):
            continue
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
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """Events filtered by type, place (name, alias or part of a name) and ISO date range (inclusive).

    >>> from kg import load_graph
    >>> found = find_events(load_graph("out/sample"), type="inspection", since="2021-12-01", until="2021-12-31")
    >>> len(found) > 0, {(event["type"], event["date"][:7]) for event in found}
    (True, {('inspection', '2021-12')})
    >>> find_events(load_graph("out/sample"), type="inspections")
    Traceback (most recent call last):
    ...
    kg.graph.query.QueryError: unknown event type 'inspections'...
    """
    type, (since, until) = check_event_type(g, type), _check_range(since, until)
    wanted_place = clean_name(place) if place is not None else None
    if place is not None and not wanted_place:
        raise QueryError("the place to look for is empty: give a place name or part of one")
    rows = []
    for event, kind in g.nodes(data="kind"):
        if kind != "event":
            continue
        attrs = g.nodes[event]
        if (type is not None and attrs.get("type") != type) or not _in_range(attrs.get("date"), since, until):
            continue
        places = [v for _, v, r in g.out_edges(event, data="relation") if r == "held_at"]
        if wanted_place and not _place_matches(g, places, wanted_place):
            continue
        rows.append(_event_row(g, event))
    return sorted(rows, key=_by_date)


def entities(
    g: nx.MultiDiGraph, type: str | None = None, match: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """People, organizations and places with their counts, most mentioned first.

    `type`: person, organization or location; `match`: part of a name or alias (case and width folded).
    """
    kind, limit = check_kind(type), check_limit(limit)
    wanted = fold(clean_name(match)).lower() if match else None
    rows = []
    for node, data in g.nodes(data=True):
        if data.get("kind") not in ENTITY_KINDS or (kind and data["kind"] != kind):
            continue
        forms = {data.get("name") or node, *(data.get("aliases") or [])}
        if wanted and not any(wanted in fold(form).lower() for form in forms):
            continue
        rows.append(
            {
                "id": node,
                "name": data.get("name") or node,
                "label": data.get("label") or data.get("name") or node,
                "kind": data["kind"],
                "mentions": data.get("mentions") or 0,
                "events": len(data.get("events") or ()),
                "documents": len(data.get("docs") or ()),
                "titles": list(data.get("titles") or []),
                "aliases": sorted(forms - {data.get("name")}),
            }
        )
    rows.sort(key=lambda r: (-r["mentions"], -r["events"], -r["documents"], r["name"], r["id"]))
    return rows[:limit] if limit else rows


def ego_subgraph(g: nx.MultiDiGraph, name: str, hops: int = 1) -> nx.MultiDiGraph:
    """Everything within `hops` edges of an entity (either direction); documents are leaves, never hubs.

    >>> from kg import load_graph
    >>> g = load_graph("out/sample")
    >>> near, nearer = ego_subgraph(g, "王立新", hops=2), ego_subgraph(g, "王立新", hops=1)
    >>> nearer.number_of_nodes() < near.number_of_nodes() <= g.number_of_nodes()
    True
    """
    if isinstance(hops, bool) or not isinstance(hops, int) or hops < 0:
        raise QueryError(f"hops must be a whole number, 0 or more, not {hops!r}")
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
