"""Known bodies (kg/tag/bodies.yaml) tagged by name; the sentences are invented, the model's mentions given."""

from __future__ import annotations

import pytest
from graph_helpers import document, result

from kg.graph import resolve_entities
from kg.model import Mention
from kg.tag.annotate import annotate_sentence
from kg.tag.bodies import DATA_FILE, known_bodies, read_bodies

ORG, LOC, PER = "ORGANIZATION", "LOCATION", "PERSON"


def _model(text: str, *found: tuple[str, str]) -> list[Mention]:
    return [Mention(text.index(s), text.index(s) + len(s), kind, s, source="model") for s, kind in found]


def _tagged(text: str, *found: tuple[str, str], skip: tuple[str, ...] = ()) -> list[tuple[str, str, str | None]]:
    mentions = annotate_sentence(text, _model(text, *found), skip=skip)
    return [(m.text, m.type, m.normalized) for m in mentions if m.type != "DATE"]


def test_a_ministry_the_model_missed_or_cut_at_its_conjunction_is_an_organization() -> None:
    assert _tagged("农业农村部部署秋粮收获工作。") == [("农业农村部", ORG, None)]
    text = "工业和信息化部召开新闻发布会。"
    assert _tagged(text, ("信息化部", ORG)) == [("工业和信息化部", ORG, None)]
    assert _tagged(text, ("信息化部", ORG), skip=("bodies",)) == [("信息化部", ORG, None)]


def test_a_body_before_a_function_word_the_dictionary_joins_to_its_last_character_is_tagged() -> None:
    # jieba reads 交通运输部将 as 交通运输 + 部将 (a general's officer): the subject's 将 is no longer word of the name
    assert _tagged("今天，交通运输部将防汛响应提升至二级。") == [("交通运输部", ORG, None)]
    assert _tagged("自然资源部在清河召开现场会。") == [("自然资源部", ORG, None)]
    # a company by its short name, not the country it starts with
    assert _tagged("今天，中国海油发布消息。", ("中国", LOC)) == [("中国海油", ORG, "中国海洋石油集团有限公司")]
    assert _tagged("来看总台记者的报道。", ("台", LOC)) == [("总台", ORG, "中央广播电视总台")]


def test_an_organization_starting_inside_a_body_grows_back_to_its_start() -> None:
    text = "工业和信息化部消费品工业司负责人介绍。"
    assert _tagged(text, ("信息化部消费品工业司", ORG)) == [("工业和信息化部消费品工业司", ORG, None)]
    # with the place printed before it; but not over a verb that leads another body, nor over a former office
    # (原党组书记: the body's former party secretary)
    text = "南州省文化和旅游厅原党组书记被查。"
    assert _tagged(text, ("南州省", LOC), ("旅游厅原党组", ORG)) == [("南州省文化和旅游厅", ORG, None)]
    text = "南州省文化和旅游厅会同文物局开展检查。"
    assert _tagged(text, ("南州省", LOC), ("旅游厅会同文物局", ORG)) == [("南州省文化和旅游厅", ORG, None)]
    # nor over another known body: two bodies printed together, each its own
    text = "中央纪委国家监委通报典型问题。"
    assert _tagged(text, ("中央纪委国家监委", ORG)) == [
        ("中央纪委", ORG, "中央纪律检查委员会"),
        ("国家监委", ORG, "国家监察委员会"),
    ]
    text = "总台央视记者在现场报道。"  # the broadcaster and its channel, as the news sets tag them
    assert _tagged(text, ("总台央视", ORG)) == [("总台", ORG, "中央广播电视总台"), ("央视", ORG, "中央电视台")]


def test_the_home_country_before_a_body_is_a_place_of_its_own() -> None:
    # 中国全国人大 is 全国人大, printed with its country for foreign readers; a foreign party keeps its country
    text = "中国全国人大愿同清河国议会加强交流。"
    assert _tagged(text, ("中国全国人大", ORG)) == [("中国", LOC, None), ("全国人大", ORG, "全国人民代表大会")]
    assert _tagged("黎巴嫩真主党今天发表声明。", ("黎巴嫩真主党", ORG)) == [("黎巴嫩真主党", ORG, None)]
    # a longer name that starts with the country and holds a body is a body of its own
    text = "中国联合国教科文组织全国委员会发布通知。"
    assert _tagged(text, ("中国联合国教科文组织全国委员会", ORG)) == [("中国联合国教科文组织全国委员会", ORG, None)]


def test_a_body_after_a_verb_that_leads_it_is_the_body_alone() -> None:
    text = "清河县还联合教育部举办招聘会。"
    assert _tagged(text, ("联合教育部", ORG)) == [("教育部", ORG, None)]
    text = "南州省政协原党组成员被查。"  # a body of no list: the model's span ends before the former office too
    assert _tagged(text, ("南州省政协原党组", ORG)) == [("南州省政协", ORG, None)]


@pytest.mark.parametrize(
    "text",
    [
        "外交部长钟远会见来宾。",  # a minister: 外交部长 is one word
        "各地教育部门要做好开学准备。",  # education departments in general
        "清河县做好国家安全部署。",  # 部署, to deploy
    ],
)
def test_no_body_is_read_inside_a_longer_word(text: str) -> None:
    assert not [m for m in known_bodies(text, []) if m.source == "bodies"]


def test_a_longer_name_the_model_found_holds_the_body() -> None:
    text = "南州国防部当天发表声明。"
    assert _tagged(text, ("南州国防部", ORG)) == [("南州国防部", ORG, None)]


def test_a_place_printed_before_a_body_makes_one_organization_with_it() -> None:
    # the place's own department or ministry, not the one the list means
    assert _tagged("辽宁省农业农村厅发布通知。", ("辽宁省", LOC)) == [("辽宁省农业农村厅", ORG, None)]
    assert _tagged("美国国务院发言人表示，") == [("美国国务院", ORG, None)]
    # no alliance is a place's own; a one-character place is where someone is (在京), and 两国 no place
    assert _tagged("评论说，美国北约不断施压。", ("美国", LOC)) == [
        ("美国", LOC, None),
        ("北约", ORG, "北大西洋公约组织"),
    ]
    assert _tagged("在京中共中央政治局委员出席。", ("京", LOC)) == [("京", LOC, "北京"), ("中共中央政治局", ORG, None)]
    assert _tagged("两国公安部签署协议。") == [("公安部", ORG, None)]


def test_an_owned_body_is_one_organization_with_its_place_and_no_body_without_one() -> None:
    assert _tagged("清河国武装部队总参谋部称，前线形势严峻。", ("清河国", LOC)) == [("清河国武装部队", ORG, None)]
    # the dictionary keeps 以色列国防军 whole: the word is the owner's and the body's
    assert _tagged("以色列国防军发表声明。", ("以色列", LOC)) == [("以色列国防军", ORG, None)]
    assert _tagged("当地武装部队撤出了该镇。") == []


def test_another_name_of_a_body_is_normalized_to_its_full_name_and_a_place_reading_gives_way() -> None:
    assert _tagged("上合组织成员国代表出席。") == [("上合组织", ORG, "上海合作组织")]
    assert _tagged("金砖合作机制不断发展。", ("金砖", PER)) == [("金砖", ORG, "金砖国家")]
    assert _tagged("阿盟秘书处发表声明。", ("阿盟", LOC)) == [("阿盟", ORG, "阿拉伯国家联盟")]


def test_a_body_printed_by_two_names_is_one_entity_in_the_graph() -> None:
    pages = [("d1", "国家发改委召开发布会。"), ("d2", "国家发展和改革委员会印发通知。")]
    results = []
    for doc_id, text in pages:
        mentions = annotate_sentence(text, [])
        results.append(result(document(doc_id, [text]), [mentions]))
    organizations = [e for e in resolve_entities(results, city="none") if e.type == ORG]
    assert [(e.name, e.docs) for e in organizations] == [("国家发展和改革委员会", ["d1", "d2"])]


def test_every_name_of_the_shipped_list_is_found_where_printed_alone() -> None:
    names = read_bodies().names  # the owned bodies are names only with their place (see the test above)
    missed = [
        name
        for name in sorted(names)
        if [(m.text, m.type) for m in known_bodies(f"据{name}消息，", [])] != [(name, ORG)]
    ]
    assert len(names) > 200 and not missed


def test_users_extend_the_list_without_code(tmp_path) -> None:
    data = tmp_path / "bodies.yaml"
    data.write_text(
        "organizations:\n  - [清河港务集团, 清河港集]\ndepartments:\n  endings: [局]\n  stems: [海洋渔业]\n",
        encoding="utf-8",
    )
    bodies = read_bodies(data)
    assert bodies.full_names == {"清河港集": "清河港务集团"}
    assert {m.group() for m in bodies.pattern.finditer("清河港集和海洋渔业局")} == {"清河港集", "海洋渔业局"}
    assert DATA_FILE.name == "bodies.yaml" and DATA_FILE.is_file()
