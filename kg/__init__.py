"""kg: Chinese news -> knowledge graph of who met whom, where and when.

Python API (mirrors the CLI):
    from kg import build, tag_texts, load_graph, who_met, timeline, find_events, entities, ego_subgraph, frames

Names are imported on first use, so `import kg` stays cheap (no networkx, torch or rules until needed).
"""

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "build": "kg.api",
    "load_graph": "kg.api",
    "tag_texts": "kg.api",
    "frames": "kg.api",
    "write_parquet": "kg.api",
    "BuildOptions": "kg.pipeline",
    "who_met": "kg.graph.query",
    "timeline": "kg.graph.query",
    "find_events": "kg.graph.query",
    "entities": "kg.graph.query",
    "ego_subgraph": "kg.graph.query",
    "QueryError": "kg.graph.query",
}
__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value  # later lookups skip this function
    return value
