"""Person or place: only evidence printed in the text changes a type, and person evidence wins."""

from __future__ import annotations

import pytest

from kg.model import Article, Document, Mention, Sentence
from kg.tag.annotate import annotate_document, annotate_sentence

PER, LOC, ORG = "PERSON", "LOCATION", "ORGANIZATION"


def _tagged(text: str, *spans: tuple[str, str], skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    model = [Mention(text.index(s), text.index(s) + len(s), kind, s, source="model") for s, kind in spans]
    return [(m.text, m.type) for m in annotate_sentence(text, model, skip=skip) if m.type != "DATE"]


def _document(*sentences: str) -> Document:
    parsed, offset = [], 0
    for i, text in enumerate(sentences):
        parsed.append(Sentence(f"d#a0s{i}", "d", 0, i, text, list(range(offset, offset + len(text)))))
        offset += len(text)
    return Document(
        "d", "test", text="".join(sentences), date="2023-03-10", articles=[Article("d", 0, 0, offset, sentences=parsed)]
    )


def _types(doc: Document, model: dict[int, list[tuple[str, str]]], name: str) -> list[str]:
    """Types of every mention of `name`, sentence by sentence, when the model tagged (surface, type) pairs."""
    given = {
        s.id: [
            Mention(s.text.index(x), s.text.index(x) + len(x), kind, x, source="model") for x, kind in model.get(i, [])
        ]
        for i, s in enumerate(doc.sentences)
    }
    result = annotate_document(doc, given)
    return [m.type for s in doc.sentences for m in result[s.id] if m.text == name]


def test_a_dictionary_place_word_tagged_person_without_place_evidence_stays_a_person() -> None:
    # jieba tags 普京 as a place (ns): that alone is no evidence
    assert _tagged("普京表示，双方将继续合作。", ("普京", PER)) == [("普京", PER)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("代表团赴绍兴学习考察。", "绍兴"),
        ("乌军在巴赫穆特、索列达尔等方向击退进攻。", "巴赫穆特"),
        ("俄军在哈尔科夫以东推进。", "哈尔科夫"),
        ("胡塞武装当天发表声明。", "胡塞"),  # without the bodies list, where 胡塞武装 is one organization
        ("东门、青溪、西坊等商圈人流如织。", "青溪"),  # a list of shopping districts, the others untagged
    ],
)
def test_a_person_tag_with_place_evidence_around_it_becomes_a_place(text: str, name: str) -> None:
    assert (name, LOC) in _tagged(text, (name, PER), skip=("bodies",))


def test_the_second_place_of_a_route_named_by_two_places_is_a_place() -> None:
    assert ("东溪", LOC) in _tagged("青溪至东溪段开通运营。", ("青溪", LOC), ("东溪", PER))
    assert ("东溪", PER) in _tagged("王立新至东溪镇调研。", ("王立新", PER), ("东溪", PER))  # no route after it


@pytest.mark.parametrize("kind", [PER, LOC, ORG])
def test_a_place_printed_by_its_one_character_name_with_the_army_is_the_place(kind: str) -> None:
    # (the army read as a person, a place or a body: MSRA's text tags the country alone, 美军 -> 美)
    (mention,) = annotate_sentence("乌军继续在东部推进。", [Mention(0, 2, kind, "乌军", source="model")])
    assert (mention.text, mention.type, mention.normalized) == ("乌", LOC, "乌克兰")
    if kind != PER:  # its planes likewise (乌军机 read as a place)
        (mention,) = annotate_sentence("俄称击落乌军机。", [Mention(4, 7, kind, "乌军机", source="model")])
        assert (mention.text, mention.type) == ("乌", LOC)


def test_a_titled_person_with_a_place_cue_stays_a_person() -> None:
    assert _tagged("副市长王立新前线指挥抢险。", ("王立新", PER)) == [("王立新", PER)]  # 前线 is a place cue


def test_a_place_with_a_title_before_it_is_a_person_with_that_title() -> None:
    (mention,) = [
        m
        for m in annotate_document(
            _document("俄罗斯总统普京出席。"), {"d#a0s0": [Mention(5, 7, LOC, "普京", source="model")]}
        )["d#a0s0"]
        if m.text == "普京"
    ]
    assert (mention.type, mention.title, mention.attrs["title_orgs"]) == (PER, "俄罗斯总统", ["俄罗斯"])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("应美国总统拜登邀请，主席出席会议。", "拜登"),  # after a title
        ("很高兴同普京总统举行视频会晤。", "普京"),  # before a role that no name follows
    ],
)
def test_an_untagged_dictionary_name_next_to_a_title_is_a_person(text: str, name: str) -> None:
    assert (name, PER) in _tagged(text)


def test_a_country_before_a_role_and_a_name_is_no_person() -> None:
    found = _tagged("马拉维总统查克维拉出席开幕式。", ("马拉维", LOC))
    assert ("马拉维", LOC) in found and ("马拉维", PER) not in found
    assert ("美国", PER) not in _tagged("中国记者在美国总统府前采访。", ("美国", LOC))


def test_one_sense_per_document_follows_the_person_evidence() -> None:
    doc = _document("俄罗斯总统普京出席仪式。", "普京当天还会见了代表。")
    assert _types(doc, {0: [("普京", PER)], 1: [("普京", LOC)]}, "普京") == [PER, PER]


def test_a_name_with_a_title_after_it_is_never_turned_into_a_place_by_a_place_starting_with_it() -> None:
    doc = _document("习近平总书记强调要抓好落实。", "习近平新时代中国特色社会主义思想指引方向。")
    model = {0: [("习近平", PER)], 1: [("习近平新时代中国特色社会主义思想", LOC)]}
    assert _types(doc, model, "习近平") == [PER]


def test_a_person_whose_name_heads_a_place_of_the_document_becomes_a_place_without_person_evidence() -> None:
    doc = _document("青溪经济持续向好。", "他来到青溪医院。")
    assert _types(doc, {0: [("青溪", PER)], 1: [("青溪医院", LOC)]}, "青溪") == [LOC]


def test_a_person_of_the_document_is_a_person_where_the_tagger_missed_the_name() -> None:
    doc = _document("美国总统拜登出席峰会。", "会谈后，拜登为客人举行欢迎宴会。")
    assert _types(doc, {0: [("拜登", PER)]}, "拜登") == [PER, PER]


@pytest.mark.parametrize(
    ("text", "name"), [("两个专班在金衢两地设立站点。", "金衢"), ("京津冀三地同步推进。", "京津冀")]
)
def test_places_printed_one_character_each_and_counted_are_places(text: str, name: str) -> None:
    assert (name, "LOCATION") in _tagged(text, (name, "PERSON"))


@pytest.mark.parametrize(("text", "name"), [("张强三地奔波。", "张强"), ("李伟两次到场。", "李伟")])
def test_a_name_before_a_count_of_another_size_or_of_no_places_stays_a_person(text: str, name: str) -> None:
    assert (name, "PERSON") in _tagged(text, (name, "PERSON"))


def test_a_name_tagged_person_between_a_title_prefix_and_a_person_is_the_office_s_country() -> None:
    text = "电视台将播出对巴巴多斯总理莫特利的专访。"
    model = [Mention(7, 11, PER, "巴巴多斯", source="model"), Mention(13, 16, PER, "莫特利", source="model")]
    country, person = (m for m in annotate_sentence(text, model) if m.type != "DATE")
    assert (country.text, country.type) == ("巴巴多斯", LOC)
    assert (person.type, person.title, person.attrs["title_orgs"]) == (PER, "巴巴多斯总理", ["巴巴多斯"])
    # a role after a name with no person after it says the name is a person (普京总统表示)
    assert _tagged("普京总统表示，会谈富有成果。", ("普京", PER)) == [("普京", PER)]


def test_a_party_tagged_person_before_its_leader_s_office_is_an_organization() -> None:
    text = "清河党主席萨尔维出席仪式。"
    model = [Mention(0, 3, PER, "清河党", source="model"), Mention(5, 8, PER, "萨尔维", source="model")]
    party, person = (m for m in annotate_sentence(text, model) if m.type != "DATE")
    assert (party.text, party.type, person.type) == ("清河党", "ORGANIZATION", PER)


def test_a_chinese_name_or_a_plain_word_around_a_role_keeps_the_name_before_it_a_person() -> None:
    text = "2021年，王立新主席复信鼓励他们。"
    model = [Mention(6, 9, PER, "王立新", source="model"), Mention(11, 13, PER, "复信", source="model")]
    assert [m.type for m in annotate_sentence(text, model) if m.text == "王立新"] == [PER]


def test_a_name_cut_short_where_its_document_prints_it_whole_grows_to_it() -> None:
    doc = _document("所罗门群岛总理出席仪式。", "中方将继续帮助所罗门群岛人民重建家园。")
    assert _types(doc, {0: [("所罗门群岛", LOC)], 1: [("罗门群岛", LOC)]}, "所罗门群岛") == [LOC, LOC]
    # pieces of another type are one name too: 博鲁 + 阿尔特 of 博鲁阿尔特
    doc = _document("秘鲁总统博鲁阿尔特会见代表团。", "博鲁阿尔特表示，两国友谊源远流长。")
    model = {0: [("博鲁阿尔特", PER)], 1: [("博鲁", LOC), ("阿尔特", PER)]}
    assert _types(doc, model, "博鲁阿尔特") == [PER, PER]
    # a rare word of the dictionary added is a piece of the transliteration (巴赫 + 穆特, 穆特 listed as a name)
    doc = _document("前线城市巴赫穆特仍在激战。", "守军继续在巴赫穆特击退进攻。")
    assert _types(doc, {0: [("巴赫穆特", LOC)], 1: [("巴赫", LOC)]}, "巴赫穆特") == [LOC, LOC]
    # the piece read as a person grows to the place too; a titled person stays (the printed name is not the place)
    assert _types(doc, {0: [("巴赫穆特", LOC)], 1: [("巴赫", PER)]}, "巴赫穆特") == [LOC, LOC]
    doc = _document("前线城市巴赫穆特仍在激战。", "主席巴赫穆特出席。")
    assert _types(doc, {0: [("巴赫穆特", LOC)], 1: [("巴赫", PER)]}, "巴赫") == [PER]


def test_a_name_cut_after_a_function_word_glued_to_it_grows_back() -> None:
    # 同安 is a place to the dictionary, so 李强同安瓦尔举行会谈 reads 同安|瓦尔 and the tagger's 安瓦尔 lost 安
    doc = _document("马来西亚总理安瓦尔出席仪式。", "李强同安瓦尔举行会谈。")
    assert _types(doc, {0: [("安瓦尔", PER)], 1: [("瓦尔", PER)]}, "安瓦尔") == [PER, PER]


def test_a_place_s_one_character_name_after_a_title_stays_a_place() -> None:
    doc = _document("领导人巴以问题特别峰会举行。")  # 巴 and 以: Palestine and Israel, though 领导人 precedes
    assert _types(doc, {0: [("巴", LOC), ("以", LOC)]}, "巴") == [LOC]


def test_a_chinese_name_the_document_mostly_tags_as_a_person_is_no_place() -> None:
    doc = _document("北京王立新等领导同志到机场迎接。", "王立新等人来到现场。", "群众向王立新挥手致意。")
    model = {0: [("北京", LOC), ("王立新", LOC)], 1: [("王立新", PER)], 2: [("王立新", PER)]}
    assert _types(doc, model, "王立新") == [PER, PER, PER]
    # a place of the dictionary stays a place, however often it was read as a person
    doc = _document("记者来到黄山。", "黄山的游客很多。", "黄山的秋色很美。")
    assert _types(doc, {0: [("黄山", LOC)], 1: [("黄山", PER)], 2: [("黄山", PER)]}, "黄山")[0] == LOC


def test_a_party_before_its_chair_is_no_person() -> None:
    doc = _document("王立新会见清河党主席一行", "王立新会见清河党主席李文华一行。")
    model = {0: [("王立新", PER), ("清河党", PER)], 1: [("王立新", PER), ("清河党", ORG), ("李文华", PER)]}
    assert PER not in _types(doc, model, "清河党")


def test_a_name_does_not_grow_over_a_word_of_its_own() -> None:
    doc = _document("永定河北京段全长170公里。", "永定河北京段生态补水今天启动。")
    # the model read 永定河北京 as one name once: 北京 is a word of its own, 永定河 stays as tagged
    assert _types(doc, {0: [("永定河北京", LOC)], 1: [("永定河", LOC)]}, "永定河") == [LOC]
    doc = _document("中印尼合作成果丰硕。", "中印尼两国人民友谊深厚。")
    assert _types(doc, {0: [("中印尼", LOC)], 1: [("印尼", LOC)]}, "印尼") == [LOC]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("守军继续在巴赫穆特击退进攻。", "巴赫穆特"),  # 军继续在
        ("双方在扎波罗热、赫尔松等多个方向交火。", "扎波罗热"),  # 等多个方向, shared by the list
        ("部队将在克列明纳作战方向使用新装备。", "克列明纳"),  # 作战方向
        ("救援物资经拉斐口岸运抵灾区。", "拉斐"),  # a border crossing is named by its place
        ("双方继续围绕克列明纳展开激烈争夺。", "克列明纳"),  # fighting around a place
    ],
)
def test_a_front_named_by_its_place_is_a_place(text: str, name: str) -> None:
    spans = [(name, PER)] + ([("赫尔松", LOC)] if "赫尔松" in text else [])
    assert (name, LOC) in _tagged(text, *spans)


def test_a_country_before_an_office_is_one_even_when_the_leader_s_name_is_a_dictionary_word() -> None:
    text = "南苏丹总统基尔出席仪式。"  # jieba files 基尔 `nz`: still a name, so 南苏丹 is the office's country
    model = [Mention(0, 3, PER, "南苏丹", source="model"), Mention(5, 7, PER, "基尔", source="model")]
    country, person = (m for m in annotate_sentence(text, model) if m.type != "DATE")
    assert (country.type, person.title) == (LOC, "南苏丹总统")


def test_a_storm_named_like_a_person_is_no_person_anywhere_in_its_document() -> None:
    doc = _document("今年第6号台风“莉娜”将于明天登陆。", "莉娜登陆后强度减弱。")
    assert _types(doc, {0: [("莉娜", PER)], 1: [("莉娜", PER)]}, "莉娜") == []
    # nor a place, however the model reads it
    doc = _document("热带气旋“加布丽”13日登陆。", "“加布丽”已造成严重破坏。")
    assert _types(doc, {0: [("加布丽", LOC)], 1: [("加布丽", LOC)]}, "加布丽") == []
    doc = _document("“贝蒂”以一级飓风的强度登陆。", "清河县长莉娜说，救援已经展开。")
    assert _types(doc, {0: [("贝蒂", PER)]}, "贝蒂") == []
    # a person quoted in a storm report is still a person
    doc = _document("台风过后，“老王”说，屋顶修好了。")
    assert _types(doc, {0: [("老王", PER)]}, "老王") == [PER]


def test_a_place_the_document_tags_is_a_place_wherever_printed_on_word_boundaries() -> None:
    doc = _document("福岛渔民上街抗议。", "渔民反对福岛核污染水排海。", "福岛第一核电站的储水罐已满。")
    model = {0: [("福岛", LOC)], 2: [("福岛第一核电站", ORG)]}
    assert _types(doc, model, "福岛") == [LOC, LOC]  # not inside another mention
    # nor where the document reads the name as something else too
    assert _types(doc, {0: [("福岛", LOC)], 2: [("福岛", ORG)]}, "福岛") == [LOC, ORG]
    # nor before a strip or a unit that makes a longer name, nor a count of countries
    doc = _document("加沙局势紧张。", "加沙地带民众被迫逃离。")
    assert _types(doc, {0: [("加沙", LOC)]}, "加沙") == [LOC]
    doc = _document("俄土伊叙四国发表声明。", "四国均表示尊重叙利亚主权。")
    assert _types(doc, {0: [("四国", LOC)]}, "四国") == [LOC]


def test_a_weapon_named_like_a_person_or_a_place_is_neither_anywhere_in_its_document() -> None:
    doc = _document("援助包括“埃尔米斯”坦克和“卡斯特”火箭弹。", "埃尔米斯已运抵前线。")
    assert _types(doc, {0: [("埃尔米斯", PER), ("卡斯特", LOC)], 1: [("埃尔米斯", PER)]}, "埃尔米斯") == []
    assert _types(doc, {0: [("埃尔米斯", PER), ("卡斯特", LOC)]}, "卡斯特") == []
    doc = _document("前线拦截了“埃尔米斯”多管火箭炮发射的炮弹。")  # a modifier before the kind
    assert _types(doc, {0: [("埃尔米斯", LOC)]}, "埃尔米斯") == []
    doc = _document("前线摧毁了“埃尔米斯”自行榴弹炮和“卡斯特”步兵战车。")  # a howitzer, an infantry fighting vehicle
    assert _types(doc, {0: [("埃尔米斯", PER), ("卡斯特", PER)]}, "埃尔米斯") == []
    assert _types(doc, {0: [("埃尔米斯", PER), ("卡斯特", PER)]}, "卡斯特") == []
    doc = _document("“青溪”天然气管道遭到破坏。", "青溪管道事件仍在调查。")  # a pipeline likewise
    assert _types(doc, {0: [("青溪", LOC)], 1: [("青溪", LOC)]}, "青溪") == []
    # a piece of the name inside its quotes is no person either (米斯 of “埃尔米斯”)
    doc = _document("前线拦截了4枚“埃尔米斯”火箭弹。")
    assert _types(doc, {0: [("米斯", PER)]}, "米斯") == []
    doc = _document("防空部队拦截了“埃尔米斯”系统发射的火箭弹。")  # a (weapon) system
    assert _types(doc, {0: [("米斯", PER)]}, "米斯") == []
    # a name in quotes before no weapon word stays what it is
    doc = _document("“埃尔米斯”说，援助已经运抵。")
    assert _types(doc, {0: [("埃尔米斯", PER)]}, "埃尔米斯") == [PER]


def test_a_known_person_whose_name_ends_with_zheng_is_read_before_zai() -> None:
    # 正在 ("is doing") reads across the end of 韩正 in 韩正在北京: the document's person is still there
    doc = _document("国家副主席韩正在北京会见来宾。", "韩正表示，欢迎来宾访华。")
    assert _types(doc, {1: [("韩正", PER)]}, "韩正") == [PER, PER]
    doc = _document("他们正在北京参观。", "韩正表示，欢迎来宾访华。")  # no 韩正 in the first sentence: nothing read
    assert _types(doc, {1: [("韩正", PER)]}, "韩正") == [PER]


def _surname_mentions(*sentences: str, model: dict[int, list[tuple[str, str]]]) -> list[tuple[str, str | None]]:
    doc = _document(*sentences)
    given = {
        s.id: [Mention(s.text.index(x), s.text.index(x) + len(x), k, x, source="model") for x, k in model.get(i, [])]
        for i, s in enumerate(doc.sentences)
    }
    result = annotate_document(doc, given)
    return [(m.text, m.normalized) for s in doc.sentences for m in result[s.id] if m.type == PER and len(m.text) == 1]


def test_a_surname_with_a_title_is_the_person_the_document_names_with_that_title() -> None:
    # as MSRA tags 江 of 江主席; the mention counts for the person in the graph
    found = _surname_mentions("国家主席江立华出席开幕式。", "与会代表感谢江主席的关心。", model={0: [("江立华", PER)]})
    assert found == [("江", "江立华")]


def test_a_surname_with_a_title_stays_untagged_without_one_person_it_can_be_() -> None:
    # no name printed with 主席: 江立华 is a mayor here
    assert _surname_mentions("市长江立华出席开幕式。", "代表感谢江主席的关心。", model={0: [("江立华", PER)]}) == []
    # two people of that surname printed with the title
    two = ("主席江立华和主席江海出席开幕式。", "代表感谢江主席的关心。")
    assert _surname_mentions(*two, model={0: [("江立华", PER), ("江海", PER)]}) == []
    # the character ends a word: 学习 + 主席团
    assert _surname_mentions("主席习明远出席。", "代表们学习主席团的报告。", model={0: [("习明远", PER)]}) == []


def test_a_name_the_document_tags_with_a_title_is_a_person_wherever_printed_on_word_boundaries() -> None:
    sentences = ("市长高峰出席开幕式。", "高峰主持会议并讲话。", "车站迎来客流高峰期。")
    doc = _document(*sentences)
    given = {doc.sentences[0].id: [Mention(2, 4, PER, "高峰", source="model")]}
    result = annotate_document(doc, given)
    found = [[m.text for m in result[s.id] if m.type == PER] for s in doc.sentences]
    assert found == [["高峰"], ["高峰"], []]  # 高峰期 is a word: no name inside it


def test_a_name_that_is_also_a_word_is_a_person_where_it_opens_speech_and_follows_a_role() -> None:
    # the model tags 高峰 nowhere: printed after 主席 and before 强调, it is the chairman
    doc = _document("会议闭幕，全国政协主席高峰主持闭幕会并讲话。", "高峰强调，要抓好落实。", "客流高峰期来临。")
    result = annotate_document(doc, {})
    found = [[m.text for m in result[s.id] if m.type == PER] for s in doc.sentences]
    assert found == [["高峰"], ["高峰"], []]  # never inside a longer word (高峰期)
    # printed once, after the office of a body and before presiding: the office tells
    doc = _document("会议闭幕，全国政协主席高峰主持闭幕会。", "客流高峰期来临。")
    found = [[m.text for m in annotate_document(doc, {})[s.id] if m.type == PER] for s in doc.sentences]
    assert found == [["高峰"], []]
    # a role word alone, with no body before it, is not enough; nor is a name that opens no speech
    # after a country's office, a verb of meeting tells too; opening a clause, it does not (双方会谈 names nobody)
    doc = _document("县长陈志远同来访的泰国总理赛米会谈。", "赛米祝贺展会成功举办。")
    found = [[m.text for m in annotate_document(doc, {})[s.id] if m.type == PER] for s in doc.sentences]
    assert found == [["赛米"], ["赛米"]]  # (no model here: 陈志远 is not read)
    doc = _document("县长陈志远出席活动。", "随后，米塔会谈了一小时。", "米塔是县长的朋友。")
    assert "米塔" not in [m.text for s in doc.sentences for m in annotate_document(doc, {})[s.id]]
    # nor a word the dictionary files as no name (中俄总理|共同主持: how, not who)
    for text in (
        "会议闭幕，由主席高峰主持闭幕会。",
        "会议闭幕，全国政协主席高峰率团出访。",
        "会议由县政协与市政协主席共同主持。",
        "新华社记者采访时表示，展会很成功。",
    ):
        doc = _document(text, "客流迎来高峰。")
        assert [m for s in doc.sentences for m in annotate_document(doc, {})[s.id] if m.type == PER] == [], text


def test_a_name_read_as_a_place_right_after_a_role_with_its_body_is_the_titled_person() -> None:
    assert _tagged("全国政协副主席石青峰一同调研。", ("石青峰", LOC), skip=("bodies",)) == [("石青峰", PER)]


def test_a_name_opening_a_clause_before_its_title_and_presiding_is_a_person() -> None:
    # the model tags 栗青书 nowhere (a surname it never read): 栗青书委员长主持 tells, and so does its title after it
    doc = _document(
        "会议12日在县会议中心举行，栗青书委员长主持。", "栗青书主持召开第三次委员长会议。", "栗青书法展开幕。"
    )
    result = annotate_document(doc, {})
    found = [[m.text for m in result[s.id] if m.type == PER] for s in doc.sentences]
    assert found == [["栗青书"], ["栗青书"], []]  # 书法 is a word: no name ends inside it
    # printed with no role word anywhere in the document: nothing to go on
    doc = _document("会议12日在县会议中心举行，栗青书主持。")
    assert [m for s in doc.sentences for m in annotate_document(doc, {})[s.id] if m.type == PER] == []


def test_a_full_name_read_as_a_place_that_opens_a_clause_and_presides_is_a_person() -> None:
    doc = _document("石青峰主持会议。", "会议由县政协主办，石青峰参加会见。")
    given = {doc.sentences[0].id: [Mention(0, 3, LOC, "石青峰", source="model")]}
    given[doc.sentences[1].id] = [Mention(9, 12, LOC, "石青峰", source="model")]
    result = annotate_document(doc, given)
    assert [[(m.text, m.type) for m in result[s.id]] for s in doc.sentences] == [[("石青峰", PER)], [("石青峰", PER)]]
    # a place of the dictionary, or one a place cue follows, stays a place
    assert _tagged("石家庄主持召开会议。", ("石家庄", LOC)) == [("石家庄", LOC)]
    assert _tagged("石青峰地区降雨。", ("石青峰", LOC)) == [("石青峰", LOC)]


def test_a_name_printed_before_a_summit_forum_or_declaration_is_the_city_not_a_person() -> None:
    # a title right before the city (领导人|清河峰会) is no person evidence, in the sentence or the document
    assert _tagged("会议通过了《东方论坛领导人清河峰会宣言》。", ("清河", PER)) == [("清河", LOC)]
    assert _tagged("县长李明出席清河论坛开幕式。", ("李明", PER), ("清河", PER))[-1] == ("清河", LOC)
    doc = _document("峰会在清河举行。", "会议通过了《东方论坛领导人清河峰会宣言》。")
    assert _types(doc, {0: [("清河", LOC)], 1: [("清河", LOC)]}, "清河") == [LOC, LOC]
    # a word the model read as a name there (高峰论坛, a high-level forum) names no place either
    assert _tagged("县长李明在高峰论坛上发言。", ("李明", PER), ("高峰", PER)) == [("李明", PER)]
    # nor is the meeting itself read as a name (本届高峰会以…为主题)
    assert _tagged("本届高峰会以合作为主题。", ("高峰会", PER)) == []


def test_a_name_between_a_person_and_what_he_does_there_is_the_venue() -> None:
    # 出席 after a name reads like a person's act; after 李明在 it is where 李明 attends
    assert _tagged("县长李明在清河滩出席开幕式。", ("李明", PER), ("清河滩", PER)) == [("李明", PER), ("清河滩", LOC)]
    assert _tagged("县长李明16日在清河滩会见来宾。", ("李明", PER), ("清河滩", PER))[-1] == ("清河滩", LOC)
    # no person before 在: nothing to go on
    assert _tagged("会议在清河滩出席下召开。", ("清河滩", PER)) == [("清河滩", PER)]
