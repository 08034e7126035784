"""Split a page into the articles a reader sees on it, and articles into sentences.

A county-paper page holds several articles whose pieces OCR prints in a loose order: a
byline or "本报讯" opens an article, a byline at the end of a body closes it, headlines are
often printed after the body they belong to (or, on some pages, before it), photo news come
with their own title and a "融媒记者 NAME 摄" credit, and section labels ("■从严从实 …") and
continuation marks ("（上接1版）") float around. The rules, in order:

1. An opening byline (□-boxed, or followed by 本报讯, or with no body before it), a 本报讯
   lead or a 上接 continuation mark starts a new article; so does running text after an
   article that was closed by its trailing byline.
2. Headlines between two articles go to the article before them if it is still open (no
   closing byline), else to the next one; headlines inside an article are its subheads.
   Stray headline groups above the first or below the last article move to another article
   of the page when their words clearly match its body better (pages print titles far from
   their bodies, and OCR dumps them at the top or the bottom).
3. A paragraph followed by a photo credit and preceded by a headline is a photo-news article.
4. A short body with no byline/lead after a closed article is that article's intro box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from kg.ingest.ocr import Block, Line, blocks, headline_chars, headline_text, paragraph
from kg.ingest.sentences import split_spans
from kg.model import HEADLINE, Article, Byline, Document, Sentence
from kg.textnorm import fold

_INTRO_MAX = 300  # chars of an unsigned body that still count as the previous article's intro box
_MOVE_MARGIN = 0.25  # how much better another article must match a stray headline to take it
_MOVE_MIN = 0.4
_MIN_BIGRAMS = 3
_ALNUM = re.compile(r"[^\W_]+")  # letters and digits: \w is exactly str.isalnum() plus "_"


@dataclass
class _Draft:
    heads: list[tuple[Block, bool]] = field(default_factory=list)  # (headline group, stray at page top/bottom)
    paras: list[Block] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    lead: str | None = None
    cont: bool = False
    photo: bool = False
    closed: bool = False

    @property
    def open(self) -> bool:
        return bool(self.paras) and not self.closed

    def absorb(self, other: _Draft) -> None:
        self.heads += other.heads
        self.paras += other.paras
        self.bylines += other.bylines
        self.lead = self.lead or other.lead


def _is_photo_credit(block: Block | None) -> bool:
    return block is not None and block.kind == "byline" and any(b.kind == "photo_credit" for b in block.bylines)


class _Assembler:
    """Rule 1-3 of the module doc, applied to the blocks of one page in reading order."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self.pending: list[Block] = []

    @property
    def cur(self) -> _Draft | None:
        return self.drafts[-1] if self.drafts else None

    def start(self, **flags: bool) -> _Draft:
        """Open a new article; pending headlines go to the open article before it, else to the new one."""
        previous, new = self.cur, _Draft(**flags)
        owner = new if previous is None or not previous.open else previous
        owner.heads += [(head, previous is None) for head in self.pending]  # stray if above every article
        self.pending = []
        self.drafts.append(new)
        return new

    def byline(self, block: Block, nxt: Block | None) -> None:
        cur = self.cur
        if block.run_in or _is_photo_credit(block):
            target = cur or self.start()
            target.bylines += block.bylines
            target.closed = target.closed or not _is_photo_credit(block) or target.photo
            return
        boxed = block.lines[0].text.startswith("□")
        opening = boxed or (nxt is not None and nxt.lead is not None) or cur is None or not cur.open
        if opening and cur is not None and (cur.paras or cur.closed):
            cur = self.start()
        target = cur or self.start()
        target.bylines += block.bylines
        target.closed = not opening

    def para(self, block: Block, nxt: Block | None) -> None:
        cur = self.cur
        if block.lead is not None:
            if cur is None or cur.paras or cur.closed:
                cur = self.start()
            cur.lead = block.lead
            cur.bylines += block.bylines
        elif _is_photo_credit(nxt) and self.pending and (cur is None or cur.paras):
            title = self.pending.pop()  # the group right above the caption; earlier ones follow rule 2
            cur = self.start(photo=True)
            cur.heads.append((title, False))
        elif cur is None or cur.closed:
            cur = self.start()
        cur.heads += [(head, False) for head in self.pending]
        self.pending = []
        cur.paras.append(block)

    def run(self, page: list[Block]) -> list[_Draft]:
        flowing = [b for b in page if b.kind != "label"]
        for block, nxt in pairwise([*flowing, None]):
            if block.kind == "head":
                self.pending.append(block)
            elif block.kind == "cont":
                if "上" in block.lines[0].text:
                    self.start(cont=True)
                elif self.cur:
                    self.cur.closed = True
            elif block.kind == "byline":
                self.byline(block, nxt)
            else:
                self.para(block, nxt)
        if self.pending:
            target = self.cur or self.start()
            target.heads += [(head, True) for head in self.pending]
        return self.drafts


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """Rule 4, and drafts without body folded into a neighbour."""
    kept: list[_Draft] = []
    carry = _Draft()
    for draft in drafts:
        if not draft.paras:
            (kept[-1] if kept else carry).absorb(draft)
            continue
        body = sum(len(p.text) for p in draft.paras)
        intro = not (draft.lead or draft.bylines or draft.cont or draft.photo) and body < _INTRO_MAX
        if kept and kept[-1].closed and intro:
            kept[-1].absorb(draft)
            continue
        draft.heads, draft.bylines = carry.heads + draft.heads, carry.bylines + draft.bylines
        carry = _Draft()
        kept.append(draft)
    return kept


def _alnum_folded(text: str) -> str:
    """The letters and digits of fold(text); its bigrams are the words a headline and a body share."""
    return "".join(_ALNUM.findall(fold(text)))


class _Body:
    """Bigram lookups in a draft body: substring searches while they are few, a set once one pays off."""

    SET_AFTER = 100  # a bigram set costs about as much to build as this many substring searches

    def __init__(self, text: str) -> None:
        self.chars = _alnum_folded(text)
        self.searched = 0
        self._grams: set[str] | None = None

    @property
    def grams(self) -> set[str]:
        if self._grams is None:
            chars = self.chars
            self._grams = {chars[i : i + 2] for i in range(len(chars) - 1)}
        return self._grams

    def share(self, grams: set[str]) -> float:
        """Share of `grams` that are bigrams of the body."""
        if self._grams is not None or self.searched + len(grams) > self.SET_AFTER:
            return len(grams & self.grams) / len(grams)
        self.searched += len(grams)
        return sum(map(self.chars.__contains__, grams)) / len(grams)  # a bigram of the body iff in it


class _Bodies:
    """The draft bodies of a page, made when first needed, and which drafts hold each bigram."""

    SCORE_ALL = 64  # pages with up to this many articles score every one; bigger ones go through the index
    MAX_CANDIDATES = 64  # a headline whose rarest bigrams more articles than this share matches none clearly

    def __init__(self, drafts: list[_Draft]) -> None:
        self.drafts = drafts
        self.bodies: dict[int, _Body] = {}
        self._postings: dict[str, list[int]] | None = None

    def body(self, index: int) -> _Body:
        if index not in self.bodies:
            self.bodies[index] = _Body("".join(p.text for p in self.drafts[index].paras))
        return self.bodies[index]

    def postings(self) -> dict[str, list[int]]:
        """Bigram -> indexes of the drafts whose body holds it, in page order."""
        if self._postings is None:
            self._postings = {}
            for index in range(len(self.drafts)):
                for gram in self.body(index).grams:
                    self._postings.setdefault(gram, []).append(index)
        return self._postings

    def best(self, grams: set[str]) -> int | None:
        """The first draft whose body holds the largest share of `grams`, if that share reaches _MOVE_MIN.

        A page of up to SCORE_ALL articles scores them all; a bigger one only the articles that can
        reach _MOVE_MIN (see `_candidates`), so that it stays linear in the page.
        """
        few = len(self.drafts) <= self.SCORE_ALL
        candidates = range(len(self.drafts)) if few else self._candidates(grams)
        shares = {index: self.body(index).share(grams) for index in sorted(candidates or ())}
        best = max(shares, key=shares.__getitem__, default=None)  # max keeps the first of equals: page order
        return best if best is not None and shares[best] >= _MOVE_MIN else None

    def _candidates(self, grams: set[str]) -> set[int] | None:
        """The drafts that may hold a _MOVE_MIN share of `grams`; None when too many do to tell.

        A body holding `need` of the grams holds one of the len(grams) - need + 1 rarest (prefix
        filtering), so the drafts holding those few are all there is to score.
        """
        postings = self.postings()
        need = next(n for n in range(1, len(grams) + 1) if n / len(grams) >= _MOVE_MIN)
        rarest = sorted(grams, key=lambda gram: (len(postings.get(gram, ())), gram))[: len(grams) - need + 1]
        candidates: set[int] = set()
        for gram in rarest:
            holders = postings.get(gram, ())
            if len(holders) > self.MAX_CANDIDATES:
                return None
            candidates.update(holders)
            if len(candidates) > self.MAX_CANDIDATES:
                return None
        return candidates


def _head_bigrams(head: Block) -> set[str]:
    chars = _alnum_folded("".join(line.text for line in head.lines))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def _rehome_headlines(drafts: list[_Draft]) -> set[int]:
    """Move stray headline groups to the article whose body they match clearly better; returns moved ids."""
    if len(drafts) < 2:
        return set()
    bodies = _Bodies(drafts)
    moves: list[tuple[Block, int]] = []  # (stray headline group, the draft it moves to)
    for home, draft in enumerate(drafts):
        for head, stray in draft.heads:
            if not stray:
                continue
            grams = _head_bigrams(head)
            if len(grams) < _MIN_BIGRAMS:
                continue
            at_home = bodies.body(home).share(grams)
            if at_home + _MOVE_MARGIN > 1:  # no article can beat home by the margin: skip their bodies
                continue
            best = bodies.best(grams)
            if best is not None and best != home and bodies.body(best).share(grams) >= at_home + _MOVE_MARGIN:
                moves.append((head, best))
    moved = {id(head) for head, _ in moves}
    if moved:
        for draft in drafts:
            draft.heads = [(h, f) for h, f in draft.heads if id(h) not in moved]
        for head, best in moves:
            drafts[best].heads.append((head, True))
    return moved


def _article(doc: Document, index: int, draft: _Draft, moved: set[int]) -> Article:
    heads = sorted((h for h, _ in draft.heads), key=lambda h: h.start)
    spans = [(p.start, p.end) for p in draft.paras] + [(b.start, b.end) for b in draft.bylines]
    spans += [(h.start, h.end) for h in heads if id(h) not in moved]
    lines = [line for h in heads for line in h.lines]
    article = Article(
        doc=doc.id,
        index=index,
        start=min(s for s, _ in spans),
        end=max(e for _, e in spans),
        headlines=[headline_text(line) for line in lines],
        lead=draft.lead,
        bylines=sorted(draft.bylines, key=lambda b: b.start),
    )
    sentences = article.sentences
    for para in draft.paras:
        text, offsets = para.text, para.offsets
        for start, end in split_spans(text):
            number = len(sentences)
            sentences.append(
                Sentence(
                    id=f"{doc.id}#a{index}s{number}",
                    doc=doc.id,
                    article=index,
                    index=number,
                    text=text[start:end],
                    offsets=offsets[start:end],
                )
            )
    if lines:
        headlines = [_headline_sentence(doc, index, number, line) for number, line in enumerate(lines)]
        article.sentences = _with_headlines(sentences, headlines)
    return article


def _with_headlines(body: list[Sentence], headlines: list[Sentence]) -> list[Sentence]:
    """The body's sentences in their order (a paragraph rejoined around a photo caption keeps its place), each
    headline before the first of them printed below it."""
    pending = sorted(headlines, key=lambda s: s.start)
    merged: list[Sentence] = []
    for sentence in body:
        while pending and pending[0].start < sentence.start:
            merged.append(pending.pop(0))
        merged.append(sentence)
    return merged + pending


def _headline_sentence(doc: Document, index: int, number: int, line: Line) -> Sentence:
    text, offsets = headline_chars(line)
    return Sentence(f"{doc.id}#a{index}h{number}", doc.id, index, number, text, offsets, kind=HEADLINE)


def page_blocks(raw: str, title: str | None = None) -> list[Block]:
    """Blocks of a page; a text with no running text at all (a lone title line) is read as running text."""
    found = blocks(raw, title)
    if any(b.kind == "para" for b in found):
        return found
    return [paragraph(raw, [line]) if b.kind == "head" else b for b in found for line in b.lines]


def segment(doc: Document) -> Document:
    """Fill doc.articles (with sentences) from doc.text; section labels go to doc.meta["labels"]."""
    if doc.status != "ok" or not doc.text.strip():
        doc.articles = []
        return doc
    page = page_blocks(doc.text, doc.title)
    labels = [b.lines[0].text for b in page if b.kind in ("label", "cont")]
    if labels:
        doc.meta["labels"] = labels
    drafts = _merge(_Assembler().run(page))
    moved = _rehome_headlines(drafts)
    doc.articles = [_article(doc, index, draft, moved) for index, draft in enumerate(drafts)]
    return doc
