"""One sense per document in n log n: the rewrite retags exactly the people its definition says.

pipelines/complexity.py measures the time; nothing here is timed.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Mention
from kg.tag.annotate import _one_sense_per_document

EXAMPLES = settings(max_examples=300, deadline=None)


def _mention(text: str, type_: str, title: str | None = None) -> Mention:
    return Mention(start=0, end=len(text), type=type_, text=text, title=title)


def _one_sense_by_definition(result: dict[str, list[Mention]]) -> set[str]:
    """Untitled PERSON texts that are, or start, a place or organization text of the same document."""
    places = [m.text for found in result.values() for m in found if m.type in ("LOCATION", "ORGANIZATION")]
    titled = {m.text for found in result.values() for m in found if m.type == "PERSON" and m.title}
    people = {m.text for found in result.values() for m in found if m.type == "PERSON"} - titled
    return {name for name in people if any(place.startswith(name) for place in places)}


_SURFACES = st.sampled_from(["永康", "永康医院", "永康市", "王立", "王立新", "王立新路", "李明", "东城街道", "东城"])
_TAGGED = st.tuples(_SURFACES, st.sampled_from(["PERSON", "LOCATION", "ORGANIZATION"]), st.sampled_from([None, "市长"]))


@EXAMPLES
@given(st.lists(st.lists(_TAGGED, max_size=4), max_size=6))
def test_one_sense_per_document_retags_exactly_the_people_named_as_places(sentences):
    result = {f"s{i}": [_mention(*tagged) for tagged in found] for i, found in enumerate(sentences)}
    retagged = _one_sense_by_definition(result)
    after = _one_sense_per_document(result)
    for sid, found in result.items():
        for before, now in zip(found, after[sid], strict=True):
            misread = before.type == "PERSON" and before.text in retagged
            assert now.type == ("LOCATION" if misread else before.type)


def test_one_sense_per_document_on_many_people_and_places():
    result = {f"s{i}": [_mention(f"王{i}号", "PERSON"), _mention(f"王{i}号村", "LOCATION")] for i in range(0, 3000, 2)}
    result["t"] = [_mention("王1号", "PERSON"), _mention("王2号", "PERSON", "市长")]
    after = _one_sense_per_document(result)
    assert [m.type for m in after["s0"]] == ["LOCATION", "LOCATION"]
    assert [m.type for m in after["t"]] == ["PERSON", "PERSON"]  # no place starts with 王1号; 王2号 has a title
    assert [m.type for m in after["s2"]] == ["PERSON", "LOCATION"]  # printed with a title elsewhere
