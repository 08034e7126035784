"""A title or a list of names at the very end of a text (a headline with no closing punctuation).

Such texts crashed the name-list completion (it looked one character past the end).
"""

from __future__ import annotations

import pytest

from kg.model import Mention
from kg.tag.annotate import annotate_sentence
from kg.tag.boundaries import complete_title_lists
from kg.tag.titles import find_titles


def _names(text: str, model: list[Mention] = ()) -> list[tuple[str, str | None]]:
    return [(m.text, m.title) for m in annotate_sentence(text, model) if m.type == "PERSON"]


def _model_person(text: str, name: str) -> list[Mention]:
    start = text.index(name)
    return [Mention(start, start + len(name), "PERSON", name, source="m")]


@pytest.mark.parametrize(
    "text, name",
    [("卫健局局长周敏", "周敏"), ("省政府副省长欧阳文", "欧阳文"), ("前来调研的有副市长许可", "许可")],
)
def test_title_and_name_ending_the_text(text: str, name: str) -> None:
    assert [found for found, _ in _names(text, _model_person(text, name))] == [name]


@pytest.mark.parametrize("text", ["区人大常委会委员名单", "市政府副市长", "局长"])
def test_title_ending_the_text_without_a_name(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    "text, names",
    [
        ("出席会议的市领导周敏、许可、欧阳文", ["周敏", "许可", "欧阳文"]),
        ("市领导周敏、许可", ["周敏", "许可"]),
        # a foreign name joined by a · is an item too, not its first part
        ("市领导周敏、帕巴拉·格列朗杰、许可", ["周敏", "帕巴拉·格列朗杰", "许可"]),
        ("市领导周敏、帕巴拉·格列朗杰", []),  # the last item is left to the model: no item cut at its ·
    ],
)
def test_list_of_names_after_a_title_ending_the_text_is_completed(text: str, names: list[str]) -> None:
    found = complete_title_lists(text, [], find_titles(text))
    assert [m.text for m in found] == names
    assert all(text[m.start : m.end] == m.text for m in found)
