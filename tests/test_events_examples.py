"""Every shipped rule example produces exactly the events it states, and `kg rules check` tells an
analyst which example an edited rule broke, where, and why."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from event_helpers import SIGNING

from kg.cli import main as kg_main
from kg.events import RulesError, load_rules
from kg.events.check import check_example, check_rules, example_document

SHIPPED = load_rules()


def write(tmp_path: Path, text: str, name: str = "user.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("example", SHIPPED.examples, ids=lambda e: e.where.rsplit(": ", 1)[-1])
def test_every_shipped_example_gives_exactly_its_events(example):
    assert check_example(example, SHIPPED) == []


def test_every_rule_and_type_carries_examples_and_some_are_non_events():
    owners = {e.where.split(": ", 1)[1].rsplit(" example", 1)[0] for e in SHIPPED.examples}
    assert {f"rule '{rule.id}'" for rule in SHIPPED.rules} <= owners
    assert {f"type '{name}'" for name in SHIPPED.types} <= owners
    assert sum(1 for e in SHIPPED.examples if not e.events) >= 15


def test_an_example_is_tagged_by_the_glue_from_its_declared_names():
    (example,) = [e for e in SHIPPED.examples if e.text.startswith("6月14日下午，县委书记王立新在县行政中心会见")]
    doc, mentions = example_document(example)
    found = [(m.type, m.text, m.title) for s in doc.sentences for m in mentions[s.id] if m.type == "PERSON"]
    assert ("PERSON", "王立新", "县委书记") in found  # the title comes from kg's title parser
    dates = [m.normalized for s in doc.sentences for m in mentions[s.id] if m.type == "DATE"]
    assert dates == ["2023-06-14"]  # resolved against the example's document date


def test_rules_check_passes_on_the_shipped_rules(capsys):
    assert kg_main(["rules", "check"]) == 0
    assert f"{len(SHIPPED.examples)} of {len(SHIPPED.examples)} rule examples pass" in capsys.readouterr().out


def test_rules_check_names_the_example_a_user_override_breaks(tmp_path, capsys):
    # Switching off the host subject of 会见 breaks the shipped examples that expect a host.
    user = write(
        tmp_path,
        """\
        rules:
          - id: talks.meet
            type: talks
            triggers: ['(?:会见|接见)(?=(?P<guest>[^，。]{0,60}))']
        """,
    )
    assert kg_main(["rules", "check", "--rules", str(user)]) == 1
    out = capsys.readouterr().out
    assert "rules.yaml:" in out and "expected talks [" in out and "王立新: host" in out
    assert "fail" in out.splitlines()[-1]


def test_rules_check_runs_a_user_files_own_examples(tmp_path, capsys):
    examples = """\
    examples:
      - text: '副县长林芳代表县政府签约。'
        people: [林芳]
        events: [{type: signing, roles: {林芳: signatory}}]
      - text: '副县长林芳将于下周签约。'
        people: [林芳]
        events: [{type: signing, roles: {林芳: signatory}}]
"""
    user = tmp_path / "user.yaml"
    user.write_text(SIGNING + examples, encoding="utf-8")
    rules = load_rules([user])
    failures = {f.example.text: str(f) for f in check_rules(rules)}
    # the user's own planned signing is no event, so its example fails where the user wrote it ...
    assert f"{user}:" in failures["副县长林芳将于下周签约。"] and "got no event" in failures["副县长林芳将于下周签约。"]
    assert "副县长林芳代表县政府签约。" not in failures
    # ... and the new rule also fires in shipped examples that mention 签约: the check shows what it broke
    broken = [text for text, message in failures.items() if "unexpected signing" in message]
    assert broken and all("签约" in text for text in broken)
    assert kg_main(["rules", "check", "--rules", str(user)]) == 1
    assert f"{len(failures)} fail" in capsys.readouterr().out.splitlines()[-1]


@pytest.mark.parametrize(
    ("example", "fix"),
    [
        ("- {people: [林芳]}", "needs 'text'"),
        ("- {text: '林芳签约。', events: [{roles: {林芳: x}}]}", "needs 'type'"),
        ("- {text: '林芳签约。', event: []}", "did you mean 'events'"),
        ("- {text: '林芳签约。', events: [{type: meeting, roles: [林芳]}]}", "roles must map"),
    ],
)
def test_a_malformed_example_is_a_rules_error_with_its_line(tmp_path, example, fix):
    user = write(
        tmp_path, f"rules:\n  - id: x\n    type: meeting\n    keywords: [签约]\n    examples:\n      {example}\n"
    )
    with pytest.raises(RulesError) as err:
        load_rules([user])
    assert f"{user}:6:" in str(err.value) and fix in str(err.value)


def test_examples_do_not_change_the_rules_version(tmp_path):
    user = write(tmp_path, "rules:\n  - id: x\n    type: meeting\n    keywords: [签约]\n")
    with_example = write(
        tmp_path,
        "rules:\n  - id: x\n    type: meeting\n    keywords: [签约]\n    examples: [{text: '签约。', events: []}]\n",
        "example.yaml",
    )
    assert load_rules([user]).version == load_rules([with_example]).version
