"""Hand-made graphs for the graph.html tests (invented names)."""

from __future__ import annotations

import networkx as nx
from graph_helpers import event

from kg.graph import build_graph
from kg.model import Document, Entity

# Two pairs of people whose `met` edges were both called "per:张|per:李|per:王|met" as source|target|key.
COLLIDING_PAIRS = (("张|per:李", "王"), ("张", "李|per:王"))


def colliding_graph() -> nx.MultiDiGraph:
    """Issue 11, crash class 4: lexicon names with | whose edges had one id in graph.html."""
    people = [Entity(id=f"per:{n}", type="PERSON", name=n, aliases=[n]) for pair in COLLIDING_PAIRS for n in pair]
    events = []
    for n, pair in enumerate(COLLIDING_PAIRS):
        meeting = event(f"d#e{n}", "d", participants=[(name, "attendee") for name in pair], evidence="、".join(pair))
        for participant in meeting.participants:
            participant.entity = f"per:{participant.name}"
        events.append(meeting)
    return build_graph(people, events, [Document(id="d", source="d.txt")])
