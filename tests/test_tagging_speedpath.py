"""The fast paths of tagging read what their plain definitions read: titles found from the end of a sentence by one
search of the reversed text are the titles of a role lookup at every character; a role after a name found by one
trie match is the longest role word there; a title attach_titles takes from find_titles is the one it would read
again; the names of a document's people found in its sentences joined are the ones found sentence by sentence."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Mention
from kg.tag.senses import names_printed
from kg.tag.titles import (
    Title,
    attach_titles,
    find_titles,
    role_ending_at,
    role_starting_at,
    title_ending_at,
)
from kg.tag.words import word_across

NAMES = ["王立新", "李明", "普京", "张三"]
# Roles, parts of roles and of organization prefixes, stop characters and words, separators, names.
PIECES = [
    *("市委", "书记", "副", "市长", "常委", "主任", "委员", "长", "总经理", "理", "记", "人", "总统", "秘书长"),
    *("联合国", "经信", "局", "市", "县", "组", "中心", "在", "由", "对", "传达", "学习", "、", "，", "。", " "),
    *NAMES,
]
SENTENCES = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
EXAMPLES = settings(max_examples=500, deadline=None)


def _titles_by_every_end(text: str) -> list[Title]:
    """find_titles by its definition: from the end, the title of the longest role word ending at each character
    not inside a title already read, unless a dictionary word the sentence's segmentation keeps starts with that
    role word and runs past it (主任|委员 as one word, 记者|会)."""
    found: list[Title] = []
    end = len(text)
    for candidate in range(len(text), 0, -1):
        if candidate <= end and (title := title_ending_at(text, candidate)) is not None:
            word = word_across(text, candidate)
            if word is not None and word[0] == title.role_start:
                continue
            found.append(title)
            end = title.start
    return found[::-1]


@EXAMPLES
@given(SENTENCES)
def test_titles_found_from_the_end_are_those_of_a_role_lookup_at_every_character(text: str) -> None:
    assert find_titles(text) == _titles_by_every_end(text)


def _is_role(word: str) -> bool:
    return role_ending_at(word, len(word)) == word


@EXAMPLES
@given(SENTENCES)
def test_the_role_starting_at_a_position_is_the_longest_role_word_there(text: str) -> None:
    for start in range(len(text) + 1):
        roles = [text[start:end] for end in range(start + 2, len(text) + 1) if _is_role(text[start:end])]
        assert role_starting_at(text, start) == (max(roles, key=len) if roles else None)


def test_of_two_roles_starting_together_the_longer_is_read() -> None:
    assert role_starting_at("全国人大常委会委员长王某", 7) == "委员长"  # 委员 is a role too


def _persons(text: str) -> list[Mention]:
    """A PERSON mention for every printed name, in text order."""
    found = []
    for name in NAMES:
        at = text.find(name)
        while at != -1:
            found.append(Mention(at, at + len(name), "PERSON", name, source="test"))
            at = text.find(name, at + len(name))
    return sorted(found, key=lambda m: m.start)


@EXAMPLES
@given(SENTENCES)
def test_titles_taken_from_find_titles_are_the_titles_read_again(text: str) -> None:
    read, taken = _persons(text), _persons(text)
    attach_titles(text, read)
    attach_titles(text, taken, find_titles(text))
    assert [(m.title, m.attrs) for m in taken] == [(m.title, m.attrs) for m in read]


def test_a_title_whose_prefix_runs_into_the_name_before_is_read_again_from_that_name() -> None:
    text = "张三市委书记王立新"  # find_titles reads 张三市委书记; after the name 张三 the title is 市委书记
    persons = _persons(text)
    plain = copy.deepcopy(persons)
    attach_titles(text, persons, find_titles(text))
    attach_titles(text, plain)
    assert persons[1].title == plain[1].title == "市委书记"


def _names_sentence_by_sentence(texts: dict[str, str], names: list[str]) -> dict[str, dict[int, int]]:
    printed: dict[str, dict[int, int]] = {}
    for sid, text in texts.items():
        for name in names:
            for start in range(len(text)):
                if text.startswith(name, start):
                    longest = printed.setdefault(sid, {})
                    longest[start] = max(longest.get(start, 0), len(name))
    return printed


@EXAMPLES
@given(
    st.lists(st.lists(st.sampled_from(["王", "立", "新", "王立", "立新", "，", "\n"]), max_size=8).map("".join)),
    st.lists(st.sampled_from(["王立", "王立新", "立新", "新王", "王王", "新\n王"]), min_size=1, unique=True),
)
def test_names_found_in_the_sentences_joined_are_those_found_sentence_by_sentence(
    sentences: list[str], names: list[str]
) -> None:
    texts = {f"s{i}": text for i, text in enumerate(sentences)}
    assert names_printed(texts, names) == _names_sentence_by_sentence(texts, names)
