"""Rules files that attack: alias bombs and self-referencing anchors are refused before they expand."""

from __future__ import annotations

import pytest
import yaml

from kg.events import RulesError, load_rules
from kg.io.boundedyaml import YAMLTooComplex, load_bounded


def _alias_bomb(levels: int, fan_out: int = 9) -> str:
    """A few hundred bytes that expand to fan_out ** levels strings."""
    lines = [f"l0: &l0 [{', '.join(['ha'] * fan_out)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * fan_out)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_a_rules_file_is_refused_with_file_and_line(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(_alias_bomb(9), encoding="utf-8")  # 9**9: 387 million strings if expanded
    assert len(path.read_bytes()) < 1000
    with pytest.raises(RulesError, match=rf"{path}:\d+: expands to more than [\d,]+ values"):
        load_rules([path])


@pytest.mark.parametrize("text", ["types: &t\n  loop: *t\n", "a: &a [1, [2, *a]]\n"])
def test_a_self_referencing_anchor_is_refused_not_a_recursion_error(tmp_path, text):
    path = tmp_path / "self.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=rf"{path}:1: an anchor \(&\) refers to itself"):
        load_rules([path])


def test_shared_anchors_within_the_limit_load_as_plain_yaml_does():
    text = _alias_bomb(3)  # 729 strings: fine
    assert load_bounded(text) == yaml.safe_load(text)
    with pytest.raises(YAMLTooComplex):
        load_bounded(text, limit=700)
