"""Mention boundaries on invented sentences: whole dictionary words, names joined in lists, foreign names,
one-character places and surnames."""

from __future__ import annotations

import pytest

from kg.ingest import segment
from kg.model import Article, Document, Mention, Sentence
from kg.tag.annotate import annotate_document, annotate_sentence, raw_breaks
from kg.tag.boundaries import split_joined_names

PER, LOC, ORG = "PERSON", "LOCATION", "ORGANIZATION"


def _tagged(text: str, *spans: tuple[str, str]) -> list[tuple[str, str]]:
    """(text, type) of the final mentions when the model tagged each (surface, type) at its first occurrence (the
    known bodies, tagged by name wherever printed, left out: 国务院 of 国务院总理)."""
    model = [Mention(text.index(s), text.index(s) + len(s), kind, s, source="model") for s, kind in spans]
    return [(m.text, m.type) for m in annotate_sentence(text, model, skip=("bodies",)) if m.type != "DATE"]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("党和国家领导人李强出席会议。", ("人李强", PER), ("李强", PER)),  # 领导人|李强
        ("国务院总理李强作出批示。", ("李强作", PER), ("李强", PER)),  # 李强|作出
        ("外长王毅宣读了贺信。", ("王毅宣", PER), ("王毅", PER)),  # 王毅|宣读
        ("总书记同拜登举行会晤。", ("同拜登", PER), ("拜登", PER)),
        ("拜登亦表示欢迎。", ("拜登亦", PER), ("拜登", PER)),
        ("清河国总统特本致贺信。", ("特本致", PER), ("特本", PER)),  # one-character verbs of news after a name
        ("总理李强乘包机抵达。", ("李强乘", PER), ("李强", PER)),
        ("市长王立新监誓。", ("王立新监", PER), ("王立新", PER)),
        ("清河国总统卢拉夫人出席。", ("卢拉夫", PER), ("卢拉", PER)),  # 卢拉|夫人
        ("总统和夫人米尔娃出席。", ("夫人米尔娃", PER), ("米尔娃", PER)),
        (
            "以青溪专班临时党支部为例，",
            ("以青溪专班临时党支部", ORG),
            ("青溪专班临时党支部", ORG),
        ),
        (
            "公安局联合市市场监督管理局开展检查。",
            ("联合市市场监督管理局", ORG),
            ("市市场监督管理局", ORG),
        ),
        # a span that starts inside a verb starts after it (复|信…, 设|立…)
        ("县长复信青溪交响乐团团员。", ("信青溪交响乐团", ORG), ("青溪交响乐团", ORG)),
        ("该县设立青溪营商环境局。", ("立青溪营商环境局", ORG), ("青溪营商环境局", ORG)),
        (
            "大会将听取和审议青溪民盟第五届委员会工作报告。",
            ("审议青溪民盟第五届委员会", ORG),
            ("青溪民盟第五届委员会", ORG),
        ),
        ("做法符合青溪港务管理局的规定。", ("符合青溪港务管理局", ORG), ("青溪港务管理局", ORG)),
    ],
)
def test_a_span_never_starts_or_ends_inside_a_word_of_the_sentence(
    text: str, model: tuple[str, str], expected: tuple[str, str]
) -> None:
    assert _tagged(text, model) == [expected]


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("联合国教科文组织发布报告。", ("联合国教科文组织", ORG)),  # 联合 begins the name here
        ("以色列代表团抵达。", ("以色列", LOC)),
        ("赵致真情系科普事业。", ("赵致真", PER)),  # a name before a noun it touches: 真|情 is no cut
        ("杭巨平等五人受到表彰。", ("杭巨平", PER)),  # 平等 is a word, but 等 follows names
        ("裁军大使李长和今天发言。", ("李长和", PER)),  # names end in 和 too
        ("发展和改革委员会主任何立峰出席。", ("何立峰", PER)),  # 任何 is a word, but the title 主任 ends at the name
    ],
)
def test_names_that_begin_or_end_like_a_word_are_kept(text: str, model: tuple[str, str]) -> None:
    assert _tagged(text, model) == [model]


def _document(text: str, model: dict[str, list[tuple[str, str]]]) -> tuple[Document, dict[str, list[Mention]]]:
    """A page through ingest, and model mentions per sentence given as (surface, type) per sentence index."""
    doc = segment(Document(id="p", source="test", text=text, date="2023-03-10"))
    found = {}
    for index, sentence in enumerate(doc.sentences):
        spans = model.get(str(index), [])
        found[sentence.id] = [
            Mention(sentence.text.index(s), sentence.text.index(s) + len(s), kind, s, source="model")
            for s, kind in spans
        ]
    return doc, found


def test_names_printed_with_spaces_between_them_are_split_where_the_raw_text_had_the_space() -> None:
    doc, model = _document(
        "本报讯 大会主席团成员王立新　李文华　张海波等出席会议。\n", {"0": [("王立新李文华张海波", PER)]}
    )
    (sentence,) = doc.sentences
    assert sorted(raw_breaks(sentence.offsets, doc.text)) == [10, 13]
    people = [m.text for m in annotate_document(doc, model)[sentence.id] if m.type == "PERSON"]
    assert people == ["王立新", "李文华", "张海波"]


def test_each_item_of_a_list_of_names_printed_with_spaces_is_one_name() -> None:
    # the model cut 孙|海波 and 林|文|斌 apart and missed 高洁; the breaks say where each name begins and ends
    doc, model = _document(
        "本报讯 委员名单：王立新　李文华　孙海波　高洁　林文斌　张海\n",
        {"0": [("王立新", PER), ("李文华", PER), ("海波", PER), ("林文", PER), ("张海", PER)]},
    )
    (sentence,) = doc.sentences
    people = [m.text for m in annotate_document(doc, model)[sentence.id] if m.type == "PERSON"]
    assert people == ["王立新", "李文华", "孙海波", "高洁", "林文斌", "张海"]
    # the number of a numbered list's next item is no part of the name before it
    doc, model = _document(
        "本报讯 一、委员：王立新　李文华\n二、常委：孙海波\n", {"0": [("王立新", PER), ("李文华", PER)]}
    )
    people = [m.text for s in doc.sentences for m in annotate_document(doc, model)[s.id] if m.type == "PERSON"]
    assert "李文华" in people and "李文华二" not in people
    # a word between a name and a title is no name: only an item between two people is one
    doc, model = _document("本报讯 领导小组　组长　王立新\n", {"0": [("王立新", PER)]})
    (sentence,) = doc.sentences
    assert [m.text for m in annotate_document(doc, model)[sentence.id] if m.type == "PERSON"] == ["王立新"]


def test_a_letter_spaced_line_says_nothing_about_words() -> None:
    offsets = [0, 2, 4, 6]  # 阻 击 战 打: a space after every character
    assert raw_breaks(offsets, "阻 击 战 打") == frozenset()


def test_a_name_joined_to_the_next_known_name_is_split() -> None:
    text = "本报讯 王立新出席会议。李文华主持会议。主席台上就座的有王立新李文华。\n"
    doc, model = _document(text, {"0": [("王立新", PER)], "1": [("李文华", PER)], "2": [("王立新李", PER)]})
    third = doc.sentences[2]
    assert [m.text for m in annotate_document(doc, model)[third.id] if m.type == "PERSON"] == ["王立新", "李文华"]


def test_a_known_name_followed_by_the_start_of_a_verb_loses_it() -> None:
    text = "本报讯 李明出席会议。李明检阅了仪仗队。\n"
    doc, model = _document(text, {"0": [("李明", PER)], "1": [("李明检", PER)]})
    second = doc.sentences[1]
    assert [m.text for m in annotate_document(doc, model)[second.id] if m.type == "PERSON"] == ["李明"]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("西藏自治区帕巴拉·格列朗杰出席。", [("格列朗杰", PER)], [("帕巴拉·格列朗杰", PER)]),
        ("众议员所罗门·奥蒂茨率团访华。", [("罗门·奥蒂茨", PER)], [("所罗门·奥蒂茨", PER)]),
        ("国家主席迪亚斯-卡内尔举行会谈。", [("卡内尔", PER)], [("迪亚斯-卡内尔", PER)]),
        ("总统阿库福-阿多表示感谢。", [("阿库福", PER), ("阿多", PER)], [("阿库福-阿多", PER)]),
        (
            "航班抵达西雅图-塔科马国际机场。",
            [("西雅图", LOC), ("-塔科马国际机场", LOC)],
            [("西雅图-塔科马国际机场", LOC)],
        ),
        (
            "建设好中国－中亚机制。",
            [("中国", LOC), ("中亚", LOC)],
            [("中国", LOC), ("中亚", LOC)],
        ),
        ("【人物】廷·巴特尔的故事", [("】廷·巴特尔", PER)], [("廷·巴特尔", PER)]),
        ("乘坐“发现号”航天飞机升空。", [("“发现号”航天飞机", ORG)], [("“发现号”航天飞机", ORG)]),
    ],
)
def test_foreign_names_keep_their_middle_dot_and_hyphen(
    text: str, model: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    assert _tagged(text, *model) == expected


@pytest.mark.parametrize(
    ("text", "chars", "normalized"),
    [
        ("中美关系稳定发展。", "中美", ["中国", "美国"]),
        ("俄方表示欢迎。", "俄", ["俄罗斯"]),
        ("粤港澳大湾区建设提速。", "粤港澳", ["广东", "香港", None]),  # 澳: 澳门 or 澳大利亚
        ("代表团来华访问。", "华", ["中国"]),
        ("以方表示。", "以", ["以色列"]),  # 以 before its side, or after another place's name (巴以)
        ("巴以冲突持续。", "巴以", [None, "以色列"]),
    ],
)
def test_one_character_places_are_kept_with_their_full_name(text: str, chars: str, normalized: list) -> None:
    model = [Mention(text.index(c), text.index(c) + 1, "LOCATION", c, source="model") for c in chars]
    found = annotate_sentence(text, model)
    assert [(m.text, m.type, m.normalized) for m in found] == [
        (c, "LOCATION", n) for c, n in zip(chars, normalized, strict=True)
    ]


def test_a_place_read_over_a_run_of_one_character_places_is_each_of_them() -> None:
    text = "土伊叙三国外长举行会晤。"  # Turkey, Iran, Syria: no word, no place of its own
    found = annotate_sentence(text, [Mention(0, 3, "LOCATION", "土伊叙", source="model")])
    assert [(m.text, m.normalized) for m in found] == [("土", "土耳其"), ("伊", None), ("叙", "叙利亚")]
    # not a name with a character twice, or with two characters that each name several places
    for name in ("比奥比奥", "伊拉尼"):
        found = annotate_sentence(f"{name}发生山火。", [Mention(0, len(name), "LOCATION", name, source="model")])
        assert [m.text for m in found] == [name]
    # a two-character one next to a one-character place too; alone it may be one name (埃塞)
    text = "土伊叙外长会晤。"
    model = [Mention(0, 1, "LOCATION", "土", source="model"), Mention(1, 3, "LOCATION", "伊叙", source="model")]
    assert [m.text for m in annotate_sentence(text, model)] == ["土", "伊", "叙"]
    assert [
        m.text for m in annotate_sentence("埃塞总理出席。", [Mention(0, 2, "LOCATION", "埃塞", source="model")])
    ] == ["埃塞"]
    # nor a place one of whose parts is a place of its own (苏丹港, a port)
    assert [
        m.text for m in annotate_sentence("苏丹港遭袭。", [Mention(0, 3, "LOCATION", "苏丹港", source="model")])
    ] == ["苏丹港"]


@pytest.mark.parametrize(
    ("text", "char", "kind"),
    [
        ("集中医学观察点运转正常。", "中", LOC),  # 集中
        ("在中浙小区门口。", "中", LOC),
        ("双方以两国关系新定位为指引。", "以", LOC),  # 以…为, "by": no Israel
        ("张正出席会议。", "张", PER),  # a name cut short is no surname
        ("中秋假期第五天。", "中", LOC),  # 中秋, a time of the year
    ],
)
def test_one_character_noise_is_dropped(text: str, char: str, kind: str) -> None:
    at = text.index(char)
    assert annotate_sentence(text, [Mention(at, at + 1, kind, char, source="model")]) == []


def test_two_one_character_places_side_by_side_that_make_a_word_are_no_places() -> None:
    model = [Mention(0, 1, LOC, "中", source="model"), Mention(1, 2, LOC, "秋", source="model")]
    assert annotate_sentence("中秋国庆假期第五天。", model) == []
    model = [Mention(0, 1, LOC, "中", source="model"), Mention(1, 2, LOC, "布", source="model")]
    assert [m.text for m in annotate_sentence("中布两国关系良好。", model)] == ["中", "布"]
    model = [Mention(2, 3, LOC, "南", source="model"), Mention(3, 4, LOC, "中", source="model")]  # 南中 is a word
    assert [m.text for m in annotate_sentence("推动南中合作。", model)] == ["南", "中"]


@pytest.mark.parametrize(("text", "tagged"), [("清南高铁全线贯通。", "清南高铁"), ("京清高铁开通运营。", "清高铁")])
def test_a_railway_read_as_a_person_is_no_person(text: str, tagged: str) -> None:
    at = text.index(tagged)
    found = annotate_sentence(text, [Mention(at, at + len(tagged), PER, tagged, source="model")])
    assert [m for m in found if m.type == PER] == []


@pytest.mark.parametrize("text", ["王某到医院就诊。", "李先生说。", "李主席指出。", "老王笑了。"])
def test_a_surname_printed_for_a_person_is_kept(text: str) -> None:
    at = next(i for i, c in enumerate(text) if c in "王李")
    (found,) = annotate_sentence(text, [Mention(at, at + 1, "PERSON", text[at], source="model")])
    assert (found.text, found.type) == (text[at], PER)


def test_sentence_offsets_of_a_document_without_raw_text_give_no_breaks() -> None:
    sentence = Sentence("d#a0s0", "d", 0, 0, "王立新李文华", [0, 1, 2, 4, 5, 6])
    doc = Document("d", "test", text="", articles=[Article("d", 0, 0, 7, sentences=[sentence])])
    model = {sentence.id: [Mention(0, 6, "PERSON", "王立新李文华", source="model")]}
    assert [m.text for m in annotate_document(doc, model)[sentence.id]] == ["王立新李文华"]


def test_the_items_of_a_list_of_organizations_the_model_tagged_in_part_become_organizations() -> None:
    text = "会上，金融办、品牌办、发改局、经信局等部门负责人发言。"
    found = _tagged(text, ("金融办", ORG), ("信局", ORG))
    assert found == [("金融办", ORG), ("品牌办", ORG), ("发改局", ORG), ("经信局", ORG)]
    assert _tagged("市委、市政府立即启动应急响应。", ("市委", ORG)) == [("市委", ORG), ("市政府", ORG)]


def test_a_list_item_holding_two_names_or_a_person_stays_apart() -> None:
    text = "档案馆、新闻出版署及河北省、石家庄市有关部门参加。"
    spans = [("档案馆", ORG), ("新闻出版署", ORG), ("河北省", LOC), ("石家庄市", LOC)]
    assert _tagged(text, *spans) == spans
    assert _tagged("市委、王立新局长出席。", ("市委", ORG), ("王立新", PER)) == [("市委", ORG), ("王立新", PER)]


def test_a_place_name_the_model_cut_after_its_first_character_is_joined_again() -> None:
    text = "近日，在中浙阳光花园小区门口。"
    assert _tagged(text, ("中", LOC), ("浙阳光花园小区", LOC)) == [("中浙阳光花园小区", LOC)]
    assert _tagged("中美关系稳定。", ("中", LOC), ("美", LOC)) == [("中", LOC), ("美", LOC)]


def test_words_listed_after_a_role_are_no_names() -> None:
    assert _tagged("群众都说这位领导有眼力、有魄力。") == []
    assert [t for t in _tagged("市领导王立新、李文华出席。") if t[1] == PER] == [("王立新", PER), ("李文华", PER)]


@pytest.mark.parametrize(
    ("text", "tagged", "name"),
    [
        ("县人大听取了县法院院长周强作的年度工作报告。", "周强作", "周强"),  # 作的…报告
        ("副委员长陈竺作了说明。", "陈竺作", "陈竺"),
        ("麦卡锡众议长作为美国政府三号人物。", "麦卡锡众", "麦卡锡"),  # a title after the name begins inside
        ("天还没亮，廷·巴特尔已经在草场上干活。", "·巴特尔", "廷·巴特尔"),  # one-character part
        ("会见了总统·巴特尔。", "·巴特尔", "巴特尔"),  # no name before the dot: none is taken, nor the dot
        ("李作成出席。", "李作成", "李作成"),
    ],
)
def test_a_known_name_keeps_no_stray_character(text: str, tagged: str, name: str) -> None:
    at = text.index(tagged)
    mentions = annotate_sentence(text, [Mention(at, at + len(tagged), PER, tagged, source="m")])
    assert [m.text for m in mentions if m.type == PER] == [name]


def test_a_place_read_with_a_route_s_name_before_it_is_the_place() -> None:
    assert _tagged("清南高铁青溪至东溪段开通。", ("清南高铁青溪", PER), ("东溪", LOC)) == [("青溪", LOC), ("东溪", LOC)]
    assert _tagged("这是高铁网包头至海口通道的一段。", ("高铁网包头", LOC), ("海口", LOC)) == [
        ("包头", LOC),
        ("海口", LOC),
    ]
    assert _tagged("旅客在高铁南站候车。", ("高铁南站", LOC)) == [("高铁南站", LOC)]  # a station named by its line


def test_a_place_cut_short_inside_a_place_name_grows_on_to_its_end() -> None:
    assert _tagged("油井位于塔里木盆地腹地。", ("塔里", LOC)) == [("塔里木盆地", LOC)]
    assert _tagged("他在阿里地区考察。", ("阿里", LOC)) == [("阿里", LOC)]  # MSRA's 商洛 of 商洛地区


def test_a_place_tagged_from_inside_a_place_name_grows_back_to_its_start() -> None:
    text = "粤港澳大湾区建设稳步推进。"
    assert _tagged(text, ("粤", LOC), ("港", LOC), ("澳大湾区", LOC)) == [("粤港澳大湾区", LOC)]
    assert _tagged("中美洲议会代表团抵达北京。", ("美洲议会", ORG), ("北京", LOC)) == [
        ("中美洲议会", ORG),
        ("北京", LOC),
    ]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("青藏高原生态保护取得进展。", [("青", LOC), ("藏", LOC)], [("青藏高原", LOC)]),
        ("西藏日喀则发生地震。", [("西藏", LOC), ("日", LOC)], [("西藏", LOC), ("日喀则", LOC)]),
        # pairs of places before a word, a state and an army stay what they are
        ("中美合作前景广阔。", [("中", LOC), ("美", LOC)], [("中", LOC), ("美", LOC)]),
        ("美加州发生山火。", [("美", LOC), ("加州", LOC)], [("美", LOC), ("加州", LOC)]),
        ("美军基地附近发生爆炸。", [("美", LOC)], [("美", LOC)]),
        ("黄淮海地区小麦陆续收获。", [("黄", LOC), ("淮", LOC), ("海", LOC)], [("黄", LOC), ("淮", LOC), ("海", LOC)]),
    ],
)  # fmt: skip
def test_one_character_places_opening_a_region_s_name_become_that_name(text, model, expected) -> None:
    assert _tagged(text, *model) == expected


def test_a_person_read_at_the_end_of_a_place_name_is_that_place() -> None:
    # 桑给巴尔 is one place to the dictionary: 巴尔 read as a name before 总统 is its end, the president is 姆维尼
    text = "桑给巴尔总统姆维尼出席开幕式。"
    assert _tagged(text, ("巴尔", PER), ("姆维尼", PER)) == [("桑给巴尔", LOC), ("姆维尼", PER)]
    # a name that only begins inside a word keeps its span (负责人|李强: see the person boundaries)
    assert _tagged("会见了负责人李强。", ("人李强", PER)) == [("李强", PER)]


def test_a_person_read_inside_a_word_is_no_name() -> None:
    # 今冬明春 ("this winter and next spring") is one word: 冬明春 is a piece of it
    assert _tagged("出席今冬明春保暖保供工作会议。", ("冬明春", PER)) == []
    # but a word the dictionary files as a name holds the name (谈张炜)
    assert _tagged("座谈张炜等代表。", ("张炜", PER)) == [("张炜", PER)]
    # nor a name that is a word itself (学雷锋: learning from 雷锋)
    assert _tagged("三年来学雷锋做好事。", ("雷锋", PER)) == [("雷锋", PER)]
    # nor one after a function character the dictionary joins to it (和|普京)
    assert _tagged("习近平主席和普京总统举行会谈。", ("习近平", PER), ("普京", PER)) == [("习近平", PER), ("普京", PER)]
    # a surname's character before a common noun longer than a given name (在韩|志愿军: volunteers in Korea)
    assert _tagged("在韩志愿军烈士遗骸回国。", ("韩志愿军", PER)) == []
    assert _tagged("韩志强出席会议。", ("韩志强", PER)) == [("韩志强", PER)]
    # a surname that is also a function word, printed right after a title, stays (主任委员|于伟国; not 于|12日)
    assert _tagged("主任委员于伟国作报告。", ("于伟国作", PER)) == [("于伟国", PER)]
    assert _tagged("会议于伟大时代召开。", ("于伟大", PER)) != [("于伟大", PER)]


def test_a_place_does_not_grow_back_over_a_name_of_its_own_or_a_word_that_is_no_place() -> None:
    # 符合中国 is a place to jieba: a name must go on past the place name it starts inside
    assert _tagged("这符合中国的利益。", ("中国", LOC)) == [("中国", LOC)]
    # 山西 is tagged on its own: 山西太原 is a place name, but the model's 山西 keeps its span
    assert _tagged("记者在山西太原采访。", ("山西", LOC), ("太原", LOC)) == [("山西", LOC), ("太原", LOC)]
    # 党和国家 is no place name: the organization after it stays as tagged
    text = "党和国家功勋荣誉表彰工作委员会召开会议。"
    assert _tagged(text, ("国家功勋荣誉表彰工作委员会", ORG)) == [("国家功勋荣誉表彰工作委员会", ORG)]


def test_a_preposition_before_a_name_the_document_knows_is_cut_off() -> None:
    text = "本报讯 普京出席会议。国防部长当天向普京报告。\n"
    doc, model = _document(text, {"0": [("普京", PER)], "1": [("向普京", PER)]})
    second = doc.sentences[1]
    assert [m.text for m in annotate_document(doc, model)[second.id] if m.type == "PERSON"] == ["普京"]


def test_if_before_a_name_the_document_knows_is_cut_off_but_not_from_a_place() -> None:
    text = "本报讯 记者赫德森撰文。学者认为，若赫德森所言属实，事情就很严重。若开邦局势平稳。\n"
    doc, model = _document(text, {"0": [("赫德森", PER)], "1": [("若赫德森", PER)], "2": [("若开邦", LOC)]})
    found = annotate_document(doc, model)
    second, third = doc.sentences[1], doc.sentences[2]
    assert [m.text for m in found[second.id] if m.type == "PERSON"] == ["赫德森"]
    assert [m.text for m in found[third.id]] == ["若开邦"]


def test_a_known_name_loses_a_trailing_character_a_segmentation_joins_to_it() -> None:
    # 李干杰作总结 reads 李干|杰作 ("masterpiece"): the document prints 李干杰 alone, so 作 is the verb after it
    text = "本报讯 部长李干杰出席会议。部长李干杰作总结讲话。\n"
    doc, model = _document(text, {"0": [("李干杰", PER)], "1": [("李干杰作", PER)]})
    second = doc.sentences[1]
    assert [m.text for m in annotate_document(doc, model)[second.id] if m.type == PER] == ["李干杰"]


def test_a_verb_after_a_known_name_is_cut_off_with_or_without_a_name_after_it() -> None:
    # the model reads 王立新转达 and 王立新转达李春华 as names; the document prints both people alone
    text = "本报讯 王立新出席会议。王立新转达李春华的问候。对方请王立新转达谢意。李春华致函祝贺。\n"
    tagged = {
        "0": [("王立新", PER)],
        "1": [("王立新转达李春华", PER)],
        "2": [("王立新转达", PER)],
        "3": [("李春华", PER)],
    }
    doc, model = _document(text, tagged)
    found = annotate_document(doc, model)
    assert [m.text for m in found[doc.sentences[1].id] if m.type == PER] == ["王立新", "李春华"]
    assert [m.text for m in found[doc.sentences[2].id] if m.type == PER] == ["王立新"]


@pytest.mark.parametrize(
    ("second", "tagged"),
    [("他转交了致王立新的信。", "致王立新"), ("在采访中王立新表示，合作前景广阔。", "中王立新")],
)
def test_to_or_during_before_a_name_the_document_knows_is_cut_off(second: str, tagged: str) -> None:
    doc, model = _document(f"本报讯 王立新出席会议。{second}\n", {"0": [("王立新", PER)], "1": [(tagged, PER)]})
    assert [m.text for m in annotate_document(doc, model)[doc.sentences[1].id] if m.type == PER] == ["王立新"]


def test_only_a_whole_known_name_after_a_preposition_is_cut_off() -> None:
    model = [Mention(0, 3, "PERSON", "向明华", source="model")]
    assert split_joined_names("向明华出席会议。", model, {"向明华", "明"}) is model  # 明华 is no known name


def test_a_list_of_manners_after_a_title_is_no_list_of_people() -> None:
    text = "要把党的领导全面、系统、整体地落实到各方面。"  # 领导 is a role word: 全面 and 系统 read as its names
    assert [m.text for m in annotate_sentence(text, []) if m.type == PER] == []
    text = "县委书记王立新、李春华出席。"  # names stay
    assert [m.text for m in annotate_sentence(text, []) if m.type == PER] == ["王立新", "李春华"]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # a rare name opening the sentence, missed, before a person the model found
        ("谷岚、王立新出席会议。", [("王立新", PER)], [("谷岚", PER), ("王立新", PER)]),
        # back along the list; a name read as a place no dictionary knows, starting with a surname
        ("石青峰、谷岚、王立新出席。", [("石青峰", LOC), ("王立新", PER)],
         [("石青峰", PER), ("谷岚", PER), ("王立新", PER)]),
        # words and places are no names
        ("会见、宴请王立新。", [("王立新", PER)], [("王立新", PER)]),
        ("北京、上海、王立新出席。", [("北京", LOC), ("上海", LOC), ("王立新", PER)],
         [("北京", LOC), ("上海", LOC), ("王立新", PER)]),
        # nothing after the list says it lists people: a list of sites the model misread stays as read
        ("白溪、青峰、东岭水电站一季度发电。", [("青峰", PER)], [("青峰", PER)]),
    ],
)  # fmt: skip
def test_an_untagged_name_listed_before_a_person_is_a_person(
    text: str, model: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    assert _tagged(text, *model) == expected


@pytest.mark.parametrize(
    ("text", "chars", "kept"),
    [
        ("该书以英、西、法等语种出版。", "英西法", []),  # languages, as MSRA leaves 英语 and 英文 untagged
        ("该报推出中英文版。", "中英", []),
        ("英、法两国发表声明。", "英法", ["英", "法"]),
        ("中法文化交流年开幕。", "中法", ["中", "法"]),  # 文化 is no language
    ],
)
def test_a_country_s_one_character_name_in_a_language_s_name_is_no_place(text: str, chars: str, kept: list) -> None:
    model = [Mention(text.index(c), text.index(c) + 1, LOC, c, source="model") for c in chars]
    found = [m.text for m in annotate_sentence(text, model, skip=("bodies",)) if m.type == LOC]
    assert found == kept


def test_a_word_no_name_is_made_of_is_no_person_and_a_listed_body_never_ends_inside_a_word() -> None:
    text = "青溪民盟主席刘海、北川商会会长孙敏、海外台胞社团负责人代表李明、常住青溪台胞青年代表赵明先后致辞。"
    model = [("青溪民盟", ORG), ("刘海", PER), ("北川商会", ORG), ("孙敏", PER)]
    model += [("李明", PER), ("常住", PER), ("赵明", PER)]
    singles = [Mention(i, i + 1, LOC, "台", source="model") for i, ch in enumerate(text) if ch == "台"]
    spans = [Mention(text.index(s), text.index(s) + len(s), kind, s, source="model") for s, kind in model]
    found = [(m.text, m.type) for m in annotate_sentence(text, spans + singles, skip=("bodies",))]
    assert ("常住", PER) not in found  # 常住 ("resident") is a verb in the dictionary, never a name
    assert not any(kind == ORG and name.endswith("台") for name, kind in found)  # 海外台|胞: no 台, a station
    assert [name for name, kind in found if kind == PER] == ["刘海", "孙敏", "李明", "赵明"]


def test_a_known_three_character_name_cut_one_character_short_is_completed() -> None:
    # jieba lists 辜胜阻 as one name: the model's 辜胜 stops a character into it
    assert ("辜胜阻", PER) in _tagged("辜胜阻参加会见。", ("辜胜", PER))
    # a name the dictionary does not know is left as the model read it
    assert _tagged("王立新参加会见。", ("王立", PER)) == [("王立", PER)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("县文化和旅游局局长胡和平作了关于条例草案的说明。", "胡和平"),  # 和平 is a word: the model read 胡 alone
        ("副县长林芳表示欢迎。", "林芳"),
    ],
)
def test_a_surname_read_alone_after_a_title_is_the_name_printed_there(text: str, name: str) -> None:
    people = [m for m in _tagged(text, (name[0], PER)) if m[1] == PER]
    assert people == [(name, PER)]


def test_a_surname_alone_after_a_title_stays_alone_without_what_follows_names() -> None:
    # 王某 and 林主任 keep their one character (a surname printed for a person), no name is invented after it
    assert [m for m in _tagged("县长王某称，", ("王", PER)) if m[1] == PER] == [("王", PER)]


def test_a_place_run_over_an_office_and_the_name_after_it_is_the_place_then_the_person() -> None:
    people = _tagged("县长会见清河国总理阿尔瓦雷斯。", ("清河国总理阿尔瓦雷斯", LOC))
    assert ("清河国", LOC) in people and ("阿尔瓦雷斯", PER) in people
    # an office's building after the role is no name, nor a body after a role word: the span stays
    assert _tagged("他走进总统府大楼。", ("总统府大楼", LOC)) == [("总统府大楼", LOC)]
    assert _tagged("北川医生中央委员会称，", ("北川医生中央委员会", ORG)) == [("北川医生中央委员会", ORG)]
    assert _tagged("县卫健局干部培训中心开班。", ("县卫健局干部培训中心", ORG)) == [("县卫健局干部培训中心", ORG)]


def test_an_untagged_country_printed_as_a_word_is_a_place() -> None:
    assert _tagged("中方支持斐济自主选择发展道路。") == [("斐济", LOC)]
    # not inside a title's brackets, not a ruler's title, not a country inside a longer word
    assert _tagged("他读了《斐济游记》。") == []
    assert ("苏丹", LOC) not in _tagged("阿曼苏丹海赛姆致电祝贺。", ("阿曼", LOC), ("海赛姆", PER))
    assert _tagged("这是一块古巴黎的石碑。") == []


def test_a_monarch_s_number_is_part_of_the_name() -> None:
    assert ("查尔斯三世", PER) in _tagged("韩正出席查尔斯三世国王加冕仪式。", ("韩正", PER), ("查尔斯", PER))
    # a century is no number of a monarch
    assert ("罗斯福", PER) in _tagged("罗斯福二十世纪初当选。", ("罗斯福", PER))


def test_a_famous_name_the_model_read_as_a_place_without_its_surname_is_the_person() -> None:
    assert _tagged("普京为习近平举行欢迎宴会。", ("普京", PER), ("近平", LOC)) == [("普京", PER), ("习近平", PER)]
