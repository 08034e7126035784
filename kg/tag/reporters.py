"""Reporters: the names of an article's bylines as PERSON mentions (attrs kind "reporter").

Why apart from the sentences: bylines are not sentence text (a reporter would otherwise "meet" every
official on the page), so ingest parses them into `Article.bylines` with raw offsets. Their names still
are people of the page: they become PERSON mentions with raw-document offsets, kept in the document's
mentions under a key of their own per article (`byline_key`), where the event rules never look.
`mentions_in_order` walks sentence and byline mentions together.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kg.model import Article, Document, Mention, Sentence

SOURCE = "byline"
KIND = "reporter"


def byline_key(doc_id: str, article: int) -> str:
    """The key of an article's reporter mentions in a document's mentions (beside its sentence ids)."""
    return f"{doc_id}#a{article}byline"


def reporter_mentions(doc: Document, article: Article) -> list[Mention]:
    """PERSON mentions for the names of the article's bylines and photo credits, with raw-document offsets
    (`start`, `end` index `doc.text`); attrs: kind "reporter", role (融媒记者, 通讯员 …), byline (byline or
    photo_credit)."""
    mentions = []
    for byline in article.bylines:
        at = byline.start
        for name in byline.names:
            start = doc.text.find(name, at, byline.end)
            if start == -1:  # the text is not the one ingest parsed (a light copy): no offsets to give
                continue
            at = start + len(name)
            attrs = {"kind": KIND, "role": byline.role, "byline": byline.kind}
            mentions.append(Mention(start, at, "PERSON", name, source=SOURCE, attrs=attrs))
    return mentions


def mentions_in_order(
    doc: Document, mentions: Mapping[str, list[Mention]]
) -> Iterator[tuple[int, Sentence | None, Mention]]:
    """(article index, sentence or None for a byline, mention): article by article, its sentences' mentions
    then its reporters. The order reads nothing but ids, so it is the same on the light copy of a result
    the build keeps (no offsets) as on the full one."""
    for article in doc.articles:
        for sentence in article.sentences:
            for mention in mentions.get(sentence.id, []):
                yield article.index, sentence, mention
        for mention in mentions.get(byline_key(doc.id, article.index), []):
            yield article.index, None, mention
