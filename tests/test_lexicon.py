"""The user lexicon: CSV loading with clear errors, and overriding model mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Mention
from kg.tag.lexicon import Lexicon, LexiconError


def _write(tmp_path: Path, content: str, name: str = "lexicon.csv") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def lexicon(tmp_path: Path) -> Lexicon:
    return Lexicon.load(
        _write(
            tmp_path,
            "name,type,aliases\n"
            "东城街道,LOC,东城\n"
            "市农业农村局,ORG,农业农村局|农业局;农办\n"
            "王立新,PER,\n"
            "市农业农村局长办公室,ORGANIZATION,\n",
        )
    )


def test_load_reads_names_types_and_aliases(lexicon: Lexicon) -> None:
    by_name = {e.name: e for e in lexicon.entries}
    assert by_name["东城街道"].type == "LOCATION"
    assert by_name["市农业农村局"].type == "ORGANIZATION"
    assert by_name["市农业农村局"].aliases == ("农业农村局", "农业局", "农办")
    assert by_name["王立新"].type == "PERSON" and by_name["王立新"].aliases == ()


def test_lexicon_match_overrides_overlapping_model_mentions(lexicon: Lexicon) -> None:
    text = "王立新来到东城调研。"
    model = [Mention(0, 2, "LOCATION", "王立", source="model"), Mention(5, 8, "LOCATION", "东城调", source="model")]
    found = lexicon.apply(text, model)
    assert [(m.text, m.type, m.normalized, m.source) for m in found] == [
        ("王立新", "PERSON", "王立新", "lexicon"),
        ("东城", "LOCATION", "东城街道", "lexicon"),
    ]


def test_model_mentions_that_overlap_nothing_are_kept(lexicon: Lexicon) -> None:
    text = "李文在西溪镇调研。"
    model = [Mention(0, 2, "PERSON", "李文", source="model"), Mention(3, 6, "LOCATION", "西溪镇", source="model")]
    assert lexicon.apply(text, model) == model


def test_longest_entry_wins(lexicon: Lexicon) -> None:
    found = lexicon.apply("市农业农村局长办公室发布通知。", [])
    assert [(m.text, m.normalized) for m in found] == [("市农业农村局长办公室", "市农业农村局长办公室")]


def test_matching_is_on_folded_text(tmp_path: Path) -> None:
    lexicon = Lexicon.load(_write(tmp_path, "name,type,aliases\nG60科创走廊,ORG,\n"))
    text = "参与Ｇ６０科创走廊建设。"
    (found,) = lexicon.apply(text, [])
    assert (found.text, found.normalized) == ("Ｇ６０科创走廊", "G60科创走廊")


def test_version_changes_with_the_file(tmp_path: Path) -> None:
    first = Lexicon.load(_write(tmp_path, "name,type\n王立新,PERSON\n", "a.csv"))
    second = Lexicon.load(_write(tmp_path, "name,type\n王立新,ORG\n", "b.csv"))
    assert first.version and first.version != second.version


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("name,type,aliases\n王立新,PERSON,\n东城街道,PLACE,\n", ":3:", "unknown type"),
        ("name,type,aliases\n\n王立新,PERSON,\n,LOC,东城\n", ":4:", "empty name"),
        ("name,type,aliases\n王立新,PERSON,甲,乙\n", ":2:", "fields"),
        ("name,type,aliases\n王立新\n", ":2:", "fields"),
        ("名称,类型\n王立新,PERSON\n", ":1:", "header"),
    ],
)
def test_bad_rows_raise_with_the_line_number(tmp_path: Path, content: str, where: str, message: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(LexiconError, match=message) as error:
        Lexicon.load(path)
    assert f"{path}{where}" in str(error.value)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("name,type,aliases\n王立新,PER,\n".encode("utf-8-sig"))
    assert [e.name for e in Lexicon.load(path).entries] == ["王立新"]
