"""The collector tricks of a build stay inside the build: public functions leave the collector as they found it."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from kg.api import build, load_graph
from kg.graph.gcpause import freeze_survivors, freezing_scope, paused_gc

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


@pytest.fixture
def nothing_frozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_paused_gc_turns_the_collector_off_for_the_block_and_restores_it(nothing_frozen):
    seen = []

    @paused_gc()
    def probe():
        seen.append(gc.isenabled())

    probe()
    assert seen == [False] and gc.isenabled()
    assert gc.get_freeze_count() == 0  # outside a build nothing is frozen
    gc.disable()
    try:
        probe()
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_inside_a_freezing_scope_survivors_are_frozen_and_released_at_its_end(nothing_frozen):
    class Node:
        pass

    with freezing_scope():
        with paused_gc():
            kept = [Node() for _ in range(100)]
        assert gc.get_freeze_count() > 0  # what the block built is hidden from the next young collection
        cycle = Node()
        cycle.self = cycle
        garbage = weakref.ref(cycle)
        del cycle
        freeze_survivors()
        assert garbage() is None  # the unreachable young cycle was collected before the freeze
    assert gc.get_freeze_count() == 0 and kept


def test_a_caller_with_frozen_objects_of_its_own_keeps_them_frozen_and_gets_nothing_more(nothing_frozen):
    gc.freeze()
    before = gc.get_freeze_count()
    with freezing_scope(), paused_gc():
        freeze_survivors()
        extra = [object() for _ in range(1000)]
    assert gc.get_freeze_count() == before and extra


def test_freeze_survivors_outside_a_build_does_nothing(nothing_frozen):
    freeze_survivors()
    assert gc.get_freeze_count() == 0


def test_a_build_and_every_public_export_leave_the_freeze_count_unchanged(tmp_path, nothing_frozen):
    from kg.graph.export import write_csv, write_graphml, write_json
    from kg.graph.gexf import write_gexf
    from kg.graph.html import write_html
    from kg.graph.neo4j import write_neo4j

    build([SAMPLE], tmp_path / "out", cache=False, progress=False)
    assert gc.get_freeze_count() == 0
    graph = load_graph(tmp_path / "out")
    for write in (
        lambda: write_graphml(graph, tmp_path / "g.graphml"),
        lambda: write_json(graph, tmp_path / "g.json"),
        lambda: write_csv(graph, tmp_path / "n.csv", tmp_path / "e.csv"),
        lambda: write_gexf(graph, tmp_path / "g.gexf"),
        lambda: write_html(graph, tmp_path / "g.html"),
        lambda: write_neo4j(graph, tmp_path / "neo4j"),
    ):
        write()
        assert gc.get_freeze_count() == 0
