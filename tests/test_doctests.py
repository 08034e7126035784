"""The examples in the public API's docstrings run, and give what they show."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# module -> the folder its examples run in: kg.api's build from data/sample, as the README does; the queries
# read out/sample, the build the set-up command makes (here made afresh in a temporary folder)
DOCUMENTED = {"kg.api": "repo", "kg.graph.query": "built sample"}


@pytest.fixture(scope="module")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.api import build

    folder = tmp_path_factory.mktemp("doctest")
    build([REPO / "data" / "sample"], folder / "out" / "sample", dates_file=REPO / "data" / "sample" / "dates.tsv")
    return folder


@pytest.mark.parametrize("name", DOCUMENTED)
def test_docstring_examples_run(name, monkeypatch, request):
    monkeypatch.chdir(REPO if DOCUMENTED[name] == "repo" else request.getfixturevalue("built_sample"))
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0, f"{name} has no examples"
    assert failed == 0


def test_the_api_the_readme_imports_from_kg_is_there() -> None:
    import kg

    for name in ("build", "tag_texts", "load_graph", "who_met", "timeline", "find_events", "entities", "frames"):
        assert callable(getattr(kg, name)), name
    assert callable(kg.ego_subgraph) and callable(kg.write_parquet)
