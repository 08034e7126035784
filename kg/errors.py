"""Errors that are the user's to fix: the CLI prints their message (no traceback) and exits 1."""

from __future__ import annotations

from kg.events import RulesError
from kg.graph.query import QueryError
from kg.ingest.decode import DecodeError
from kg.options import BuildError
from kg.outdir import OutputDirError
from kg.tag import TaggerLoadError
from kg.tag.lexicon import LexiconError

USER_ERRORS: tuple[type[BaseException], ...] = (
    BuildError,
    OutputDirError,
    DecodeError,
    TaggerLoadError,
    RulesError,
    LexiconError,
    QueryError,  # unknown names and types, dates that are not ISO, a damaged graph.json
    OSError,  # missing input, unwritable output, full disk: their messages name the path
)
