"""The per-document records a build streams out: documents.jsonl, sentences.jsonl, mentions.jsonl.

One function per record kind turns a DocResult into the plain dicts written as JSON lines, and
`read_records` reads any of those files back, so the format lives in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.io.atomic import read_jsonl
from kg.model import DocResult, Document
from kg.tag.reporters import byline_key, mentions_in_order

if TYPE_CHECKING:
    from kg.graph.aliases import Resolution


def document_record(result_or_doc: DocResult | Document) -> dict[str, Any]:
    doc = result_or_doc.document if isinstance(result_or_doc, DocResult) else result_or_doc
    return {
        "id": doc.id,
        "source": doc.source,
        "date": doc.date,
        "date_source": doc.date_source,
        "encoding": doc.encoding,
        "title": doc.title,
        "status": doc.status,
        "reason": doc.reason,
        "warnings": doc.meta.get("warnings", []),
        "chars": len(doc.text),
        "articles": len(doc.articles),
        "sentences": len(doc.body_sentences),
        "headlines": [a.headlines for a in doc.articles],
        "bylines": [b.to_dict() for a in doc.articles for b in a.bylines],
        **({"failure": doc.meta["failure"]} if doc.status == "failed" else {}),  # stage, type, message
    }


def sentence_records(result: DocResult) -> Iterator[dict[str, Any]]:
    for sentence in result.document.sentences:
        yield {
            "id": sentence.id,
            "doc": sentence.doc,
            "article": sentence.article,
            "start": sentence.start,
            "end": sentence.end,
            "text": sentence.text,
            "kind": sentence.kind,
        }


MENTION_ATTRS = ("time_of_day", "time", "approximate", "future", "titles", "title_orgs", "kind", "role", "byline")


def mention_records(result: DocResult) -> Iterator[dict[str, Any]]:
    """Mentions with raw-document offsets, article by article (its sentences, then its bylines' reporters,
    which have no sentence)."""
    for article, sentence, mention in mentions_in_order(result.document, result.mentions):
        start, end = sentence.raw_span(mention.start, mention.end) if sentence else (mention.start, mention.end)
        yield {
            "doc": result.document.id,
            "article": article,
            "sentence": sentence.id if sentence else None,
            "start": start,
            "end": end,
            "text": mention.text,
            "type": mention.type,
            "normalized": mention.normalized,
            "title": mention.title,
            "entity": None,  # filled in by `resolved_mentions` once the reduce has resolved the entities
            "source": mention.source,
            **{k: v for k, v in mention.attrs.items() if k in MENTION_ATTRS},
        }


def resolved_mentions(partial: Path, results: list[DocResult], resolution: Resolution) -> Iterator[dict[str, Any]]:
    """Mention records written before alias resolution (in `mentions_in_order`), now with their entity ids."""
    entities = (
        resolution.entity_of(sentence.id if sentence else byline_key(r.document.id, article), mention)
        for r in results
        for article, sentence, mention in mentions_in_order(r.document, r.mentions)
    )
    for record, entity in zip(read_jsonl(partial), entities, strict=True):
        record["entity"] = entity
        yield record


def read_records(out: str | Path, name: str) -> Iterator[dict[str, Any]]:
    """The records of `name` (documents, sentences or mentions) in a build's output folder, in file order."""
    return read_jsonl(Path(out) / f"{name}.jsonl")
