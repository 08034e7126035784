"""notebooks/explore.ipynb runs top to bottom against a build's outputs (KG_OUT points at them).

It reads the build as DataFrames, answers who-met with filters, draws the ego network inline and exports it
into a temporary folder: the build folder and the notebook's folder are left exactly as they were.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from graph_helpers import write_sample_outputs
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def _outputs(notebook, key: str) -> list:
    return [
        output.get(key) or output.get("data", {}).get(key)
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    ]


def _files(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*") if "checkpoint" not in str(p)}


def test_notebook_answers_who_met_with_filters_draws_the_ego_network_and_writes_nothing(tmp_path, monkeypatch):
    out = write_sample_outputs(tmp_path)
    before, notebooks_before = _files(out), _files(NOTEBOOK.parent)
    monkeypatch.setenv("KG_OUT", str(out))
    monkeypatch.setenv("KG_PERSON", "李春华")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    ).execute()
    text = "\n".join(t for t in _outputs(notebook, "text") if t)
    assert "24 nodes, 34 edges" in text
    assert "participants:" in text and "met:" in text
    assert "Looking at: 李春华" in text
    assert "only meeting events:" in text and "since 2021-12-14:" in text
    assert "周建国" in text.split("since 2021-12-14:")[1]  # the filtered who-met: the inspection of Dec 14
    assert "ego.graphml read back: 9 nodes" in text
    assert [png for png in _outputs(notebook, "image/png") if png]  # the ego network, drawn inline
    assert _files(out) == before and _files(NOTEBOOK.parent) == notebooks_before
