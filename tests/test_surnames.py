"""Short names read by MSRA's conventions, printed the kg way (kg.tag.surnames), alone and in the tagging layer."""

from __future__ import annotations

from kg.model import Mention
from kg.tag.annotate import annotate_sentence
from kg.tag.surnames import fix_short_names

MODEL = "embedded-test"


def _mention(text: str, surface: str, kind: str = "PERSON", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), kind, surface, source=MODEL, score=0.9)


def _spans(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in mentions]


def test_a_bare_surname_grows_over_the_anonymising_mou():
    text = "留观人员王某在房间里突发高烧。"
    fixed = fix_short_names(text, [_mention(text, "王")])
    assert _spans(fixed) == [("PERSON", "王某")]
    assert text[fixed[0].start : fixed[0].end] == "王某" and fixed[0].score == 0.9


def test_a_doubled_mou_is_taken_whole():
    text = "据悉，赵某某已被依法拘留。"
    assert _spans(fix_short_names(text, [_mention(text, "赵")])) == [("PERSON", "赵某某")]


def test_a_bare_surname_grows_over_lao_or_xiao_before_it():
    text = "住在三楼的老周和邻居小孙一起把药送到了。"
    fixed = fix_short_names(text, [_mention(text, "周"), _mention(text, "孙")])
    assert _spans(fixed) == [("PERSON", "老周"), ("PERSON", "小孙")]


def test_nothing_grows_over_a_character_another_mention_holds():
    text = "记者走访了刘某家具厂和老城的小吴。"
    mentions = [
        _mention(text, "刘"),
        _mention(text, "某家具厂", "ORGANIZATION"),
        _mention(text, "小", "LOCATION"),
        _mention(text, "吴"),
    ]
    assert fix_short_names(text, mentions) == mentions


def test_longer_names_places_and_plain_surnames_are_left_as_they_are():
    text = "王立新某日在老城区会见李先生。"
    mentions = [_mention(text, "王立新"), _mention(text, "城", "LOCATION"), _mention(text, "李")]
    assert fix_short_names(text, mentions) == mentions


def test_places_printed_one_character_each_and_counted_are_places():
    text = "两个专班在金衢两地设立站点，京津冀三地同步推进。"
    fixed = fix_short_names(text, [_mention(text, "金衢"), _mention(text, "京津冀")])
    assert _spans(fixed) == [("LOCATION", "金衢"), ("LOCATION", "京津冀")]
    assert all(m.title is None and m.attrs == {} for m in fixed)


def test_a_name_before_a_count_of_another_size_stays_a_person():
    text = "张强三地奔波，李伟两次到场。"
    mentions = [_mention(text, "张强"), _mention(text, "李伟")]
    assert fix_short_names(text, mentions) == mentions


def test_the_tagging_layer_prints_anonymised_and_familiar_names_whole():
    text = "被隔离人员崔某向老叶借了一盒退烧药。"
    found = annotate_sentence(text, [_mention(text, "崔"), _mention(text, "叶")])
    people = [m.text for m in found if m.type == "PERSON"]
    assert people == ["崔某", "老叶"]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_the_tagging_layer_reads_counted_one_character_places_as_places():
    text = "临时党支部在金衢两地成立了十个服务队。"
    found = annotate_sentence(text, [_mention(text, "金衢")])
    assert ("LOCATION", "金衢") in _spans(found)
    assert not [m for m in found if m.type == "PERSON"]
