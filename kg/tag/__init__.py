"""Tagging: the Tagger protocol and the factory that turns `--tagger NAME` into a tagger.

Names: `embedded` (default, offline, shipped weights), `embedded:PATH` (weights trained with
pipelines/train_ner.py), `hanlp:IDENTIFIER_OR_PATH` (a HanLP model the user has locally), and
`NAME[:ARG]` for a tagger another package registers in the `kg.taggers` entry point group:

    [project.entry-points."kg.taggers"]
    mytagger = "mypackage.ner:make_tagger"   # make_tagger(arg: str) -> Tagger

A plug-in factory may also have a `tagger_id(arg) -> str` attribute that changes whenever its
model does (it goes into cache keys); without one, the key is the plug-in's name, argument and
package version.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

from kg.tag.base import Tagger, TaggerLoadError

__all__ = ["Tagger", "TaggerLoadError", "get_tagger", "tagger_id"]

BUILT_IN = ("embedded", "hanlp")
PLUGIN_GROUP = "kg.taggers"


def _plugin(name: str) -> EntryPoint | None:
    found = entry_points(group=PLUGIN_GROUP, name=name)
    return next(iter(found), None)


def _parse(spec: str) -> tuple[str, str]:
    """(kind, argument) of a tagger spec; raises TaggerLoadError for a spec no tagger answers to."""
    kind, _, arg = spec.partition(":")
    if kind == "hanlp" and not arg:
        raise TaggerLoadError("--tagger hanlp needs a model: hanlp:IDENTIFIER or hanlp:/path/to/model")
    if kind not in BUILT_IN and _plugin(kind) is None:
        plugins = sorted(ep.name for ep in entry_points(group=PLUGIN_GROUP))
        installed = f"; installed plug-ins: {', '.join(plugins)}" if plugins else ""
        raise TaggerLoadError(
            f"unknown tagger {spec!r}: use 'embedded', 'embedded:PATH', 'hanlp:MODEL' or a tagger registered "
            f"in the {PLUGIN_GROUP!r} entry point group{installed}"
        )
    return kind, arg


def _load_plugin(kind: str):
    entry = _plugin(kind)
    assert entry is not None  # _parse checked it
    try:
        return entry.load()
    except Exception as error:
        raise TaggerLoadError(f"tagger plug-in {kind!r} ({entry.value}) failed to import: {error}") from error


def get_tagger(spec: str = "embedded") -> Tagger:
    """Build the tagger named by `spec` (see module docstring)."""
    kind, arg = _parse(spec)
    if kind == "embedded":
        from kg.tag.embedded import load_embedded

        return load_embedded(arg or None)
    if kind == "hanlp":
        from kg.tag.hanlp_backend import HanLPTagger

        return HanLPTagger(arg)
    return _load_plugin(kind)(arg)


def tagger_id(spec: str = "embedded") -> str:
    """What caches key on for `spec`: it changes whenever the model's files change, and is computed
    without loading the model (a parallel build's main process never needs the model itself)."""
    kind, arg = _parse(spec)
    if kind == "embedded":
        from kg.tag.embedded import weights_id

        return weights_id(arg or None)
    if kind == "hanlp":
        from kg.tag.hanlp_backend import model_id

        return model_id(arg)
    factory = _load_plugin(kind)
    if hasattr(factory, "tagger_id"):
        return f"{kind}:{factory.tagger_id(arg)}"
    entry = _plugin(kind)
    version = entry.dist.version if entry is not None and entry.dist is not None else "?"
    return f"{kind}:{arg}:{entry.value if entry else ''}@{version}"
