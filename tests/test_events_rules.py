"""User rule files: new types without code, overrides by id, and errors that say where to fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from event_helpers import SIGNING, Lexicon, make_doc, roles

from kg.events import RulesError, RuleSet, extract_events, load_rules
from kg.ingest import load_documents, segment
from kg.model import Event
from kg.textnorm import fold

LEX = Lexicon(
    persons=["林芳", "王立新"],
    organizations=["星河集团"],
    dates={"12月6日": ("2021-12-06", None, None), "12月9日上午": ("2021-12-09", "morning", None)},
)


def write(tmp_path: Path, text: str, name: str = "user.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def events_of(sentence: str, rules: RuleSet) -> list[Event]:
    doc, mentions = make_doc([[sentence]], LEX)
    return extract_events(doc, mentions, rules)


def test_a_new_event_type_can_be_added_from_a_user_file_only(tmp_path):
    sentence = "12月6日，青溪市与星河集团举行项目签约仪式，副市长林芳代表市政府签约。"
    assert [e.type for e in events_of(sentence, load_rules())] == ["ceremony"]
    rules = load_rules([write(tmp_path, SIGNING)])
    signing = [e for e in events_of(sentence, rules) if e.type == "signing"]
    (event,) = signing
    assert (event.type, event.date, event.rule, event.confidence) == ("signing", "2021-12-06", "signing.sign", 0.7)
    assert roles(event) == {("林芳", "signatory")}


def test_a_user_rule_with_a_shipped_id_replaces_it_and_changes_the_version(tmp_path):
    sentence = "本报讯 12月9日上午，市委书记王立新在市指挥部与各乡镇指挥部连线。"
    shipped = load_rules()
    assert [e.type for e in events_of(sentence, shipped)] == ["meeting"]
    disabled = load_rules([write(tmp_path, "rules:\n  - id: meeting.link\n    type: meeting\n    enabled: false\n")])
    assert events_of(sentence, disabled) == []
    assert disabled.version != shipped.version
    assert load_rules().version == shipped.version
    assert len(disabled.rules) == len(shipped.rules) - 1


def test_settings_can_be_overridden_key_by_key(tmp_path):
    sentence = "王立新要求，如发现阳性人员，立即上报。"
    assert events_of(sentence, load_rules()) == []
    lenient = load_rules([write(tmp_path, "settings:\n  modal: []\n")])
    assert [e.type for e in events_of(sentence, lenient)] == ["case_reported"]


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, "rules:\n  - id: x\n    type: meeting\n   triggers: ['开会']\n")
    with pytest.raises(RulesError) as err:
        load_rules([path])
    assert f"{path}:4" in str(err.value)
    assert "YAML syntax error" in str(err.value)


@pytest.mark.parametrize(
    ("body", "line", "fix"),
    [
        ("rules:\n  - id: bad.regex\n    type: meeting\n    triggers: ['召开(']\n", 4, "invalid regex"),
        ("rules:\n  - id: bad.type\n    type: party\n    keywords: [聚会]\n", 3, "declare it under 'types:'"),
        ("rules:\n  - id: typo\n    type: meeting\n    trigers: ['开会']\n", 4, "did you mean 'triggers'"),
        ("rules:\n  - id: empty\n    type: meeting\n", 2, "needs at least one trigger"),
        ("rules:\n  - id: conf\n    type: meeting\n    keywords: [开会]\n    confidence: 3\n", 5, "between 0 and 1"),
        ("rules:\n  - id: m\n    type: meeting\n    triggers: ['%NOPE%']\n", 4, "unknown macro"),
        ("types:\n  t:\n    roles:\n      - {role: x}\n", 4, "needs 'after' or 'before'"),
    ],
)
def test_a_bad_rule_names_the_line_and_what_to_fix(tmp_path, body, line, fix):
    path = write(tmp_path, body)
    with pytest.raises(RulesError) as err:
        load_rules([path])
    assert f"{path}:{line}:" in str(err.value)
    assert fix in str(err.value)


def test_a_missing_rules_file_is_a_rules_error(tmp_path):
    with pytest.raises(RulesError, match="cannot read"):
        load_rules([tmp_path / "absent.yaml"])


def test_the_rules_tried_on_a_sentence_include_every_rule_that_fires_there():
    rules = load_rules()
    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    sentences = [fold(s.text) for doc in load_documents([sample]) for s in segment(doc).sentences]
    tried = [rules.candidates(s) for s in sentences]
    for sentence, candidates in zip(sentences, tried, strict=True):
        assert {r.id for r in rules.rules if any(p.search(sentence) for p in r.triggers)} <= {r.id for r in candidates}
    assert any(tried) and not all(tried)


def test_a_trigger_with_a_numbered_group_still_fires(tmp_path):
    grouped = SIGNING.replace("keywords: [签约]", "triggers: ['(签约)']")
    rules = load_rules([write(tmp_path, grouped)])
    (event,) = events_of("12月6日，青溪市与星河集团举行项目签约仪式，副市长林芳代表市政府签约。", rules)
    assert event.rule == "signing.sign"
