"""The place and person names read from jieba's dictionary, checked against the dictionary's own lines."""

from __future__ import annotations

from pathlib import Path

import jieba

from kg.tag.gazetteer import person_names, place_names


def _tags_by_word() -> dict[str, set[str]]:
    tags: dict[str, set[str]] = {}
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            tags.setdefault(parts[0], set()).add(parts[2])
    return tags


def test_place_names_are_the_words_tagged_ns_and_never_as_a_person() -> None:
    expected = {
        w for w, t in _tags_by_word().items() if len(w) >= 2 and "ns" in t and not any(x.startswith("nr") for x in t)
    }
    assert place_names() == expected
    assert "绍兴" in expected


def test_person_names_are_three_character_words_tagged_only_as_persons() -> None:
    expected = {w for w, t in _tags_by_word().items() if len(w) == 3 and all(x.startswith("nr") for x in t)}
    assert person_names() == expected
    assert "习近平" in expected
