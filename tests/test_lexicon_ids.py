"""--lexicon ids pin a person's identity: namesakes the titles would split stay one entity, with the user's id."""

from __future__ import annotations

import json

import pytest

from kg.api import build
from kg.io.atomic import read_jsonl
from kg.tag.lexicon import Lexicon, LexiconError

PAGES = {  # one name, two posts that conflict (a provincial secretary and a CPPCC member): split without a pin
    "a.txt": "本报讯 3月5日，云南省委书记王宁主持召开省委常委会议。\n",
    "b.txt": "本报讯 3月9日，全国政协委员王宁在小组讨论时发言。\n",
}


def _pages(folder):
    folder.mkdir()
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _people(out) -> dict[str, dict]:
    return {e["id"]: e for e in read_jsonl(out / "entities.jsonl") if e["type"] == "PERSON"}


def test_without_a_pin_the_conflicting_titles_split_the_name(tmp_path):
    build([_pages(tmp_path / "in")], tmp_path / "out", cache=False, progress=False)
    assert len([p for p in _people(tmp_path / "out").values() if p["name"] == "王宁"]) == 2


def test_a_lexicon_id_makes_one_person_with_that_id_and_says_why(tmp_path):
    lexicon = tmp_path / "people.csv"
    lexicon.write_text("name,type,aliases,id\n王宁,PERSON,,person/wang-ning\n", encoding="utf-8")
    out = tmp_path / "out"
    build([_pages(tmp_path / "in")], out, lexicon=lexicon, cache=False, progress=False)
    people = _people(out)
    (wang,) = [p for p in people.values() if p["name"] == "王宁"]
    assert wang["id"] == "person/wang-ning" and sorted(wang["docs"]) == ["a", "b"]
    assert any(r["decision"] == "pin" for r in wang["resolution"])
    nodes = {n["id"] for n in json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]}
    assert "person/wang-ning" in nodes


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("王宁,PERSON,,p1\n王宁宁,PERSON,,p1\n", "id 'p1' is given to both 王宁 and 王宁宁"),
        ("云南省委,ORG,,o1\n", "an id pins a person's identity"),
    ],
)
def test_lexicon_ids_that_cannot_pin_one_person_are_errors(tmp_path, rows, message):
    path = tmp_path / "lexicon.csv"
    path.write_text("name,type,aliases,id\n" + rows, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        Lexicon.load(path)
