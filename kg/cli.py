"""The `kg` command line: a thin wrapper over kg.api and kg.graph.query."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.process import DEFAULT_DOC_TIMEOUT

EXIT_SOME_FAILED = 3  # outputs written, some documents failed
SHOWN_WARNINGS = 20  # document warnings printed on the terminal; all are in documents.jsonl

DESCRIPTION = """\
kg turns Chinese news text (often OCR'd newspaper pages) into a knowledge graph of
people, places, organizations, dates and the events that connect them: who met whom,
where and when.

Typical session:
  kg build pages/ --dates pages/dates.tsv --out out     # read, tag, extract events, export
  kg who-met 王立新 --graph out                          # people met, where, when, evidence
  kg timeline 王立新 --graph out                         # one person's events in date order
  kg events --type inspection --from 2021-12-01 --graph out
  kg subgraph 王立新 --hops 2 --graph out --out ego.html
  open out/graph.html                                   # interactive graph, works offline
"""

BUILD_EPILOG = """\
inputs: .txt files (UTF-8, GB18030/GBK or UTF-16 — detected), folders of them, and JSONL
files with one document per line: {"id", "text", "date"?, "source"?, "title"?}.

document dates (used to resolve 12月9日, 当晚 …), first that applies:
  the JSONL "date" field > --dates TSV (columns file, date) > --date > a full date printed
  in the text (2021年12月10日). Without any, dates stay partial (--12-09), never guessed.

outputs in --out DIR:
  documents.jsonl  every input document: ok, skipped with the reason, or failed with stage and error
  sentences.jsonl  sentences with raw-file offsets
  mentions.jsonl   people/places/organizations/dates (and byline reporters) with offsets, titles, entity ids
  entities.jsonl   merged entities with aliases, titles, and why namesakes were merged or split
  events.jsonl     meetings, talks, ceremonies, inspections, visits, cases, lockdowns: roles, places, evidence
  graph.graphml    for Gephi / Cytoscape (unique edge ids);  graph.gexf (Gephi timeline);  graph.json
  nodes.csv, edges.csv;  neo4j/ (neo4j-admin import tables and graph.cypher)
  graph.html       the explorer: search, details, source view, time range (offline)
  report.json      totals, skipped and failed documents, the home city and why
  cache/           per-document results: a re-run only processes new or changed documents

a document that fails (an exception or --doc-timeout in any stage) is reported and left out; the
rest are built. documents.jsonl gives each failed document's stage, error type and message.

exit codes:
  0    every document processed, or skipped with a reason (documents.jsonl, report.json)
  3    outputs written, but some documents failed (listed on the terminal and in report.json)
  1    the build stopped (bad options, dates file, rules, model; nothing processed; --strict and a
       failed document): nothing was written, the previous outputs are untouched
  130  interrupted by Ctrl-C, 143 by SIGTERM: previous outputs untouched, finished documents cached

examples:
  kg build data/sample --dates data/sample/dates.tsv --out out/sample
  kg build news.jsonl --out out --workers 2
  kg build archive/ --out out --dask tcp://scheduler:8786 --rules my_rules.yaml
"""


def _add_tagger_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tagger",
        default="embedded",
        help="NER model: 'embedded' (default, offline), 'embedded:PATH', or 'hanlp:MODEL' "
        "(a HanLP identifier already in HANLP_HOME, or a local model directory)",
    )
    parser.add_argument("--lexicon", help="CSV (name,type,aliases) of known entities that override the model")


def _add_graph_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--graph",
        default=os.environ.get("KG_OUT", "out"),
        metavar="DIR",
        help="output directory of a `kg build` (default: $KG_OUT or ./out)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")


def _add_event_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--type", help="event type: meeting, inspection, visit, case_reported, lockdown_imposed …")
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="events on or after (or YYYY-MM, YYYY)")
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="events on or before (or YYYY-MM, YYYY)")


def _tagging_steps() -> dict[str, str]:
    from kg.tag.annotate import STEPS

    return STEPS


def _installed_exporters() -> str:
    from kg.graph.exporters import installed_plugins

    return ", ".join(sorted(installed_plugins())) or "none"


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    from kg import __version__

    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "build",
        help="build the knowledge graph from text files, folders and JSONL",
        description="Read documents, tag entities, extract events, merge aliases and export the graph.",
        epilog=BUILD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, folder, or .jsonl file")
    p.add_argument("--out", required=True, metavar="DIR", help="output directory (created if missing)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="publication date for every input document")
    p.add_argument("--dates", metavar="FILE.tsv", help="TSV with columns file, date (matched by file name)")
    _add_tagger_options(p)
    p.add_argument("--rules", action="append", default=[], metavar="FILE.yaml", help="extra event rules (repeatable)")
    p.add_argument(
        "--city",
        help="the paper's city, for 市委 -> <city>市委; 'none': no city (default: inferred only when the pages "
        "speak as one city, 我市/本市/全市; report.json says which and why)",
    )
    p.add_argument("--workers", type=int, default=1, metavar="N", help="local worker processes (default 1)")
    p.add_argument(
        "--dask",
        nargs="?",
        const="local",
        metavar="ADDRESS",
        help="run on a Dask cluster at ADDRESS (without ADDRESS: a LocalCluster of --workers workers)",
    )
    p.add_argument("--no-cache", action="store_true", help="ignore and do not update the per-document cache")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--max-bytes", type=int, default=20_000_000, help="skip documents larger than this (bytes)")
    p.add_argument(
        "--doc-timeout",
        type=float,
        default=DEFAULT_DOC_TIMEOUT,
        metavar="SECONDS",
        help=f"time budget per document; one that runs past it is marked failed and the build goes on "
        f"(default {DEFAULT_DOC_TIMEOUT:g}; 0: no limit)",
    )
    p.add_argument(
        "--strict", action="store_true", help="stop at the first failed document (exit 1, previous outputs untouched)"
    )
    p.add_argument(
        "--export",
        action="append",
        default=[],
        metavar="NAME",
        help="also write the output of an exporter another package registered in the kg.exporters entry point "
        f"group (repeatable; installed: {_installed_exporters()})",
    )

    p = commands.add_parser(
        "tag",
        help="tag sentences: one per input line, JSONL out",
        description="Tag each input line as one sentence. Output: one JSON object per line, in order: "
        '{"text", "entities": [{"start", "end", "type", "text", ...}]}, offsets into the line as given.',
    )
    p.add_argument("file", metavar="FILE|-", help="text file, or - for standard input")
    _add_tagger_options(p)
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date to resolve 12月9日 / 当晚 against")
    p.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="STEP",
        choices=list(_tagging_steps()),
        help="leave out one tagging step after the model, to see what it does (repeatable): "
        + "; ".join(f"{name}: {what}" for name, what in _tagging_steps().items()),
    )

    p = commands.add_parser(
        "who-met",
        help="people a person met, closest first: where, when, through which events",
        description="People NAME shared events with, closest first: each shared event counts 1/(people there - 1), "
        "so talks and inspections one accompanies outweigh plenaries. NAME is a name, an alias or an id "
        "(per:王宁/全国政协委员 when namesakes share a name).",
    )
    p.add_argument("name")
    _add_event_filters(p)
    p.add_argument("--limit", type=int, default=20, metavar="N", help="the N closest people (default 20; 0: all)")
    _add_graph_option(p)

    p = commands.add_parser("timeline", help="a person's (or place's, organization's) events in date order")
    p.add_argument("name")
    _add_event_filters(p)
    _add_graph_option(p)

    p = commands.add_parser("events", help="events filtered by type, place and date range")
    _add_event_filters(p)
    p.add_argument("--place", help="place name (or part of it)")
    _add_graph_option(p)

    p = commands.add_parser("entities", help="people, organizations and places with their counts")
    p.add_argument("--type", help="person, organization or location (default: all three)")
    p.add_argument("--match", metavar="TEXT", help="only names or aliases containing TEXT")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="the N most mentioned (default 50; 0: all)")
    _add_graph_option(p)

    p = commands.add_parser("subgraph", help="a person's ego network to HTML or GraphML")
    p.add_argument("name")
    p.add_argument("--hops", type=int, default=1)
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.html or FILE.graphml")
    _add_graph_option(p)

    p = commands.add_parser(
        "eval",
        help="precision/recall/F1 of events and roles against a gold file",
        description="Score predicted events (events.jsonl, or a build directory) against gold events.",
    )
    p.add_argument("predicted", help="events.jsonl or a build directory")
    p.add_argument("gold", help="gold events JSONL (see data/gold/sample_events.jsonl)")
    p.add_argument("--json", action="store_true", help="print the full scores as JSON")
    p.add_argument("--gold-docs-only", action="store_true", help="ignore predictions on documents absent from gold")

    from kg.events.check import add_check_parser

    add_check_parser(commands)  # kg rules check [--rules FILE]: run every rule's example sentences
    return parser


def _print_rows(rows: list[dict[str, Any]], args: argparse.Namespace, columns: Sequence[Any]) -> None:
    """Rows as JSON lines (--json) or a table; with --limit, says how many more there are."""
    from kg.graph.tables import format_table

    limit = getattr(args, "limit", None)
    shown = rows[:limit] if limit else rows
    if args.json:
        for row in shown:
            print(json.dumps(row, ensure_ascii=False))
    elif shown:
        print(format_table(shown, columns))
    if not rows:
        print("(nothing found)", file=sys.stderr)
    elif len(shown) < len(rows):
        print(f"({len(rows) - len(shown)} more: --limit 0 shows all)", file=sys.stderr)


def _run_build(args: argparse.Namespace) -> int:
    from kg.api import build
    from kg.options import BuildError

    try:
        report = build(
            args.inputs,
            args.out,
            date=args.date,
            dates_file=args.dates,
            tagger=args.tagger,
            lexicon=args.lexicon,
            rules=args.rules,
            city=args.city,
            workers=args.workers,
            executor="dask" if args.dask else "local",
            dask_address=None if args.dask in (None, "local") else args.dask,
            cache=not args.no_cache,
            progress=False if args.no_progress else None,
            max_bytes=args.max_bytes,
            doc_timeout=args.doc_timeout or None,
            strict=args.strict,
            exporters=args.export,
        )
    except sqlite3.Error as error:  # the per-document cache: a full disk or an unwritable OUT/cache
        cache = Path(args.out) / "cache"
        raise BuildError(
            f"the result cache in {cache} failed ({error}): free disk space or fix permissions there, "
            "or run with --no-cache"
        ) from error
    _print_build_notes(report)
    print(report.summary())
    if report.failed:
        print(f"{report.failed} document(s) failed and are not in the graph (see above)", file=sys.stderr)
        return EXIT_SOME_FAILED
    return 0


def _print_build_notes(report: Any) -> None:
    """Warnings, skipped and failed documents, on stderr (all of them are also in documents.jsonl)."""
    from kg.io.names import display_name
    from kg.records import read_records

    for warning in report.warnings:
        print(f"warning: {display_name(warning)}", file=sys.stderr)
    warned = [
        (record["id"], warning)
        for record in read_records(report.out, "documents")
        for warning in record.get("warnings") or []
    ]
    for doc_id, warning in warned[:SHOWN_WARNINGS]:
        print(f"warning: {display_name(doc_id)}: {display_name(warning)}", file=sys.stderr)
    if len(warned) > SHOWN_WARNINGS:
        print(f"warning: … and {len(warned) - SHOWN_WARNINGS} more in documents.jsonl", file=sys.stderr)
    for doc_id, reason in report.skipped_reasons.items():
        print(f"skipped {display_name(doc_id)}: {display_name(reason)}", file=sys.stderr)
    for doc_id, failure in report.failed_documents.items():
        source, reason = display_name(failure["source"]), display_name(failure["reason"])
        print(f"failed {display_name(doc_id)} ({source}): {reason}", file=sys.stderr)


def _input_lines(name: str) -> list[str]:
    """The lines of a file or stdin, decoded like `kg build` input (UTF-8, GB18030/GBK, UTF-16 detected).

    Lines end at \n only (a trailing \r is dropped): U+2028 and lone \r inside a line stay in it.
    """
    from kg.ingest.decode import DecodeError, decode

    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    if not data:
        return []
    try:
        decoded = decode(data)
    except DecodeError as error:
        raise DecodeError(f"{name}: {error}") from error
    for warning in decoded.warnings:
        print(f"warning: {name}: {warning}", file=sys.stderr)
    return [line.removesuffix("\r") for line in decoded.text.removesuffix("\n").split("\n")]


def _run_tag(args: argparse.Namespace) -> int:
    from kg.api import tag_texts

    lines = _input_lines(args.file)
    for record in tag_texts(lines, tagger=args.tagger, lexicon=args.lexicon, date=args.date, skip=args.skip):
        print(json.dumps(record, ensure_ascii=False))
    return 0


def _run_query(args: argparse.Namespace) -> int:
    from kg.api import load_graph
    from kg.graph import query, tables

    query.check_limit(getattr(args, "limit", None))  # a bad option fails before the graph is read
    graph = load_graph(args.graph)
    if args.command == "who-met":
        rows = query.who_met(graph, args.name, type=args.type, since=args.date_from, until=args.date_to)
        _print_rows(rows, args, tables.WHO_MET)
    elif args.command == "timeline":
        rows = query.timeline(graph, args.name, type=args.type, since=args.date_from, until=args.date_to)
        _print_rows(rows, args, tables.TIMELINE)
    elif args.command == "events":
        rows = query.find_events(graph, type=args.type, place=args.place, since=args.date_from, until=args.date_to)
        _print_rows(rows, args, tables.EVENTS)
    elif args.command == "entities":
        _print_rows(query.entities(graph, type=args.type, match=args.match), args, tables.ENTITIES)
    else:
        sub = query.ego_subgraph(graph, args.name, hops=args.hops)
        target = Path(args.out)
        if target.suffix == ".graphml":
            from kg.graph.export import write_graphml

            write_graphml(sub, target)
        else:
            from kg.graph.html import write_html

            write_html(sub, target, title=f"{args.name} ({args.hops} hops)")
        print(f"{sub.number_of_nodes()} nodes, {sub.number_of_edges()} edges -> {target}")
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import format_report, score_files

    scores = score_files(args.predicted, args.gold, gold_docs_only=args.gold_docs_only)
    print(json.dumps(scores, ensure_ascii=False, indent=2) if args.json else format_report(scores))
    return 0


COMMANDS = {
    "build": _run_build,
    "tag": _run_tag,
    "who-met": _run_query,
    "timeline": _run_query,
    "events": _run_query,
    "entities": _run_query,
    "subgraph": _run_query,
    "eval": _run_eval,
    "rules": lambda args: args.run(args),
}


def _interrupted(args: argparse.Namespace, signum: int, progress: str = "") -> str:
    """What Ctrl-C left behind: for a build, how far it got, where the previous outputs are, how to resume."""
    stopped = "terminated (SIGTERM)" if signum == signal.SIGTERM else "interrupted"
    if args.command != "build":
        return stopped
    resume = (
        "nothing was cached (--no-cache): a new run starts over"
        if args.no_cache
        else "finished documents are cached: run the same command again to resume"
    )
    return f"{stopped}{progress}: {resume}. The previous outputs in {args.out} were left untouched."


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    from kg.errors import USER_ERRORS

    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt as interrupt:  # Ctrl-C, or SIGTERM during a build
        progress = f" after {interrupt}" if str(interrupt) else ""
        signum = getattr(interrupt, "signum", signal.SIGINT)
        print(f"\n{_interrupted(args, signum, progress)}", file=sys.stderr)
        return 128 + signum
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        sys.stderr.close()
        return 0
    except USER_ERRORS as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
