"""Aliases, graph assembly, exports and queries: the reduce side of a kg build."""

from kg.graph.aliases import Resolution, resolve, resolve_entities
from kg.graph.build import build_graph

__all__ = ["Resolution", "build_graph", "resolve", "resolve_entities"]
