"""kg: Chinese news -> knowledge graph of who met whom, where and when.

Python API (mirrors the CLI):
    from kg import build, BuildOptions, load_graph, who_met, timeline, find_events, ego_subgraph
"""

__version__ = "0.1.0"
