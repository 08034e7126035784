"""Hostile names and sentences go through the real pipeline and the exporters as inert text.

Markup (<script>, </textarea>, an onerror handler), quotes, control characters and very long
strings must show as text in graph.html (a headless Chromium proves no injected script ran) and
must round-trip through GraphML, CSV and JSON unharmed.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from browser_helpers import browse
from build_helpers import write_jsonl

from kg.api import build
from kg.graph import build_graph
from kg.graph.export import read_graph, write_csv, write_graphml, write_json
from kg.graph.html import write_html
from kg.io.atomic import read_jsonl
from kg.model import Entity

MARK = "document.body.dataset.pwned='{}'"  # sets data-pwned; no commas or spaces, which split sentences
SCRIPT_NAME = f"<script>{MARK.format('script')}</script>"
TEXTAREA_NAME = f"\"'</textarea><svg/onload={MARK.format('svg')}>"  # no spaces: OCR repair drops them
CONTROL_NAME = "李\x07春\x1b华\x7f"
LONG_NAME = "王" + "长" * 300  # sentences are cut at 400 characters
HOSTILE = (SCRIPT_NAME, TEXTAREA_NAME, CONTROL_NAME, LONG_NAME)
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _page() -> str:
    return (
        f"本报讯 12月9日上午，市委书记{SCRIPT_NAME}主持召开全市安全生产工作会议。副市长{TEXTAREA_NAME}出席会议。\n"
        f"{CONTROL_NAME}、{LONG_NAME}参加会议。\n"
        f"会议强调{'要压实责任，' * 2000}确保安全。\n"
        "<b>加粗</b> & \"引号\" '单引号' </textarea>\n"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The hostile page built through the real pipeline; a lexicon makes the hostile names people."""
    root = tmp_path_factory.mktemp("hostile")
    lexicon = root / "lexicon.csv"
    with lexicon.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("name", "type"), *((name, "PERSON") for name in HOSTILE)])
    record = {"id": "h1", "date": "2021-12-09", "title": f"</title>{SCRIPT_NAME}", "text": _page()}
    out = root / "out"
    build([write_jsonl(root / "hostile.jsonl", [record])], out, lexicon=lexicon, progress=False)
    return out


def _dom(page: Path, profile: Path) -> str:
    return browse(page, profile, "--dump-dom").stdout


def test_hostile_names_become_entities_of_the_real_pipeline(built):
    names = {e["name"] for e in read_jsonl(built / "entities.jsonl") if e["type"] == "PERSON"}
    assert {SCRIPT_NAME, TEXTAREA_NAME, LONG_NAME} <= names
    assert any(name.startswith("李") and "春" in name for name in names)


def test_graph_html_shows_hostile_text_and_runs_no_injected_script(built, tmp_path):
    dom = _dom(built / "graph.html", tmp_path / "profile")
    assert 'data-stabilized="1"' in dom  # the page's own script ran to the end
    assert 'data-pwned="' not in dom  # no injected script or handler ran
    assert "&lt;script&gt;document.body.dataset.pwned" in dom  # the name is shown, as text


def test_graphml_parses_and_keeps_hostile_names(built):
    g = nx.read_graphml(built / "graph.graphml")
    names = {data.get("name") for _, data in g.nodes(data=True)}
    assert {SCRIPT_NAME, TEXTAREA_NAME, LONG_NAME} <= names


def test_csv_parses_with_one_row_per_node_and_hostile_labels_intact(built):
    with (built / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    graph = read_graph(built / "graph.json")
    assert len(rows) == graph.number_of_nodes()
    assert {SCRIPT_NAME, TEXTAREA_NAME, LONG_NAME} <= {row["Label"] for row in rows}
    with (built / "edges.csv").open(encoding="utf-8", newline="") as handle:
        assert sum(1 for _ in csv.reader(handle)) == graph.number_of_edges() + 1


def test_every_jsonl_line_is_one_record_and_the_long_sentence_survives(built):
    for name in ("documents.jsonl", "sentences.jsonl", "mentions.jsonl", "entities.jsonl", "events.jsonl"):
        lines = (built / name).read_text(encoding="utf-8").split("\n")
        assert lines[-1] == ""
        assert all(isinstance(json.loads(line), dict) for line in lines[:-1])
    text = "".join(s["text"] for s in read_jsonl(built / "sentences.jsonl"))
    assert "要压实责任，" * 2000 in text
    assert "</textarea>" in text
    (doc,) = read_jsonl(built / "documents.jsonl")
    assert doc["title"] == f"</title>{SCRIPT_NAME}"


def test_exporters_round_trip_hostile_names_directly(tmp_path):
    names = [*HOSTILE, "\u2028换行\u2029", 'a,b;"c"\r\nd', "\x00\ufffe"]
    entities = [Entity(id=f"per:{i}", type="PERSON", name=name, aliases=[name]) for i, name in enumerate(names)]
    g = build_graph(entities, [], [])
    write_graphml(g, tmp_path / "g.graphml")
    write_json(g, tmp_path / "g.json")
    write_csv(g, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    write_html(g, tmp_path / "g.html")
    graphml = nx.read_graphml(tmp_path / "g.graphml")
    assert [graphml.nodes[f"per:{i}"]["name"] for i in range(len(names))] == [
        # XML cannot carry control characters (U+FFFD instead); \r survives as the reference &#13;
        XML_INVALID.sub("\ufffd", n).replace("\ufffe", "\ufffd")
        for n in names
    ]
    reread = read_graph(tmp_path / "g.json")
    assert [reread.nodes[f"per:{i}"]["name"] for i in range(len(names))] == names
    with (tmp_path / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        labels = {row["Id"]: row["Label"] for row in csv.DictReader(handle)}
    assert [labels[f"per:{i}"] for i in range(len(names))] == names
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert page.count("<script") == page.lower().count("<script")  # no case trick slipped through
    assert "<script>document.body" not in page and "</textarea>" not in page and "<svg/" not in page


def test_csv_cells_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(tmp_path):
    names = ['=HYPERLINK("http://x","点我")', "+1", "-2", "@SUM(A1)", "\tx", "王立新", ""]
    entities = [Entity(id=f"per:{i}", type="PERSON", name=name, aliases=[name]) for i, name in enumerate(names)]
    g = build_graph(entities, [], [])
    write_csv(g, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    write_json(g, tmp_path / "g.json")
    with (tmp_path / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        labels = {row["Id"]: row["Label"] for row in csv.DictReader(handle)}
    guarded = [labels[f"per:{i}"] for i in range(len(names))]
    assert guarded == ["'" + n for n in names[:5]] + names[5:]
    reread = read_graph(tmp_path / "g.json")  # only the CSV is guarded: JSON keeps the text as printed
    assert [reread.nodes[f"per:{i}"]["name"] for i in range(len(names))] == names
