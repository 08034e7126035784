"""Tagging: the Tagger protocol and the factory that turns `--tagger NAME` into a tagger.

Names: `embedded` (default, offline, shipped weights), `embedded:PATH` (weights trained with
pipelines/train_ner.py), `hanlp:IDENTIFIER_OR_PATH` (a HanLP model the user has locally).
"""

from __future__ import annotations

from kg.tag.base import Tagger, TaggerLoadError

__all__ = ["Tagger", "TaggerLoadError", "get_tagger"]


def get_tagger(spec: str = "embedded") -> Tagger:
    """Build the tagger named by `spec` (see module docstring)."""
    kind, _, arg = spec.partition(":")
    if kind == "embedded":
        from kg.tag.embedded import load_embedded

        return load_embedded(arg or None)
    if kind == "hanlp":
        if not arg:
            raise TaggerLoadError("--tagger hanlp needs a model: hanlp:IDENTIFIER or hanlp:/path/to/model")
        from kg.tag.hanlp_backend import HanLPTagger

        return HanLPTagger(arg)
    raise TaggerLoadError(f"unknown tagger {spec!r}: use 'embedded', 'embedded:PATH' or 'hanlp:MODEL'")
