"""kg's default offline NER tagger: character + bigram embeddings, BiLSTM, CRF, in plain PyTorch.

Why plain PyTorch rather than HanLP's trainer: HanLP 2.1's RNN tagger passed its CRF constraints
into the `batch_first` slot, and even fixed, its char-only model trained too slowly on two cores to
reach a useful F1. Bigram features are what make a small character model accurate on Chinese names.

Optional lexicon features (model format 2): for every character, which dictionary words of each group
(person, place, organization, any other word; from jieba's typed dictionary, stored inside the weights
file) begin, continue, end at or consist of it: 16 bits next to the embeddings, in the spirit of
SoftLexicon's B/M/E/S word sets but without word vectors, so matching stays a dictionary walk per character.

Every text is folded with `kg.textnorm.fold` before encoding (training folds identically), so
full-width digits and punctuation look the same as half-width ones. `fold` preserves length, so
model offsets are offsets into the text as given.

Mention scores are the mean CRF marginal probability of the decoded tags over the mention's
characters: 1.0 means the model had no doubt about any character of the span.

The weights file (default `kg/tag/models/ner.pt`) is built by
`python pipelines/train_ner.py --corpora ../shared/corpora --out kg/tag/models/ner`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

from kg.model import Mention
from kg.tag.base import TaggerLoadError
from kg.textnorm import fold

MODEL_DIR = Path(__file__).resolve().parent / "models"
DEFAULT_WEIGHTS = MODEL_DIR / "ner.pt"
TRAIN_COMMAND = "python pipelines/train_ner.py --corpora ../shared/corpora --out kg/tag/models/ner"

LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")
TYPE_NAMES = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}
PAD, UNK = "<pad>", "<unk>"  # ids 0 and 1 in both vocabularies
BOS, EOS = "<s>", "</s>"  # sentence boundary markers used to build edge bigrams
MAX_CHUNK = 256  # longer texts are cut into chunks of at most this many characters
CHUNK_BREAKS = "。！？；…，、 "  # preferred cut points, strongest first
BATCH_CHARS = 8192  # padded characters per inference batch
_NEG = -10000.0  # score of transitions the BIO scheme forbids
LEXICON_GROUPS = ("PER", "LOC", "ORG", "WORD")  # typed dictionary words; WORD: any other word
LEXICON_POSITIONS = "BMES"  # the character begins, is inside, ends, or is the whole word
LEXICON_BITS = len(LEXICON_GROUPS) * len(LEXICON_POSITIONS)
_GROUP_BITS = (1 << len(LEXICON_GROUPS)) - 1
_PREFIX = 1 << len(LEXICON_GROUPS)
FORMATS = (1, 2)  # 1: no lexicon (models up to 2026-11); 2: optional lexicon


class ModelLoadError(TaggerLoadError):
    """The weights file is missing or unreadable; the message says how to rebuild it."""


@dataclass(frozen=True)
class ModelConfig:
    char_dim: int = 100
    bigram_dim: int = 50
    hidden: int = 128  # per direction
    dropout: float = 0.3
    lexicon_bits: int = 0  # LEXICON_BITS when the model reads lexicon features


def bigrams(text: str) -> list[str]:
    """Left bigram of every character (previous char + char), with a start marker before the first."""
    return [a + b for a, b in zip([BOS, *text], text, strict=False)] if text else []


def _transition_mask() -> tuple[torch.Tensor, torch.Tensor]:
    """Penalties that forbid I-X after anything but B-X/I-X, and I-X at the start of a text."""
    n = len(LABELS)
    trans = torch.zeros(n, n)
    start = torch.zeros(n)
    for j, to in enumerate(LABELS):
        if not to.startswith("I-"):
            continue
        start[j] = _NEG
        for i, frm in enumerate(LABELS):
            if frm[2:] != to[2:]:
                trans[i, j] = _NEG
    return trans, start


class Lexicon:
    """Dictionary words by group; `features` marks every character with the B/M/E/S bits of the words over it."""

    def __init__(self, words: dict[str, str]) -> None:
        """`words`: group name (LEXICON_GROUPS) -> newline-separated words, the form stored in the weights file."""
        self.words = words
        # piece -> bit mask of the groups of the word it is (bits 0-3), plus _PREFIX when a longer word starts with it
        self.table: dict[str, int] = {}
        for g, group in enumerate(LEXICON_GROUPS):
            for word in words.get(group, "").split("\n"):
                if word:
                    self.table[word] = self.table.get(word, 0) | 1 << g
        for word in list(self.table):
            for k in range(1, len(word)):
                self.table[word[:k]] = self.table.get(word[:k], 0) | _PREFIX

    def features(self, text: str) -> list[int]:
        """Per character, a LEXICON_BITS-bit mask: bit 4 * position + group (positions B, M, E, S)."""
        bits = [0] * len(text)
        table, n = self.table, len(text)
        for i in range(n):
            j = i + 1
            while j <= n:
                entry = table.get(text[i:j])
                if entry is None:
                    break
                mask = entry & _GROUP_BITS
                if mask and j - i == 1:
                    bits[i] |= mask << 12
                elif mask:
                    bits[i] |= mask
                    bits[j - 1] |= mask << 8
                    for k in range(i + 1, j - 1):
                        bits[k] |= mask << 4
                if not entry & _PREFIX:
                    break
                j += 1
        return bits


def unpack_bits(masks: torch.Tensor, n_bits: int) -> torch.Tensor:
    """(batch, time) integer masks -> (batch, time, n_bits) float 0/1 features."""
    return ((masks.unsqueeze(-1) >> torch.arange(n_bits)) & 1).float()


class CRF(nn.Module):
    """Linear-chain CRF over the BIO labels, vectorised over the batch (loops only over time)."""

    def __init__(self, n_labels: int) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n_labels, n_labels))  # [from, to]
        self.start = nn.Parameter(torch.zeros(n_labels))
        self.end = nn.Parameter(torch.zeros(n_labels))
        trans_mask, start_mask = _transition_mask()
        self.register_buffer("trans_mask", trans_mask, persistent=False)
        self.register_buffer("start_mask", start_mask, persistent=False)

    def _scores(self) -> tuple[torch.Tensor, torch.Tensor]:
        return self.trans + self.trans_mask, self.start + self.start_mask

    def _forward_alphas(self, em: torch.Tensor, mask: torch.Tensor) -> list[torch.Tensor]:
        trans, start = self._scores()
        alpha = start + em[:, 0]
        alphas = [alpha]
        for t in range(1, em.size(1)):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans + em[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(mask[:, t, None], nxt, alpha)
            alphas.append(alpha)
        return alphas

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Summed negative log-likelihood of the gold `tags` (batch, time) given emissions."""
        trans, start = self._scores()
        maskf = mask.float()
        gold = start[tags[:, 0]] + (em.gather(2, tags.unsqueeze(2)).squeeze(2) * maskf).sum(1)
        gold = gold + (trans[tags[:, :-1], tags[:, 1:]] * maskf[:, 1:]).sum(1)
        last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        gold = gold + self.end[last]
        log_z = torch.logsumexp(self._forward_alphas(em, mask)[-1] + self.end, dim=1)
        return (log_z - gold).sum()

    def decode(self, em: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Viterbi tags (batch, time) and the marginal probability of each decoded tag."""
        trans, start = self._scores()
        batch, length, n = em.shape
        score = start + em[:, 0]
        keep = torch.arange(n).expand(batch, n)
        pointers = []
        for t in range(1, length):
            best, arg = (score.unsqueeze(2) + trans).max(dim=1)
            pointers.append(torch.where(mask[:, t, None], arg, keep))  # past the end: stay on the same tag
            score = torch.where(mask[:, t, None], best + em[:, t], score)
        tag = (score + self.end).argmax(dim=1)
        path = [tag]
        for ptr in reversed(pointers):
            tag = ptr.gather(1, tag.unsqueeze(1)).squeeze(1)
            path.append(tag)
        tags = torch.stack(path[::-1], dim=1)

        alphas = self._forward_alphas(em, mask)
        beta = self.end.expand(batch, n)
        betas = [beta]
        for t in range(length - 1, 0, -1):
            prev = torch.logsumexp(trans + (em[:, t] + beta).unsqueeze(1), dim=2)
            beta = torch.where(mask[:, t, None], prev, beta)
            betas.append(beta)
        log_z = torch.logsumexp(alphas[-1] + self.end, dim=1, keepdim=True)
        marg = torch.stack(alphas, 1) + torch.stack(betas[::-1], 1) - log_z.unsqueeze(1)
        probs = marg.gather(2, tags.unsqueeze(2)).squeeze(2).exp()
        return tags, probs


class BiLstmCrf(nn.Module):
    """Char + left/right bigram embeddings (+ lexicon bits) -> BiLSTM -> per-char label scores -> CRF."""

    def __init__(self, n_chars: int, n_bigrams: int, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        self.char_emb = nn.Embedding(n_chars, config.char_dim, padding_idx=0)
        self.bigram_emb = nn.Embedding(n_bigrams, config.bigram_dim, padding_idx=0)
        self.dropout = nn.Dropout(config.dropout)
        self.lstm = nn.LSTM(
            config.char_dim + 2 * config.bigram_dim + config.lexicon_bits,
            config.hidden,
            batch_first=True,
            bidirectional=True,
        )
        self.out = nn.Linear(2 * config.hidden, len(LABELS))
        self.crf = CRF(len(LABELS))

    def emissions(self, enc: Encoded) -> torch.Tensor:
        """Label scores (batch, time, labels); `enc.right` is the left bigram of the next character."""
        parts = [self.char_emb(enc.chars), self.bigram_emb(enc.left), self.bigram_emb(enc.right)]
        x = self.dropout(torch.cat(parts, dim=2))
        if self.config.lexicon_bits:
            x = torch.cat([x, unpack_bits(enc.lexicon, self.config.lexicon_bits)], dim=2)
        packed = pack_padded_sequence(x, enc.lengths, batch_first=True, enforce_sorted=False)
        h, _ = pad_packed_sequence(self.lstm(packed)[0], batch_first=True, total_length=enc.chars.size(1))
        return self.out(self.dropout(h))


@dataclass
class Encoded:
    chars: torch.Tensor
    left: torch.Tensor
    right: torch.Tensor
    lengths: torch.Tensor
    mask: torch.Tensor
    lexicon: torch.Tensor  # (batch, time) lexicon bit masks; all zero without a lexicon


class Encoder:
    """Turns folded texts into padded id tensors; unknown chars and bigrams map to UNK."""

    def __init__(self, chars: Sequence[str], bigram_list: Sequence[str], lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon
        self.chars = list(chars)
        self.bigrams = list(bigram_list)
        self.char_ids = {c: i for i, c in enumerate(self.chars)}
        self.bigram_ids = {b: i for i, b in enumerate(self.bigrams)}

    def encode(self, texts: Sequence[str]) -> Encoded:
        """Encode already-folded, non-empty texts as one padded batch (ids gathered flat: one tensor each)."""
        lengths = [len(t) for t in texts]
        lens = torch.tensor(lengths)
        mask = torch.arange(max(lengths)).unsqueeze(0) < lens.unsqueeze(1)
        char_ids, bigram_ids = self.char_ids, self.bigram_ids
        unk_c, unk_b = char_ids[UNK], bigram_ids[UNK]
        chars = [char_ids.get(c, unk_c) for text in texts for c in text]
        left: list[int] = []
        right: list[int] = []
        for text in texts:
            grams = [bigram_ids.get(b, unk_b) for b in bigrams(text)]
            left += grams
            right += grams[1:]
            right.append(bigram_ids.get(text[-1] + EOS, unk_b))
        lexicon = [bit for text in texts for bit in self.lexicon.features(text)] if self.lexicon else [0] * len(chars)

        def padded(ids: list[int]) -> torch.Tensor:
            return pad_sequence(torch.tensor(ids).split(lengths), batch_first=True)

        return Encoded(padded(chars), padded(left), padded(right), lens, mask, padded(lexicon))


def spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of every BIO span; a stray I-X opens a new span, as in conlleval."""
    out: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, label in enumerate([*labels, "O"]):
        prefix, _, typ = label.partition("-")
        if kind and (prefix != "I" or typ != kind):
            out.append((start, i, kind))
            kind = ""
        if prefix == "B" or (prefix == "I" and not kind):
            start, kind = i, typ
    return out


def chunk_bounds(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """Cut `text` into [start, end) pieces of at most `limit` chars, preferring punctuation cuts."""
    bounds = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for mark in CHUNK_BREAKS:
            pos = window.rfind(mark)
            if pos >= limit // 2:
                cut = pos + 1
                break
        bounds.append((start, start + cut))
        start += cut
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _length_batches(lengths: Sequence[int], budget: int) -> Iterator[list[int]]:
    """Indices grouped into batches of similar length whose padded size stays within `budget`."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batch: list[int] = []
    for i in order:
        if batch and lengths[i] * (len(batch) + 1) > budget:
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


@contextmanager
def _torch_threads(n: int | None) -> Iterator[None]:
    """Run torch ops with `n` intra-op threads (None: leave as is), restoring the previous setting."""
    before = torch.get_num_threads()
    if n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class EmbeddedTagger:
    """The Tagger for a loaded BiLSTM-CRF; `name` carries the weights hash so caches notice a new model.

    Tagging uses one torch thread by default: the batches are small, so a second thread gains little
    when the machine is idle and made tagging ten times slower here when another process held a core.
    """

    def __init__(self, model: BiLstmCrf, encoder: Encoder, name: str, threads: int | None = 1) -> None:
        self.model = model.eval()
        self.encoder = encoder
        self.name = name
        self.threads = threads

    def _predict(self, folded: Sequence[str]) -> list[tuple[list[str], list[float]]]:
        """BIO labels and per-char marginals for folded, non-empty texts, in input order."""
        results: list[tuple[list[str], list[float]]] = [([], [])] * len(folded)
        with torch.inference_mode(), _torch_threads(self.threads):
            for idx in _length_batches([len(t) for t in folded], BATCH_CHARS):
                enc = self.encoder.encode([folded[i] for i in idx])
                em = self.model.emissions(enc)
                tags, probs = self.model.crf.decode(em, enc.mask)
                for row, i in enumerate(idx):
                    n = len(folded[i])
                    results[i] = ([LABELS[k] for k in tags[row, :n].tolist()], probs[row, :n].tolist())
        return results

    def tag(self, texts: Sequence[str]) -> list[list[Mention]]:
        """PERSON/LOCATION/ORGANIZATION mentions per text, offsets into the text as given."""
        folded = [fold(text) for text in texts]
        pieces = [(t, s, e) for t, text in enumerate(folded) for s, e in chunk_bounds(text)]
        predicted = self._predict([folded[t][s:e] for t, s, e in pieces])
        out: list[list[Mention]] = [[] for _ in texts]
        for (t, offset, _), (labels, probs) in zip(pieces, predicted, strict=True):
            for start, end, typ in spans(labels):
                score = sum(probs[start:end]) / (end - start)
                a, b = offset + start, offset + end
                out[t].append(Mention(a, b, TYPE_NAMES[typ], texts[t][a:b], source=self.name, score=round(score, 4)))
        return out


def save_model(model: BiLstmCrf, encoder: Encoder, path: Path) -> str:
    """Write float16 weights plus vocabularies to `path`; return the tagger name they will load as."""
    state = {k: v.half() if v.is_floating_point() else v for k, v in model.state_dict().items()}
    blob = {
        "format": FORMATS[-1],
        "config": dataclasses.asdict(model.config),
        "labels": list(LABELS),
        "chars": encoder.chars,
        "bigrams": encoder.bigrams,
        "lexicon": encoder.lexicon.words if encoder.lexicon else None,
        "state": state,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(blob, tmp)
    tmp.replace(path)
    return tagger_name(path)


def tagger_name(path: Path) -> str:
    """Stable id of a weights file: architecture plus the first 12 hex digits of its SHA-256."""
    return f"embedded-bilstm-crf@{hashlib.sha256(path.read_bytes()).hexdigest()[:12]}"


def _fix(path: Path) -> str:
    if path.resolve() == DEFAULT_WEIGHTS:
        return f"reinstall kg, or rebuild the weights with `{TRAIN_COMMAND}` (run from the repository root)"
    return (
        "check the path given to --tagger embedded:PATH, use the shipped model (--tagger embedded), "
        f"or train one with `{TRAIN_COMMAND}`"
    )


def weights_id(path: str | Path | None = None) -> str:
    """The name the weights at `path` (default: shipped) load as, without loading them: for cache keys."""
    resolved = Path(path or DEFAULT_WEIGHTS).resolve()
    if not resolved.is_file():
        raise ModelLoadError(f"NER weights not found at {resolved}; {_fix(resolved)}")
    return tagger_name(resolved)


def _read(path: Path) -> dict[str, Any]:
    fix = _fix(path)
    if not path.is_file():
        raise ModelLoadError(f"NER weights not found at {path}; {fix}")
    try:
        blob = torch.load(path, map_location="cpu", weights_only=True)
        if not isinstance(blob, dict) or blob.get("format") not in FORMATS or tuple(blob["labels"]) != LABELS:
            raise ValueError("unexpected content")
    except Exception as exc:  # any unpickling/zip error means the same thing to the user
        raise ModelLoadError(f"NER weights at {path} are corrupt or from another version ({exc}); {fix}") from exc
    return blob


def load_model(path: Path) -> EmbeddedTagger:
    """Load a weights file written by `save_model`, without caching."""
    blob = _read(path)
    words = blob.get("lexicon")
    encoder = Encoder(blob["chars"], blob["bigrams"], Lexicon(words) if words else None)
    model = BiLstmCrf(len(encoder.chars), len(encoder.bigrams), ModelConfig(**blob["config"]))
    model.load_state_dict({k: v.float() for k, v in blob["state"].items()})
    return EmbeddedTagger(model, encoder, tagger_name(path))


_CACHE: dict[Path, EmbeddedTagger] = {}
_LOCK = threading.Lock()


def load_embedded(path: str | Path | None = None) -> EmbeddedTagger:
    """The tagger for `path` (default: the shipped model), loaded once per process."""
    resolved = Path(path or DEFAULT_WEIGHTS).resolve()
    with _LOCK:
        if resolved not in _CACHE:
            _CACHE[resolved] = load_model(resolved)
        return _CACHE[resolved]
