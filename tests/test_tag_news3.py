"""Tagging rules found reading national news kg was not tuned on (all sentences here are invented).

Read for these rules (ids only; tuning material, not scored): 30 xwlb_dev articles drawn with Python
random.Random(4421).sample over the lines of xwlb_2022_2023.jsonl not in data/gold/news_*_sample.tsv:
xwlb-20230701-2, xwlb-20221214-2, xwlb-20230107-2, xwlb-20221130-10, xwlb-20221027-10, xwlb-20230430-18,
xwlb-20231117-12, xwlb-20221210-4, xwlb-20230317-3, xwlb-20221118-7, xwlb-20230427-12, xwlb-20231006-11,
xwlb-20231026-17, xwlb-20230117-10, xwlb-20230126-12, xwlb-20230523-6, xwlb-20221030-14, xwlb-20230421-10,
xwlb-20230521-5, xwlb-20221104-8, xwlb-20221021-8, xwlb-20230318-3, xwlb-20231001-7, xwlb-20221006-10,
xwlb-20231207-4, xwlb-20231019-17, xwlb-20221004-12, xwlb-20230319-14, xwlb-20230731-15, xwlb-20231019-14.
"""

from __future__ import annotations

from test_senses import LOC, ORG, PER, _document, _types

from kg.model import Mention
from kg.tag.annotate import annotate_sentence
from kg.tag.dates import find_dates, resolve_dates


def _dates(text: str, doc_date: str) -> list[tuple[str, str | None]]:
    mentions = find_dates(text)
    resolve_dates(mentions, doc_date)
    return [(m.text, m.normalized) for m in mentions]


def test_a_day_printed_after_a_recent_date_is_the_nearest_such_day() -> None:
    assert _dates("据当地媒体近日报道，清河港口货运量回升。港务局3日称，航线全部恢复。", "2022-10-04") == [
        ("近日", None),
        ("3日", "2022-10-03"),
    ]
    # a relative day still counts from the recent date, which says no day
    assert _dates("近日，清河港口货运量回升。当天，航线全部恢复。", "2022-10-04") == [("近日", None), ("当天", None)]


def test_a_day_after_the_paper_s_own_year_printed_alone_counts_from_the_paper_s_date() -> None:
    assert _dates("清河论坛2023年年会在湖畔开幕。16日，代表们讨论了议题。", "2023-01-17") == [
        ("2023年", "2023"),
        ("16日", "2023-01-16"),
    ]
    # another year printed alone still says nothing of the month
    assert _dates("2021年，清河论坛首次举办。16日，代表们讨论了议题。", "2023-01-17")[-1] == ("16日", None)


def test_a_well_known_country_after_the_verb_lead_is_no_person() -> None:
    doc = _document("来宾表示，党中央领导中国人民取得了伟大成就。", "中国经济持续向好。")
    assert _types(doc, {0: [("中国", PER)], 1: [("中国", LOC)]}, "中国") == [LOC, LOC]
    assert _types(doc, {0: [("中国", LOC)], 1: [("中国", LOC)]}, "中国") == [LOC, LOC]


def test_a_well_known_country_before_its_leaders_is_no_person() -> None:
    doc = _document("清河代表说，中国领导人提出的倡议意义重大。", "中国经济持续向好。")
    assert _types(doc, {0: [("中国", PER)], 1: [("中国", LOC)]}, "中国") == [LOC, LOC]


def _spans(text: str, *model: tuple[str, str]) -> list[tuple[str, str]]:
    found = [Mention(text.index(s), text.index(s) + len(s), kind, s, source="model") for s, kind in model]
    return [(m.text, m.type) for m in annotate_sentence(text, found) if m.type != "DATE"]


def test_a_name_tagged_from_inside_its_quoted_first_part_grows_back_to_the_quote() -> None:
    assert _spans("第5期《清河》杂志发表评论员文章。", ("清河》杂志", ORG)) == [("《清河》杂志", ORG)]
    assert _spans("同一天，“东湖”输水管道公司表示将加快检修。", ("东湖”输水管道公司", ORG)) == [
        ("“东湖”输水管道公司", ORG)
    ]
    assert _spans("湖畔“四·一二”纪念馆举办展览。", ("一二”纪念馆", ORG)) == [("“四·一二”纪念馆", LOC)]
    # a quote closed before a function character ends a clause: the name after it does not take it in
    found = _spans("《清河问答》由湖畔出版社出版发行。", ("问答》由湖畔出版社", ORG))
    assert not any(name.startswith("《") for name, _ in found)


def test_a_verb_the_tagger_reads_as_a_name_after_a_title_is_no_person() -> None:
    assert _spans("王主席复信勉励清河小学的同学们。", ("复信", PER)) == []
    assert _spans("向王主任致贺的还有清河代表团。", ("致贺", PER)) == []
    # a verb that starts with a common surname may be a name
    assert _spans("记者张扬报道。", ("张扬", PER)) == [("张扬", PER)]


def _titles(text: str, name: str) -> str | None:
    model = [Mention(text.index(name), text.index(name) + len(name), PER, name, source="model")]
    return next(m.title for m in annotate_sentence(text, model) if m.text == name)


def test_an_organization_named_with_and_between_two_nouns_stays_whole_in_a_title() -> None:
    assert _titles("会上，省人大财政和经济委员会主任李清河作了说明。", "李清河") == "省人大财政和经济委员会主任"
    assert _titles("文化和旅游部部长张湖出席。", "张湖") == "文化和旅游部部长"
    assert _titles("清河国副总理兼能源和气候保护部长阿尔多表示。", "阿尔多") == "清河国副总理兼能源和气候保护部长"
    # 和 between a name and an office, or before a word that is no organization, still ends the title
    assert _titles("主席张清河和外交部部长李湖出席。", "李湖") == "外交部部长"
    assert _titles("党和国家领导人张清河出席。", "张清河") == "国家领导人"


def test_a_day_of_this_month_is_that_day_of_the_paper_s_month() -> None:
    assert _dates("清河港工人计划在本月28日和下月2日停工。", "2023-03-19")[0] == ("本月28日", "2023-03-28")
    assert _dates("本月十二日上午，清河大桥合龙。当天，车辆试行。", "2023-03-19") == [
        ("本月十二日上午", "2023-03-12"),
        ("当天", "2023-03-12"),
    ]


def test_a_place_before_new_area_grows_to_take_it_in() -> None:
    assert _spans("在清河新区，十个项目开工。", ("清河", LOC)) == [("清河新区", LOC)]
    assert _spans("湖畔新区和经开区建设提速。", ("湖畔", LOC)) == [("湖畔新区", LOC)]


def test_a_common_noun_opening_the_title_of_a_work_is_no_person() -> None:
    assert _spans("今晚，《高端访谈》栏目播出对清河国总理的专访。", ("高端", PER)) == []
    assert ("张清河", PER) in _spans("《张清河的故事》出版发行。", ("张清河", PER))
