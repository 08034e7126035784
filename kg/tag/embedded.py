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

Loaded weights run the LSTM in bfloat16 where the CPU computes it natively (`BiLstmCrf.use_bfloat16_lstm`),
float32 elsewhere; training is float32.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

from kg.model import Mention
from kg.tag.base import TaggerLoadError
from kg.textnorm import fold
from kg.threads import torch_threads

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
    """Dictionary words by group; `features` marks every character with the B/M/E/S bits of the words over it.

    Matching is vectorised over a whole batch: n-grams are hashed (64-bit polynomial, wrapping) one length at
    a time and looked up in sorted tables of word and word-prefix hashes, and only the n-grams that are a
    prefix of some word grow by one more character. A walk per character in Python cost twice as much.
    """

    def __init__(self, words: dict[str, str]) -> None:
        """`words`: group name (LEXICON_GROUPS) -> newline-separated words, the form stored in the weights file."""
        self.words = words
        masks: dict[str, int] = {}
        for g, group in enumerate(LEXICON_GROUPS):
            for word in words.get(group, "").split("\n"):
                if word:
                    masks[word] = masks.get(word, 0) | 1 << g
        self.longest = max(map(len, masks), default=0)
        by_length: list[list[str]] = [[] for _ in range(self.longest + 1)]
        for word in masks:
            by_length[len(word)].append(word)
        # per length n: sorted hashes of the words of length n with their group masks, and of n-char prefixes
        self.keys: list[np.ndarray] = []
        self.masks: list[np.ndarray] = []
        prefix_parts: list[list[np.ndarray]] = [[] for _ in range(self.longest + 1)]
        for n, group in enumerate(by_length):
            hashes = _prefix_hashes(group, n)
            full = hashes[-1] if hashes else np.zeros(0, dtype=np.int64)
            order = full.argsort()
            self.keys.append(full[order])
            self.masks.append(np.array([masks[w] for w in group], dtype=np.int64)[order])
            for k, prefix in enumerate(hashes[:-1], 1):
                prefix_parts[k].append(prefix)
        self.prefixes = [np.unique(np.concatenate(parts)) if parts else self.keys[0] for parts in prefix_parts]

    def features(self, texts: Sequence[str]) -> torch.Tensor:
        """(characters of all texts, LEXICON_BITS) 0/1 floats: column 4 * position + group (positions B, M, E, S)."""
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        codes = _codes("".join(texts))
        text_end = np.repeat(np.cumsum(lengths), lengths)  # n-grams never run into the next text
        start, hashed = np.arange(len(codes)), codes
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        for n in range(1, self.longest + 1):
            if n > 1:
                inside = start + n - 1 < text_end[start]
                start = start[inside]
                with np.errstate(over="ignore"):
                    hashed = hashed[inside] * _HASH_MUL + codes[start + n - 1]
            self._mark(start, hashed, n, rows, cols)
            keep = _member(self.prefixes[n], hashed)
            start, hashed = start[keep], hashed[keep]
            if not len(start):
                break
        feats = np.zeros((len(codes), LEXICON_BITS), dtype=np.float32)
        if rows:
            feats[np.concatenate(rows), np.concatenate(cols)] = 1.0
        return torch.from_numpy(feats)

    def _mark(self, start: np.ndarray, hashed: np.ndarray, n: int, rows: list, cols: list) -> None:
        """Add the (character, column) cells of the words of length n among the n-grams starting at `start`."""
        keys = self.keys[n]
        if not len(keys):
            return
        found = np.searchsorted(keys, hashed).clip(max=len(keys) - 1)
        hit = keys[found] == hashed
        word, group = np.nonzero(self.masks[n][found[hit], None] >> np.arange(len(LEXICON_GROUPS)) & 1)
        at = start[hit][word]
        if n == 1:
            rows.append(at)
            cols.append(group + 12)
            return
        rows += [at, at + n - 1, (at[:, None] + np.arange(1, n - 1)).ravel()]
        cols += [group, group + 8, np.repeat(group + 4, n - 2)]


_HASH_MUL = np.int64(0x5851F42D4C957F2D)  # odd 63-bit multiplier; int64 products wrap
BOS_CODE, EOS_CODE = 0x110000, 0x110001  # just past Unicode: the sentence-boundary markers as code points


def _codes(text: str) -> np.ndarray:
    """Unicode code points of `text` as int64 (lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


def _prefix_hashes(words: Sequence[str], n: int) -> list[np.ndarray]:
    """For words all of length n: hashes of their first 1, 2, ..., n characters, hashed as `features` does."""
    if not words:
        return []
    codes = _codes("".join(words)).reshape(len(words), n)
    hashes = [codes[:, 0]]
    with np.errstate(over="ignore"):
        for k in range(1, n):
            hashes.append(hashes[-1] * _HASH_MUL + codes[:, k])
    return hashes


def _member(sorted_keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Which `values` are in the sorted 1-d array `sorted_keys`."""
    if not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    return sorted_keys[np.searchsorted(sorted_keys, values).clip(max=len(sorted_keys) - 1)] == values


def _lookup(sorted_keys: np.ndarray, ids: np.ndarray, values: np.ndarray, unknown: int) -> np.ndarray:
    """The id of each of `values` in the table (`sorted_keys`, `ids`), `unknown` where absent."""
    found = np.searchsorted(sorted_keys, values).clip(max=len(sorted_keys) - 1)
    return np.where(sorted_keys[found] == values, ids[found], unknown)


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


def _native_bfloat16() -> bool:
    """Whether this CPU computes bfloat16 matrix products in hardware (oneDNN's own test)."""
    try:
        return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # a torch build without oneDNN's test
        return False


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
        if enc.lexicon is not None:
            x = torch.cat([x, enc.lexicon], dim=2)
        x = x.to(self.lstm.weight_ih_l0.dtype)  # bfloat16 when `use_bfloat16_lstm` converted the LSTM
        packed = pack_padded_sequence(x, enc.lengths, batch_first=True, enforce_sorted=False)
        h, _ = pad_packed_sequence(self.lstm(packed)[0], batch_first=True, total_length=enc.chars.size(1))
        return self.out(self.dropout(h.float()))

    def use_bfloat16_lstm(self) -> bool:
        """Run the LSTM in bfloat16 where the CPU computes bfloat16 natively (AVX512-BF16, AMX); return whether.

        Why: the LSTM is two thirds of tagging time, and in bfloat16 tagging gets 37% more characters per CPU
        second on such a CPU; the shipped model's spans changed in 1 of 4,500 MSRA dev-block sentences (scores
        by up to 0.014); a sentence's spans stayed the same in whatever batch it was tagged (its scores move by
        up to 0.004), where int8 dynamic quantization, as fast, changed the spans of 5% of sentences with their
        batch. Elsewhere bfloat16 is emulated and slow.
        """
        if not _native_bfloat16():
            return False
        self.lstm.to(torch.bfloat16)
        return True


@dataclass
class Encoded:
    chars: torch.Tensor
    left: torch.Tensor
    right: torch.Tensor
    lengths: torch.Tensor
    mask: torch.Tensor
    lexicon: torch.Tensor | None  # (batch, time, LEXICON_BITS) lexicon features, when the model has a lexicon


class Encoder:
    """Turns folded texts into padded id tensors; unknown chars and bigrams map to UNK.

    Lookups are vectorised: characters are keyed by code point, bigrams by the pair of code points
    (BOS_CODE/EOS_CODE for the markers), each table sorted once for binary search.
    """

    def __init__(self, chars: Sequence[str], bigram_list: Sequence[str], lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon
        self.chars = list(chars)
        self.bigrams = list(bigram_list)
        self.char_keys, self.char_values = _sorted_table({ord(c): i for i, c in enumerate(self.chars) if len(c) == 1})
        self.bigram_keys, self.bigram_values = _sorted_table(
            {key: i for i, gram in enumerate(self.bigrams) if (key := _bigram_key(gram)) is not None}
        )
        self.unk_char, self.unk_bigram = self.chars.index(UNK), self.bigrams.index(UNK)

    def encode(self, texts: Sequence[str]) -> Encoded:
        """Encode already-folded, non-empty texts as one padded batch."""
        lengths = [len(t) for t in texts]
        lens = torch.tensor(lengths)
        mask = torch.arange(max(lengths)).unsqueeze(0) < lens.unsqueeze(1)
        codes = _codes("".join(texts))
        first = np.cumsum(lengths) - lengths
        last = first + lens.numpy() - 1
        before = np.roll(codes, 1)
        before[first] = BOS_CODE
        after = np.roll(codes, -1)
        after[last] = EOS_CODE
        chars = _lookup(self.char_keys, self.char_values, codes, self.unk_char)
        left = _lookup(self.bigram_keys, self.bigram_values, before << 21 | codes, self.unk_bigram)
        right = _lookup(self.bigram_keys, self.bigram_values, codes << 21 | after, self.unk_bigram)

        def padded(ids: np.ndarray | torch.Tensor) -> torch.Tensor:
            return pad_sequence(torch.as_tensor(ids).split(lengths), batch_first=True)

        lexicon = padded(self.lexicon.features(texts)) if self.lexicon else None
        return Encoded(padded(chars), padded(left), padded(right), lens, mask, lexicon)


def _bigram_key(gram: str) -> int | None:
    """The integer key `Encoder.encode` computes for a bigram of the vocabulary (None for PAD/UNK)."""
    if gram.startswith(BOS) and len(gram) == len(BOS) + 1:
        return BOS_CODE << 21 | ord(gram[-1])
    if gram.endswith(EOS) and len(gram) == len(EOS) + 1:
        return ord(gram[0]) << 21 | EOS_CODE
    return ord(gram[0]) << 21 | ord(gram[1]) if len(gram) == 2 else None


def _sorted_table(ids: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
    keys = np.array(sorted(ids), dtype=np.int64)
    return keys, np.array([ids[k] for k in keys.tolist()], dtype=np.int64)


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


Span = tuple[int, int, str, float]  # start, end, entity type (PERSON ...), mean marginal of its tags
_KIND_NAMES = ["", *TYPE_NAMES.values()]
_KIND = torch.tensor([_KIND_NAMES.index(TYPE_NAMES.get(label[2:], "")) for label in LABELS])  # tag id -> kind
_INSIDE = torch.tensor([label.startswith("I-") for label in LABELS])


def decoded_spans(tags: torch.Tensor, probs: torch.Tensor, mask: torch.Tensor) -> dict[int, list[Span]]:
    """Spans per batch row of decoded tag ids, read as `spans` reads BIO labels, found with tensor ops.

    On short news sentences a Python loop over the characters cost as much as the LSTM.
    """
    flat = ((tags > 0) & mask).flatten().nonzero().squeeze(1)  # entity characters, row-major
    tag = tags.flatten()[flat]
    kind = _KIND[tag]
    follows = torch.zeros_like(flat, dtype=torch.bool)
    width = tags.size(1)
    follows[1:] = (flat[1:] == flat[:-1] + 1) & (flat[1:] % width != 0) & (kind[1:] == kind[:-1])
    opens = ~(follows & _INSIDE[tag])
    span = opens.cumsum(0) - 1
    sums = torch.zeros(int(opens.sum()), dtype=torch.float64).index_add_(0, span, probs.flatten()[flat].double())
    sizes = torch.bincount(span, minlength=len(sums))
    first = flat[opens]
    out: dict[int, list[Span]] = {}
    rows, cols = (first // width).tolist(), (first % width).tolist()
    for row, col, size, k, total in zip(rows, cols, sizes.tolist(), kind[opens].tolist(), sums.tolist(), strict=True):
        out.setdefault(row, []).append((col, col + size, _KIND_NAMES[k], total / size))
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

    def _predict(self, folded: Sequence[str]) -> list[list[Span]]:
        """Decoded spans of folded, non-empty texts, in input order."""
        results: list[list[Span]] = [[] for _ in folded]
        with torch.inference_mode(), torch_threads(self.threads):
            for idx in _length_batches([len(t) for t in folded], BATCH_CHARS):
                enc = self.encoder.encode([folded[i] for i in idx])
                tags, probs = self.model.crf.decode(self.model.emissions(enc), enc.mask)
                for row, found in decoded_spans(tags, probs, enc.mask).items():
                    results[idx[row]] = found
        return results

    def tag(self, texts: Sequence[str]) -> list[list[Mention]]:
        """PERSON/LOCATION/ORGANIZATION mentions per text, offsets into the text as given."""
        folded = [fold(text) for text in texts]
        pieces = [(t, s, e) for t, text in enumerate(folded) for s, e in chunk_bounds(text)]
        predicted = self._predict([folded[t][s:e] for t, s, e in pieces])
        out: list[list[Mention]] = [[] for _ in texts]
        for (t, offset, _), found in zip(pieces, predicted, strict=True):
            text = texts[t]
            for start, end, typ, score in found:
                a, b = offset + start, offset + end
                while a < b and text[a].isspace():  # a line break the model took into a name ("\n欧尔班")
                    a += 1
                while a < b and text[b - 1].isspace():
                    b -= 1
                if a < b:
                    out[t].append(Mention(a, b, typ, text[a:b], source=self.name, score=round(score, 4)))
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
    model.use_bfloat16_lstm()
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
