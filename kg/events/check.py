"""`kg rules check`: run the example sentences every rule and type carries, and say which fail.

An analyst who edits a rule sees at once what it broke. Examples name the people, places and
organizations a tagger would find; everything else is kg's own tagging glue (name boundaries, titles,
dates resolved against the example's date) and the event rules, so a failure is about the rules and
the glue, never about the statistical model.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.events.rules import Example, ExpectedEvent, RuleSet, load_rules
from kg.model import Article, Document, Event, Mention, Sentence

EXAMPLE_DATE = "2023-06-15"  # the document date of an example that gives none


@dataclass(frozen=True)
class Failure:
    example: Example
    message: str

    def __str__(self) -> str:
        return f"{self.example.where}: {self.message}\n    text: {self.example.text}"


def _model_mentions(text: str, example: Example) -> list[Mention]:
    """What a perfect tagger finds: every occurrence of the example's names, longest first, no overlaps."""
    entries = [(n, "PERSON") for n in example.people]
    entries += [(n, "LOCATION") for n in example.places]
    entries += [(n, "ORGANIZATION") for n in example.organizations]
    taken: list[tuple[int, int]] = []
    found = []
    for name, kind in sorted(entries, key=lambda e: -len(e[0])):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                found.append(Mention(start=start, end=end, type=kind, text=name, source="example"))
            start = text.find(name, start + 1)
    return sorted(found, key=lambda m: m.start)


def example_document(example: Example) -> tuple[Document, dict[str, list[Mention]]]:
    """The example as a one-article document, tagged from its declared names by kg's tagging glue."""
    from kg.ingest.sentences import split_spans
    from kg.tag.annotate import annotate_document

    text = example.text
    doc_id = "example"
    sentences = [
        Sentence(id=f"{doc_id}#a0s{i}", doc=doc_id, article=0, index=i, text=text[s:e], offsets=list(range(s, e)))
        for i, (s, e) in enumerate(split_spans(text))
    ]
    article = Article(doc=doc_id, index=0, start=0, end=len(text), sentences=sentences)
    doc = Document(id=doc_id, source="example", text=text, date=example.date or EXAMPLE_DATE, articles=[article])
    model = {s.id: _model_mentions(s.text, example) for s in sentences}
    return doc, annotate_document(doc, model)


def _describe(event: Event | ExpectedEvent) -> str:
    if isinstance(event, Event):
        roles = sorted((p.name, p.role) for p in event.participants)
        places, date = [p.name for p in event.places], event.date
    else:
        roles, places, date = sorted(event.roles), list(event.places or []), event.date
    people = ", ".join(f"{name}: {role}" for name, role in roles) or "nobody"
    return f"{event.type} [{people}]" + (f" at {'、'.join(places)}" if places else "") + (f" on {date}" if date else "")


def _matches(event: Event, expected: ExpectedEvent) -> bool:
    if event.type != expected.type or {(p.name, p.role) for p in event.participants} != expected.roles:
        return False
    if expected.places is not None and sorted(p.name for p in event.places) != sorted(expected.places):
        return False
    return not expected.check_date or event.date == expected.date


def check_example(example: Example, rules: RuleSet) -> list[Failure]:
    """Failures of one example: an expected event not produced exactly, or an event not expected."""
    from kg.events.engine import extract_events

    produced = extract_events(*example_document(example), rules)
    failures = []
    left = list(produced)
    for expected in example.events:
        match = next((event for event in left if _matches(event, expected)), None)
        if match is None:
            got = "; ".join(_describe(e) for e in left) or "no event"
            failures.append(Failure(example, f"expected {_describe(expected)}, got {got}"))
        else:
            left.remove(match)
    if not failures:
        failures += [Failure(example, f"unexpected {_describe(event)}") for event in left]
    return failures


def check_rules(rules: RuleSet) -> list[Failure]:
    """Every failure of every example of `rules`."""
    return [failure for example in rules.examples for failure in check_example(example, rules)]


def run(rule_files: Sequence[str | Path] = ()) -> int:
    """Print the failing examples of the shipped rules merged with `rule_files`; 0 when all pass."""
    rules = load_rules(rule_files)
    failures = check_rules(rules)
    for failure in failures:
        print(failure)
    failed = len({id(f.example) for f in failures})
    total = len(rules.examples)
    print(f"{total - failed} of {total} rule examples pass" + (f", {failed} fail" if failed else ""))
    return 1 if failures else 0


def add_check_parser(commands: argparse._SubParsersAction) -> None:
    """`kg rules check [--rules FILE]`, for kg.cli."""
    parser = commands.add_parser(
        "rules",
        help="check the event rules against the example sentences they carry",
        description="Run the examples of every event rule and type (shipped rules merged with --rules files) "
        "and print the ones whose events differ from what the example expects. Exit code 1 if any fails.",
    )
    parser.add_argument("action", choices=["check"], help="check: run every rule example")
    parser.add_argument("--rules", action="append", default=[], metavar="FILE.yaml", help="extra rules (repeatable)")
    parser.set_defaults(run=lambda args: run(args.rules))


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
