"""kg.api.frames: a build as DataFrames with the relating lists exploded into rows, and as Parquet files."""

from __future__ import annotations

import pandas as pd
import pytest
from graph_helpers import sample_graph, sample_results, write_sample_outputs

from kg.api import frames, write_parquet


@pytest.fixture
def out(tmp_path):
    return write_sample_outputs(tmp_path)


def test_frames_have_one_row_per_node_edge_event_and_mention(out):
    g = sample_graph()
    tables = frames(out)
    assert list(tables) == ["nodes", "edges", "events", "participants", "met", "mentions"]
    assert all(isinstance(t, pd.DataFrame) for t in tables.values())
    assert sorted(tables["nodes"]["id"]) == sorted(g.nodes)
    assert len(tables["edges"]) == g.number_of_edges()
    assert list(tables["events"]["id"]) == ["d1#e0", "d2#e0", "d3#e0"]
    assert len(tables["mentions"]) == sum(len(m) for r in sample_results() for m in r.mentions.values())
    met = tables["edges"][tables["edges"]["relation"] == "met"]
    assert set(met["weight"]) == {1}


def test_participants_explode_each_events_people_places_and_organizations(out):
    parts = frames(out)["participants"]
    inspection = parts[parts["event"] == "d2#e0"].sort_values(["role", "entity"])
    assert inspection[["entity", "kind", "role", "name"]].values.tolist() == [
        ["per:周建国", "person", "accompanying", "周建国"],
        ["per:李春华", "person", "inspector", "李春华"],
        ["loc:东城街道农贸市场", "location", "place", "东城街道农贸市场"],
        ["loc:清河医院", "location", "place", "清河医院"],
    ]
    assert inspection.set_index("entity").loc["per:李春华", "title"] == "清河市委副书记、代市长"
    visit_orgs = parts[(parts["event"] == "d3#e0") & (parts["role"] == "organization")]
    assert sorted(visit_orgs["entity"]) == ["org:省委", "org:省政府"]  # 省委省政府: one name, two organizations
    assert parts["entity"].notna().all()
    dates = parts.groupby("event")["date"].first().to_dict()
    assert dates == {"d1#e0": "2021-12-09", "d2#e0": "2021-12-14", "d3#e0": "2022-01-05"}


def test_met_has_a_row_per_pair_and_shared_event_with_the_sentences_naming_both(out):
    met = frames(out)["met"]
    assert len(met) == 8  # six pairs at the meeting, one at the inspection, one on the visit
    visit = met[(met["source_name"] == "王立新") & (met["target_name"] == "陈海峰")].iloc[0]
    assert (visit["event"], visit["type"], visit["date"], visit["places"]) == (
        "d3#e0",
        "visit",
        "2022-01-05",
        ["清河医院"],
    )
    for row in met.itertuples():
        text = "".join(row.evidence)
        assert row.source_name in text and row.target_name in text


def test_parquet_files_read_back_as_the_frames(out, tmp_path):
    files = write_parquet(out, tmp_path / "parquet")
    assert sorted(p.name for p in files) == sorted(f"{n}.parquet" for n in frames(out))
    tables = frames(out)
    for path in files:
        again = pd.read_parquet(path)
        assert again.shape == tables[path.stem].shape, path.name
    nodes = pd.read_parquet(tmp_path / "parquet" / "nodes.parquet").set_index("id")
    assert list(nodes.loc["per:王立新", "titles"]) == sample_graph().nodes["per:王立新"]["titles"]


def test_frames_of_a_folder_without_a_build_say_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `kg build INPUT --out"):
        frames(tmp_path)
