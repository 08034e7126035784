"""The Neo4j export loads into a real embedded Cypher engine (ladybug) two ways and answers like kg's queries.

The neo4j-admin tables go through the engine's CSV reader with the types their headers declare; graph.cypher
runs statement by statement with its :param batches (tests/cypher_helpers.py). Both must give the graph kg
built, and a who-met asked in Cypher must equal `who_met`.
"""

from __future__ import annotations

import csv
import random

import pytest
from cypher_helpers import load_import_tables, rows, run_cypher_script, who_met_in_cypher
from graph_helpers import document, event, sample_graph, sample_results

from kg.graph import build_graph, resolve
from kg.graph.neo4j import cypher_literal, relationship_type, write_neo4j
from kg.graph.query import who_met

# Names that would end a string, a map or a statement if pasted into Cypher, plus the array delimiter.
TRICKY = ['王"}) DETACH DELETE n //', "李'春\\华", "赵;明远", "孙\n丽", "钱`伟`"]


def tricky_graph():
    meeting = event(
        "t1#a0e0",
        "t1",
        participants=[(name, "attendee") for name in TRICKY],
        places=["南山;公园"],
        evidence="".join(TRICKY) + "出席会议。",
    )
    return build_graph([], [meeting], [document("t1", ["会议。"], title='标题"; MATCH (n) DETACH DELETE n')])


@pytest.fixture(params=["sample", "tricky"])
def graph(request):
    return sample_graph() if request.param == "sample" else tricky_graph()


def _nodes(conn):
    return sorted(tuple(r) for r in rows(conn, "MATCH (n) RETURN n.id, label(n), n.name, n.kind"))


def _edges(conn):
    query = "MATCH (a)-[r]->(b) RETURN a.id, b.id, label(r), r.relation, r.weight, r.dates, r.evidence"
    return sorted(tuple(map(str, r)) for r in rows(conn, query))


def test_tables_and_script_load_into_an_embedded_cypher_engine_as_the_same_graph(graph, tmp_path):
    write_neo4j(graph, tmp_path / "neo4j")
    tables = load_import_tables(tmp_path / "neo4j", tmp_path / "tables.db")
    script = run_cypher_script(tmp_path / "neo4j", tmp_path / "script.db")
    expected = sorted((n, d["kind"].capitalize(), d.get("name"), d["kind"]) for n, d in graph.nodes(data=True))
    assert _nodes(tables) == _nodes(script) == expected
    assert _edges(tables) == _edges(script)
    assert sorted(e[:4] for e in _edges(tables)) == sorted(
        (u, v, relationship_type(k), d["relation"]) for u, v, k, d in graph.edges(keys=True, data=True)
    )


def test_a_who_met_in_cypher_equals_who_met(tmp_path):
    g = sample_graph()
    write_neo4j(g, tmp_path / "neo4j")
    for conn in (
        load_import_tables(tmp_path / "neo4j", tmp_path / "tables.db"),
        run_cypher_script(tmp_path / "neo4j", tmp_path / "script.db"),
    ):
        for name in ("王立新", "陈海峰", "李春华"):
            assert who_met_in_cypher(conn, name) == {r["name"]: r["count"] for r in who_met(g, name)}


def test_names_that_would_break_a_pasted_query_come_back_exactly(tmp_path):
    g = tricky_graph()
    write_neo4j(g, tmp_path / "neo4j")
    script = run_cypher_script(tmp_path / "neo4j", tmp_path / "script.db")
    tables = load_import_tables(tmp_path / "neo4j", tmp_path / "tables.db")
    for conn in (script, tables):
        names = {r[0] for r in rows(conn, "MATCH (p:Person) RETURN p.name")}
        assert names == {d["name"] for _, d in g.nodes(data=True) if d["kind"] == "person"}
        assert {'王"})DETACHDELETEn//', "李'春\\华", "赵;明远", "钱`伟`"} <= names  # kg's names drop white space
        (title,) = rows(conn, "MATCH (d:Document) RETURN d.title")[0]
        assert title == '标题"; MATCH (n) DETACH DELETE n'
    text = (tmp_path / "neo4j" / "graph.cypher").read_text(encoding="utf-8")
    statements = [line for line in text.splitlines() if line and not line.startswith((":param", "//"))]
    assert not any(name in line for line in statements for name in ("王", "李", "DETACH"))  # values are parameters


def test_tables_have_typed_import_headers_and_one_label_or_type_per_file(tmp_path):
    write_neo4j(sample_graph(), tmp_path / "neo4j")
    with (tmp_path / "neo4j" / "nodes_Person.csv").open(encoding="utf-8", newline="") as handle:
        people = list(csv.reader(handle))
    assert people[0][:2] == ["id:ID", ":LABEL"]
    assert {"name:string", "titles:string[]", "mentions:long"} <= set(people[0])
    assert {row[1] for row in people[1:]} == {"Person"}
    with (tmp_path / "neo4j" / "rels_MET_Person_Person.csv").open(encoding="utf-8", newline="") as handle:
        met = list(csv.DictReader(handle))
    assert list(met[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    pair = next(r for r in met if (r[":START_ID"], r[":END_ID"]) == ("per:李春华", "per:王立新"))
    assert (pair[":TYPE"], pair["weight:long"], pair["dates:string[]"]) == ("MET", "1", "2021-12-09")
    script = (tmp_path / "neo4j" / "import.sh").read_text(encoding="utf-8")
    assert '--array-delimiter=";"' in script and "--nodes=nodes_Person.csv" in script
    assert "--relationships=rels_MET_Person_Person.csv" in script


def test_cypher_literals_escape_what_would_end_a_string():
    assert cypher_literal('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    assert cypher_literal(["x", 'y"']) == '["x", "y\\""]'
    assert cypher_literal(None) == "null" and cypher_literal(True) == "true" and cypher_literal(2.5) == "2.5"


def test_the_export_is_byte_identical_when_rebuilt_from_shuffled_inputs(tmp_path):
    write_neo4j(sample_graph(), tmp_path / "first")
    shuffled = sample_results()
    random.Random(3).shuffle(shuffled)
    resolution = resolve(shuffled)
    events = resolution.resolved_events(e for r in shuffled for e in reversed(r.events))
    write_neo4j(build_graph(resolution.entities[::-1], events, [r.document for r in shuffled]), tmp_path / "second")
    first = {p.name: p.read_bytes() for p in (tmp_path / "first").iterdir()}
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "second").iterdir()}
    assert len(first) > 5


def test_a_rebuild_replaces_the_neo4j_folder_whole(tmp_path):
    from build_helpers import REPO

    from kg.api import build

    sample = REPO / "data" / "sample"
    build([sample], tmp_path, dates_file=sample / "dates.tsv", progress=False)
    first = {p.name: p.read_bytes() for p in (tmp_path / "neo4j").iterdir()}
    (tmp_path / "neo4j" / "rels_GONE_Person_Event.csv").write_text("left by an older build", encoding="utf-8")
    build([sample], tmp_path, dates_file=sample / "dates.tsv", progress=False)
    assert {p.name: p.read_bytes() for p in (tmp_path / "neo4j").iterdir()} == first


def test_publishing_that_fails_after_the_folder_moved_puts_the_old_folder_back(tmp_path):
    from kg.outdir import publish

    out, staging = tmp_path / "out", tmp_path / "out" / ".kg-build-x"
    (out / "neo4j").mkdir(parents=True)
    (out / "neo4j" / "nodes_Person.csv").write_text("old", encoding="utf-8")
    (out / "graph.json").mkdir()  # a non-empty folder where a file goes: its rename fails
    (out / "graph.json" / "keep").write_text("x", encoding="utf-8")
    (staging / "neo4j").mkdir(parents=True)
    (staging / "neo4j" / "nodes_Event.csv").write_text("new", encoding="utf-8")
    (staging / "graph.json").write_text("{}", encoding="utf-8")
    with pytest.raises(OSError):
        publish(staging, out, ["neo4j", "graph.json"])
    assert [p.name for p in (out / "neo4j").iterdir()] == ["nodes_Person.csv"]
    assert (out / "neo4j" / "nodes_Person.csv").read_text(encoding="utf-8") == "old"
