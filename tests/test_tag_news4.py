"""Tagging rules found counting error classes over national news (xwlb_dev; all sentences here are invented)."""

from __future__ import annotations

from test_senses import LOC, PER, _document, _types
from test_tag_news3 import _spans

from kg.model import Mention
from kg.tag.annotate import annotate_sentence


def _title(text: str, name: str) -> str | None:
    model = [Mention(text.index(name), text.index(name) + len(name), PER, name, source="model")]
    return next(m.title for m in annotate_sentence(text, model) if m.text == name)


def test_a_count_or_quantifier_of_countries_or_parties_is_no_person() -> None:
    assert _spans("多国人士表示，清河论坛成果丰硕。", ("多国", PER)) == []
    assert _spans("两国元首同意加强合作。", ("两国", PER)) == []
    assert _spans("各方表示支持清河倡议。", ("各方", PER)) == []
    # a name holding 国 is still a name
    assert _spans("万国强表示支持。", ("万国强", PER)) == [("万国强", PER)]


def test_an_ordinal_in_digits_before_an_office_belongs_to_the_title_whole() -> None:
    assert _title("第78届清河大会主席李湖表示。", "李湖") == "第78届清河大会主席"
    assert _title("第七十八届清河大会主席李湖表示。", "李湖") == "第七十八届清河大会主席"
    # a year is no ordinal: the title starts after it
    assert _title("2023年清河论坛主席李湖表示。", "李湖") == "清河论坛主席"


def _types_of_people(text: str, *names: str) -> list[str]:
    """The types of `names`, each tagged PERSON by the model, after the tagging steps."""
    return [kind for _, kind in _spans(text, *((name, PER) for name in names))]


def test_a_war_report_s_words_show_a_name_tagged_person_is_a_place() -> None:
    assert _types_of_people("清河方面称，北方军正在湖镇推进。", "湖镇") == [LOC]
    assert _types_of_people("南方军在阿拉托和贝洛卡击退了进攻。", "阿拉托", "贝洛卡") == [LOC, LOC]
    assert _types_of_people("目前，阿拉托、贝洛卡等前线形势复杂。", "阿拉托", "贝洛卡") == [LOC, LOC]
    assert _types_of_people("导弹打击了连接阿拉托与贝洛卡的桥梁。", "阿拉托", "贝洛卡") == [LOC, LOC]
    assert _types_of_people("阿拉托、贝洛卡、科米与萨维四地举行投票。", "阿拉托", "贝洛卡", "科米", "萨维") == [LOC] * 4
    other_name = _spans("北方军攻占了贝洛卡尔（南方称阿拉托）。", ("贝洛卡尔", LOC), ("阿拉托", PER))
    assert other_name == [("贝洛卡尔", LOC), ("阿拉托", LOC)]
    # a title says person, whatever the words after; and 在X推进 is no war report (在…推进下)
    assert _types_of_people("总统阿拉托在贝洛卡附近视察。", "阿拉托", "贝洛卡") == [PER, LOC]
    assert _types_of_people("在张清河和李湖推进下，项目完工。", "张清河", "李湖") == [PER, PER]
    # a role after the list is its last item's office: its first character cues nothing for the others
    assert _spans("议员卡尔德莫和清河州州长李湖发表看法。", ("卡尔德莫", PER), ("清河州", LOC), ("李湖", PER)) == [
        ("卡尔德莫", PER),
        ("清河州", LOC),
        ("李湖", PER),
    ]
    # two people and a count of places: the count must match the list
    assert _types_of_people("张清河与李湖三地奔波。", "张清河", "李湖") == [PER, PER]


def test_a_name_the_document_prints_with_a_title_stays_a_person_where_words_cue_a_place() -> None:
    doc = _document("清河国总统阿拉托表示支持。", "北方军控制了阿拉托附近的村庄。")
    assert _types(doc, {0: [("阿拉托", PER)], 1: [("阿拉托", PER)]}, "阿拉托") == [PER, PER]


def test_a_count_of_countries_before_an_office_is_no_person() -> None:
    found = _spans("清河、湖城和山镇三国外长举行会谈。", *((n, LOC) for n in ("清河", "湖城", "山镇")))
    assert found == [("清河", LOC), ("湖城", LOC), ("山镇", LOC)]


def test_a_name_joined_by_a_middle_dot_is_not_cut_at_a_follower_word_inside_it() -> None:
    assert _spans("阿卜来提·吐尔逊参加会见。", ("阿卜来提·吐尔逊", PER)) == [("阿卜来提·吐尔逊", PER)]
    assert _spans("阿卜来提·吐尔逊在会上发言。", ("阿卜来提·吐尔逊在", PER)) == [("阿卜来提·吐尔逊", PER)]
    # a follower after a name with no dot still ends it
    assert _spans("沈清红来湖城调研。", ("沈清红来湖", PER)) == [("沈清红", PER)]


def test_a_place_tagged_first_part_of_a_name_after_a_person_noun_joins_the_name() -> None:
    assert _spans("湖城集团创始人卡隆伯格会见了嘉宾。", ("卡隆", LOC), ("伯格", PER)) == [("卡隆伯格", PER)]
    # a known place before a name is the place (当代中国马克思主义)
    assert ("中国", LOC) in _spans("当代中国马克思主义。", ("中国", LOC), ("马克思", PER))


def test_a_name_its_document_never_prints_alone_grows_to_the_character_always_after_it() -> None:
    doc = _document("栗清书会见湖国议长。", "委员长栗清书16日在京会见湖国议长。", "栗清书表示，合作成果丰硕。")
    model = {1: [("栗清", PER)], 2: [("栗清", PER)]}
    assert _types(doc, model, "栗清书") == [PER, PER, PER]
    # the character after it starts a role: the name is whole (韩清副主席)
    doc = _document("韩清副主席出席。", "韩清副主席表示，合作成果丰硕。")
    assert _types(doc, {0: [("韩清", PER)], 1: [("韩清", PER)]}, "韩清") == [PER, PER]
    # no person evidence after the longer name, or only a role (以李湖为主席): nothing grows
    doc = _document("栗清书法展开幕。", "栗清书法作品展出。")
    assert _types(doc, {0: [("栗清", PER)], 1: [("栗清", PER)]}, "栗清") == [PER, PER]
    doc = _document("产生了以李湖为主席的主席团。", "李湖为主席团成员颁发证书。")
    assert _types(doc, {0: [("李湖", PER)], 1: [("李湖", PER)]}, "李湖") == [PER, PER]
