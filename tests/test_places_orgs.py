"""Places and organizations on whole names (kg.tag.places through kg.tag.annotate), on sentences of our own.

Each case gives the model's mentions as a character tagger reads them on county-paper text, and checks what the
tagging layer makes of them; the MSRA cases check that national-news conventions hold (香港特区|政府, 北京|商场).
"""

from __future__ import annotations

import pytest

from kg.ingest import segment
from kg.model import Document, Mention
from kg.tag.annotate import annotate_document, annotate_sentence
from kg.tag.places import PAIR_SOURCE
from kg.tag.senses import one_sense_per_document

LOC, ORG = "LOCATION", "ORGANIZATION"


def _tagged(text: str, *model: tuple[str, str]) -> list[tuple[str, str]]:
    """(text, type) of the final place and organization mentions of `text`, given the model's (name, type)."""
    mentions = []
    for name, kind in model:
        at = text.index(name)
        mentions.append(Mention(at, at + len(name), kind, name, source="model"))
    return [(m.text, m.type) for m in annotate_sentence(text, mentions) if m.type in (LOC, ORG)]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # a span grows over name words to the head that ends the name, taking in a place printed before the head
        ("车队从杭金衢高速义乌出口驶出。", [("杭金衢", LOC), ("义乌", LOC)], [("杭金衢高速义乌出口", LOC)]),
        ("项目落在白石岭新材料产业分区内。", [("白石岭", LOC)], [("白石岭新材料产业分区", LOC)]),
        ("市民来到天虹商厦购物。", [("天虹", LOC)], [("天虹商厦", LOC)]),
        # a head word the span cuts is completed
        ("代表们在东阳分会场收看直播。", [("东阳分会", ORG)], [("东阳分会场", LOC)]),
        # a name that ends like an organization grows only to a memorial named after it
        ("学生们参观了中共嵊县县委旧址纪念馆。", [("中共嵊县县委", ORG)], [("中共嵊县县委旧址纪念馆", LOC)]),
        (
            "学生们参观了新四军第一支队纪念馆。",
            [("新四军第一支队", ORG), ("纪念馆", LOC)],
            [("新四军第一支队纪念馆", LOC)],
        ),
        # a committee and its government printed as one
        ("在台州市委市政府的领导下，工作顺利推进。", [("台州市委", ORG)], [("台州市委市政府", ORG)]),
        # organizations printed after their government's level, tagged in part or not at all
        ("活动得到了县青年企业家协会的支持。", [("企业家协会", ORG)], [("县青年企业家协会", ORG)]),
        ("各地要服从县防汛抗旱指挥部的统一调度。", [], [("县防汛抗旱指挥部", ORG)]),
        ("信息发布后,县融媒体中心5名记者赶到现场。", [], [("县融媒体中心", ORG)]),
        # a place a journey is printed to
        ("孕妇一家由专车送回东阳。", [], [("东阳", LOC)]),
        ("两位领导人将抵达两国边境。", [], []),
        ("他们来到东城街道看望群众。", [], []),
        # roads by their number
        ("事故发生在104国道旁。", [], [("104国道", LOC)]),
        # the head decides the type
        ("城东物资保障中心连夜分拣。", [("城东物资保障中心", LOC)], [("城东物资保障中心", ORG)]),
        ("群众来到王英烈士陵园祭扫。", [("王英烈士陵园", ORG)], [("王英烈士陵园", LOC)]),
        # category words, epidemic zones, kinds and open quotes are no names
        ("封控区内的居民足不出户。", [("封控区", LOC)], []),
        ("车辆沿着国道行驶。", [("国道", LOC)], []),
        (
            "南昌至九江高铁、青溪至东溪铁路开通。",
            [("南昌", LOC), ("九江", LOC), ("高铁", LOC), ("铁路", LOC)],
            [("南昌", LOC), ("九江", LOC)],
        ),  # a rail line by the cities it joins: the kind of line names nothing
        ("该临时党支部有5名支委。", [("临时党支部", ORG)], []),
        ("记者走进义乌封控区。", [("义乌封控区", LOC)], [("义乌", LOC)]),
        # a long transliteration the model split is one place; a place and a site printed together stay two
        ("乌军在阿夫杰耶夫卡击退进攻。", [("阿夫杰", LOC), ("耶夫卡", LOC)], [("阿夫杰耶夫卡", LOC)]),
        (
            "双方在加沙地带汗尤尼斯交火。",
            [("加沙地带", LOC), ("汗尤尼斯", LOC)],
            [("加沙地带", LOC), ("汗尤尼斯", LOC)],
        ),
        ("会谈在青溪宫北厅举行。", [("青溪宫", LOC), ("北厅", LOC)], [("青溪宫", LOC), ("北厅", LOC)]),
        # a river's bank likewise: the river, and nothing alone
        ("守军在清河左岸构筑阵地。", [("清河左岸", LOC)], [("清河", LOC)]),
        ("守军在清河左岸构筑阵地。", [("清河", LOC), ("左岸", LOC)], [("清河", LOC)]),
        ("采取村社联盟、校企联盟等形式推进。", [("村社联盟", ORG), ("校企联盟", ORG)], []),
        ("他在台州“三个一”行动中带头。", [("台州“三个一", ORG)], [("台州", LOC)]),
        ("据英国《金融时报》报道。", [("英国《金融时报", ORG)], [("英国", LOC), ("金融时报", ORG)]),
        # a leading function word or verb is no part of a name
        ("二是联合县市场监督管理局开展检查。", [("联合县市场监督管理局", ORG)], [("县市场监督管理局", ORG)]),
    ],
)
def test_places_and_organizations_on_whole_names(text, model, expected):
    assert _tagged(text, *model) == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("去年对澳门出口增长一成。", [("澳门", LOC)], [("澳门", LOC)]),  # trade, not a road's exit
        ("澳门特区政府发布公告。", [("澳门特区", LOC)], [("澳门特区", LOC)]),  # 政府 is no part of a place
        ("北京一些商场销量大增。", [("北京", LOC)], [("北京", LOC)]),  # a place and a common noun
        ("泾阳工业区的开发已经启动。", [("泾阳", LOC)], [("泾阳", LOC)]),  # MSRA leaves zones out
        ("这个处党委把学习放在首位。", [("党委", ORG)], [("党委", ORG)]),  # MSRA tags a bare 党委
        ("省、区、市党委都要重视。", [], []),  # levels in general, no one government
        ("全市各部门要行动起来。", [], []),  # 全市 is a word: no level printed alone
        ("要加强区县级医院建设。", [], []),  # levels in general
        ("英格兰所有医院都已满员。", [("英格兰", LOC)], [("英格兰", LOC)]),  # all the hospitals of a place
        ("今年美国银行借贷下降。", [("美国", LOC)], [("美国", LOC)]),  # the banks of a well-known place
        ("宁夏3个会场同时开幕。", [("宁夏", LOC)], [("宁夏", LOC)]),  # a number is no part of a name
        ("河南、山东两省采取巡回指导、下沉走访等方式推进。", [("河南", LOC), ("山东", LOC)],
         [("河南", LOC), ("山东", LOC)]),  # places before a list of kinds are no kinds
        ("要实行市领导督办制度。", [], []),  # 督办 is a verb, not a head 办
        ("由新华社经济部和南通恒远集团联合主办。", [("新华社经济部", ORG), ("南通恒远集团", ORG)],
         [("新华社经济部", ORG), ("南通恒远集团", ORG)]),  # a name never grows over the next whole name
        # places written together are two places, as MSRA tags them
        ("记者来到美国宾夕法尼亚州的一座小镇。", [("美国宾夕法尼亚州", LOC)], [("美国", LOC), ("宾夕法尼亚州", LOC)]),
        ("天津滨海新区新设企业增多。", [("天津滨海新区", LOC)], [("天津", LOC), ("滨海新区", LOC)]),
        ("重庆涪陵的青菜头丰收了。", [("重庆涪陵", LOC)], [("重庆", LOC), ("涪陵", LOC)]),
        ("香港特别行政区举行升旗仪式。", [("香港特别行政区", LOC)], [("香港特别行政区", LOC)]),  # no place after
        # a dictionary city and a county, town or village of its own, with their unit
        ("安徽阜阳阜南县的农民忙着收麦。", [("阜阳阜南县", LOC)], [("阜阳", LOC), ("阜南县", LOC)]),
        ("湖州千金镇举办丰收节。", [("湖州千金镇", LOC)], [("湖州", LOC), ("千金镇", LOC)]),
        ("陇南文县的村民迎来丰收。", [("陇南文县", LOC)], [("陇南", LOC), ("文县", LOC)]),  # a dictionary county
        ("南溪南村的村民迎来丰收。", [("南溪南村", LOC)], [("南溪南村", LOC)]),  # a village: one name
        # a route named by one character of each place it joins names no place
        ("中欧班列开行超过一万列。", [("中", LOC), ("欧", LOC)], []),
        ("福厦高铁进入联调联试。", [("福厦", LOC)], []),
        ("中欧高速发展的经贸关系。", [("中", LOC), ("欧", LOC)], [("中", LOC), ("欧", LOC)]),  # 高速 "fast"
        ("广州高铁站客流大。", [("广州", LOC)], [("广州高铁站", LOC)]),  # a city's station, no route
        ("丽水景宁畲族自治县开展活动。", [("景宁畲族自治县", LOC)], [("景宁畲族自治县", LOC)]),  # an ethnic county
        # a country and a state or province of its own, whatever the dictionary knows of the state
        ("无人机飞抵俄罗斯别尔哥罗德州上空。", [("俄罗斯别尔哥罗德州", LOC)], [("俄罗斯", LOC), ("别尔哥罗德州", LOC)]),
        ("印度尼西亚东努沙登加拉省发生地震。", [("印度尼西亚东努沙登加拉省", LOC)],
         [("印度尼西亚", LOC), ("东努沙登加拉省", LOC)]),  # the longest country, not 印度
        ("马里兰州的港口恢复运营。", [("马里兰州", LOC)], [("马里兰州", LOC)]),  # 马里 + 兰州 is no country and state
        ("墨西哥州议会通过法案。", [("墨西哥州", LOC)], [("墨西哥州", LOC)]),  # a state named after its country
        ("西湖花市人头攒动。", [("西湖花市", LOC)], [("西湖花市", LOC)]),  # a market: 花 is no place name
        ("兰州新区引进新项目。", [("兰州新区", LOC)], [("兰州新区", LOC)]),  # a kind of place after a place: one name
        ("车辆驶上龙门大桥。", [("龙门大桥", LOC)], [("龙门大桥", LOC)]),
        ("旅客从天津西站出发。", [("天津西站", LOC)], [("天津西站", LOC)]),  # a station
        ("空袭波及清河地带北部。", [("清河", LOC)], [("清河地带", LOC)]),  # 地带 right after a place: its name
        ("新疆南部地带降雪。", [("新疆", LOC)], [("新疆", LOC)]),  # not across another word
        # a customs office is named by its city, as MSRA tags 天津海关 (20 of 25 X海关 whole organizations)
        ("青溪海关查获一批走私货物。", [("青溪", LOC)], [("青溪海关", ORG)]),
        ("游客来到山海关参观。", [("山海关", LOC)], [("山海关", LOC)]),  # a place name that ends like a head
        # a slogan's community, 共同体 alone and a station's name for itself name no body; a community that is one stays
        ("携手构建青溪命运共同体。", [("青溪命运共同体", ORG)], []),
        ("推动构建人类命运共同体。", [("共同体", ORG)], []),
        ("本台今天播发快评。", [("本台", ORG)], []),
        ("西非国家经济共同体发表声明。", [("西非国家经济共同体", ORG)], [("西非国家经济共同体", ORG)]),
        # a place that runs into the next word ends at the place, and hands what it gave up to a place after it
        ("荷兰卡车司机在港口排队。", [("荷兰卡", LOC)], [("荷兰", LOC)]),  # 卡车司机 is the next word
        ("南非非国大主席发表讲话。", [("南非非国", LOC)], [("南非", LOC)]),
        ("代表团从卡塔尔多哈出发。", [("卡塔尔多", LOC), ("哈", LOC)], [("卡塔尔", LOC), ("多哈", LOC)]),
        ("北京市长出席开幕式。", [("北京市", LOC)], [("北京市", LOC)]),  # a unit ends the name: 市|长 stays
    ],
)  # fmt: skip
def test_national_news_conventions_hold(text, model, expected):
    assert _tagged(text, *model) == expected


def test_a_place_cut_short_of_a_dictionary_person_name_is_that_person():
    assert _tagged("特朗普宣称自己无罪。", ("特朗", LOC)) == []
    people = [(m.text, m.type) for m in annotate_sentence("特朗普宣称自己无罪。", [Mention(0, 2, LOC, "特朗")])]
    assert people == [("特朗普", "PERSON")]
    assert _tagged("他是桂林人。", ("桂林", LOC)) == [("桂林", LOC)]  # a whole place before 人


def test_a_visit_to_a_place_tagged_as_a_person_is_a_place():
    text = "副总理调研绍兴时指出，要抓好防控。"
    found = annotate_sentence(text, [Mention(5, 7, "PERSON", "绍兴")])
    assert [(m.text, m.type) for m in found] == [("绍兴", LOC)]


def _senses(*sentences: tuple[str, list[Mention]]) -> list[list[tuple[str, str]]]:
    """(text, type) of each sentence's mentions after one sense per document over the given sentences."""
    texts = {str(i): text for i, (text, _) in enumerate(sentences)}
    result = one_sense_per_document({str(i): found for i, (_, found) in enumerate(sentences)}, texts)
    return [[(m.text, m.type) for m in result[str(i)]] for i in range(len(sentences))]


def test_a_person_read_as_an_organization_before_a_title_is_the_person():
    titled = ("美国总统拜登表示，双方应加强合作。", [Mention(4, 6, "PERSON", "拜登")])
    assert _senses(titled, ("拜登总统同来访的客人举行会谈。", [Mention(0, 2, ORG, "拜登")]))[1] == [("拜登", "PERSON")]


def test_a_one_character_place_inside_a_known_persons_name_gives_way_to_the_person():
    titled = ("俄罗斯总统普京表示，双方应加强合作。", [Mention(5, 7, "PERSON", "普京")])
    assert _senses(titled, ("普京称，局势正在好转。", [Mention(1, 2, LOC, "京")]))[1] == [("普京", "PERSON")]


def test_a_place_inside_a_longer_place_counts_as_a_place_use():
    exit_ = ("车队驶过杭金衢高速东阳出口。", [Mention(4, 13, LOC, "杭金衢高速东阳出口")])
    misread = ("东阳疫情防控工作总体良好。", [Mention(0, 2, "PERSON", "东阳")])
    assert _senses(exit_, misread)[1] == [("东阳", LOC)]


def test_a_list_of_organizations_takes_no_phrase_with_de():
    assert _tagged("会议听取了民政部、民族宗教工作情况的汇报。", ("民政部", ORG)) == [("民政部", ORG)]


def test_a_list_of_organizations_takes_no_bare_government():
    listed = _tagged("中共中央、全国人大、政府都派了代表。", ("中共中央", ORG), ("全国人大", ORG))
    assert listed == [("中共中央", ORG), ("全国人大", ORG)]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # the model reads a company as a person or a place; the list says what its items are
        ("开发区迎来了清河云、蓝鲸科技等8家新入驻企业。", [("清河云", "PERSON"), ("蓝鲸科技", LOC)],
         [("清河云", ORG), ("蓝鲸科技", ORG)]),
        ("开发区迎来了清河云、研发中试等8家新入驻企业。", [("清河云", "PERSON")], [("清河云", ORG)]),  # untagged: as is
        ("晨光、周远川、启明星等车企加快布局。", [("晨光", LOC), ("周远川", "PERSON"), ("启明星", LOC)],
         [("晨光", ORG), ("周远川", ORG), ("启明星", ORG)]),
        # kinds are no names; places before 等城市的企业 stay places, and so do well-known countries
        ("国有企业、民营企业等各类企业都受益。", [], []),
        ("家电、汽车等企业陆续复工。", [], []),
        ("上海、深圳等城市的企业积极参展。", [("上海", LOC), ("深圳", LOC)], [("上海", LOC), ("深圳", LOC)]),
        ("来自德国、日本等国的外资企业参展。", [("德国", LOC), ("日本", LOC)], [("德国", LOC), ("日本", LOC)]),
    ],
)  # fmt: skip
def test_the_items_of_a_list_of_businesses_are_organizations(text, model, expected):
    assert _tagged(text, *model) == expected


def test_the_untagged_place_a_route_from_a_tagged_place_goes_to_is_a_place() -> None:
    assert _tagged("成都至宜宾高铁加紧建设。", ("成都", LOC)) == [("成都", LOC), ("宜宾", LOC)]
    assert _tagged("成都至宜宾的游客增多。", ("成都", LOC)) == [("成都", LOC)]  # no route after it


def test_two_countries_by_one_character_each_before_what_they_share_are_places() -> None:
    text = "本报讯 清河国总统会见肯尼亚总统。双方表示，中肯关系发展良好，肯中友谊源远流长。大家提出了中肯的意见。\n"
    doc = segment(Document(id="d", source="test", text=text, date="2023-05-01"))
    found = annotate_document(doc, {})
    places = [[(m.text, m.normalized) for m in found[s.id] if m.type == LOC] for s in doc.sentences]
    assert places[1] == [("中", "中国"), ("肯", "肯尼亚"), ("肯", "肯尼亚"), ("中", "中国")]
    assert places[2] == []  # 中肯的意见: "pertinent", no pair before what two countries share
    # without the country's full name in the document, 肯 names no place
    doc = segment(Document(id="e", source="test", text="本报讯 双方表示，中肯关系发展良好。\n", date="2023-05-01"))
    assert all(m.type != LOC for found in annotate_document(doc, {}).values() for m in found)


def test_a_pair_of_countries_the_model_read_as_one_place_is_two_places() -> None:
    text = "本报讯 清河国总统会见南非总统。中南双方签署合作文件。\n"
    doc = segment(Document(id="d", source="test", text=text, date="2023-05-01"))
    second = doc.sentences[1]
    found = annotate_document(doc, {second.id: [Mention(0, 2, LOC, "中南", source="model")]})
    assert [(m.text, m.normalized) for m in found[second.id] if m.type == LOC] == [("中", "中国"), ("南", "南非")]


def test_a_pair_of_countries_before_their_leaders_are_places_though_a_word_starts_inside_it() -> None:
    # 美元 is a word, but 中美元首 is 中 + 美 + 元首
    text = "本报讯 中国国家主席会见美国总统。中美元首会晤取得成果。中俄领导人通电话。\n"
    doc = segment(Document(id="d", source="test", text=text, date="2023-05-01"))
    found = annotate_document(doc, {})
    places = [[(m.text, m.normalized) for m in found[s.id] if m.type == LOC] for s in doc.sentences]
    assert places[1] == [("中", "中国"), ("美", "美国")]
    assert places[2] == []  # 俄罗斯 is printed nowhere: 俄 names no country here


def test_a_country_by_its_first_character_before_its_army_press_or_a_word_of_saying_is_a_place() -> None:
    text = (
        "本报讯 乌克兰方面表示，乌军击退了进攻。俄罗斯方面称，俄称击落了无人机。"
        "以色列国防军说，以军以军事手段回应，哈方打击以军人员。"
        "美国代表团到访，这座城市享有美称。"
        "英国央行宣布加息。英媒称加息将持续。新加坡发展新媒体。\n"
    )
    doc = segment(Document(id="d", source="test", text=text, date="2023-05-01"))
    found = annotate_document(doc, {})
    places = [
        [(m.text, m.normalized) for m in found[s.id] if m.type == LOC and len(m.text) == 1] for s in doc.sentences
    ]
    assert places[:2] == [[("乌", "乌克兰")], [("俄", "俄罗斯")]]
    assert places[2] == [("以", "以色列"), ("以", "以色列")]  # 以军, 以军人员; not 以 of 以军事手段
    assert places[3] == []  # 美称 is a word ("a fine name"), though 美国 is printed
    assert places[5] == [("英", "英国")]  # 英媒: the British press
    assert places[6] == []  # 新 of 新媒体 is no 新加坡
    # without the country's full name in the document, 以 names no place
    doc = segment(Document(id="e", source="test", text="本报讯 以军以军事手段回应。\n", date="2023-05-01"))
    assert all(m.type != LOC for found in annotate_document(doc, {}).values() for m in found)


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("武夷山国家公园建设取得进展。", [("武夷山", LOC), ("国家公园", LOC)], [("武夷山国家公园", LOC)]),
        ("清河湿地公园开园。", [("清河", LOC), ("湿地公园", LOC)], [("清河湿地公园", LOC)]),
        ("清河国家文化公园建设有序推进。", [("清河", LOC), ("国家文化公园", LOC)], [("清河国家文化公园", LOC)]),
        # a kind of park alone names none
        ("我国正式设立国家公园。", [("国家公园", LOC)], []),
        # bridges alike: named after the river they cross, nothing alone
        ("清河特大桥主墩封顶。", [("清河", LOC), ("特大桥", LOC)], [("清河特大桥", LOC)]),
        ("南岸的栈桥和悬索桥正加紧施工。", [("栈桥", LOC), ("悬索桥", LOC)], []),
        # stations named after their city are one place with it; 站 alone is too often a verb
        ("旅客在清河南站候车。", [("清河", LOC)], [("清河南站", LOC)]),
        # power stations are sites, as the news sets tag them (MSRA reads a company)
        ("清河水电站机组投产。", [("清河水电站", ORG)], [("清河水电站", LOC)]),
        ("旅客走出清河火车东站。", [("清河", LOC)], [("清河火车东站", LOC)]),
        ("早高峰的清河地铁站人潮涌动。", [("清河", LOC)], [("清河地铁站", LOC)]),
        ("清河站在新的起点上。", [("清河", LOC)], [("清河", LOC)]),
        # a village named for a bridge is no bridge: the town and the village stay two places
        ("青溪镇大桥村通了公路。", [("青溪镇", LOC), ("大桥村", LOC)], [("青溪镇", LOC), ("大桥村", LOC)]),
    ],
)  # fmt: skip
def test_a_park_bridge_or_station_right_after_the_place_it_is_named_for_is_one_place(text, model, expected):
    assert _tagged(text, *model) == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("神舟十五号航天员乘组完成出舱活动。", [("神舟十五号航天员乘组", ORG)], []),
        ("中国空间站运行良好。", [("中国空间站", LOC)], []),
        ("天舟六号货运飞船运抵文昌航天发射场。", [("天舟六号货运飞船", LOC), ("文昌航天发射场", LOC)],
         [("文昌航天发射场", LOC)]),
        # a place whose name starts like a craft stays a place
        ("天和县召开会议。", [("天和县", LOC)], [("天和县", LOC)]),
        # a ship by its quoted name neither
        ("“青溪”号潜艇完成巡航。", [("“青溪”号", ORG)], []),
        # the start of a rocket's name cut from it is no place either
        ("捷龙三号运载火箭在海阳附近海域发射。", [("捷龙", LOC), ("海阳", LOC)], [("海阳", LOC)]),
    ],
)  # fmt: skip
def test_spacecraft_and_their_crews_are_neither_places_nor_organizations(text, model, expected):
    assert _tagged(text, *model) == expected


def test_a_character_two_printed_countries_start_with_names_neither_and_one_printed_inside_another_gives_way() -> None:
    def pair_places(text: str) -> list[tuple[str, str | None]]:
        doc = segment(Document(id="d", source="test", text=text, date="2023-05-01"))
        found = annotate_document(doc, {})
        return [(m.text, m.normalized) for s in doc.sentences for m in found[s.id] if m.source == PAIR_SOURCE]

    # 刚果 is printed inside 刚果（金）: the pair names 刚果（金）, whatever order the country list is read in
    one = "本报讯 代表团访问刚果（金）。双方表示，中刚关系发展良好。\n"
    assert ("刚", "刚果（金）") in pair_places(one)
    # both Congos printed: 刚 names neither
    both = "本报讯 代表团访问刚果（金）和刚果（布）。双方表示，中刚关系发展良好。\n"
    assert all(char != "刚" for char, _ in pair_places(both))


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # the bare county word is a name in the dictionary (its unit makes it a place): after its province, a place
        ("游客到河南兰考看焦桐。", [("河南", LOC)], [("河南", LOC), ("兰考", LOC)]),
        ("在山东邹平，当地建设高标准农田。", [("山东", LOC), ("邹平", "PERSON")], [("山东", LOC), ("邹平", LOC)]),
        # and with its unit, though the dictionary joins it to the next place (青海|民和县|中川乡)
        ("来到青海民和县中川乡。", [("青海", LOC), ("中川乡", LOC)], [("青海", LOC), ("民和县", LOC), ("中川乡", LOC)]),
        # a district printed with its unit right after its city
        ("石家庄市藁城区的小麦丰收。", [("石家庄市", LOC)], [("石家庄市", LOC), ("藁城区", LOC)]),
        ("杭州市区的商场开业。", [("杭州", LOC)], [("杭州", LOC)]),
        # a city of three characters the dictionary lists, though the model passed over it
        ("贵州六盘水的油菜花开了。", [("贵州", LOC)], [("贵州", LOC), ("六盘水", LOC)]),
        # read together with its province, it is split off as places written together are
        ("在安徽旌德，稻田丰收。", [("安徽旌德", LOC)], [("安徽", LOC), ("旌德", LOC)]),
        # not a word that only starts there, nor one the model read longer
        ("他毕业于浙江大学。", [("浙江大学", ORG)], [("浙江大学", ORG)]),
        ("到山西长治振兴小镇游玩。", [("山西", LOC), ("长治振兴小镇", LOC)], [("山西", LOC), ("长治振兴小镇", LOC)]),
    ],
)  # fmt: skip
def test_a_county_printed_right_after_its_province_is_a_place(text, model, expected):
    assert sorted(_tagged(text, *model)) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # a country's mission abroad is one organization where the model read two places
        ("武契奇到中国驻塞尔维亚使馆吊唁。", [("武契奇", "PERSON"), ("中国", LOC), ("塞尔维亚", LOC)],
         [("中国驻塞尔维亚使馆", ORG)]),
        ("中国常驻联合国代表团发表声明。", [("中国", LOC), ("联合国", ORG)], [("中国常驻联合国代表团", ORG)]),
        # the mission's building, a site where something happens: the places stay
        ("民众在日本驻韩国大使馆前集会。", [("日本", LOC), ("韩国", LOC)], [("日本", LOC), ("韩国", LOC)]),
        # no mission word after the host: the places stay
        ("美军驻日本的基地扩建。", [("美", LOC), ("日本", LOC)], [("美", LOC), ("日本", LOC)]),
        # a railway named by one character of each place it joins is no place (Britain's railways are Britain's)
        ("匈塞铁路建设进展顺利。", [("匈塞铁路", LOC)], []),
        ("英国铁路工人罢工。", [("英国铁路", LOC)], [("英国铁路", LOC)]),
        ("京津城际铁路客流增长。", [("京津城际铁路", LOC)], [("京津城际铁路", LOC)]),
        # a country read short of its bracketed name grows to it
        ("刚果（布）总统萨苏出席。", [("刚果", LOC), ("萨苏", "PERSON")], [("刚果（布）", LOC)]),
        # solar power, food and herbal medicine begin with a place's name and name no place
        ("太阳能电池出口增长。", [("太阳", LOC)], []),
        ("中药材种植面积扩大。", [("中", LOC)], []),
        # the region's own word for itself is no name; its full name is
        ("特区政府发布公告，澳门特区各界响应。", [("特区", LOC), ("澳门特区", LOC)], [("澳门特区", LOC)]),
        # 驻 begins 驻马店, which the model cuts as if it meant "stationed in"
        ("他在驻马店市调研。", [("马店市", LOC)], [("驻马店市", LOC)]),
    ],
)  # fmt: skip
def test_missions_abroad_are_organizations_and_zhumadian_keeps_its_first_character(text, model, expected):
    assert _tagged(text, *model) == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # 港 after a place's name is its port, and what follows it names a part of the port
        ("青岛港开通新航线。", [("青岛", LOC), ("港", LOC)], [("青岛港", LOC)]),
        ("舟山港梅山港区吞吐量增长。", [("舟山", LOC), ("港梅山港区", LOC)], [("舟山港", LOC), ("梅山港区", LOC)]),
        # after another one-character name it is Hong Kong
        ("深港合作不断深化。", [("深", LOC), ("港", LOC)], [("深", LOC), ("港", LOC)]),
    ],
)  # fmt: skip
def test_the_port_of_a_place_is_one_place_not_hong_kong(text, model, expected):
    assert _tagged(text, *model) == expected
