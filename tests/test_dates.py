"""Date recognition and normalization on invented sentences, plus a check over the seed pages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Mention
from kg.tag import dates
from kg.tag.dates import find_dates, parse_iso_date, resolve_dates
from kg.textnorm import fold

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
# Expressions that name no day, so must stay unresolved: 连日来 and bare times (早上6时, 晚上).
NO_DAY = re.compile(r"连日来|(?:早上|晚上|上午|下午|中午|深夜|凌晨|一早|傍晚)?(?:\d{1,2}时)?")


def _resolved(text: str, doc_date: str | None) -> list[Mention]:
    mentions = find_dates(text)
    resolve_dates(mentions, doc_date)
    return mentions


def _summary(text: str, doc_date: str | None = "2021-12-10") -> list[tuple]:
    return [(m.text, m.normalized, m.attrs.get("time_of_day"), m.attrs.get("time")) for m in _resolved(text, doc_date)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021年12月9日，东城街道召开会议。", ("2021年12月9日", "2021-12-09", None, None)),
        ("二〇二一年十二月九日，会议闭幕。", ("二〇二一年十二月九日", "2021-12-09", None, None)),
        ("报名截止于2021-12-09。", ("2021-12-09", "2021-12-09", None, None)),
        ("报名截止于2021.12.9。", ("2021.12.9", "2021-12-09", None, None)),
        ("１２月８日上午，王立新来到西溪镇。", ("１２月８日上午", "2021-12-08", "morning", None)),
        ("12 月 7 日夜，检查组抵达。", ("12 月 7 日夜", "2021-12-07", "night", None)),
        ("12月6日深夜23时，实验室灯火通明。", ("12月6日深夜23时", "2021-12-06T23:00", "late_night", "23:00")),
        ("12月5日晚上8时30分，车队出发。", ("12月5日晚上8时30分", "2021-12-05T20:30", "evening", "20:30")),
        ("12月4日下午3点半，会议结束。", ("12月4日下午3点半", "2021-12-04T15:30", "afternoon", "15:30")),
        ("12月3日18时起，道路恢复通行。", ("12月3日18时", "2021-12-03T18:00", "evening", "18:00")),
        ("十二月二日凌晨四时，他赶到现场。", ("十二月二日凌晨四时", "2021-12-02T04:00", "early_morning", "04:00")),
        ("12月1日一早，志愿者就位。", ("12月1日一早", "2021-12-01", "morning", None)),
        ("去年12月9日，项目开工。", ("去年12月9日", "2020-12-09", None, None)),
        ("2021年12月，全市开展排查。", ("2021年12月", "2021-12", None, None)),
        ("就明年工作思路开展调研。", ("明年", "2022", None, None)),
        ("昨天，西溪镇完成采样。", ("昨天", "2021-12-09", None, None)),
        ("上午，检查组来到东城街道。", ("上午", None, "morning", None)),
        ("活动从9时30分开始。", ("9时30分", None, "morning", "09:30")),
        ("列车于18:05到站。", ("18:05", None, "evening", "18:05")),
        ("连日来，各部门坚守岗位。", ("连日来", None, None, None)),
    ],
)
def test_each_date_form_is_found_and_normalized(text: str, expected: tuple) -> None:
    assert _summary(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "全市5.5万名党员参与服务。",
        "第26届博览会开幕。",
        "庆祝建党100周年。",
        "每天检验3500至4000管样本。",
        "热线号码是12345。",
        "配送了3.6万件物资。",
        "提供24小时服务。",
        "第一时间响应。",
        "简单问题3日内办结。",
        "每月1日开展走访。",
        "节日前夕走访困难群众。",
        "他昼夜奋战，连夜摸排。",
        "为26天的婴儿检查。",
        "比分为1:3。",
    ],
)
def test_non_dates_are_not_matched(text: str) -> None:
    assert find_dates(text) == []


def test_offsets_index_the_original_text() -> None:
    text = "本报讯 １２ 月 ９ 日晚，王立新来到西溪镇。"
    (mention,) = find_dates(text)
    assert text[mention.start : mention.end] == mention.text == "１２ 月 ９ 日晚"
    assert mention.type == "DATE" and mention.source == "dates"


def test_relative_words_resolve_against_the_previous_date_in_the_article() -> None:
    mentions = _resolved("12月8日上午，会议召开。当晚，检查组出发。次日，整改到位。截至12日，全部完成。", "2021-12-15")
    assert [(m.text, m.normalized) for m in mentions] == [
        ("12月8日上午", "2021-12-08"),
        ("当晚", "2021-12-08"),
        ("次日", "2021-12-09"),
        ("12日", "2021-12-12"),
    ]
    assert mentions[1].attrs["time_of_day"] == "evening"


def test_relative_word_without_earlier_date_uses_the_document_date() -> None:
    assert _summary("当天，东城街道完成采样。", "2022-01-13") == [("当天", "2022-01-13", None, None)]


def test_december_date_in_a_january_paper_is_from_the_previous_year() -> None:
    mentions = _resolved("12月30日，项目签约。1月3日，项目开工。次日，工人进场。", "2022-01-05")
    assert [m.normalized for m in mentions] == ["2021-12-30", "2022-01-03", "2022-01-04"]


def test_january_date_in_a_late_december_paper_is_from_the_next_year() -> None:
    assert _summary("1月2日起，新规施行。", "2021-12-28")[0][1] == "2022-01-02"


def test_day_only_without_earlier_date_takes_month_from_the_document_date() -> None:
    assert _summary("截至12日，共完成采样。", "2022-01-13")[0][1] == "2022-01-12"
    assert _summary("截至30日，共完成采样。", "2022-01-02")[0][1] == "2021-12-30"


def test_without_document_date_the_year_stays_unknown() -> None:
    mentions = _resolved("12月20日深夜22时，实验室仍在工作。次日，结果公布。截至23日，全部完成。当天是周四。", None)
    assert [m.normalized for m in mentions] == ["--12-20T22:00", "--12-21", "--12-23", "--12-23"]


def test_without_year_a_shift_across_the_end_of_february_stays_unknown() -> None:
    mentions = _resolved("2月28日，比赛开始。次日，决赛举行。", None)
    assert [m.normalized for m in mentions] == ["--02-28", None]


def test_without_document_date_month_day_borrows_the_year_of_an_earlier_full_date() -> None:
    mentions = _resolved("2021年12月30日，大会开幕。1月2日，大会闭幕。", None)
    assert [m.normalized for m in mentions] == ["2021-12-30", "2022-01-02"]


def test_unresolvable_relative_dates_stay_none() -> None:
    mentions = _resolved("昨天，今年，近日，日前。", None)
    assert [m.normalized for m in mentions] == [None, None, None, None]


def test_the_next_day_and_the_same_day_in_their_other_words_count_from_the_articles_date() -> None:
    mentions = _resolved("12月8日，检查组抵达。第二天晚上，检查组座谈。同日，检查组返回。", "2021-12-15")
    assert [(m.text, m.normalized) for m in mentions] == [
        ("12月8日", "2021-12-08"),
        ("第二天晚上", "2021-12-09"),
        ("同日", "2021-12-09"),
    ]
    assert mentions[1].attrs["time_of_day"] == "evening"


def test_a_relative_day_word_inside_another_word_is_no_date() -> None:
    assert _resolved("第二天然气站建成，两者不可同日而语。双方同日本代表团会谈，同日方交换意见。", "2021-12-15") == []


def test_recent_days_stay_approximate_and_never_take_the_publication_date() -> None:
    mentions = _resolved("近日一早，志愿者在小区门口送粥。这是当日的第一场活动。", "2021-12-22")
    assert [(m.normalized, m.attrs.get("approximate")) for m in mentions] == [(None, True), (None, True)]
    assert mentions[0].attrs["time_of_day"] == "morning"


def test_vague_and_time_only_mentions_do_not_become_the_anchor() -> None:
    mentions = _resolved("12月8日，会议召开。连日来，各部门坚守。晚上，他们又出发。当晚，检查组抵达。", "2021-12-15")
    assert [m.normalized for m in mentions] == ["2021-12-08", None, None, "2021-12-08"]


def test_impossible_dates_are_not_normalized() -> None:
    assert _summary("2021-02-30") == [("2021-02-30", None, None, None)]
    assert _summary("2月30日", "2021-03-10") == [("2月30日", None, None, None)]


def test_resolving_twice_gives_the_same_result() -> None:
    mentions = _resolved("12月8日，会议召开。次日，整改。", "2021-12-10")
    first = [m.normalized for m in mentions]
    resolve_dates(mentions, "2021-12-10")
    assert [m.normalized for m in mentions] == first == ["2021-12-08", "2021-12-09"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-12-09", date(2021, 12, 9)), ("2021-02-30", None), ("2021-2-3", None), ("", None), (None, None)],
)
def test_parse_iso_date_accepts_only_real_iso_dates(value: str | None, expected: date | None) -> None:
    assert parse_iso_date(value) == expected


def _seed_pages() -> list[tuple[str, str, str]]:
    if not SEEDS.is_dir():
        pytest.skip("seed pages absent")
    rows = [line.split("\t") for line in (SEEDS / "dates.tsv").read_text(encoding="utf-8").splitlines()[1:] if line]
    # Ingest removes OCR line breaks; joining lines is enough for date expressions.
    return [(name, day, (SEEDS / name).read_text(encoding="utf-8").replace("\n", "")) for name, day in rows]


def test_every_date_expression_on_the_seed_pages_normalizes() -> None:
    unresolved = []
    for name, doc_date, text in _seed_pages():
        for mention in _resolved(text, doc_date):
            approximate = mention.attrs.get("approximate")  # 近日 and what counts from it: no day, by design
            if mention.normalized is None and not NO_DAY.fullmatch(mention.text) and not approximate:
                unresolved.append((name, mention.text))
    assert unresolved == []


@pytest.mark.parametrize(
    ("page", "surface", "normalized", "time_of_day"),
    [
        ("003", "12月9日上午", "2021-12-09", "morning"),
        ("003", "12 月 9日晚", "2021-12-09", "evening"),
        ("004", "当晚", "2021-12-14", "evening"),
        ("004", "12 月 11 日", "2021-12-11", None),
        ("002", "12月20日深夜22时", "2021-12-20T22:00", "late_night"),
        ("001", "1月6日凌晨5时", "2022-01-06T05:00", "early_morning"),
        ("001", "12日", "2022-01-12", None),
        ("000", "1月20日18时", "2022-01-20T18:00", "evening"),
    ],
)
def test_seed_page_dates_normalize_to_the_expected_day(
    page: str, surface: str, normalized: str, time_of_day: str | None
) -> None:
    _, doc_date, text = next(p for p in _seed_pages() if p[0].startswith(page))
    found = {(m.text, m.normalized, m.attrs.get("time_of_day")) for m in _resolved(text, doc_date)}
    assert (surface, normalized, time_of_day) in found


_DATE_PIECES = [
    *"0123456789１２年月日号时点分半：:-./ 第周十一二三〇两会市的",
    *("连日来", "近日", "日前", "当晚", "次日", "昨天", "今年", "去年", "上午", "傍晚", "凌晨", "清晨", "深夜"),
    *("2021", "12月9日", "十二月九日", "18:30", "2021-12-09", "二〇二一年", "8时半", "9日"),
    *("春节", "国庆", "中秋", "五一", "节后", "节前", "假期刚过", "前夕", "当天", "同日", "第二天", "前天", "明天"),
    *("一早", "中午", "夜间", "早上", "十", "二", "三", "〇", "零", "○", "月", " ", "\t", "季", "礼", "本"),
]


@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=12).map("".join))
@settings(max_examples=1000, deadline=None)
def test_first_characters_guard_never_changes_what_the_date_pattern_finds(text: str) -> None:
    unguarded = re.compile(dates._DATE_BODY, re.VERBOSE)
    folded = fold(text)
    assert [m.span() for m in dates._DATE_RE.finditer(folded)] == [m.span() for m in unguarded.finditer(folded)]


def _normalized(text: str, doc_date: str | None) -> list[tuple[str, str | None]]:
    return [(m.text, m.normalized) for m in _resolved(text, doc_date)]


def test_a_day_only_date_is_the_nearest_such_day_on_or_before_the_document_date() -> None:
    # the article's earlier date is a future one (a rule taking effect): 13日 does not take its month
    text = "新规将于2023年1月1日起施行。13日，市里召开座谈会。"
    assert _normalized(text, "2022-10-14")[-1] == ("13日", "2022-10-13")
    assert _normalized("12月1日，各地启动检查。29日下午，检查组回到市区。", "2022-12-03")[-1] == (
        "29日下午",
        "2022-11-29",
    )
    assert _normalized("29日，会议闭幕。", "2022-12-03") == [("29日", "2022-11-29")]


def test_a_day_only_date_keeps_the_month_of_the_article_when_that_day_has_passed() -> None:
    assert _normalized("12月10日，排查开始。截至12日，共排查三千户。", "2021-12-14")[-1] == ("12日", "2021-12-12")


@pytest.mark.parametrize(
    "text",
    ["展会将于20日在市会展中心开幕。", "20日将举行闭幕式。", "下周的20日，新馆开放。", "预计20日完工。"],
)
def test_a_future_marker_resolves_a_day_forwards(text: str) -> None:
    (mention,) = [m for m in _resolved(text, "2022-12-03") if m.text.startswith("20日")]
    assert (mention.normalized, mention.attrs.get("future")) == ("2022-12-20", True)


def test_a_future_marker_in_an_earlier_clause_does_not_count() -> None:
    (mention,) = _resolved("新馆将对外开放，20日已有三百人预约。", "2022-12-03")
    assert mention.normalized == "2022-11-20" and "future" not in mention.attrs


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("春节假期刚过，各地企业陆续复工。", "春节假期刚过"),
        ("国庆前夕，社区开展消防演练。", "国庆前夕"),
        ("节后第一天，窗口照常办公。", "节后"),
        ("日前，市里出台新规。", "日前"),
        ("近日，市里出台新规。", "近日"),
    ],
)
def test_approximate_expressions_never_become_the_publication_date(text: str, surface: str) -> None:
    (mention,) = _resolved(text, "2023-01-30")
    assert (mention.text, mention.normalized, mention.attrs.get("approximate")) == (surface, None, True)


def test_a_relative_day_after_an_approximate_date_is_approximate_too() -> None:
    mentions = _resolved("春节假期刚过，企业复工。当天，园区送来口罩。次日，车间满员。", "2023-01-30")
    assert [(m.normalized, m.attrs.get("approximate")) for m in mentions] == [(None, True)] * 3


def test_a_year_or_month_printed_alone_keeps_only_what_is_printed() -> None:
    assert _normalized("2021年，总书记来到这里考察。当天，他走进村史馆。", "2023-03-01") == [
        ("2021年", "2021"),
        ("当天", None),
    ]
    assert _normalized("2021年3月，总书记来到这里考察。22日，他走进村史馆。", "2023-03-01") == [
        ("2021年3月", "2021-03"),
        ("22日", "2021-03-22"),
    ]


def test_a_month_printed_alone_is_in_the_year_of_the_dates_before_it_else_the_latest_such_month() -> None:
    assert _normalized("3月，他会见了来访的客人。", "2023-08-20") == [("3月", "2023-03")]
    assert _normalized("11月，他会见了来访的客人。", "2023-08-20") == [("11月", "2022-11")]
    assert _normalized("将于11月举行峰会。", "2023-08-20") == [("11月", "2023-11")]
    assert _normalized("2021年1月，他主持会议。7月，他来到这里。", "2023-08-20") == [
        ("2021年1月", "2021-01"),
        ("7月", "2021-07"),
    ]
    # not the end of a span of months, a span since a month, nor a month counted in parts
    for text in ("1至3月，出口增长。", "9月以来，病例增加。", "3月份，出口增长。", "3月下旬，天气转暖。"):
        assert [found.text for found in find_dates(text)] == [], text


def test_a_target_year_sets_no_year_for_the_days_printed_after_it() -> None:
    # the 2030 agenda is a plan's name: 10日 later is a day of the paper's month, as if 2030 were not printed
    assert _normalized("各方推动2030年议程落实。论坛10日在纽约开幕。", "2023-07-11") == [
        ("2030年", "2030"),
        ("10日", "2023-07-10"),
    ]


def test_a_year_printed_in_chinese_numerals_alone_is_a_year() -> None:
    # not a name the model reads in 二〇二 (发表二〇二三年新年贺词)
    assert _normalized("县长将发表二〇二四年新年贺词。", "2023-12-30") == [("二〇二四年", "2024")]
    assert _normalized("一九九八年，清河发生大洪水。", "2023-12-30") == [("一九九八年", "1998")]


@pytest.mark.parametrize(
    ("text", "doc_date", "expected"),
    [
        ("今年10月，这座城市的气温创下新高。", "2022-11-09", [("今年10月", "2022-10")]),
        ("去年十二月，新馆开放。", "2023-01-05", [("去年十二月", "2022-12")]),
        # a span to now is no anchor for a day printed later: 8日 counts from the article's 7日
        (
            "该馆7日称，自今年10月至今共接待游客5万人；8日起闭馆。",
            "2022-11-09",
            [("7日", "2022-11-07"), ("今年10月", "2022-10"), ("8日", "2022-11-08")],
        ),
    ],
)
def test_a_relative_year_with_a_month_is_that_month(text: str, doc_date: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.normalized) for m in _resolved(text, doc_date)] == expected


def test_a_span_of_this_year_brings_an_article_from_an_old_date_to_the_present_but_not_past_a_plan() -> None:
    old_then_now = _resolved("2008年2月1日，该行成立。今年11月以来，该行多次加息，15日再次宣布加息。", "2022-12-16")
    assert [(m.text, m.normalized) for m in old_then_now][-1] == ("15日", "2022-12-15")
    plan = _resolved("在17日举行的大会上，他被推举参加明年3月的选举，他当天发表讲话。", "2023-12-18")
    assert [(m.text, m.normalized) for m in plan] == [
        ("17日", "2023-12-17"),
        ("明年3月", "2024-03"),
        ("当天", "2023-12-17"),
    ]


def test_this_year_is_no_anchor_for_a_day_printed_after_it() -> None:
    mentions = _resolved("今年以来，清河市经济稳步增长。8日，市统计局发布了最新数据。", "2023-02-10")
    assert [(m.text, m.normalized) for m in mentions] == [("今年", "2023"), ("8日", "2023-02-08")]
    # a bare 去年 still is: its month is not printed
    assert [m.normalized for m in _resolved("去年，该厂扩建了车间。8日，新车间投产。", "2023-02-10")] == ["2022", None]


def test_jiang_before_a_count_takes_an_object_and_does_not_put_the_date_in_the_future() -> None:
    assert _summary("评级机构5日将2023年的增长预期下调。", "2023-06-07")[0][:2] == ("5日", "2023-06-05")
    assert _summary("外交部8日将12名官员列入名单。", "2023-02-09")[0][:2] == ("8日", "2023-02-08")
    assert _summary("论坛5日将在北京开幕。", "2023-06-07")[0][:2] == ("5日", "2023-07-05")


def test_the_second_day_of_a_range_or_list_is_in_the_month_of_the_first() -> None:
    # 24日 after 10月20日至 is in October even though October 24 is after the document date
    assert _normalized("会议决定10月20日至24日在京举行。", "2023-10-13") == [
        ("10月20日", "2023-10-20"),
        ("24日", "2023-10-24"),
    ]
    assert _normalized("9月8日至10日，检查组在各地检查。", "2023-10-13")[-1] == ("10日", "2023-09-10")
    # a day-only date elsewhere in the text still takes the nearest such day before the document date
    assert _normalized("新规将于2023年1月1日起施行。13日，市里召开座谈会。", "2022-10-14")[-1] == ("13日", "2022-10-13")


def test_one_of_the_next_two_days_is_the_coming_day_not_last_month_s() -> None:
    # a plenary announced for the day after the paper; three days on is still read as last month's day
    assert _normalized("名单将提交10日下午举行的全体会议。", "2023-03-09") == [("10日下午", "2023-03-10")]
    assert _normalized("会议于11日闭幕。", "2023-03-09") == [("11日", "2023-03-11")]
    assert _normalized("会议于12日闭幕。", "2023-03-09") == [("12日", "2023-02-12")]


def _resolved_by_sentence(sentences: list[str], doc_date: str) -> list[tuple[str, str | None]]:
    mentions: list[Mention] = []
    starts = set()
    for sentence in sentences:
        starts.add(len(mentions))
        mentions += find_dates(sentence)
    resolve_dates(mentions, doc_date, starts)
    return [(m.text, m.normalized) for m in mentions]


def test_a_bare_last_or_next_year_speaks_of_its_own_sentence() -> None:
    # 明年 in a leader's words leaves the day of a later sentence to the document date
    assert _resolved_by_sentence(["双方愿办好明年友好年活动。", "9日下午，夫人会见了太后。"], "2022-11-10") == [
        ("明年", "2023"),
        ("9日下午", "2022-11-09"),
    ]
    # in its own sentence it still leaves a day unknown, and so does a printed year in a later one
    assert _resolved_by_sentence(["明年9日，新馆开放。"], "2022-11-10")[-1] == ("9日", None)
    assert _resolved_by_sentence(
        ["2021年，总书记来到这里考察。", "当天，他走进村史馆。", "22日，他又来了。"], "2023-03-01"
    ) == [
        ("2021年", "2021"),
        ("当天", None),
        ("22日", None),
    ]
    # a relative day word after it names no day of the paper either
    assert _resolved_by_sentence(["去年，总书记来到这里考察。", "当天，他走进村史馆。"], "2023-03-01")[-1] == (
        "当天",
        None,
    )
