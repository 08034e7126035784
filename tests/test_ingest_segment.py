"""OCR repair and article splitting on pages written in the style of the seed pages (own text)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import repair, segment
from kg.model import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


def _doc(text: str, doc_id: str = "p") -> Document:
    return segment(Document(id=doc_id, source="test", text=text))


def _spaced(*lines: str) -> str:
    """A page in the seed style: a blank line after every printed line."""
    return "\n\n".join(lines) + "\n"


def _texts(doc: Document) -> list[str]:
    return [s.text for s in doc.body_sentences]


def _assert_offsets(doc: Document) -> None:
    for sentence in doc.body_sentences:
        assert len(sentence.offsets) == len(sentence.text)
        assert all(doc.text[o] == c for c, o in zip(sentence.text, sentence.offsets, strict=True)), sentence.id


def test_name_broken_across_lines_is_joined():
    doc = _doc(_spaced("本报讯 12月3日上午，东城街道党工委书记王", "立新到西城街道调研，李明华", "陪同。"))
    assert _texts(doc) == ["12月3日上午，东城街道党工委书记王立新到西城街道调研，李明华陪同。"]
    _assert_offsets(doc)


def test_letter_spaced_line_and_spaces_inside_dates_are_removed():
    doc = _doc(_spaced("本报讯 12 月 3 日夜，东城街道", "扎紧扎密安全篱笆 墙 ，全 力 以 赴 守", "护群众平安。"))
    assert _texts(doc) == ["12月3日夜，东城街道扎紧扎密安全篱笆墙，全力以赴守护群众平安。"]
    _assert_offsets(doc)


def test_spaces_between_latin_words_are_kept_and_other_spaces_dropped():
    doc = _doc("东城街道引进 Smart City 平台，覆盖 100 %的村社。\n")
    assert _texts(doc) == ["东城街道引进Smart City平台，覆盖100%的村社。"]


def test_mixed_width_punctuation_and_ellipses_split_but_stay_raw():
    doc = _doc("王立新说,要排查隐患⋯⋯确保平安!李明华表示同意;会议结束。\n")
    assert _texts(doc) == ["王立新说,要排查隐患⋯⋯", "确保平安!", "李明华表示同意;", "会议结束。"]


def test_byline_run_into_the_end_of_a_paragraph_becomes_a_byline():
    doc = _doc(_spaced("南溪镇为困难群众送去棉衣和大米，", "做好帮扶工作。融媒记者 何文斌"))
    (article,) = doc.articles
    assert [(b.role, b.names, b.kind) for b in article.bylines] == [("融媒记者", ["何文斌"], "byline")]
    assert _texts(doc) == ["南溪镇为困难群众送去棉衣和大米，做好帮扶工作。"]
    byline = article.bylines[0]
    assert doc.text[byline.start : byline.end] == "融媒记者 何文斌"


def test_lead_with_reporters_in_brackets():
    doc = _doc("本报讯(融媒记者 郑文杰 吴佳琪) 12月5日,北山村志愿服务队走进敬老院。\n")
    (article,) = doc.articles
    assert article.lead == "本报讯"
    assert [(b.role, b.names) for b in article.bylines] == [("融媒记者", ["郑文杰", "吴佳琪"])]
    assert _texts(doc) == ["12月5日,北山村志愿服务队走进敬老院。"]


def test_headline_printed_after_the_body_belongs_to_the_article_above():
    doc = _doc(
        _spaced(
            "□融媒记者 王晓峰",
            "本报讯 12月3日，王立新主持召开安全",
            "生产工作会议。",
            "王立新在安全生产会议上强调",
            "压实责任 守住底线",
            "□通讯员 陈小雨",
            "本报讯 近日，南溪镇开展暖冬行动。",
        )
    )
    first, second = doc.articles
    assert first.headlines == ["王立新在安全生产会议上强调", "压实责任 守住底线"]
    assert [b.names for b in first.bylines] == [["王晓峰"]]
    assert second.headlines == [] and [b.names for b in second.bylines] == [["陈小雨"]]
    assert first.end <= second.start
    assert second.sentences[0].id == "p#a1s0"


def test_stray_headline_at_the_top_moves_to_the_article_it_names():
    doc = _doc(
        _spaced(
            "吴建平在南溪镇检查冬季消防安全时强调",
            "□融媒记者 王晓峰",
            "本报讯 12月3日晚，王立新赴东城街道",
            "看望夜间值守人员。",
            "□融媒记者 刘海波",
            "本报讯 12月4日，吴建平到南溪镇检查",
            "冬季消防安全工作。",
        )
    )
    first, second = doc.articles
    assert first.headlines == []
    assert second.headlines == ["吴建平在南溪镇检查冬季消防安全时强调"]


def test_section_label_and_continuation_mark_are_not_sentences():
    doc = _doc(_spaced("■守护平安 共建家园", "（上接1版）", "东城街道持续开展安全检查。", "融媒首席记者 王晓峰"))
    assert doc.meta["labels"] == ["■守护平安 共建家园", "（上接1版）"]
    assert _texts(doc) == ["东城街道持续开展安全检查。"]
    assert doc.articles[0].bylines[0].names == ["王晓峰"]


def test_column_fixture_page_splits_into_meeting_photo_news_and_charity_articles():
    text = (FIXTURES / "column_page.txt").read_text(encoding="utf-8")
    doc = _doc(text, "column_page")
    meeting, photo, charity = doc.articles
    assert meeting.lead == "本报讯" and meeting.headlines[-1] == "压实责任 守住底线"
    assert photo.headlines == ["寒夜守护"]
    assert [(b.names, b.kind) for b in photo.bylines] == [(["刘海波"], "photo_credit")]
    assert photo.body_sentences[0].text.startswith("12月2日晚") and photo.body_sentences[-1].text.endswith("通行安全。")
    assert [b.names for b in charity.bylines] == [["陈小雨", "周一鸣"]]
    assert charity.headlines == ["南溪镇“暖冬行动”温暖人心"]
    assert "全力以赴守护群众生命财产安全" in meeting.body_sentences[2].text
    assert doc.meta["labels"] == ["■守护平安 共建家园"]
    _assert_offsets(doc)


def test_paragraph_per_line_page_rejoins_a_paragraph_cut_by_a_photo_caption():
    text = (FIXTURES / "paragraph_page.txt").read_text(encoding="utf-8")
    doc = _doc(text, "paragraph_page")
    visit, patrol = doc.articles
    assert visit.headlines == ["冬训专题 聚焦基层", "志愿服务暖人心 特别报道(二)"]
    assert "并耐心地讲解冬季防病知识。" in [s.text[-13:] for s in visit.body_sentences]
    assert visit.body_sentences[-1].text == "北山村志愿者为老人测量血压"  # the caption, after the rejoined paragraph
    assert [b.names for b in patrol.bylines] == [["何文斌"]]
    assert patrol.headlines == ["西山镇巡逻队员 守护夜间平安"]
    _assert_offsets(doc)


def test_a_lone_title_line_is_still_read_as_text():
    doc = _doc("王立新会见李明华")
    assert _texts(doc) == ["王立新会见李明华"]


def test_skipped_documents_get_no_articles():
    doc = segment(Document(id="x", source="x", status="skipped", reason="empty file (0 bytes)"))
    assert doc.articles == []


def test_repair_maps_every_character_back_to_the_raw_text():
    raw = _spaced("民有所呼 政有所应", "本报讯 12 月 3 日，东城街道党工委书记王", "立新主持会议。")
    text, offsets = repair(raw)
    assert text == "民有所呼政有所应\n12月3日，东城街道党工委书记王立新主持会议。"
    assert [raw[o] for o in offsets] == list(text)


_ALPHABET = st.sampled_from(list("王立新东城街道会议主持，。！？；、“”（）《》 \n\u3000□本报讯记者融媒 摄12月日Ab⋯■"))


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, max_size=300))
def test_offset_invariant_holds_for_any_text(text: str):
    doc = _doc(text)
    _assert_offsets(doc)
    repaired, offsets = repair(text)
    assert [text[o] for o in offsets] == list(repaired)
    for article in doc.articles:
        assert 0 <= article.start <= article.end <= len(text)
