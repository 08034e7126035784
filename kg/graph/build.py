"""Assemble the knowledge graph from resolved entities, events and documents.

Nodes (attribute `kind`): person, organization, location, event, document. Ids: entity ids
(per:王立新, org:东阳市委, loc:东城街道), `event:<event id>`, `doc:<document id>`.

Edges (attribute `relation`; the MultiDiGraph key is the relation): one edge per fact, so one per
(u, v, relation):
- person -> event: the participant's role (chair, attendee, inspector, ...);
- event -> location `held_at` (the one place link: an event's places are its `held_at` targets);
  organization -> event `organization`;
- event -> document `reported_in`;
- person -> organization `holds_title` (from participant titles and the titles collected on the entity);
- person -> person `met`: undirected in meaning, stored once from the smaller node id to the larger (the
  exports mark it undirected). One edge per pair of people whose shared event's evidence names both of
  them (a pair the evidence cannot show together is not claimed to have met). Attributes:
  - `weight`: the number of events they shared;
  - `events`, `dates`, `places`: event ids in event order, sorted distinct dates and place names;
  - `shared_events`: one record per shared event, in event order: `{"event", "type", "date", "places",
    "evidence"}`, where `evidence` is a sentence of that event naming both people, else one naming each;
  - `evidence`: the evidence sentences of the first shared events (whole events, at least the first, up
    to MAX_EDGE_EVIDENCE sentences): every sentence set names both people.
  Every event with two or more participants counts: event rules only list people who were there.
  Events with more than MAX_MET_GROUP people (a mass rally, or a garbled text read as one huge name
  list) get no `met` edges: pairs grow quadratically and such a crowd says nothing about who met whom.

Provenance on every node and edge: `docs` (document ids), `evidence` (evidence sentences) and `rules`
(event rule ids, or "title" for titles collected on an entity). Evidence is capped so that memory grows
with the graph, not with the corpus: entity nodes keep the first MAX_NODE_EVIDENCE sentences, edges other
than `met` the first MAX_EDGE_EVIDENCE; the full list of event ids (`events` on nodes and `met` edges, one
event node per event with its own evidence) is what queries follow to the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import Any, NamedTuple

import networkx as nx

from kg.graph.aliases import clean_name, entity_id
from kg.graph.gcpause import paused_gc
from kg.model import Document, Entity, Event
from kg.tag.titles import title_orgs
from kg.textnorm import fold

MAX_MET_GROUP = 40

KINDS = {"PERSON": "person", "ORGANIZATION": "organization", "LOCATION": "location"}
MAX_NODE_EVIDENCE = 10
MAX_EDGE_EVIDENCE = 3
MAX_LABEL_HEADLINE = 24  # characters of a headline in an event's label
_LIST_FIELDS = frozenset({"docs", "evidence", "rules", "events", "dates", "places", "titles", "names"})


def event_node(event_id: str) -> str:
    return f"event:{event_id}"


def document_node(doc_id: str) -> str:
    return f"doc:{doc_id}"


def _ordered_set(items: Iterable[Any]) -> dict[Any, None]:
    """`items` without None and duplicates, in first-seen order: a dict used as an ordered set."""
    return dict.fromkeys(item for item in items if item is not None)


def _add_capped(seen: dict[Any, None], items: Iterable[Any], limit: int) -> dict[Any, None]:
    """Add `items` to the ordered set `seen` until it holds `limit` of them (evidence stops growing)."""
    for item in items:
        if len(seen) >= limit:
            break
        seen[item] = None
    return seen


def _merge(target: dict[str, Any], extra: dict[str, dict[Any, None]], max_evidence: int) -> None:
    """Merge ordered sets (see `_ordered_set`) into the fields of `target`, keeping first-seen order.

    While building, list fields are ordered sets (a busy node takes part in thousands of events; list
    membership tests would make merging quadratic); `_listed` turns them back into lists. Evidence stops
    growing at `max_evidence`.
    """
    for key, items in extra.items():
        seen = target.get(key)
        if seen is None:
            seen = target[key] = {}
        if key != "evidence":
            seen.update(items)  # a key already there keeps its place
        else:
            _add_capped(seen, items, max_evidence)


def _listed(attrs: dict[str, Any]) -> dict[str, Any]:
    """`attrs`, its ordered-set fields (see `_merge`) turned back into lists in place."""
    for key, value in attrs.items():
        if key in _LIST_FIELDS and isinstance(value, dict):
            attrs[key] = list(value)  # replacing a value while iterating is safe: the keys do not change
    return attrs


class _MetSource(NamedTuple):
    """What one event gives each `met` edge between its people."""

    event: str
    type: str
    doc: str
    rule: str | None
    date: str | None
    places: tuple[str, ...]
    evidence: tuple[str, ...]
    named: dict[str, frozenset[int]]  # person -> indices of the evidence sentences that name them


def _naming_sentences(source: _MetSource, a: str, b: str) -> tuple[str, ...]:
    """The evidence of `source` showing both people: a sentence naming both, else the first naming each.

    Empty when the evidence does not name one of them.
    """
    named_a, named_b = source.named.get(a), source.named.get(b)
    if not named_a or not named_b:
        return ()
    both = named_a & named_b
    if both:
        return (source.evidence[min(both)],)
    return tuple(source.evidence[i] for i in sorted((min(named_a), min(named_b))))


def _met_attrs(pair: tuple[str, str], sources: list[_MetSource]) -> dict[str, Any] | None:
    """The attributes of the `met` edge of `pair` from the events the two shared, in event order.

    Only events whose evidence names both people count; None when there is none.
    """
    shown = [(s, text) for s in sources if (text := _naming_sentences(s, *pair))]
    if not shown:
        return None
    evidence: dict[str, None] = {}
    for _, texts in shown:
        if evidence and len(evidence) + len(texts) > MAX_EDGE_EVIDENCE:
            break
        evidence.update(dict.fromkeys(texts))
    return {
        "relation": "met",
        "weight": len(shown),
        "docs": sorted({s.doc for s, _ in shown}),
        "evidence": list(evidence),
        "rules": sorted({s.rule for s, _ in shown if s.rule}),
        "events": [s.event for s, _ in shown],
        "dates": sorted({s.date for s, _ in shown if s.date}),
        "places": sorted({place for s, _ in shown for place in s.places}),
        "shared_events": [
            {"event": s.event, "type": s.type, "date": s.date, "places": list(s.places), "evidence": list(texts)}
            for s, texts in shown
        ],
    }


def _names_in(evidence: tuple[str, ...], forms: dict[str, set[str]]) -> dict[str, frozenset[int]]:
    """Person -> the indices of the evidence sentences that contain one of the person's names."""
    folded = [fold(text) for text in evidence]
    return {
        person: frozenset(i for i, text in enumerate(folded) if any(form in text for form in names))
        for person, names in forms.items()
    }


def _entity_label(entity: Entity) -> str:
    """The name; a namesake split from another person of that name also shows what tells them apart."""
    namesake = entity_id(entity.type, entity.name) + "/"
    return f"{entity.name}（{entity.id.removeprefix(namesake)}）" if entity.id.startswith(namesake) else entity.name


def _number_repeated_labels(events: list[dict[str, Any]]) -> None:
    """Events sharing a label (two meetings one day, no place or headline) get (2), (3) … in id order."""
    seen: dict[str, int] = {}
    for attrs in events:
        seen[attrs["label"]] = count = seen.get(attrs["label"], 0) + 1
        if count > 1:
            attrs["label"] = f"{attrs['label']} ({count})"


class _Builder:
    def __init__(self, entities: list[Entity]) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        # (person, person) -> the events they both took part in: a busy pair meets in thousands of events,
        # so its edge is made once at the end instead of merged event by event
        self.met: dict[tuple[str, str], list[_MetSource]] = {}
        self.site_index = self._site_index(entities)
        self.headlines: dict[tuple[str, int], str] = {}  # (document, article) -> its headline
        for entity in entities:
            self.nodes[entity.id] = {
                "kind": KINDS.get(entity.type, entity.type.lower()),
                "label": _entity_label(entity),
                "name": entity.name,
                "type": entity.type,
                "aliases": list(entity.aliases),
                "titles": list(entity.titles),
                "groups": list(entity.groups),
                "mentions": entity.mentions,
                "docs": dict.fromkeys(entity.docs),
                "events": {},
                "evidence": {},
                "rules": {},
            }

    @staticmethod
    def _site_index(entities: Iterable[Entity]) -> dict[str, str]:
        """Surface form -> org/place id; an exact name beats an alias, organizations beat places."""
        ranked = sorted(
            (0 if form == e.name else 1, 0 if e.type == "ORGANIZATION" else 1, e.id, form)
            for e in entities
            if e.type in ("ORGANIZATION", "LOCATION")
            for form in {e.name, *e.aliases}
        )
        index: dict[str, str] = {}
        for *_, id_, form in ranked:
            index.setdefault(form, id_)
        return index

    def entity(self, known: str | None, type_: str, name: str) -> str:
        """Node id of an event argument; arguments that were never resolved get a node of their own."""
        node = known or self.site_index.get(clean_name(name)) or entity_id(type_, clean_name(name))
        if node not in self.nodes:
            self.nodes[node] = {
                "kind": KINDS[type_],
                "label": clean_name(name),
                "name": clean_name(name),
                "type": type_,
                "aliases": [clean_name(name)],
                "titles": [],
                "mentions": 0,
                "docs": {},
                "events": {},
                "evidence": {},
                "rules": {},
            }
        return node

    def link(self, u: str, v: str, relation: str, *fields: dict[str, dict[Any, None]]) -> None:
        attrs = self.edges.get((u, v, relation))
        if attrs is None:
            attrs = self.edges[u, v, relation] = {"relation": relation}
        for extra in fields:
            _merge(attrs, extra, MAX_EDGE_EVIDENCE)

    def took_part(self, node: str, event: Event, provenance: dict[str, dict[Any, None]]) -> None:
        attrs = self.nodes[node]
        _merge(attrs, provenance, MAX_NODE_EVIDENCE)
        attrs["events"][event.id] = None

    def add_event(self, event: Event) -> None:
        node = event_node(event.id)
        provenance = {
            "docs": {event.doc: None},
            "evidence": _ordered_set(e.text for e in event.evidence if e.text),
            "rules": _ordered_set([event.rule or None]),
        }
        self.nodes[node] = {
            "kind": "event",
            "label": f"{event.type} {event.date or '?'}",
            "name": event.id,
            "type": event.type,
            "date": event.date,
            "time": event.time,
            "time_of_day": event.time_of_day,
            "doc": event.doc,
            "article": event.article,
            "rule": event.rule,
            "confidence": event.confidence,
            "evidence_spans": [{"sentence": e.sentence, "start": e.start, "end": e.end} for e in event.evidence],
            **{k: list(v) for k, v in provenance.items()},
        }
        self.document(event.doc)
        self.link(node, document_node(event.doc), "reported_in", provenance)

        forms: dict[str, set[str]] = {}  # person -> the names the evidence may call them by, folded
        for participant in event.participants:
            person = self.entity(participant.entity, "PERSON", participant.name)
            self.link(
                person,
                node,
                participant.role or "participant",
                provenance,
                {"titles": _ordered_set([participant.title]), "names": {participant.name: None}},
            )
            self.took_part(person, event, provenance)
            self.holds_titles(person, participant.title, provenance)
            forms.setdefault(person, set()).add(fold(participant.name))
        places: list[str] = []
        for argument in event.places:
            place = self.entity(argument.entity, "LOCATION", argument.name)
            self.link(node, place, "held_at", provenance, {"names": {argument.name: None}})
            self.took_part(place, event, provenance)
            places.append(self.nodes[place]["name"])
        self.nodes[node]["label"] = self._event_label(event, places)
        for argument in event.organizations:
            org = self.entity(argument.entity, "ORGANIZATION", argument.name)
            self.link(org, node, "organization", provenance, {"names": {argument.name: None}})
            self.took_part(org, event, provenance)
        if len(forms) < 2 or len(forms) > MAX_MET_GROUP:
            return
        for person, names in forms.items():
            names.update(fold(name) for name in (self.nodes[person]["name"], *self.nodes[person]["aliases"]) if name)
        evidence = tuple(provenance["evidence"])
        source = _MetSource(
            event.id,
            event.type,
            event.doc,
            event.rule or None,
            event.date,
            tuple(places),
            evidence,
            _names_in(evidence, forms),
        )
        for pair in combinations(sorted(forms), 2):
            self.met.setdefault(pair, []).append(source)

    def _event_label(self, event: Event, places: list[str]) -> str:
        """Type, date and where: the first place, else the article's headline (made unique in `graph`)."""
        where = places[0] if places else self.headlines.get((event.doc, event.article), "")
        where = where if len(where) <= MAX_LABEL_HEADLINE else where[: MAX_LABEL_HEADLINE - 1] + "…"
        return " ".join(part for part in (event.type, event.date or "undated", where) if part)

    def holds_titles(self, person: str, title: str | None, provenance: dict[str, Any]) -> None:
        for org_name in title_orgs(title):
            org = self.entity(None, "ORGANIZATION", org_name)
            self.link(person, org, "holds_title", provenance, {"titles": {title: None}})

    def document(self, doc_id: str, doc: Document | None = None) -> None:
        node = document_node(doc_id)
        if node in self.nodes and doc is None:
            return
        if doc is not None:
            headlines = ((a.index, a.headlines[0] if a.headlines else doc.title) for a in doc.articles)
            self.headlines.update(((doc_id, index), headline) for index, headline in headlines if headline)
        self.nodes[node] = {
            "kind": "document",
            "label": (doc and (doc.title or next((a.headlines[0] for a in doc.articles if a.headlines), None)))
            or doc_id,
            "name": doc_id,
            "date": doc.date if doc else None,
            "source": doc.source if doc else None,
            "title": doc.title if doc else None,
            "status": doc.status if doc else None,
            "docs": {doc_id: None},
            "evidence": {},
            "rules": {},
        }

    def graph(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        _number_repeated_labels([self.nodes[n] for n in sorted(self.nodes) if self.nodes[n]["kind"] == "event"])
        g.add_nodes_from((node, _listed(self.nodes.pop(node))) for node in sorted(self.nodes))
        g.add_edges_from(self._edge_rows())
        return g

    def _edge_rows(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """Edges in sorted order, each released from the builder as it goes into the graph."""
        for u, v, key in sorted([*self.edges, *((a, b, "met") for a, b in self.met)]):
            if key == "met":
                attrs = _met_attrs((u, v), self.met.pop((u, v)))
                if attrs is not None:
                    yield u, v, key, attrs
                continue
            attrs = _listed(self.edges.pop((u, v, key)))
            attrs["docs"], attrs["rules"] = sorted(attrs["docs"]), sorted(attrs["rules"])
            yield u, v, key, attrs


@paused_gc()
def build_graph(entities: list[Entity], events: list[Event], documents: list[Document]) -> nx.MultiDiGraph:
    """The knowledge graph; node and edge order is sorted, so equal inputs give equal graphs."""
    builder = _Builder(sorted(entities, key=lambda e: e.id))
    for doc in sorted(documents, key=lambda d: d.id):
        builder.document(doc.id, doc)
    for event in sorted(events, key=lambda e: e.id):
        builder.add_event(event)
    for entity in sorted(entities, key=lambda e: e.id):
        if entity.type == "PERSON":
            provenance = {"docs": _ordered_set(entity.docs), "evidence": {}, "rules": {"title": None}}
            for title in entity.titles:
                builder.holds_titles(entity.id, title, provenance)
    return builder.graph()
