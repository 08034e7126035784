"""People of national news on the 新闻联播 corpus: are the leaders people, and are people whole names?

    python pipelines/news_people_check.py [--corpus FILE] [--build DIR] [--skip STEP ...] [--ablation] [--json]

Without `--build`, the corpus (../shared/corpora/xwlb_dev/xwlb_2022_2023.jsonl, read at run time) goes
through what `kg build` does up to the mentions — ingest, the embedded tagger, kg.tag.annotate —
without events or the graph; `--skip` switches tagging steps off (kg.tag.annotate.STEPS) and
`--ablation` reports every step switched off in turn on one model run. With `--build DIR`, the
mentions of an existing build (DIR/sentences.jsonl, DIR/mentions.jsonl) are counted instead.

How it counts (printed with the figures):
- leaders (普京, 拜登, 特朗普, 泽连斯基): every occurrence of the name in sentence text; PERSON when a
  PERSON mention spans exactly that occurrence, else the type of an exact mention of another type,
  "inside" when a longer mention covers it (特朗普大厦, or a wrong boundary), "untagged" otherwise; the
  PERSON share is given of all occurrences and of those not inside a longer mention;
- fragments: PERSON mentions that are a known person's name plus one stray character before or after
  it (人李强, 李强作, 蔡奇丁), a known person being a name tagged PERSON with a printed title at least
  twice in the corpus; with `--build`, also the PERSON entities whose name is such a fragment (the graph
  folds a misread name printed with a known person's title into that person);
- 习近平 as LOCATION: LOCATION mentions whose text is 习近平;
- places as people: PERSON mentions whose text is one of 胡塞, 哈尔科夫, 巴赫穆特, 赫尔松, 乌军.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpora" / "xwlb_dev" / "xwlb_2022_2023.jsonl"
LEADERS = ("普京", "拜登", "特朗普", "泽连斯基")
PLACES = ("胡塞", "哈尔科夫", "巴赫穆特", "赫尔松", "乌军")
TITLED_AT_LEAST = 2


@dataclass(frozen=True)
class Found:
    """One mention, with its offsets into its sentence's text."""

    start: int
    end: int
    type: str
    text: str
    titled: bool


Sentences = list[tuple[str, list[Found]]]  # (sentence text, its mentions)


def from_build(out: Path) -> Sentences:
    """The sentences and mentions of a build (mention offsets are raw: sentence offsets are subtracted; a
    sentence whose text was repaired from its raw span is matched by the mention's text)."""
    texts: dict[str, tuple[str, int]] = {}
    with (out / "sentences.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts[record["id"]] = (record["text"], record["start"])
    found: dict[str, list[Found]] = {sid: [] for sid in texts}
    with (out / "mentions.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            m = json.loads(line)
            if m.get("sentence") not in texts:
                continue  # bylines: no sentence
            text, offset = texts[m["sentence"]]
            start = m["start"] - offset
            if text[start : start + len(m["text"])] != m["text"]:
                start = text.find(m["text"])
            found[m["sentence"]].append(Found(start, start + len(m["text"]), m["type"], m["text"], bool(m["title"])))
    return [(texts[sid][0], found[sid]) for sid in texts]


def tagged_corpus(corpus: Path) -> tuple[list, dict]:
    """(segmented documents, sentence id -> model mentions) of the corpus: one batched model run."""
    from kg.ingest import load_documents, segment
    from kg.process import load_components
    from kg.threads import one_thread_per_process

    one_thread_per_process()
    docs = [segment(doc) for doc in load_documents([corpus]) if doc.status == "ok"]
    sentences = [s for doc in docs for s in doc.sentences]
    tagged = load_components("embedded").tagger.tag([s.text for s in sentences])
    return docs, {s.id: found for s, found in zip(sentences, tagged, strict=True)}


def annotated(docs: list, model: dict, skip: Sequence[str] = ()) -> Sentences:
    """The sentences and final mentions of the documents, as kg.tag.annotate makes them."""
    from kg.tag.annotate import annotate_document

    out: Sentences = []
    for doc in docs:
        result = annotate_document(doc, model, skip=skip)
        for sentence in doc.sentences:
            mentions = [Found(m.start, m.end, m.type, m.text, bool(m.title)) for m in result.get(sentence.id, [])]
            out.append((sentence.text, mentions))
    return out


def _occurrences(text: str, name: str) -> Iterator[int]:
    at = text.find(name)
    while at != -1:
        yield at
        at = text.find(name, at + len(name))


def _reading(start: int, name: str, mentions: Iterable[Found]) -> str:
    end = start + len(name)
    for m in mentions:
        if (m.start, m.end) == (start, end):
            return m.type
    return "inside" if any(m.start <= start and end <= m.end for m in mentions) else "untagged"


def leader_counts(sentences: Sentences) -> dict[str, dict[str, int]]:
    """Per leader: how each occurrence of the name in sentence text was read."""
    counts = {name: Counter() for name in LEADERS}
    for text, mentions in sentences:
        for name in LEADERS:
            for start in _occurrences(text, name):
                counts[name][_reading(start, name, mentions)] += 1
    return {name: dict(c.most_common()) for name, c in counts.items()}


def known_people(sentences: Sentences) -> set[str]:
    """Names tagged PERSON with a printed title at least TITLED_AT_LEAST times."""
    titled = Counter(m.text for _, found in sentences for m in found if m.type == "PERSON" and m.titled)
    return {name for name, n in titled.items() if n >= TITLED_AT_LEAST}


def _is_fragment(name: str, known: set[str]) -> bool:
    return name not in known and len(name) >= 3 and (name[1:] in known or name[:-1] in known)


def fragments(sentences: Sentences) -> Counter[str]:
    """PERSON mention texts that are a known person's name plus one stray character (see module docstring)."""
    known = known_people(sentences)
    people = Counter(m.text for _, found in sentences for m in found if m.type == "PERSON")
    return Counter({name: n for name, n in people.items() if _is_fragment(name, known)})


def entity_fragments(out: Path, known: set[str]) -> list[str]:
    """Names of the PERSON entities of a build that are a known person's name plus one stray character: what
    remains once the graph has folded misread names into the person they name (kg.graph.aliases)."""
    with (out / "entities.jsonl").open(encoding="utf-8") as handle:
        entities = [json.loads(line) for line in handle]
    return sorted(e["name"] for e in entities if e["type"] == "PERSON" and _is_fragment(e["name"], known))


def _leader_figures(readings: dict[str, int]) -> dict:
    """Counts per reading, the PERSON share of all occurrences, and of those not inside a longer name
    (特朗普大厦 is a building: the name there is no mention of the person)."""
    total = sum(readings.values())
    alone = total - readings.get("inside", 0)
    person = readings.get("PERSON", 0)
    return {
        "occurrences": total,
        "person_share": round(person / max(total, 1), 4),
        "person_share_outside_names": round(person / max(alone, 1), 4),
        **readings,
    }


def report(sentences: Sentences) -> dict:
    """Every figure the check prints."""
    leaders = leader_counts(sentences)
    found_fragments = fragments(sentences)
    types = Counter((m.text, m.type) for _, found in sentences for m in found)
    return {
        "sentences": len(sentences),
        "leaders": {name: _leader_figures(c) for name, c in leaders.items()},
        "fragments": {"mentions": sum(found_fragments.values()), "names": len(found_fragments),
                      "top": dict(found_fragments.most_common(15))},
        "xi_as_location": types["习近平", "LOCATION"],
        "places_as_people": {name: types[name, "PERSON"] for name in PLACES},
    }  # fmt: skip


def format_report(figures: dict) -> str:
    lines = [f"{figures['sentences']:,} sentences"]
    for name, c in figures["leaders"].items():
        readings = ", ".join(f"{k} {v}" for k, v in c.items() if not k.startswith(("occurrences", "person_share")))
        lines.append(
            f"{name}: PERSON in {c['person_share']:.1%} of {c['occurrences']} occurrences, "
            f"{c['person_share_outside_names']:.1%} of those not inside a longer name ({readings})"
        )
    frag = figures["fragments"]
    lines.append(f"known name + stray character: {frag['mentions']} PERSON mentions of {frag['names']} names")
    lines.append(f"  most frequent: {frag['top']}")
    if "fragment_entities" in figures:
        entities = figures["fragment_entities"]
        lines.append(f"  PERSON entities of the build that are such a name: {len(entities)} {entities}")
    lines.append(f"习近平 as LOCATION: {figures['xi_as_location']}")
    lines.append("places as PERSON: " + ", ".join(f"{k} {v}" for k, v in figures["places_as_people"].items()))
    return "\n".join(lines)


def format_table(figures: dict[str, dict]) -> str:
    """One row per run (all steps, each step switched off): the PERSON share of each leader's occurrences,
    fragments, 习近平 as LOCATION, places as PERSON."""
    head = "| run | " + " | ".join(LEADERS) + " | fragments | 习近平 LOC | places as PERSON |"
    lines = [head, "|" + "---|" * (len(LEADERS) + 4)]
    for label, f in figures.items():
        shares = " | ".join(f"{f['leaders'][name]['person_share']:.1%}" for name in LEADERS)
        places = sum(f["places_as_people"].values())
        lines.append(f"| {label} | {shares} | {f['fragments']['mentions']} | {f['xi_as_location']} | {places} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="news JSONL (default: %(default)s)")
    ap.add_argument("--build", type=Path, help="count the mentions of this build instead of tagging the corpus")
    ap.add_argument("--skip", nargs="*", default=[], help="tagging steps to switch off (kg.tag.annotate.STEPS)")
    ap.add_argument("--ablation", action="store_true", help="also report each tagging step switched off in turn")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if args.build is not None:
        sentences = from_build(args.build)
        figures = {"all steps": report(sentences)}
        figures["all steps"]["fragment_entities"] = entity_fragments(args.build, known_people(sentences))
    else:
        if not args.corpus.is_file():
            ap.error(f"{args.corpus}: no such file (the 新闻联播 corpus lives in ../shared/corpora/xwlb_dev)")
        from kg.tag.annotate import STEPS, checked_skip

        checked_skip(args.skip)
        docs, model = tagged_corpus(args.corpus)
        label = "without " + ", ".join(args.skip) if args.skip else "all steps"
        figures = {label: report(annotated(docs, model, args.skip))}
        if args.ablation:
            figures.update({f"without {step}": report(annotated(docs, model, [step])) for step in STEPS})
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        return figures
    label, first = next(iter(figures.items()))
    print(f"## {label}\n{format_report(first)}")
    if len(figures) > 1:
        print("\n## each step switched off in turn (PERSON share of all occurrences)\n" + format_table(figures))
    return figures


if __name__ == "__main__":
    main()
