"""Person identity from what a page calls a person (航天员, 辅导员) and from the bodies their titles belong to.

All names, places, bodies and sentences are invented (provinces 南州省 and 北川省, city 东州, 清河航空基金会).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from graph_helpers import document, mention, result

from kg.graph import resolve_entities
from kg.io.atomic import write_jsonl
from kg.tag.titles import attach_titles

REPORT = Path(__file__).resolve().parents[1] / "pipelines" / "namesakes_report.py"


def _tagged(text: str, names: list[str]) -> list:
    """PERSON mentions of `names` in `text`, with titles and descriptors read as the tagger reads them."""
    found = [mention(name, "PERSON", text) for name in names]
    attach_titles(text, found)
    return found


def _page(doc: str, date: str, text: str, names: list[str]) -> object:
    return result(document(doc, [text], date=date), [_tagged(text, names)])


def _people(results: list, name: str) -> dict:
    return {e.id: e for e in resolve_entities(results, city="none") if e.type == "PERSON" and e.name == name}


def _reasons(entity, decision: str) -> list[str]:
    return [r["reason"] for r in entity.resolution if r["decision"] == decision]


@pytest.mark.parametrize(
    ("text", "names", "descriptors"),
    [
        ("这是飞行员周航在空中拍下的照片。", ["周航"], [["飞行员"]]),
        ("试飞员周航、林远、韩冰完成了首飞。", ["周航", "林远", "韩冰"], [["试飞员"]] * 3),
        ("片中讲述了方晴、石岚等6名乡村教师的故事。", ["方晴", "石岚"], [["教师"]] * 2),
        ("飞行员周航、林远等4名教练员参加培训。", ["周航", "林远"], [["飞行员", "教练员"]] * 2),
        ("党员周航带头捐款，大家为周航点赞。", ["周航"], [None]),  # 党员, 大家: nothing about who one is
        ("记者周航报道。", ["周航"], [None]),  # 记者 is a title, not a descriptor
        ("全国人大财经委主任委员周航作说明。", ["周航"], [None]),  # 主任委员: part of a title
        ("名单：楼阳生周航", ["楼阳生", "周航"], [None, None]),  # the name before is not a descriptor
        ("航天员的故事。", [], []),  # a sentence without names
    ],
)
def test_descriptors_are_read_before_a_name_after_a_group_and_along_a_list(text, names, descriptors):
    assert [m.attrs.get("descriptors") for m in _tagged(text, names)] == descriptors


def test_namesakes_called_by_different_professions_are_two_people():
    results = [
        _page("a1", "2022-06-05", "飞行员周航驾机平安返航。", ["周航"]),
        _page("a2", "2022-09-01", "试飞员韩冰、周航顺利完成任务。", ["韩冰", "周航"]),  # one trade: 飞行员
        _page("a3", "2023-03-01", "飞行员周航向青少年介绍了飞行知识。", ["周航"]),
        _page("a4", "2023-03-30", "节目讲述了方晴、周航等10名乡村教师的故事。", ["方晴", "周航"]),
        _page("a5", "2023-04-01", "周航在会上发言。", ["周航"]),
    ]
    people = _people(results, "周航")
    assert set(people) == {"per:周航", "per:周航#2"}  # a namesake id names a printed title; 教师 is none
    assert people["per:周航#2"].docs == ["a4"]
    assert people["per:周航"].docs == ["a1", "a2", "a3", "a5"]  # an untitled page joins the best attested
    assert _reasons(people["per:周航#2"], "split") == ["教师 and 飞行员、试飞员 are different professions"]
    assert "titles agree: both name 飞行员" in _reasons(people["per:周航"], "merge")


@pytest.mark.parametrize(
    ("government", "body"),
    [("南州省省长", "清河航空基金会主席"), ("东州市副市长", "远航电子公司总裁"), ("西河县县长", "青年商会会长")],
)
def test_a_local_government_post_and_a_post_in_a_non_government_body_are_two_people(government, body):
    results = [
        _page("b1", "2023-08-10", f"{government}高岚表示，救援仍在进行。", ["高岚"]),
        _page("b2", "2023-08-20", f"{government}高岚说，道路已经恢复通行。", ["高岚"]),
        _page("b3", "2023-09-19", f"{body}高岚致信感谢。", ["高岚"]),
    ]
    people = _people(results, "高岚")
    assert len(people) == 2 and people["per:高岚"].docs == ["b1", "b2"]
    split = _reasons(people["per:高岚"], "split")
    assert split == [f"{government} (a government post) and {body} (a non-government body): unrelated"]


@pytest.mark.parametrize(
    "pages",
    [
        # a province, then a ministry: a career, not two people (财政部 is no non-government body)
        [("2023-05-17", "南州省委书记钟远主持会议。"), ("2023-11-05", "财政部部长钟远出席。")],
        # a national post and a foundation naming no place: state leaders chair foundations
        [("2023-03-01", "全国政协副主席钟远出席。"), ("2023-06-01", "宋庆龄基金会主席钟远致辞。")],
        # what a page calls a senior official (院士) does not make a plain member of him
        [("2023-03-01", "南州省委书记钟远主持会议。"), ("2023-06-01", "院士钟远作报告。")],
        # a descriptor of no known trade (专家, 火炬手) may be said of anyone; one trade in two words
        [("2023-03-01", "飞行员钟远驾机返航。"), ("2023-06-01", "专家钟远作报告。")],
        [("2023-03-01", "运动员钟远夺冠。"), ("2023-06-01", "火炬手钟远传递火炬。")],
        [("2023-03-01", "运动员钟远夺冠。"), ("2023-06-01", "教练员钟远指导训练。")],
        # a descriptor and an untitled page: nothing tells them apart
        [("2023-03-01", "飞行员钟远驾机返航。"), ("2023-06-01", "钟远出席活动。")],
    ],
)
def test_pages_without_conflicting_evidence_stay_one_person(pages):
    results = [_page(f"c{i}", date, text, ["钟远"]) for i, (date, text) in enumerate(pages)]
    people = _people(results, "钟远")
    assert list(people) == ["per:钟远"]
    assert people["per:钟远"].docs == ["c0", "c1"]
    assert not _reasons(people["per:钟远"], "split")


def _namesakes_report():
    spec = importlib.util.spec_from_file_location("namesakes_report", REPORT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_namesakes_report_lists_each_split_once_and_the_merges_of_differing_titles(tmp_path, capsys):
    results = [
        _page("d1", "2023-08-10", "南州省省长高岚表示，救援仍在进行。", ["高岚"]),
        _page("d2", "2023-09-19", "清河航空基金会主席高岚致信感谢。", ["高岚"]),
        _page("d3", "2023-05-17", "南州省委书记钟远主持会议。", ["钟远"]),
        _page("d4", "2023-11-05", "财政部部长钟远出席。", ["钟远"]),
    ]
    write_jsonl((e.to_dict() for e in resolve_entities(results, city="none")), tmp_path / "entities.jsonl")
    assert _namesakes_report().main([str(tmp_path), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(s["name"], [p["id"] for p in s["persons"]]) for s in found["splits"]] == [
        ("高岚", ["per:高岚", "per:高岚/清河航空基金会主席"])
    ]
    assert [(m["person"]["id"], m["documents"]) for m in found["merges"]] == [("per:钟远", 1)]
    assert "titles differ but do not conflict" in found["merges"][0]["reason"]
