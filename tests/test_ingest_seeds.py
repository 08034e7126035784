"""The five real seed pages (read at run time from ../shared/seeds): decoding, articles, sentences.

Expected article counts are what a reader sees on each page:
  000: the "三情联动" feature (its intro box and its headline are printed after its byline) and
       the party-history feature continued from page 1 -> 2
  001: the party-members special report, the logistics-team story, the quarantine-sites story -> 3
  002: the video conference, the lab photo news (title, caption, photo credit), the bank's volunteers -> 3
  003: the epidemic meeting, the industry symposium, the evening inspection -> 3
  004: the checkpoint visits and dispatch meeting, the prefecture official's inspection -> 2
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from kg.ingest import load_documents, segment
from kg.model import HEADLINE, Document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ARTICLES = {
    "000_ec3dfdacbb40aa34": 2,
    "001_78f4412fd1f37353": 3,
    "002_730c2e1bdfee8bc1": 3,
    "003_92576092c1be5f1d": 3,
    "004_16d8d1c0815709e4": 2,
}
NOT_SENTENCE_TEXT = ("融媒记者", "融媒首席记者", "通讯员", "□", "■", "本报讯", "上接")


@pytest.fixture(scope="module")
def pages() -> dict[str, Document]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS}")
    docs = list(load_documents([SEEDS], dates_file=SEEDS / "dates.tsv"))
    return {d.id: segment(d) for d in docs}


def test_every_seed_page_decodes_and_is_dated_from_the_tsv(pages):
    assert set(pages) == set(ARTICLES)
    for doc in pages.values():
        assert (doc.status, doc.encoding, doc.date_source) == ("ok", "utf-8", "tsv"), doc.id
        assert re.fullmatch(r"20(21|22)-\d\d-\d\d", doc.date or ""), doc.id


def test_each_seed_page_splits_into_the_articles_a_reader_sees(pages):
    assert {doc_id: len(doc.articles) for doc_id, doc in pages.items()} == ARTICLES
    for doc in pages.values():
        assert all(article.sentences for article in doc.articles), doc.id
        spans = [(a.start, a.end) for a in doc.articles]
        assert spans == sorted(spans) and all(e <= s for (_, e), (s, _) in pairwise(spans)), doc.id


def test_offset_invariant_holds_for_every_sentence_of_every_seed_page(pages):
    checked = 0
    for doc in pages.values():
        used: set[int] = set()
        for sentence in doc.sentences:
            assert len(sentence.text) == len(sentence.offsets) > 0
            for char, offset in zip(sentence.text, sentence.offsets, strict=True):
                assert doc.text[offset] == char, (sentence.id, offset)
                checked += 1
            assert used.isdisjoint(sentence.offsets), f"{sentence.id} reuses raw characters"
            used.update(sentence.offsets)
    assert checked > 10_000


def test_no_seed_sentence_contains_a_byline_lead_label_or_ocr_space(pages):
    for doc in pages.values():
        for sentence in doc.sentences:
            # a headline may name reporters as its news (融媒记者开展疫情防控暗访)
            assert sentence.kind == HEADLINE or not [m for m in NOT_SENTENCE_TEXT if m in sentence.text], sentence.id
            assert not re.search(r"[\u4e00-\u9fff，。、]\s|\s[\u4e00-\u9fff，。、]", sentence.text), sentence.id
            assert "\n" not in sentence.text


def test_seed_bylines_and_leads_are_structured(pages):
    for doc in pages.values():
        for article in doc.articles:
            assert article.bylines or article.lead, f"{doc.id} article {article.index} has no byline"
            for byline in article.bylines:
                assert doc.text[byline.start : byline.end].lstrip("□").startswith(byline.role)
    photo = pages["002_730c2e1bdfee8bc1"].articles[1]
    assert [b.kind for b in photo.bylines] == ["photo_credit"]
    assert photo.headlines[0].startswith("辛苦了")
    assert photo.body_sentences[0].text.startswith("12月20日深夜")
    quarantine = pages["001_78f4412fd1f37353"].articles[2]
    assert quarantine.lead == "本报讯" and len(quarantine.bylines[0].names) == 2


def test_seed_headlines_printed_away_from_their_body_find_their_article(pages):
    page000 = pages["000_ec3dfdacbb40aa34"]
    assert any(h.startswith("“三情联动”") for h in page000.articles[0].headlines)
    assert page000.articles[1].body_sentences[0].text.startswith("榜样的力量")
    assert "（上接1版）" in page000.meta["labels"]
    conference = pages["002_730c2e1bdfee8bc1"].articles[0]
    assert conference.headlines[0].startswith("章旭升在全市")  # printed at the foot of the page
    inspection = pages["004_16d8d1c0815709e4"].articles[1]
    assert inspection.headlines[0].startswith("沈晓红在永")  # printed at the head of the page
    for article in pages["003_92576092c1be5f1d"].articles:
        assert article.lead == "本报讯" and article.body_sentences[0].text.startswith("12月9日")


def test_seed_ocr_traps_are_repaired(pages):
    def text(doc_id: str) -> str:
        return "\n".join(s.text for s in pages[doc_id].sentences)

    assert "12月14日夜" in text("004_16d8d1c0815709e4")  # spaces inside the date
    assert "篱笆墙，全力以赴" in text("004_16d8d1c0815709e4")  # letter-spaced justified line
    assert "蒋震雷" in text("002_730c2e1bdfee8bc1")  # name broken across two lines
    assert "12月9日晚" in text("003_92576092c1be5f1d")
