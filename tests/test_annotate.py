"""The tagging glue: model mentions + rule dates + boundary repairs + titles + lexicon, per article."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from kg.model import Article, Document, Mention, Sentence
from kg.tag.annotate import annotate_document, annotate_sentence
from kg.tag.lexicon import Lexicon


class FakeTagger:
    """Tags every occurrence of fixed strings; records the texts it was called with."""

    name = "fake"

    def __init__(self, spans: dict[str, str]) -> None:
        self.spans = spans  # surface -> type
        self.calls: list[list[str]] = []

    def tag(self, texts: Sequence[str]) -> list[list[Mention]]:
        self.calls.append(list(texts))
        out = []
        for text in texts:
            found = []
            for surface, kind in self.spans.items():
                start = text.find(surface)
                while start != -1:
                    found.append(Mention(start, start + len(surface), kind, surface, source=self.name, score=0.9))
                    start = text.find(surface, start + 1)
            out.append(sorted(found, key=lambda m: m.start))
        return out


def _document(*articles: list[str], date: str | None = "2021-12-10", leads: Sequence[str | None] = ()) -> Document:
    """A document whose articles are lists of sentence texts, with consistent raw offsets."""
    text, built = "", []
    for a, sentences in enumerate(articles):
        start = len(text)
        parsed = []
        for i, sentence in enumerate(sentences):
            offset = len(text)
            text += sentence
            parsed.append(Sentence(f"d#a{a}s{i}", "d", a, i, sentence, list(range(offset, offset + len(sentence)))))
        lead = leads[a] if a < len(leads) else None
        built.append(Article("d", a, start, len(text), lead=lead, sentences=parsed))
    return Document("d", "test", text=text, date=date, articles=built)


def _view(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in mentions]


def test_last_name_of_a_list_is_cut_before_the_verb() -> None:
    text = "市领导王立新、李文、张海波、赵纯在西溪分会场出席会议。"
    model = [Mention(text.index("赵纯在"), text.index("赵纯在") + 3, "PERSON", "赵纯在", source="m")]
    found = annotate_sentence(text, model)
    assert [m.text for m in found if m.type == "PERSON"] == ["王立新", "李文", "张海波", "赵纯"]
    assert all(m.title == "市领导" for m in found if m.type == "PERSON")


def test_list_after_a_title_adds_names_the_model_missed() -> None:
    text = "我市领导周海燕、钱丽华、孙建国参加。"
    found = annotate_sentence(text, [Mention(4, 7, "LOCATION", "周海燕", source="m")])
    assert _view(found) == [("周海燕", "PERSON"), ("钱丽华", "PERSON"), ("孙建国", "PERSON")]
    assert {m.source for m in found} == {"list"}


def test_list_without_a_title_in_front_adds_nothing() -> None:
    text = "会议要求，排查、管控、消杀到位。"
    assert annotate_sentence(text, []) == []


def test_person_that_swallowed_a_title_keeps_only_the_name_and_gets_the_title() -> None:
    text = "市委书记章立新在会上强调。"
    (person,) = annotate_sentence(text, [Mention(0, 7, "PERSON", "市委书记章立新", source="m")])
    assert (person.text, person.start, person.title, person.attrs["title_orgs"]) == ("章立新", 4, "市委书记", ["市委"])


def test_person_followed_by_yixing_or_tongzhi_is_trimmed() -> None:
    text = "王立新一行来到东城街道，看望李文同志。"
    model = [Mention(0, 5, "PERSON", "王立新一行", source="m"), Mention(14, 18, "PERSON", "李文同志", source="m")]
    assert [m.text for m in annotate_sentence(text, model)] == ["王立新", "李文"]


def test_span_too_long_for_a_name_is_cut_before_a_following_verb() -> None:
    text = "林海燕来西溪督导。王立新说，要抓好落实。"
    model = [Mention(0, 5, "PERSON", "林海燕来西", source="m"), Mention(9, 13, "PERSON", "王立新说", source="m")]
    assert [m.text for m in annotate_sentence(text, model)] == ["林海燕", "王立新"]


def test_names_ending_in_a_character_that_also_follows_names_are_kept() -> None:
    text = "王春来和李建和都到了。"
    model = [Mention(0, 3, "PERSON", "王春来", source="m"), Mention(4, 7, "PERSON", "李建和", source="m")]
    assert [m.text for m in annotate_sentence(text, model)] == ["王春来", "李建和"]


def test_person_spanning_a_separator_is_split() -> None:
    text = "副市长王立新、李文参加。"
    found = annotate_sentence(text, [Mention(3, 9, "PERSON", "王立新、李文", source="m")])
    assert [(m.text, m.title) for m in found] == [("王立新", "副市长"), ("李文", "副市长")]


def test_title_words_tagged_as_persons_are_dropped() -> None:
    text = "首席记者在现场。"
    assert annotate_sentence(text, [Mention(0, 4, "PERSON", "首席记者", source="m")]) == []


def test_model_dates_are_replaced_by_rule_dates() -> None:
    text = "12月8日上午，王立新到西溪镇调研。"
    place = text.index("西溪镇")
    model = [Mention(0, 5, "DATE", "12月8日", source="m"), Mention(place, place + 3, "LOCATION", "西溪镇", source="m")]
    found = annotate_sentence(text, model)
    assert _view(found) == [("12月8日上午", "DATE"), ("西溪镇", "LOCATION")]
    assert found[0].source == "dates"


def test_dates_resolve_across_sentences_of_an_article_but_not_across_articles() -> None:
    doc = _document(
        ["12月8日上午，会议召开。", "当晚，检查组出发。"],
        ["当晚，志愿者上街。"],
        date="2021-12-10",
    )
    result = annotate_document(doc, {})
    assert result["d#a0s1"][0].normalized == "2021-12-08"
    assert result["d#a1s0"][0].normalized == "2021-12-10"


def test_date_in_the_lead_anchors_the_first_relative_date() -> None:
    doc = _document(["次日，检查组出发。"], date="2021-12-10", leads=["本报讯 12月6日"])
    assert annotate_document(doc, {})["d#a0s0"][0].normalized == "2021-12-07"


def test_lexicon_entries_override_the_model_and_get_titles(tmp_path: Path) -> None:
    path = tmp_path / "lex.csv"
    path.write_text("name,type,aliases\n王立新,PERSON,王立\n东城街道,LOC,东城\n", encoding="utf-8")
    text = "副市长王立新在东城调研。"
    model = [Mention(3, 5, "PERSON", "王立", source="m"), Mention(7, 9, "ORGANIZATION", "东城", source="m")]
    found = annotate_sentence(text, model, Lexicon.load(path))
    assert [(m.text, m.type, m.normalized, m.title) for m in found] == [
        ("王立新", "PERSON", "王立新", "副市长"),
        ("东城", "LOCATION", "东城街道", None),
    ]


def test_output_is_sorted_non_overlapping_and_inputs_are_not_mutated() -> None:
    text = "王立新来到东城街道卫生院。"
    model = [
        Mention(5, 12, "ORGANIZATION", "东城街道卫生院", source="m"),
        Mention(0, 3, "PERSON", "王立新", source="m"),
        Mention(5, 9, "LOCATION", "东城街道", source="m"),
    ]
    before = [m.to_dict() for m in model]
    found = annotate_sentence(text, model)
    assert _view(found) == [("王立新", "PERSON"), ("东城街道卫生院", "ORGANIZATION")]
    assert [m.to_dict() for m in model] == before


def test_a_chunk_is_tagged_in_one_batched_call_on_the_texts_as_printed() -> None:
    """The tagger owns folding: it gets the sentences as printed (full-width digits and all), not a folded copy."""
    from kg.events import load_rules
    from kg.process import Components, process_documents

    doc = _document(["１２月８日，王立新到西溪镇。", "次日，李文到东城街道。"], ["王立新说，要抓好落实。"])
    tagger = FakeTagger({"王立新": "PERSON", "李文": "PERSON", "西溪镇": "LOCATION", "东城街道": "LOCATION"})
    (result,) = process_documents([doc], Components(tagger=tagger, rules=load_rules([]), lexicon=None))
    assert tagger.calls == [["１２月８日，王立新到西溪镇。", "次日，李文到东城街道。", "王立新说，要抓好落实。"]]
    first, second, _ = result.document.sentences
    assert _view(result.mentions[second.id]) == [("次日", "DATE"), ("李文", "PERSON"), ("东城街道", "LOCATION")]
    assert result.mentions[second.id][0].normalized == "2021-12-09"
    assert result.mentions[first.id][0].text == "１２月８日"


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _seed_text(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("seed pages absent")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").replace("\n", "")  # ingest joins OCR lines


def test_seed_list_of_twelve_leaders_yields_twelve_titled_names_without_the_verb() -> None:
    text = _seed_text("002")
    start = text.index("我市领导")
    sentence = text[start : text.index("。", start) + 1]
    persons = [m for m in annotate_sentence(sentence, []) if m.type == "PERSON"]
    assert len(persons) == 12
    assert all(2 <= len(p.text) <= 3 and not p.text.endswith("在") for p in persons)
    assert {p.title for p in persons} == {"我市领导"}


def test_person_tag_on_a_known_place_name_becomes_location():
    text = "代表团赴绍兴学习考察。"
    wrong = [Mention(start=4, end=6, type="PERSON", text="绍兴", source="fake")]
    (mention,) = annotate_sentence(text, wrong)
    assert (mention.text, mention.type) == ("绍兴", "LOCATION")


def _first_sentence_types_with_place_named_later(first: str, person_start: int) -> list[str]:
    """Types of 青溪 in `first` when the model tags it PERSON there and the next sentence names 青溪医院."""
    doc = _document([first, "他来到青溪医院。"])
    sid_a, sid_b = (s.id for s in doc.sentences)
    model = {
        sid_a: [Mention(start=person_start, end=person_start + 2, type="PERSON", text="青溪", source="fake")],
        sid_b: [Mention(start=3, end=7, type="LOCATION", text="青溪医院", source="fake")],
    }
    return [m.type for m in annotate_document(doc, model)[sid_a] if m.text == "青溪"]


def test_person_tag_on_the_head_of_a_place_elsewhere_in_the_document_becomes_location():
    assert _first_sentence_types_with_place_named_later("青溪经济持续向好。", 0) == ["LOCATION"]


def test_titled_person_is_never_retagged_as_a_place():
    assert _first_sentence_types_with_place_named_later("市长青溪出席会议。", 2) == ["PERSON"]


def test_single_character_model_mentions_are_dropped():
    text = "在中浙小区门口。"
    noise = [Mention(start=1, end=2, type="LOCATION", text="中", source="fake")]
    assert annotate_sentence(text, noise) == []


def test_coordinated_head_cut_by_the_model_is_completed():
    text = "在省委省政府的坚强领导下。"
    cut = [Mention(start=1, end=4, type="ORGANIZATION", text="省委省", source="fake")]
    (mention,) = annotate_sentence(text, cut)
    assert (mention.text, mention.start, mention.end) == ("省委省政府", 1, 6)


def test_a_known_name_cut_short_by_the_model_gets_its_surname_back():
    text = "深入学习习近平总书记重要讲话精神。"
    cut = [Mention(start=5, end=7, type="PERSON", text="近平", source="fake")]
    (mention,) = annotate_sentence(text, cut)
    assert (mention.text, mention.start) == ("习近平", 4)


def test_a_full_name_with_a_common_surname_is_not_extended():
    text = "座谈张炜等代表。"
    whole = [Mention(start=2, end=4, type="PERSON", text="张炜", source="fake")]
    (mention,) = annotate_sentence(text, whole)
    assert mention.text == "张炜"


def test_a_known_name_before_a_title_printed_after_it_is_a_person_even_if_the_model_missed_it():
    text = "同贯彻落实习近平总书记重要指示精神结合起来。"
    (mention,) = [m for m in annotate_sentence(text, []) if m.type == "PERSON"]
    assert (mention.text, mention.start, mention.source) == ("习近平", 5, "names")
    assert [m for m in annotate_sentence("同贯彻落实王小东总书记的指示。", []) if m.type == "PERSON"] == []


@pytest.mark.parametrize("idea", ["新时代中国特色社会主义思想", "外交思想", "理论"])
def test_a_known_name_before_an_idea_named_after_the_person_is_a_person(idea: str) -> None:
    text = f"坚持以邓小平{idea}为指导。"  # as MSRA tags 邓小平 of 邓小平理论
    (person,) = [m for m in annotate_sentence(text, []) if m.type == "PERSON"]
    assert (person.text, person.attrs.get("eponym")) == ("邓小平", True)  # a name, nobody present
    assert [m for m in annotate_sentence(f"坚持以王小东{idea}为指导。", []) if m.type == "PERSON"] == []


def test_a_person_the_model_found_before_a_doctrine_named_after_him_is_a_name_not_someone_present():
    text = "坚持马克思主义基本原理。"
    (person,) = annotate_sentence(text, [Mention(2, 5, "PERSON", "马克思", source="model")])
    assert (person.text, person.attrs.get("eponym")) == ("马克思", True)
    (person,) = annotate_sentence("马克思指出。", [Mention(0, 3, "PERSON", "马克思", source="model")])
    assert not person.attrs.get("eponym")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("三名诺贝尔奖获得者出席论坛。", "诺贝尔"),
        ("队伍夺得苏迪曼杯冠军。", "苏迪曼"),
        ("大力弘扬雷锋精神。", "雷锋"),
        ("《王立新文集》出版座谈会召开。", "王立新"),  # a work's title
    ],
)
def test_a_person_the_model_found_in_a_prize_s_a_spirit_s_or_a_work_s_name_is_no_one_present(
    text: str, name: str
) -> None:
    start = text.index(name)
    (person,) = annotate_sentence(text, [Mention(start, start + len(name), "PERSON", name, source="model")])
    assert (person.text, person.attrs.get("eponym")) == (name, True)
    (person,) = annotate_sentence("诺贝尔出席论坛。", [Mention(0, 3, "PERSON", "诺贝尔", source="model")])
    assert not person.attrs.get("eponym")


def test_kg_tag_leaves_out_the_steps_named_with_skip_as_tag_texts_does(tmp_path: Path, capsys) -> None:
    from kg.api import tag_texts
    from kg.cli import main

    lines = tmp_path / "lines.txt"
    lines.write_text("12月9日，王立新到东城街道调研。\n", encoding="utf-8")

    def types(*skip: str) -> list[str]:
        assert main(["tag", str(lines), "--date", "2021-12-10", *(a for s in skip for a in ("--skip", s))]) == 0
        (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert record["entities"] == tag_texts([record["text"]], date="2021-12-10", skip=skip)[0]["entities"]
        return [e["type"] for e in record["entities"]]

    assert "DATE" in types()
    assert "DATE" not in types("dates")
