"""OCR layout repair: raw page text -> blocks (paragraphs, headlines, bylines, labels) with offsets.

OCR'd newspaper columns break lines in the middle of words and names, letter-space
justified lines ("阻 击 战") and scatter headlines, bylines and photo captions between the
paragraphs. Every block keeps, for each character of its repaired text, the raw offset it
came from, so later stages can always point back into `Document.text`.

Lines end at \\n, \\r\\n, a lone \\r (old Mac files) or U+2028/U+2029 (text copied from web pages):
`line_ends_as_newlines` rewrites the other forms as \\n without changing the length, so offsets
into the rewritten page are offsets into the raw one.

Two page styles are handled per document: printed column lines (often with a blank line after
every line, so blank lines mean nothing) and one paragraph per line. Paragraphs are joined
until a line ends a sentence; headline lines are recognised by content (no sentence
punctuation; in a line shorter than the column, enumeration commas and the colon of a
"who：what" title are allowed) and context (they follow a paragraph end and
precede a byline, a lead, another block or a new paragraph). A line that is the document's own
title (a JSONL record's `title`) is a headline whatever it holds, and a headline printed under a
dateline line ("央视网消息（新闻联播）：") moves above it, so the dateline opens the paragraph below.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from kg.ingest.bylines import BYLINE_START, CLOSERS, SENTENCE_END, parse_byline, trailing_byline
from kg.model import Byline

SPACES = " \t\u3000\xa0\r\f\v"
SENTENCE_PUNCT = "，。、；：,;:"  # a line holding any of these is running text, not a headline
_PUNCT = re.compile(f"[{re.escape(SENTENCE_PUNCT)}]")
_SPACE_RUN = re.compile(f"[{re.escape(SPACES)}]+")
_LONE_LINE_END = re.compile("\r(?!\n)|[\u2028\u2029]")  # the \r of \r\n stays: trailing space of its line
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_CONT = re.compile(r"^[（(]\s*(上接|接上|下转|转下)[^）)]{0,12}[）)]$")
_LABEL = re.compile(r"^(?:[■▲●◆★▶]\s*\S|[A-Z][ \u3000]+[\u4e00-\u9fff])")
_LEAD = re.compile(r"^(?:本报讯|本报[\u4e00-\u9fff]{1,6}讯|新华社[\u4e00-\u9fff]{0,8}电)")
_LEAD_BRACKET = re.compile(r"[ \u3000]*[（(]([^）)]{1,40})[）)]")
# Lines that may be a continuation mark, byline, label or lead start like this; most lines do not.
_MARKED = re.compile("|".join(f"(?:{p.pattern})" for p in (_CONT, BYLINE_START, _LABEL, _LEAD)))
_CJK = re.compile(r"[\u4e00-\u9fff]")
# What a headline shorter than a column line may hold: enumeration commas ("京唐、京滨城际铁路…") and the
# colon after a short source ("国际人士：美国借对俄制裁牟利"); no other sentence punctuation.
_TITLE_PUNCT = re.compile(r"(?:[^，。；：,;:]{1,12}：)?[^，。；：,;:]+")
# A dateline alone on its line, its paragraph on the line after the headline below it.
_DATELINE = re.compile(r"[\u4e00-\u9fff]{2,8}消息(?:[（(][^）)]{1,12}[）)])?[：:]")
_PHRASE_GAP = re.compile(r"(?<=[\u4e00-\u9fff”》])[ \u3000]+(?=[\u4e00-\u9fff“《])")
_MAX_HEADLINE = 50
_LONG_LINES = 40  # median body line longer than this: one paragraph per line
_SHORT_SHARE = 0.75  # a line this much shorter than the column is not a wrapped body line
_MAX_CAPTION = 50


@dataclass(slots=True)
class Line:
    """One non-empty raw line; `start`/`end` bound its stripped content, `body_*` its running text."""

    start: int
    end: int
    text: str
    indented: bool
    gap: int  # blank lines before it
    kind: str = "body"  # body | head | byline | lead | cont | label | caption
    body_start: int = 0
    body_end: int = 0
    bylines: Sequence[Byline] = ()  # tuples, not lists: most lines have none, and lists cost allocations
    lead: str | None = None
    run_in: Sequence[Byline] = ()  # byline run into the end of the line
    titled: bool = False  # the document's own title: a headline whatever its context


@dataclass
class Block:
    """A paragraph, headline group, byline line, label or continuation mark, in raw order."""

    kind: str  # para | head | byline | cont | label
    lines: list[Line]
    offsets: list[int] = field(default_factory=list)  # raw offset of every repaired char (para)
    text: str = ""
    bylines: Sequence[Byline] = ()
    lead: str | None = None
    run_in: bool = False  # byline block cut from the end of the paragraph before it

    @property
    def start(self) -> int:
        if self.kind == "byline":
            return min([b.start for b in self.bylines])
        return min([line.start for line in self.lines])

    @property
    def end(self) -> int:
        if self.kind == "byline":
            return max([b.end for b in self.bylines])
        if self.kind == "para":
            return max([line.body_end for line in self.lines])
        return max([line.end for line in self.lines])


def ends_sentence(text: str) -> bool:
    """True when `text` ends with sentence-final punctuation (closing quotes/brackets allowed after it)."""
    stripped = text.rstrip(SPACES).rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def squeeze(raw: str, spans: Iterable[tuple[int, int]]) -> tuple[str, list[int]]:
    """The raw spans joined with whitespace dropped, and the raw offset of every kept character.

    One space stays between two ASCII letters/digits ("COVID 19"). Spans are stripped line
    content, so a whitespace run always has a character of its own span on both sides.
    """
    pieces: list[str] = []
    offsets: list[int] = []
    for start, end in spans:
        pos = start
        while run := _SPACE_RUN.search(raw, pos, end):
            gap_start, gap_end = run.span()
            pieces.append(raw[pos:gap_start])
            offsets.extend(range(pos, gap_start))
            inner = start < gap_start and gap_end < end
            if inner and raw[gap_start - 1] in _ASCII_ALNUM and raw[gap_end] in _ASCII_ALNUM:
                space = raw.find(" ", gap_start, gap_end)
                if space >= 0:
                    pieces.append(" ")
                    offsets.append(space)
            pos = gap_end
        pieces.append(raw[pos:end])
        offsets.extend(range(pos, end))
    return "".join(pieces), offsets


def line_ends_as_newlines(raw: str) -> str:
    """`raw` with each lone \\r, U+2028 and U+2029 replaced by \\n: the same length, same offsets."""
    if "\r" in raw or "\u2028" in raw or "\u2029" in raw:  # most pages: three fast scans, no copy
        return _LONE_LINE_END.sub("\n", raw)
    return raw


def split_lines(raw: str) -> list[Line]:
    """Non-empty lines with stripped content spans and the number of blank lines before each."""
    lines, gap, pos = [], 0, 0
    for piece in line_ends_as_newlines(raw).split("\n"):
        content = piece.strip(SPACES)
        if content:
            start = pos + piece.index(content[0])
            end = start + len(content)
            lines.append(Line(start, end, content, start > pos, gap, "body", start, end))  # positional: faster
            gap = 0
        else:
            gap += 1
        pos += len(piece) + 1
    return lines


def phrase_spaced(text: str) -> bool:
    """Headline style "民有所呼 政有所应": a space between two hanzi phrases, outside quotes.

    Letter-spaced justified lines ("阻 击 战") and spaces around numbers ("12 月") do not count.
    """
    tokens = text.split()
    if sum(len(t) == 1 for t in tokens) * 2 > len(tokens):
        return False
    for gap in _PHRASE_GAP.finditer(text):
        before = text[: gap.start()]
        if before.count("“") == before.count("”") and before.count("《") == before.count("》"):
            return True
    return False


@dataclass
class Layout:
    width: float  # median length of running-text lines
    spaced: bool  # blank lines between most lines: they are not paragraph breaks

    @property
    def long_lines(self) -> bool:
        return self.width > _LONG_LINES


def _layout(lines: list[Line]) -> Layout:
    """Column width from the lines holding punctuation no headline holds (`_TITLE_PUNCT` shapes do not count)."""
    body = [len(line.text) for line in lines if _PUNCT.search(line.text) and not _TITLE_PUNCT.fullmatch(line.text)]
    width = statistics.median(body) if body else float(_LONG_LINES)
    gaps = [line.gap for line in lines[1:]]
    return Layout(width, bool(gaps) and sum(g > 0 for g in gaps) > len(gaps) / 2)


def _headline_like(text: str, layout: Layout) -> bool:
    """Content test: short, some hanzi, no sentence punctuation; '!'/'?' at the end only in spaced titles.

    Enumeration commas and a source's colon (`_TITLE_PUNCT`) are allowed in a line shorter than a
    column line: a wrapped body line holding them ("记者了解到：今年全县") fills the column.
    """
    if len(text) > _MAX_HEADLINE or not _CJK.search(text):
        return False
    if _PUNCT.search(text) and not (_TITLE_PUNCT.fullmatch(text) and len(text) <= _SHORT_SHARE * layout.width):
        return False
    return text[-1] not in "！？!?" or phrase_spaced(text)


def _classify(line: Line, layout: Layout) -> None:
    """Context-free kind of one line; headline candidates are confirmed later in context."""
    text = line.text
    if not _MARKED.match(text):
        if _headline_like(text, layout):
            line.kind = "head"
    elif _CONT.match(text):
        line.kind = "cont"
    elif found := parse_byline(text, line.start):
        line.kind, line.bylines = "byline", found
    elif _LABEL.match(text) and not _PUNCT.search(text):
        line.kind = "label"
    elif lead := _LEAD.match(text):
        line.kind, line.lead = "lead", lead.group()
        rest = lead.end()
        bracket = _LEAD_BRACKET.match(text, rest)
        if bracket and (inner := parse_byline(bracket.group(1), line.start + bracket.start(1), require_space=False)):
            line.bylines, rest = inner, bracket.end()
        line.body_start = line.start + rest + (len(text[rest:]) - len(text[rest:].lstrip(SPACES)))
    elif _headline_like(text, layout):
        line.kind = "head"
    if line.kind in ("body", "lead"):
        run_in = trailing_byline(text[line.body_start - line.start :], line.body_start)
        if run_in:
            line.body_end = line.body_start + run_in[0]
            line.run_in = run_in[1]


def _ends_paragraph(line: Line, nxt: Line | None, layout: Layout) -> bool:
    """Does running text stop after `line`?"""
    if line.kind not in ("body", "lead"):
        return True
    if line.run_in or ends_sentence(line.text[: line.body_end - line.start]):
        return True
    return nxt is not None and not layout.spaced and nxt.gap > 0


def _can_stand(lines: list[Line], i: int, k: int, layout: Layout) -> bool:
    """Can lines[i:k] be a headline group, given what precedes and follows it?"""
    if i and not _ends_paragraph(lines[i - 1], lines[i], layout):
        return False
    if k == len(lines) or lines[k].kind not in ("body", "head"):
        return True
    last = lines[k - 1]
    short = len(last.text) <= _SHORT_SHARE * layout.width
    return short or last.indented or last.text.startswith("——") or phrase_spaced(last.text)


def _confirm_headlines(lines: list[Line], layout: Layout) -> None:
    """Keep the longest prefix of each run of headline-like lines that can stand as headlines; the rest is body.

    A run followed by running text must end with a line a body line could not be: short,
    indented, a "——" subtitle or phrase-spaced.
    """
    i = 0
    while i < len(lines):
        if lines[i].kind != "head":
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].kind == "head":
            j += 1
        k = j
        while k > i and not _can_stand(lines, i, k, layout):
            k -= 1
        for line in lines[k:j]:
            line.kind = "head" if line.titled else "body"
        i = j


def _is_caption(line: Line) -> bool:
    """A short photo caption printed inside a paragraph of a one-paragraph-per-line page."""
    if line.kind != "body" or len(line.text) > _MAX_CAPTION:
        return False
    return not _PUNCT.search(line.text) or (len(line.text) >= 20 and ends_sentence(line.text))


def _move_captions(lines: list[Line], layout: Layout) -> list[Line]:
    """On one-paragraph-per-line pages, a caption between the halves of a cut paragraph moves after it."""
    if not layout.long_lines:
        return lines
    order = list(lines)
    i = 0
    while i + 2 < len(order):
        cut, caption, rest = order[i : i + 3]
        cut_mid_sentence = cut.kind == "body" and not _ends_paragraph(cut, caption, layout)
        dateline = _DATELINE.fullmatch(cut.text)  # its paragraph is the very next line, never a caption
        if cut_mid_sentence and not dateline and _is_caption(caption) and rest.kind == "body":
            order[i + 1], order[i + 2] = rest, caption
            caption.kind = "caption"
            i += 2
            continue
        i += 1
    return order


def paragraph(raw: str, lines: list[Line]) -> Block:
    """A paragraph block from consecutive lines: their running text joined and squeezed."""
    text, offsets = squeeze(raw, [(line.body_start, line.body_end) for line in lines])
    bylines = [b for line in lines for b in line.bylines]
    return Block("para", lines, offsets, text, bylines, lead=lines[0].lead)


def _mark_title(lines: list[Line], title: str) -> None:
    """Lines that read as the document's title (spaces aside) are headlines, punctuation or not."""
    key = "".join(title.split())
    for line in lines:
        if line.kind in ("body", "head") and "".join(line.text.split()) == key:
            line.kind, line.titled = "head", True


def _lift_over_datelines(lines: list[Line]) -> list[Line]:
    """A headline run printed between a dateline line and its paragraph moves above the dateline."""
    order = list(lines)
    for i in range(len(order) - 2):
        if order[i].kind != "body" or not _DATELINE.fullmatch(order[i].text):
            continue
        j = i + 1
        while j < len(order) and order[j].kind == "head":
            j += 1
        if i + 1 < j < len(order) and order[j].kind == "body":
            order[i:j] = [*order[i + 1 : j], order[i]]
    return order


def blocks(raw: str, title: str | None = None) -> list[Block]:
    """Split a page into blocks in reading order (see module doc); `title` is the document's own, if known."""
    lines = split_lines(raw)
    layout = _layout(lines)
    for line in lines:
        _classify(line, layout)
    if title and title.strip():
        _mark_title(lines, title)
    lines = _lift_over_datelines(lines)
    _confirm_headlines(lines, layout)
    lines = _move_captions(lines, layout)
    out: list[Block] = []
    para: list[Line] = []

    def flush() -> None:
        if para:
            run_in = para[-1].run_in
            out.append(paragraph(raw, list(para)))
            if run_in:
                out.append(Block("byline", [para[-1]], bylines=run_in, run_in=True))
            para.clear()

    for line, nxt in pairwise([*lines, None]):
        if line.kind in ("body", "lead", "caption"):
            if line.kind != "body":
                flush()
            para.append(line)
            if _ends_paragraph(line, nxt, layout):
                flush()
            continue
        flush()
        if line.kind == "head" and out and out[-1].kind == "head" and not line.indented:
            out[-1].lines.append(line)
        else:
            out.append(Block(line.kind, [line], bylines=line.bylines))
    flush()
    return out


def headline_text(line: Line) -> str:
    """Display form of a headline line: letter-spacing removed, phrase spaces kept single."""
    tokens = line.text.split()
    if len(tokens) >= 3 and sum(len(t) == 1 for t in tokens) >= 0.6 * len(tokens):
        return "".join(tokens)
    return " ".join(tokens)


def headline_chars(line: Line) -> tuple[str, list[int]]:
    """A headline line as sentence text: its characters without the spaces, as a paragraph's sentences are, and
    the raw offset of each (a space between two names stays visible as a gap in the offsets)."""
    kept = [(c, line.start + i) for i, c in enumerate(line.text) if not c.isspace()]
    return "".join(c for c, _ in kept), [o for _, o in kept]


def repair(raw: str) -> tuple[str, list[int]]:
    """OCR-repaired text of a whole page and the raw offset of each of its characters.

    Paragraphs and headline lines come out one per line; a separating line end maps to the raw
    line end (\\n, or a lone \\r, U+2028, U+2029), so `raw[offsets[i]] == text[i]` holds for every character.
    """
    pieces: list[tuple[str, list[int]]] = []
    for block in blocks(raw):
        if block.kind == "para":
            pieces.append((block.text, block.offsets))
        elif block.kind == "head":
            pieces.extend(squeeze(raw, [(line.start, line.end)]) for line in block.lines)
    texts: list[str] = []
    offsets: list[int] = []
    line_ends = line_ends_as_newlines(raw)
    for text, piece in pieces:
        if offsets:  # pieces are whole lines, so a raw line end follows the previous one
            newline = line_ends.find("\n", offsets[-1])
            texts.append(raw[newline])
            offsets.append(newline)
        texts.append(text)
        offsets.extend(piece)
    return "".join(texts), offsets
