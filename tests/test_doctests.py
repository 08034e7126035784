"""The examples in the public API's docstrings run, and give what they show."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCUMENTED = ("kg.api",)  # modules whose docstrings carry examples


@pytest.mark.parametrize("name", DOCUMENTED)
def test_docstring_examples_run(name, monkeypatch):
    monkeypatch.chdir(REPO)  # examples use paths relative to the repository, as the README does
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0, f"{name} has no examples"
    assert failed == 0
