"""Exporters by name: the built-in outputs of every build, and plug-ins from the `kg.exporters` entry point group
(tests/plugins/kg_fake_exporters.py) written with `--export NAME`, staged and published with the rest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from build_helpers import run_kg

from kg.api import build
from kg.graph.exporters import BUILT_IN, ExporterError, exporters
from kg.options import BuildError

PLUGINS = Path(__file__).parent / "plugins"
PAGE = "本报讯 12月9日上午，市委书记王立新主持召开会议，副市长李春华出席会议。\n"


@pytest.fixture
def plugin(monkeypatch) -> None:
    """Make the fake exporters importable and discoverable here and in `kg` subprocesses."""
    monkeypatch.syspath_prepend(str(PLUGINS))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")])))


def _inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    return folder


def test_every_built_in_exporter_imports_and_writes_what_the_report_lists(tmp_path: Path) -> None:
    assert [e.name for e in exporters()] == [e.name for e in BUILT_IN]
    report = build([_inputs(tmp_path)], tmp_path / "out", date="2021-12-09", progress=False, cache=False)
    written = {p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".") and p.name != "cache"}
    assert written == set(report.outputs)
    assert {name for e in BUILT_IN for name in e.outputs} <= written


def test_a_plugin_exporter_named_on_the_build_is_written_and_listed(plugin, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = build(
        [_inputs(tmp_path)], out, date="2021-12-09", progress=False, cache=False, exporters=["graph.edgelist"]
    )
    assert "graph.edgelist" in report.outputs
    header, *edges = (out / "graph.edgelist").read_text(encoding="utf-8").splitlines()
    assert header == "# documents\t1"
    assert edges and all(line.count("\t") == 2 for line in edges)
    assert any(line.endswith("\tmet") for line in edges)


def test_the_cli_writes_a_plugin_exporter_and_its_help_lists_the_installed_ones(plugin, tmp_path: Path) -> None:
    assert "graph.edgelist" in run_kg("build", "--help").stdout
    out = tmp_path / "out"
    inputs = str(_inputs(tmp_path))
    done = run_kg("build", inputs, "--out", str(out), "--date", "2021-12-09", "--export", "graph.edgelist")
    assert done.returncode == 0, done.stderr
    assert (out / "graph.edgelist").is_file()


@pytest.mark.parametrize(
    ("name", "says"), [("graph.dot", "unknown exporter 'graph.dot'"), ("broken.txt", "failed to import")]
)
def test_an_unknown_or_broken_exporter_stops_the_build_before_anything_is_written(
    plugin, tmp_path: Path, name: str, says: str
) -> None:
    with pytest.raises(ExporterError, match=says):
        exporters([name])
    out = tmp_path / "out"
    with pytest.raises(BuildError, match=says):
        build([_inputs(tmp_path)], out, date="2021-12-09", progress=False, exporters=[name])
    assert not out.exists()
