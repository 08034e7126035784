"""notebooks/explore.ipynb runs top to bottom against a freshly built graph (KG_OUT points at it)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import networkx as nx
from graph_helpers import sample_graph
from nbclient import NotebookClient

from kg.graph.export import write_json

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def _text(notebook) -> str:
    return "\n".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )


def test_notebook_answers_who_met_and_exports_an_ego_network(tmp_path, monkeypatch):
    write_json(sample_graph(), tmp_path / "graph.json")
    monkeypatch.setenv("KG_OUT", str(tmp_path))
    monkeypatch.setenv("KG_PERSON", "陈海峰")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    ).execute()
    text = _text(notebook)
    assert "24 nodes, 38 edges" in text
    assert "Looking at: 陈海峰" in text
    assert "王立新\t1\t2022-01-05\t清河医院\td3#e0" in text  # who met 陈海峰, when, where, through which event
    ego = nx.read_graphml(tmp_path / "ego" / "ego.graphml", force_multigraph=True)
    assert set(ego) == {"per:陈海峰", "event:d3#e0", "per:王立新", "org:东州市委", "org:东州市纪委"}
    assert (tmp_path / "ego" / "ego.html").stat().st_size > 0
