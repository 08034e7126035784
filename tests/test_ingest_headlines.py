"""Headline lines stay headlines instead of opening the sentence below them (own text, broadcast and column styles)."""

from __future__ import annotations

from kg.ingest import segment
from kg.model import Document

DATELINE = "央视网消息（新闻联播）："


def _doc(lines: list[str], title: str | None = None, blank_between: bool = False) -> Document:
    text = ("\n\n" if blank_between else "\n").join(lines) + "\n"
    return segment(Document(id="p", source="test", text=text, title=title))


def _texts(doc: Document) -> list[str]:
    return [s.text for s in doc.body_sentences]


def _headlines(doc: Document) -> list[str]:
    return [h for a in doc.articles for h in a.headlines]


def _assert_offsets(doc: Document) -> None:
    for sentence in doc.sentences:
        assert len(sentence.offsets) == len(sentence.text)
        assert all(doc.text[o] == c for c, o in zip(sentence.text, sentence.offsets, strict=True)), sentence.id


def test_the_records_own_title_is_a_headline_even_with_commas_and_a_length_past_fifty():
    title = "江南市召开秋季防汛工作会议，部署汛期前后河道清淤、堤防加固与山洪地质灾害隐患排查整治等重点工作"
    body = [
        f"{DATELINE}江南市今天召开秋季防汛工作会议，市长周明远出席会议并讲话。",
        "会议要求各区县在十月底前完成堤防隐患排查，对发现的问题逐项整改到位。",
    ]
    doc = _doc([title, *body], title=title)
    assert _headlines(doc) == [title]
    assert _texts(doc)[0] == "央视网消息（新闻联播）：江南市今天召开秋季防汛工作会议，市长周明远出席会议并讲话。"
    _assert_offsets(doc)


def test_the_title_is_matched_whatever_the_spacing_of_its_line():
    title = "山城区旧厂房变身创业园，四十家企业入驻"
    doc = _doc(
        [
            "山城区旧厂房变身创业园，  四十家 企业入驻",
            f"{DATELINE}山城区把三座闲置厂房改造成创业园，已有四十家小微企业入驻。",
        ],
        title=title,
    )
    assert [h.replace(" ", "") for h in _headlines(doc)] == [title.replace(" ", "")]
    assert _texts(doc) == ["央视网消息（新闻联播）：山城区把三座闲置厂房改造成创业园，已有四十家小微企业入驻。"]
    _assert_offsets(doc)


def _roundup(title: str, items: list[tuple[str, str]]) -> Document:
    """A broadcast news roundup: title, a dateline alone on its line, then a headline and a body line per item."""
    lines = [title, DATELINE, *(line for item in items for line in item)]
    return _doc(lines, title=title)


def test_source_colon_subheadlines_of_a_news_roundup_stand_apart_from_their_items():
    items = [
        (
            "粮农组织官员：全球粮价仍处高位",
            "联合国粮农组织一名官员八日在罗马表示，受极端天气影响，全球谷物价格今年仍将处于较高水平，多国需要提前储备。",
        ),
        (
            "北欧学者：多边合作才能应对能源危机",
            "一位北欧经济学者九日撰文指出，各国只有加强多边合作，才能共同应对能源价格大幅波动带来的风险和压力。",
        ),
    ]
    doc = _roundup("世界简讯", items)
    assert _headlines(doc) == ["世界简讯", "粮农组织官员：全球粮价仍处高位", "北欧学者：多边合作才能应对能源危机"]
    texts = _texts(doc)
    assert texts[0].startswith(DATELINE + "联合国粮农组织一名官员八日在罗马表示")
    assert not any(t.startswith(("粮农组织官员", "北欧学者")) for t in texts)
    _assert_offsets(doc)


def test_a_headline_printed_under_a_lone_dateline_is_not_read_as_a_sentence():
    first = "记者从省粮食和物资储备局获悉，截至本月十日，全省已累计收购秋粮一百二十万吨，收购进度超过一半。"
    second = "连日来，江北区和江南区组织一千多名志愿者清理跨区河道，共清运垃圾三百多吨，河水明显变清。"
    doc = _roundup("国内简讯", [("全省秋粮收购进度过半", first), ("江北、江南两区联合开展河道清理", second)])
    assert _headlines(doc) == ["国内简讯", "全省秋粮收购进度过半", "江北、江南两区联合开展河道清理"]
    assert _texts(doc) == [DATELINE + first, second]
    _assert_offsets(doc)


def test_in_a_narrow_column_a_short_colon_headline_stands_and_a_full_width_colon_line_still_wraps():
    lines = [
        "本报讯 十月九日，县里召开秋收工作推进会，",
        "部署秋粮收购和秸秆综合利用工作。",
        "县农业局：秋粮收购过半",
        "\u3000\u3000县农业农村局负责人介绍：今年全县",  # indented like a paragraph start, as wide as the column
        "新建高标准农田两万亩，秋粮收购已",
        "过半，农民售粮排队时间明显缩短。",
    ]
    doc = _doc(lines, blank_between=True)
    assert "县农业局：秋粮收购过半" in _headlines(doc)
    wrapped = "县农业农村局负责人介绍：今年全县新建高标准农田两万亩，秋粮收购已过半，农民售粮排队时间明显缩短。"
    assert wrapped in _texts(doc)
    _assert_offsets(doc)


def test_a_short_first_paragraph_stays_with_its_dateline_and_is_not_moved_like_a_photo_caption():
    short = "省统计局今天发布数据，前三季度全省生产总值同比增长百分之五点二。"
    rest = [
        "分产业看，第一产业增加值增长百分之三点九，第二产业增加值增长百分之五点六，第三产业增长百分之五点一。",
        "从需求看，全省社会消费品零售总额同比增长百分之六点八，固定资产投资同比增长百分之四点三，外贸进出口平稳。",
    ]
    doc = _doc(["经济简讯", DATELINE, "前三季度全省经济稳中向好", short, *rest], title="经济简讯")
    assert _headlines(doc) == ["经济简讯", "前三季度全省经济稳中向好"]
    assert _texts(doc)[:3] == [DATELINE + short, *rest]
    _assert_offsets(doc)
