"""Tag sentences with a HanLP model the user already has on disk (`--tagger hanlp:<identifier or path>`).

HanLP downloads pretrained models from its own server, which kg never reaches: identifiers are resolved against
HANLP_HOME first and a missing model fails at once with instructions, and every download HanLP attempts while
loading is refused. Three model shapes are handled: char-level NER (MSRA models take a list of chars),
token-level NER (fed jieba tokens unless a tokenizer is given) and multi-task models (the `tok/*` task's tokens
plus an `ner/*` task whose spans are token indices). Token spans become char offsets by aligning tokens to the text.

HanLP 2.1.x bug fixed here: `RNNTaggingModel` builds `CRF(n_out, crf_constraints)` but CRF's second positional
parameter is `batch_first`, so with the default `crf_constraints=None` the CRF reads batch-first tensors as
time-major. Training loss still falls, yet every decoded sequence mixes positions of different sentences (and
batched predict can raise IndexError). `patch_hanlp_crf` swaps in a CRF that is always batch-first; it must run
before `fit()` and before `hanlp.load()` (HanLPTagger calls it).

Speed: HanLP's RNN predict path is dominated by `torch.lstm`, whose per-timestep GEMMs are tiny. With torch's
default intra-op threads (2 here) on cores shared with other processes, the OpenMP workers wait on each other at
every step: batched tagging ran at ~1,600 chars/s (one sentence per call: 50–2,000 chars/s) against 17–22k chars/s
with one thread (RNN NER, embed 100, hidden 256, load average ~5 on 2 cores). So `tag` runs with `num_threads=1`
by default and sends all texts in one call.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import os
import socket
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NoReturn
from unittest import mock

import hanlp
import hanlp.pretrained
from hanlp.components.taggers.rnn import rnntaggingmodel
from hanlp.layers.crf.crf import CRF
from hanlp.utils import component_util, io_util

from kg.model import Mention
from kg.tag.base import TaggerLoadError
from kg.textnorm import fold
from kg.threads import torch_threads

Tokenizer = Callable[[str], list[str]]
TokenSpan = tuple[int, int] | None

# HanLP label sets: MSRA (long and short forms), OntoNotes, PKU (lower case, upper-cased before lookup).
_LABELS = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "NR": "PERSON",
    "LOCATION": "LOCATION",
    "LOC": "LOCATION",
    "GPE": "LOCATION",
    "FAC": "LOCATION",
    "NS": "LOCATION",
    "ORGANIZATION": "ORGANIZATION",
    "ORG": "ORGANIZATION",
    "NT": "ORGANIZATION",
    "DATE": "DATE",
    "TIME": "DATE",
    "T": "DATE",
}
# Which NER task of a multi-task model to read, best first; any other `ner/*` task comes after these.
_NER_TASK_PREFERENCE = ("ner/msra", "ner/ontonotes", "ner/pku")
_NETWORK_TIMEOUT_S = 3.0


def map_label(label: str) -> str | None:
    """kg entity type for a HanLP NER label (MSRA, OntoNotes or PKU), or None for types kg does not use."""
    return _LABELS.get(label.strip().upper())


class BatchFirstCRF(CRF):
    """HanLP's CRF that ignores its second positional argument: RNNTaggingModel passes crf_constraints there."""

    def __init__(self, num_tags: int, batch_first: object = True) -> None:
        super().__init__(num_tags, batch_first=True)


def patch_hanlp_crf() -> None:
    """Make HanLP's RNN taggers build a batch-first CRF; idempotent, needed before fit() and hanlp.load()."""
    rnntaggingmodel.CRF = BatchFirstCRF


def align_tokens(text: str, tokens: Sequence[str]) -> list[TokenSpan]:
    """Char span of each token in `text`, in order; None for a token that cannot be found after the previous one.

    Matching is on folded text so a model that normalised full-width characters still aligns.
    """
    folded = fold(text)
    spans: list[TokenSpan] = []
    cursor = 0
    for token in tokens:
        probe = fold(token)
        start = folded.find(probe, cursor) if probe else -1
        if start < 0:
            spans.append(None)
            continue
        cursor = start + len(probe)
        spans.append((start, cursor))
    return spans


def _entity_fields(entity: Sequence[Any]) -> tuple[str, int, int]:
    """(label, first token, end token) of a HanLP entity: (text, label, begin, end) or (begin, end, label)."""
    if len(entity) == 4:
        return entity[1], entity[2], entity[3]
    return entity[2], entity[0], entity[1]


def entities_to_mentions(
    text: str, token_spans: Sequence[TokenSpan], entities: Iterable[Sequence[Any]], source: str
) -> list[Mention]:
    """Mentions with char offsets into `text` from HanLP entities whose spans index tokens (end exclusive).

    Entities of unused types, or whose boundary tokens did not align, are dropped.
    """
    mentions = []
    for entity in entities:
        label, begin, end = _entity_fields(entity)
        kind = map_label(label)
        if kind is None or not 0 <= begin < end <= len(token_spans):
            continue
        first, last = token_spans[begin], token_spans[end - 1]
        if first is None or last is None:
            continue
        start, stop = first[0], last[1]
        mentions.append(Mention(start=start, end=stop, type=kind, text=text[start:stop], source=source))
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _pick_task(keys: Iterable[str], prefix: str, preference: Sequence[str] = ()) -> str | None:
    """The preferred task name present in `keys`, else the first one starting with `prefix`."""
    keys = list(keys)
    for name in preference:
        if name in keys:
            return name
    return next((k for k in keys if k.startswith(prefix)), None)


def mentions_from_mtl(texts: Sequence[str], doc: Mapping[str, Any], source: str) -> list[list[Mention]]:
    """Mentions per text from a multi-task model's output for `texts` (a batch: one list per text in each task)."""
    tok_key = _pick_task(doc, "tok")
    ner_key = _pick_task(doc, "ner", _NER_TASK_PREFERENCE)
    if tok_key is None or ner_key is None:
        raise ValueError(f"multi-task output has no tok/* and ner/* results: {sorted(doc)}")
    return [
        entities_to_mentions(text, align_tokens(text, [_token_text(t) for t in tokens]), entities, source)
        for text, tokens, entities in zip(texts, doc[tok_key], doc[ner_key], strict=True)
    ]


def _token_text(token: str | Sequence[Any]) -> str:
    """A tok task configured with output_spans yields (text, begin, end) per token."""
    return token if isinstance(token, str) else token[0]


def _looks_like_path(identifier: str) -> bool:
    return identifier.startswith((".", "~")) or os.sep in identifier or "/" in identifier


def _download_instructions(identifier: str, url: str, home: str, expected: str) -> str:
    return (
        f"HanLP model {identifier!r} is not in HANLP_HOME ({home}): expected the folder {expected} "
        f"(or its archive next to it). kg never downloads models. On a machine with network run\n"
        f"    HANLP_HOME=/some/dir python -c \"import hanlp; hanlp.load('{identifier}')\"\n"
        f"(or fetch {url}), then copy everything that appears under /some/dir into {home} here (transformer "
        f"models also need their Hugging Face cache, ~/.cache/huggingface); set HANLP_HOME to use another "
        f"directory, or pass a local model folder: "
        f"--tagger hanlp:/path/to/model"
    )


def resolve_model(identifier: str) -> str:
    """Local folder (or archive) of a HanLP model; raises TaggerLoadError instead of downloading anything."""
    expanded = os.path.expanduser(identifier)
    if os.path.exists(expanded):
        return expanded
    url = hanlp.pretrained.ALL.get(identifier, identifier)
    home = io_util.hanlp_home()
    if not url.startswith(("http://", "https://")):
        if _looks_like_path(identifier):
            raise TaggerLoadError(f"HanLP model path {expanded} does not exist")
        raise TaggerLoadError(
            f"Unknown HanLP model {identifier!r}: neither a local path nor a name in hanlp.pretrained "
            f"(e.g. MSRA_NER_ELECTRA_SMALL_ZH, CLOSE_TOK_POS_NER_SRL_DEP_SDP_CON_ELECTRA_SMALL_ZH). "
            f"HanLP keeps downloaded models under HANLP_HOME ({home}); pass a local model folder instead: "
            f"--tagger hanlp:/path/to/model"
        )
    folder, archive_ext = io_util.split_if_compressed(io_util.path_from_url(url.split("#")[0], save_dir=home))
    if not (os.path.isdir(folder) or (archive_ext and os.path.isfile(folder + archive_ext))):
        raise TaggerLoadError(_download_instructions(identifier, url, home, folder))
    with _offline_hanlp():
        return io_util.get_resource(url, save_dir=home, verbose=False)  # extracts a copied archive, if any


def model_id(identifier: str) -> str:
    """`hanlp:IDENTIFIER@digest`, the digest over the names, sizes and modification times of the model's
    local files: retraining into the same folder gives a new id, so caches do not reuse old results."""
    folder = resolve_model(identifier)
    files = (
        [folder]
        if os.path.isfile(folder)
        else sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names)
    )
    digest = hashlib.sha256()
    for path in files:
        stat = os.stat(path)
        digest.update(f"{os.path.relpath(path, folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return f"hanlp:{identifier}@{digest.hexdigest()[:12]}"


def _refuse_download(url: str, save_path: str | None = None, *args: Any, **kwargs: Any) -> NoReturn:
    raise TaggerLoadError(
        f"HanLP tried to download {url} (to {save_path}) while loading the model: this machine is offline. "
        f"Copy that resource there from a machine that has it (HANLP_HOME is {io_util.hanlp_home()})."
    )


def _refuse_version_check(*args: Any, **kwargs: Any) -> NoReturn:
    raise OSError("offline: no PyPI version check")


@contextlib.contextmanager
def _offline_hanlp() -> Iterator[io.StringIO]:
    """Refuse HanLP's downloads and version checks, keep Hugging Face offline, and capture HanLP's stderr dumps."""
    previous_timeout = socket.getdefaulttimeout()
    stderr = io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.object(io_util, "download", _refuse_download))
        stack.enter_context(mock.patch.object(component_util, "get_latest_info_from_pypi", _refuse_version_check))
        stack.enter_context(mock.patch.dict(os.environ, {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}))
        stack.enter_context(contextlib.redirect_stderr(stderr))
        socket.setdefaulttimeout(_NETWORK_TIMEOUT_S)
        stack.callback(socket.setdefaulttimeout, previous_timeout)
        yield stderr


def load_component(identifier: str) -> Any:
    """hanlp.load() on a model that is on disk, with the CRF fix applied; every failure is a TaggerLoadError."""
    path = resolve_model(identifier)
    patch_hanlp_crf()
    with _offline_hanlp() as stderr:
        try:
            return hanlp.load(path, verbose=False)
        except TaggerLoadError:
            raise
        except Exception as error:  # HanLP raises anything from FileNotFoundError to AssertionError
            log = stderr.getvalue().strip().splitlines()
            detail = f"\nHanLP said: {log[0]}" if log else ""
            raise TaggerLoadError(
                f"HanLP could not load {identifier!r} from {path}: {type(error).__name__}: {error}{detail}"
            ) from None


def _jieba_tokenize(text: str) -> list[str]:
    import jieba

    return jieba.lcut(text)


def _word_tokenizer(name: str) -> Tokenizer:
    """Segmenter for token-level models; jieba is imported only when such a model is used."""
    if importlib.util.find_spec("jieba") is None:
        raise TaggerLoadError(f"{name} reads words; kg segments text for it with jieba: pip install jieba")
    return _jieba_tokenize


def _mtl_tasks(name: str, component: Any) -> tuple[str, str]:
    """The (tok, ner) task pair a multi-task model is asked for: fine tokens, MSRA types if it has them."""
    tok = _pick_task(component.tasks, "tok", ("tok/fine",))
    ner = _pick_task(component.tasks, "ner", _NER_TASK_PREFERENCE)
    if tok is None or ner is None:
        raise TaggerLoadError(f"{name} is a multi-task model without tok/* and ner/* tasks: {sorted(component.tasks)}")
    return tok, ner


def _is_char_level(component: Any) -> bool:
    """Whether a single-task model reads one char per token.

    Judged from the token vocabulary when there is one (RNN models): HanLP's own `token_delimiter` guess counts
    <pad>/<unk> among the last 100 entries and so calls any small char vocabulary word-level. Transformer models
    have no token vocabulary; their `delimiter_in_entity` is '' for any Chinese data, and HanLP's Chinese NER
    models are char-level.
    """
    config = component.config
    vocab = (getattr(component, "vocabs", None) or {}).get(config.get("token_key", "token"))
    if vocab is None:
        return config.get("delimiter_in_entity", "") == ""
    words = [t for t in vocab.idx_to_token if not (t.startswith("<") and t.endswith(">"))]
    return sum(len(t) == 1 for t in words) >= 0.9 * len(words)


class HanLPTagger:
    """Tagger over a local HanLP NER or multi-task model; `spec` is "hanlp:<identifier or path>" or the bare part."""

    def __init__(
        self, spec: str, *, tokenize: Tokenizer | None = None, batch_size: int = 64, num_threads: int | None = 1
    ) -> None:
        self.identifier = spec.removeprefix("hanlp:")
        self.name = f"hanlp:{self.identifier}"
        self.batch_size = batch_size
        self.num_threads = num_threads
        self.component = load_component(self.identifier)
        self.mtl_tasks = _mtl_tasks(self.name, self.component) if hasattr(self.component, "tasks") else None
        self.tokenize: Tokenizer = tokenize or (list if _is_char_level(self.component) else _word_tokenizer(self.name))

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the model (workers reload it from disk)."""
        return {k: v for k, v in self.__dict__.items() if k != "component"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.component = load_component(self.identifier)

    def tag(self, texts: Sequence[str]) -> list[list[Mention]]:
        """PERSON/LOCATION/ORGANIZATION/DATE mentions per text, offsets into each text; one batched model call."""
        results: list[list[Mention]] = [[] for _ in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return results
        batch = [texts[i] for i in todo]
        with torch_threads(self.num_threads):
            if self.mtl_tasks:
                doc = self.component([fold(t) for t in batch], tasks=list(self.mtl_tasks), batch_size=self.batch_size)
                found = mentions_from_mtl(batch, doc, self.name)
            else:
                found = self._predict_single(batch)
        for i, mentions in zip(todo, found, strict=True):
            results[i] = mentions
        return results

    def _predict_single(self, batch: list[str]) -> list[list[Mention]]:
        tokens = [[t for t in self.tokenize(fold(text)) if t.strip()] for text in batch]
        spans = [align_tokens(text, toks) for text, toks in zip(batch, tokens, strict=True)]
        nonempty = [i for i, toks in enumerate(tokens) if toks]
        predicted = self.component([tokens[i] for i in nonempty], batch_size=self.batch_size)
        entities: list[Sequence[Sequence[Any]]] = [[] for _ in batch]
        for i, ents in zip(nonempty, predicted, strict=True):
            entities[i] = ents
        return [
            entities_to_mentions(text, text_spans, ents, self.name)
            for text, text_spans, ents in zip(batch, spans, entities, strict=True)
        ]
