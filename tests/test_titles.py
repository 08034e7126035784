"""Titles before person names: stacked titles, organization prefixes, shared list titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Mention
from kg.tag.titles import attach_titles, find_titles, title_chain_before


def _person(text: str, name: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), "PERSON", name, source="test")


def _titled(text: str, *names: str) -> list[Mention]:
    persons = [_person(text, name) for name in names]
    attach_titles(text, persons)
    return persons


def test_stacked_titles_keep_the_printed_string_and_each_organization() -> None:
    text = "上午，金华市委常委、纪委书记、监委主任王立新来西溪镇督导。"
    (person,) = _titled(text, "王立新")
    assert person.title == "金华市委常委、纪委书记、监委主任"
    assert person.attrs["titles"] == ["金华市委常委", "纪委书记", "监委主任"]
    assert person.attrs["title_orgs"] == ["金华市委", "金华市纪委", "金华市监委"]  # stacked titles inherit the place


def test_organization_qualified_title_is_one_title() -> None:
    text = "会上，市委书记、市防汛抗旱工作领导小组组长赵文海作部署。"
    (person,) = _titled(text, "赵文海")
    assert person.attrs["titles"] == ["市委书记", "市防汛抗旱工作领导小组组长"]
    assert person.attrs["title_orgs"] == ["市委", "市防汛抗旱工作领导小组"]


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        ("检查组来到现场，副市长周海燕参加。", "周海燕", "副市长", ["市政府"]),
        ("会议由市委副书记、代市长孙建国主持。", "孙建国", "市委副书记、代市长", ["市委", "市政府"]),
        ("当天，金华市副市长钱丽华调研。", "钱丽华", "金华市副市长", ["金华市政府"]),
        ("据介绍，西溪镇镇长吴光明说。", "吴光明", "西溪镇镇长", ["西溪镇政府"]),
        ("市委常委副市长郑晓东出席。", "郑晓东", "市委常委副市长", ["市委", "市政府"]),
        ("市农业农村局局长何建平介绍。", "何建平", "市农业农村局局长", ["市农业农村局"]),
        ("东城村党支部书记冯志强说。", "冯志强", "东城村党支部书记", ["东城村党支部"]),
        ("融媒首席记者林晓燕报道。", "林晓燕", "融媒首席记者", []),
        ("他说，市领导陈国华出席。", "陈国华", "市领导", []),
        # national offices: a ministry's department (和 inside the ministry's name), a general administration
        ("国家文化和旅游部市场管理司副司长李晓明介绍。", "李晓明", "国家文化和旅游部市场管理司副司长",
         ["国家文化和旅游部市场管理司"]),
        ("海关总署署长王建华出席。", "王建华", "海关总署署长", ["海关总署"]),
        ("青溪特别行政区行政长官王建华述职。", "王建华", "青溪特别行政区行政长官", ["青溪特别行政区"]),
    ],
)  # fmt: skip
def test_title_and_implied_organization(text: str, name: str, title: str, orgs: list[str]) -> None:
    (person,) = _titled(text, name)
    assert (person.title, person.attrs["title_orgs"]) == (title, orgs)


def test_prefix_stops_at_words_that_cannot_be_part_of_an_organization() -> None:
    (person,) = _titled("这次会议由市委副书记陈国华主持。", "陈国华")
    assert person.title == "市委副书记"


def test_prefix_starts_after_a_verb_phrase() -> None:
    (person,) = _titled("会议传达学习省委常委、组织部长王立新的讲话精神。", "王立新")
    assert person.attrs["titles"] == ["省委常委", "组织部长"]
    assert person.attrs["title_orgs"] == ["省委"]


def test_every_name_in_a_list_after_a_title_shares_it() -> None:
    text = "我市领导王立新、李文、张海波出席会议。"
    persons = _titled(text, "王立新", "李文", "张海波")
    assert [p.title for p in persons] == ["我市领导"] * 3
    assert all(p.attrs["titles"] == ["我市领导"] for p in persons)


def test_a_listed_person_with_an_own_title_keeps_it() -> None:
    text = "市委书记王立新、副市长李文出席。"
    persons = _titled(text, "王立新", "李文")
    assert [p.title for p in persons] == ["市委书记", "副市长"]


def test_name_without_title_gets_none() -> None:
    text = "王立新在会上强调，李文表示赞同。"
    persons = _titled(text, "王立新", "李文")
    assert [p.title for p in persons] == [None, None]
    assert "titles" not in persons[1].attrs


def test_title_prefix_never_runs_back_into_the_previous_name() -> None:
    text = "王立新陪同县长李文调研。"
    persons = _titled(text, "王立新", "李文")
    assert persons[1].title == "县长"
    assert persons[1].attrs["title_orgs"] == ["县政府"]


def test_find_titles_returns_role_spans_for_non_names() -> None:
    text = "市委书记、市委常委副市长和首席记者都到了。"
    titles = find_titles(text)
    assert [(t.text, text[t.role_start : t.end]) for t in titles] == [
        ("市委书记", "书记"),
        ("市委常委", "常委"),
        ("副市长", "副市长"),
        ("首席记者", "首席记者"),
    ]
    assert all(text[t.start : t.end] == t.text for t in titles)


def test_title_chain_is_empty_when_no_role_precedes() -> None:
    assert title_chain_before("我们看望了王立新", 5) == []


def test_seed_page_stacked_title_is_read_back_from_the_name() -> None:
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("seed pages absent")
    (path,) = seeds.glob("004_*.txt")
    text = path.read_text(encoding="utf-8").replace("\n", "")  # ingest joins OCR lines
    chain = title_chain_before(text, text.index("监委主任") + len("监委主任"))
    assert [(t.text, t.org) for t in chain] == [
        ("金华市委常委", "金华市委"),
        ("纪委书记", "纪委"),
        ("监委主任", "监委"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        ("当天，美国总统拜登发表讲话。", "拜登", "美国总统", ["美国"]),
        ("美国副总统哈里斯出席。", "哈里斯", "美国副总统", ["美国"]),
        ("日本首相岸田文雄表示。", "岸田文雄", "日本首相", ["日本"]),
        ("越南总理范明政会见代表团。", "范明政", "越南总理", ["越南"]),
        ("英国国王查尔斯三世致辞。", "查尔斯三世", "英国国王", ["英国"]),
        ("沙特王储穆罕默德会见客人。", "穆罕默德", "沙特王储", ["沙特"]),
        ("全国人大常委会委员长王立新出席。", "王立新", "全国人大常委会委员长", ["全国人大常委会"]),
        ("俄罗斯国家杜马议长沃洛金表示。", "沃洛金", "俄罗斯国家杜马议长", ["俄罗斯国家杜马"]),
        ("外长王毅出席。", "王毅", "外长", ["外交部"]),
        ("外交部长王毅会见。", "王毅", "外交部长", ["外交部"]),
        ("美国国务卿布林肯抵达。", "布林肯", "美国国务卿", ["美国"]),
        ("中国驻美国大使谢锋出席。", "谢锋", "中国驻美国大使", []),
        ("联合国秘书长古特雷斯表示。", "古特雷斯", "联合国秘书长", ["联合国"]),
        ("越南国家主席武文赏会见。", "武文赏", "越南国家主席", ["越南"]),
        ("世界卫生组织总干事谭德塞说。", "谭德塞", "世界卫生组织总干事", ["世界卫生组织"]),
        ("伊朗海军司令伊拉尼表示。", "伊拉尼", "伊朗海军司令", ["伊朗海军"]),
    ],
)
def test_national_and_foreign_offices_are_titles_with_their_country_or_organization(
    text: str, name: str, title: str, orgs: list[str]
) -> None:
    (person,) = _titled(text, name)
    assert (person.title, person.attrs["title_orgs"]) == (title, orgs)


def test_a_verb_phrase_before_a_title_is_no_part_of_it() -> None:
    text = "《清河》杂志发表中共中央总书记、国家主席王立新的文章。"
    (person,) = _titled(text, "王立新")
    assert person.attrs["titles"] == ["中共中央总书记", "国家主席"]


def test_a_stop_word_inside_a_dictionary_word_does_not_cut_the_prefix() -> None:
    assert [t.text for t in find_titles("联合国秘书长发表讲话。")] == ["联合国秘书长"]
    assert [t.text for t in find_titles("公安局联合市市场监督管理局局长开展检查。")] == ["市市场监督管理局局长"]


def test_a_role_word_alone_is_no_organization() -> None:
    (person,) = _titled("会议传达学习省委常委、组织部长王立新的讲话精神。", "王立新")
    assert person.attrs["title_orgs"] == ["省委"]


def test_an_organization_name_holding_a_stop_character_is_one_prefix() -> None:
    (person,) = _titled("清河市经信局局长周建国出席会议。", "周建国")
    assert (person.title, person.attrs["title_orgs"]) == ("清河市经信局局长", ["清河市经信局"])
    (chaired,) = _titled("由市委书记王立新主持。", "王立新")
    assert chaired.title == "市委书记"


@pytest.mark.parametrize(
    ("text", "name", "orgs"),
    [
        ("哈萨克斯坦总统托卡耶夫出席峰会。", "托卡耶夫", ["哈萨克斯坦"]),  # jieba: nrt
        ("塔吉克斯坦总统拉赫蒙致辞。", "拉赫蒙", ["塔吉克斯坦"]),
        ("吉尔吉斯斯坦总统扎帕罗夫抵达。", "扎帕罗夫", ["吉尔吉斯斯坦"]),
        ("乌克兰总统泽连斯基发表讲话。", "泽连斯基", ["乌克兰"]),  # jieba: nr
        ("巴巴多斯总理莫特利接受采访。", "莫特利", ["巴巴多斯"]),
    ],
)
def test_a_country_the_dictionary_files_as_a_person_name_is_still_the_office_s_country(
    text: str, name: str, orgs: list[str]
) -> None:
    (person,) = _titled(text, name)
    assert person.attrs["title_orgs"] == orgs


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("埃及总统塞西会见代表团。", "塞西", "埃及总统"),  # 及
        ("土耳其总统埃尔多安表示。", "埃尔多安", "土耳其总统"),  # 其
        ("不丹首相策林出席。", "策林", "不丹首相"),  # 不
        ("刚果（布）总统萨苏出席。", "萨苏", "刚果（布）总统"),  # brackets
    ],
)
def test_a_country_name_holding_a_stop_character_is_the_whole_prefix(text: str, name: str, title: str) -> None:
    (person,) = _titled(text, name)
    assert (person.title, person.attrs["title_orgs"]) == (title, [title[: -len("总统")]])


def test_an_invitation_is_no_part_of_the_title_but_an_emergency_bureau_is() -> None:
    (host,) = _titled("应柬埔寨王国首相洪森邀请，代表团前往访问。", "洪森")
    assert (host.title, host.attrs["title_orgs"]) == ("柬埔寨王国首相", ["柬埔寨王国"])
    (chief,) = _titled("清河市应急管理局局长周建国出席。", "周建国")
    assert chief.attrs["title_orgs"] == ["清河市应急管理局"]


def test_a_city_named_with_a_stop_character_keeps_it_in_its_offices() -> None:
    # 应 stops a prefix (应X首相邀请), but 应城市 is a city printed with its level: 应城|市委 cuts it otherwise
    (secretary,) = _titled("应城市委书记王立新出席会议。", "王立新")
    assert secretary.attrs["title_orgs"] == ["应城市委"]


def test_a_place_name_around_a_stop_character_counts_only_where_a_segmentation_keeps_it_whole() -> None:
    # 同国 is a place name of the dictionary, but here 同 is "with" and 国际 the word
    (chair,) = _titled("王立新同国际奥林匹克委员会主席巴赫握手。", "巴赫")
    assert chair.title == "国际奥林匹克委员会主席"
    (guest,) = _titled("仪式欢迎法兰西共和国总统马克龙。", "马克龙")
    assert (guest.title, guest.attrs["title_orgs"]) == ("法兰西共和国总统", ["法兰西共和国"])


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("今天的节目带您认识清河村党支部书记周建国。", "周建国", "清河村党支部书记"),
        ("栏目今晚将播出卢旺达总统卡加梅的专访。", "卡加梅", "卢旺达总统"),
        ("大使宣读俄罗斯总统普京的贺信。", "普京", "俄罗斯总统"),
    ],
)
def test_a_verb_of_showing_or_reading_out_is_no_part_of_the_title(text: str, name: str, title: str) -> None:
    (person,) = _titled(text, name)
    assert person.title == title


def test_a_country_the_dictionary_files_as_a_person_is_the_whole_prefix_but_other_names_are_not() -> None:
    (person,) = _titled("北马其顿总统彭安达出席。", "彭安达")  # 其 is a stop character; jieba files 马其顿 `nr`
    assert person.title == "北马其顿总统"
    # right before the role only: 美的 is `nr` too, and 窜美的 is no country; nor is a `nz` word (党和国家)
    assert [t.text for t in find_titles("窜美的台湾地区领导人出现在会场。")] == ["台湾地区领导人"]
    assert [t.text for t in find_titles("出席会议的党和国家领导人有王立新。")] == ["国家领导人"]


def test_a_long_country_name_holding_a_stop_word_is_the_whole_prefix() -> None:
    (person,) = _titled("坦桑尼亚联合共和国总统萨米拉出席。", "萨米拉")  # 联合 is a stop word elsewhere
    assert person.attrs["title_orgs"] == ["坦桑尼亚联合共和国"]


def test_a_year_is_no_part_of_an_organization_before_a_role() -> None:
    assert [t.text for t in find_titles("出席2023年亚太经合组织领导人非正式会议。")] == ["亚太经合组织领导人"]


def test_a_name_in_a_list_that_a_role_follows_begins_its_own_title_and_shares_none() -> None:
    text = "致贺的还有挪威国王哈康德、东帝汶总统奥尔莫。"
    king, country, _ = _titled(text, "哈康德", "东帝汶", "奥尔莫")  # the tagger took 东帝汶 for a name
    assert (king.title, country.title) == ("挪威国王", None)


@pytest.mark.parametrize(
    ("text", "not_a_role"),
    [
        ("清河国总理卡米尔举行年度记者会。", "记者"),  # 记者会 is a press conference, not a reporter
        ("大会主席团举行第一次会议。", "主席"),
        ("部长级会议在青溪举行。", "部长"),
    ],
)
def test_a_role_word_that_only_begins_a_longer_word_is_no_title(text: str, not_a_role: str) -> None:
    assert not any(t.text.endswith(not_a_role) for t in find_titles(text))


def test_a_role_word_inside_a_press_conference_takes_no_name_before_it() -> None:
    assert [t.text for t in find_titles("清河国总理卡米尔举行年度记者会。")] == ["清河国总理"]
    assert [t.text for t in find_titles("中央书记处书记出席会议。")] == ["中央书记处书记"]


def test_a_role_printed_after_a_name_is_no_prefix_of_the_next_persons_title() -> None:
    # 亲王 ends 李明's entry (a title printed after his name); 刘海's own title starts after the 、
    _, second = _titled("贵宾有：青溪苏丹代表李明亲王、北川亲王刘海。", "李明", "刘海")
    assert second.title == "北川亲王"


def test_a_title_s_prefix_reaches_back_no_further_than_a_role_word_before_it() -> None:
    # the prince's own title and name, then 王储 printed after the name: not one title 北川亲王刘海王储
    assert [t.text for t in find_titles("他会见了北川亲王刘海王储。")] == ["北川亲王", "刘海王储"]
    # a role inside a body's name is no end of the prefix (常委 of 常委会, 总统 of a president's council)
    assert [t.text for t in find_titles("全国人大常委会委员长出席。")] == ["全国人大常委会委员长"]
    assert [t.text for t in find_titles("北川总统生态安全委员会秘书长出席。")] == ["北川总统生态安全委员会秘书长"]


@pytest.mark.parametrize("role", ["太后", "王后", "王子", "公主", "王妃"])
def test_royal_titles_are_titles(role: str) -> None:
    (person,) = _titled(f"县长会见了北川{role}索菲亚。", "索菲亚")
    assert person.title == f"北川{role}"
