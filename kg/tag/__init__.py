"""Tagging: the Tagger protocol and the factory that turns `--tagger NAME` into a tagger.

Names: `embedded` (default, offline, shipped weights), `embedded:PATH` (weights trained with
pipelines/train_ner.py), `hanlp:IDENTIFIER_OR_PATH` (a HanLP model the user has locally).
"""

from __future__ import annotations

from kg.tag.base import Tagger, TaggerLoadError

__all__ = ["Tagger", "TaggerLoadError", "get_tagger", "tagger_id"]


def _parse(spec: str) -> tuple[str, str]:
    """(kind, argument) of a tagger spec; raises TaggerLoadError for a spec no tagger answers to."""
    kind, _, arg = spec.partition(":")
    if kind == "hanlp" and not arg:
        raise TaggerLoadError("--tagger hanlp needs a model: hanlp:IDENTIFIER or hanlp:/path/to/model")
    if kind not in ("embedded", "hanlp"):
        raise TaggerLoadError(f"unknown tagger {spec!r}: use 'embedded', 'embedded:PATH' or 'hanlp:MODEL'")
    return kind, arg


def get_tagger(spec: str = "embedded") -> Tagger:
    """Build the tagger named by `spec` (see module docstring)."""
    kind, arg = _parse(spec)
    if kind == "embedded":
        from kg.tag.embedded import load_embedded

        return load_embedded(arg or None)
    from kg.tag.hanlp_backend import HanLPTagger

    return HanLPTagger(arg)


def tagger_id(spec: str = "embedded") -> str:
    """What caches key on for `spec`: it changes whenever the model's files change, and is computed
    without loading the model (a parallel build's main process never needs the model itself)."""
    kind, arg = _parse(spec)
    if kind == "embedded":
        from kg.tag.embedded import weights_id

        return weights_id(arg or None)
    from kg.tag.hanlp_backend import model_id

    return model_id(arg)
