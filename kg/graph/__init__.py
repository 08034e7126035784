"""Aliases, graph assembly, exports and queries: the reduce side of a kg build."""

from kg.graph.aliases import resolve_entities
from kg.graph.build import build_graph

__all__ = ["build_graph", "resolve_entities"]
