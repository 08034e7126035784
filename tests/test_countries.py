"""Countries (kg/tag/countries.txt) are places, even where jieba's dictionary files them as person names."""

from __future__ import annotations

from kg.model import Mention
from kg.tag.annotate import annotate_sentence
from kg.tag.gazetteer import COUNTRIES_FILE, country_names, person_names, well_known_place

LOC, PER = "LOCATION", "PERSON"


def _tagged(text: str, *model: tuple[str, str]) -> list[tuple[str, str, str | None]]:
    found = [Mention(text.index(s), text.index(s) + len(s), kind, s, source="model") for s, kind in model]
    return [(m.text, m.type, m.title) for m in annotate_sentence(text, found) if m.type in (LOC, PER)]


def test_a_country_the_dictionary_files_as_a_person_is_the_country_of_the_office_before_a_name() -> None:
    assert "尼泊尔" in person_names()  # jieba: nr, so it read as a Chinese name before
    assert _tagged("尼泊尔总统鲍文表示，两国友谊深厚。", ("尼泊尔", PER), ("鲍文", PER)) == [
        ("尼泊尔", LOC, None),
        ("鲍文", PER, "尼泊尔总统"),
    ]


def test_a_country_read_as_a_person_with_no_name_near_it_is_a_place() -> None:
    assert _tagged("他祝贺对方就任科摩罗总统。", ("科摩罗", PER)) == [("科摩罗", LOC, None)]
    # a country that reads as a surname and a character needs the words around it (马里 may be 马 + 里)
    assert _tagged("马里表示感谢。", ("马里", PER)) == [("马里", PER, None)]


def test_two_places_by_their_one_character_names_before_a_title_are_no_person() -> None:
    text = "两国元首将共同主持中非领导人对话会。"
    assert _tagged(text, ("中", LOC), ("非", LOC)) == [("中", LOC, None), ("非", LOC, None)]


def test_the_country_list_is_well_formed_and_each_country_is_a_well_known_place() -> None:
    lines = [line for line in COUNTRIES_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(lines) == len(set(lines)) == len(country_names()) > 190
    assert all(line and " " not in line for line in lines)
    assert all(well_known_place(name) for name in ("尼泊尔", "马拉维", "东帝汶", "中国"))
    assert "中非" not in country_names()  # China and Africa far more often than the republic


def test_a_name_whose_characters_also_abbreviate_places_is_still_titled() -> None:
    # 阿 names no one place (阿富汗, 阿根廷 …), so 阿比 after a title is a person, as 中非 is not
    text = "总理阿比对我国进行正式访问。"
    assert [(m.text, m.type) for m in annotate_sentence(text, []) if m.type == PER] == [("阿比", PER)]


def test_a_country_read_as_an_organization_is_a_place() -> None:
    assert _tagged("代表团访问了蒙古国。", ("蒙古国", "ORGANIZATION")) == [("蒙古国", LOC, None)]


def test_a_leader_read_as_a_body_after_the_office_of_a_country_is_the_person() -> None:
    found = annotate_sentence("南州总理欧德班26日表示，", [Mention(4, 7, "ORGANIZATION", "欧德班", source="model")])
    assert [(m.text, m.type, m.title) for m in found if m.type != "DATE"] == [("欧德班", PER, "南州总理")]
    # a body's own word after a role stays a body
    text = "成员国外长理事会会议举行。"
    found = annotate_sentence(text, [Mention(5, 8, "ORGANIZATION", "理事会", source="model")])
    assert [(m.text, m.type) for m in found] == [("理事会", "ORGANIZATION")]
