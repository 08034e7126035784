"""Fixtures shared across test files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.api import build

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """One build of the five real seed pages for the whole session (read-only for the tests that use it);
    skips when ../shared is not beside the repository."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS}: ../shared must sit beside the repository")
    out = tmp_path_factory.mktemp("seed_build")
    build([SEEDS], out, dates_file=SEEDS / "dates.tsv", cache=False, progress=False)
    return out
