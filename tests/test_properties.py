"""Property-based tests: OCR repair offsets, the date normalizer and the exporters hold for any input."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.graph import build_graph
from kg.graph.export import read_graph, write_csv, write_graphml, write_json
from kg.graph.html import render_html
from kg.ingest import repair, segment
from kg.model import Document, Entity
from kg.tag.dates import find_dates, resolve_dates

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PAGE_CHARS = st.sampled_from(list("王立新李春华东城街道召开会议检查。，、：“”（）12月9日 \n\n\n\t□■abc"))
pages = st.lists(PAGE_CHARS, max_size=300).map("".join)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@FAST
@given(pages)
def test_every_repaired_character_maps_back_to_the_same_raw_character(raw):
    text, offsets = repair(raw)
    assert len(text) == len(offsets) == len(set(offsets))
    assert all(raw[o] == ch for ch, o in zip(text, offsets, strict=True))


@FAST
@given(pages)
def test_every_sentence_character_maps_back_to_the_raw_document(raw):
    doc = segment(Document(id="p", source="p.txt", text=raw))
    for sentence in doc.sentences:
        assert len(sentence.offsets) == len(sentence.text)
        assert all(raw[o] == ch for ch, o in zip(sentence.text, sentence.offsets, strict=True))


@FAST
@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=12), dates.map(date.isoformat)))
def test_date_finding_and_resolving_never_crash(text, doc_date):
    mentions = find_dates(text)
    resolve_dates(mentions, doc_date)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


@FAST
@given(dates, dates)
def test_a_full_chinese_date_normalizes_to_its_iso_form_whatever_the_doc_date(day, doc_day):
    (mention,) = find_dates(f"{day.year}年{day.month}月{day.day}日")
    resolve_dates([mention], doc_day.isoformat())
    assert mention.normalized == day.isoformat()


@FAST
@given(dates, st.integers(min_value=0, max_value=60))
def test_a_month_day_date_resolves_against_a_doc_date_shortly_after_it(day, days_later):
    (mention,) = find_dates(f"据悉，{day.month}月{day.day}日上午召开会议")
    resolve_dates([mention], (day + timedelta(days=days_later)).isoformat())
    assert mention.normalized == day.isoformat()


def _graph(name: str) -> nx.MultiDiGraph:
    return build_graph([Entity(id="per:x", type="PERSON", name=name, aliases=[name])], [], [])


@FAST
@given(names)
@example(name="=HYPERLINK(1)")
def test_any_name_survives_json_csv_graphml_and_html(tmp_path_factory, name):
    folder: Path = tmp_path_factory.mktemp("export")
    g = _graph(name)
    write_json(g, folder / "g.json")
    assert read_graph(folder / "g.json").nodes["per:x"]["name"] == name
    write_csv(g, folder / "nodes.csv", folder / "edges.csv")
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        # a cell a spreadsheet would run as a formula is quoted with a leading apostrophe
        quoted = "'" + name if name.startswith(("=", "+", "-", "@", "\t", "\r")) else name
        assert [row["Label"] for row in csv.DictReader(handle)] == [quoted]
    write_graphml(g, folder / "g.graphml")
    expected = name.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")
    assert nx.read_graphml(folder / "g.graphml").nodes["per:x"]["name"] == expected
    data = render_html(g).split('id="kg-data">', 1)[1].split("</script>", 1)[0]  # ends at the first </script>
    (node,) = json.loads(data)["nodes"]
    assert node["tip"].split("\n", 1)[0] == name.split("\n", 1)[0]
