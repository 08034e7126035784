"""The paper's own city: inferred only on strong evidence, never a country; given; or switched off.

All pages are invented (清河 county paper, a national paper).
"""

from __future__ import annotations

import json
import re

from graph_helpers import document, mention, result, sample_results

from kg.graph import resolve, resolve_entities
from kg.graph.aliases import NO_CITY, choose_city, infer_city


def _pages(prefix: str, pages: list[list[str]], tagged: list[tuple[str, str]]) -> list:
    """Results of invented pages; `tagged` (text, type) are mentions found in the first page."""
    texts = [document(f"{prefix}{i}", sentences) for i, sentences in enumerate(pages)]
    first = [[mention(t, type_, s) for t, type_ in tagged if t in s] for s in pages[0]]
    return [result(texts[0], first), *(result(t) for t in texts[1:])]


def _county_pages() -> list:
    pages = [
        ["我市召开全市防控工作会议，清河力量不断壮大。", "市委书记在清河市委会议上讲话。"],
        ["全市上下众志成城，清河医院全力救治。", "东州市委常委来清河调研。"],
        ["我市经信局部署保供，清河各镇积极响应。"],
    ]
    return _pages("c", pages, [("市委", "ORGANIZATION")])


def _national_pages() -> list:
    pages = [
        ["我国经济稳中向好，中国市场活力持续释放。", "北京市委召开会议，市委书记讲话。"],
        ["我国外贸增长，中国市场吸引外资。", "上海市民踊跃参加活动。"],
        ["全市上下喜迎佳节，中国市场繁荣。"],
    ]
    return _pages("n", pages, [("中国市场", "ORGANIZATION"), ("市委", "ORGANIZATION")])


def test_a_county_paper_gets_its_city_with_the_evidence():
    choice = choose_city(_county_pages())
    assert (choice.city, choice.how) == ("清河", "inferred")
    assert choice.evidence["local_voice_documents"] == 3 and choice.evidence["national_voice_documents"] == 0
    assert choice.evidence["candidates"]["清河"] > choice.evidence["candidates"]["东州"]
    assert "清河 named" in choice.reason
    assert choice.as_dict()["city"] == "清河"


def test_national_news_gets_no_city_and_never_a_country():
    pages = _national_pages()
    choice = choose_city(pages)
    assert choice.city is None and choice.how == "not inferred"
    assert "我国 in 2" in choice.reason
    ids = {e.id for e in resolve_entities(pages)}
    assert "org:市委" in ids
    assert not [i for i in ids if re.match(r"^(?:loc|org):(?:中国市(?!场)|北京市市)", i)]


def test_market_and_country_words_are_no_city_candidates():
    pages = [document(f"m{i}", ["我市中国市场很大，中国市场在我市。"]) for i in range(3)]
    assert infer_city([result(page) for page in pages]) is None


def test_no_city_stands_out_when_two_are_named_alike():
    pages = [document(f"t{i}", ["我市与西河市、清河市合作，清河西河携手。"]) for i in range(3)]
    choice = choose_city([result(page) for page in pages])
    assert choice.city is None and "no city stands out" in choice.reason


def test_city_none_switches_inference_off():
    choice = choose_city(_county_pages(), NO_CITY)
    assert (choice.city, choice.how) == (None, "off")
    assert choose_city(_county_pages(), "None").how == "off"
    inferred, off = _county_pages(), _county_pages()
    county_committee = inferred[0].mentions["c0#a0s1"][0]
    assert resolve(inferred).entity_of("c0#a0s1", county_committee) == "org:清河市委"
    assert resolve(off, city="none").entity_of("c0#a0s1", county_committee) == "org:市委"


def test_a_given_city_wins_and_may_be_written_with_市():
    assert choose_city(_county_pages(), "东州市").city == "东州"
    assert choose_city(_county_pages(), "东州").how == "given"
    ids = {e.id for e in resolve_entities(_county_pages(), city="东州")}
    assert "org:东州市委" in ids


def test_a_choice_passed_to_resolution_is_used_as_is():
    pages = sample_results()
    choice = choose_city(pages)
    assert choice.city == "清河"
    assert "org:清河市委" in {e.id for e in resolve_entities(pages, city=choice)}
    assert "org:市委" in {e.id for e in resolve_entities(sample_results(), city=choose_city(pages, "none"))}


def test_a_build_reports_its_city_and_the_evidence_and_none_switches_it_off(tmp_path):
    from pathlib import Path

    from kg.api import build

    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    inferred = build([sample], tmp_path / "a", dates_file=sample / "dates.tsv", progress=False)
    report = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    assert report["city"] == inferred.city and report["city"]["how"] == "inferred"
    assert report["city"]["city"] and report["city"]["evidence"]["local_voice_documents"] > 0
    off = build([sample], tmp_path / "b", dates_file=sample / "dates.tsv", progress=False, city="none")
    assert off.city["how"] == "off" and off.city["city"] is None
    ids = {json.loads(line)["id"] for line in (tmp_path / "b" / "entities.jsonl").read_text("utf-8").splitlines()}
    assert "org:市委" in ids and f"org:{report['city']['city']}市委" not in ids
