"""Pre-train character and bigram vectors for the embedded NER model on unlabelled text kg has (word2vec).

    pip install gensim   # not a kg dependency: only this script needs it
    python pipelines/pretrain_embeddings.py --corpora ../shared/corpora --out /tmp/ner/vectors.pt --cbow --epochs 3
    python pipelines/train_ner.py --pretrained /tmp/ner/vectors.pt --lexicon jieba ...

(CBOW, 3 epochs: 6 minutes for 5.6M characters on a busy core; skip-gram ran at a fifth of that speed.)

Text: the CCTV news of `xwlb_dev`, the MSRA train sentences `train_ner.py` trains on (never its dev block) and
CLUENER2020 train. Every text is folded as the tagger folds it, and bigrams are the tagger's own left bigrams
(with its start and end markers), so each vector lines up with a row of the model's embedding tables.
The output (27 MB) belongs in /tmp: `train_ner.py` copies the rows it keeps into the model file.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from train_ner import msra_path, read_bio, split_dev

from kg.tag.embedded import EOS, bigrams
from kg.textnorm import fold

log = logging.getLogger("pretrain_embeddings")
SENTENCE_END = re.compile(r"(?<=[。！？\n])")


def news_sentences(path: Path) -> Iterator[str]:
    """Folded sentences of a JSONL news file (`text` field), cut after 。！？ and line ends."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            for sentence in SENTENCE_END.split(json.loads(line)["text"]):
                if sentence.strip():
                    yield fold(sentence.strip())


def cluener_sentences(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield fold(json.loads(line)["text"])


def corpus(args: argparse.Namespace) -> list[str]:
    """Every pre-training sentence: MSRA train without the dev block, CLUENER train, and news unless --no-news."""
    root = Path(args.corpora)
    msra_train, _ = split_dev(read_bio(msra_path(args)))
    texts = [text for text, _ in msra_train]
    texts += cluener_sentences(root / "cluener2020" / "train.json")
    if not args.no_news:
        texts += news_sentences(root / "xwlb_dev" / "xwlb_2022_2023.jsonl")
    return texts


def bigram_tokens(text: str) -> list[str]:
    """The tagger's left bigrams of `text` plus the end-marker bigram its right context uses."""
    return [*bigrams(text), text[-1] + EOS]


def word2vec(sequences: Sequence[list[str]], dim: int, min_count: int, args: argparse.Namespace):
    """Skip-gram (or CBOW) vectors with negative sampling: (tokens, float32 tensor), most frequent first."""
    from gensim.models import Word2Vec  # imported here so --help works without gensim

    began = time.perf_counter()
    model = Word2Vec(
        sequences,
        vector_size=dim,
        window=args.window,
        min_count=min_count,
        sg=0 if args.cbow else 1,
        negative=5,
        epochs=args.epochs,
        workers=args.workers,
        seed=args.seed,
    )
    log.info("%d tokens of dim %d in %.0fs", len(model.wv.index_to_key), dim, time.perf_counter() - began)
    return list(model.wv.index_to_key), torch.tensor(model.wv.vectors)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default="../shared/corpora", help="folder holding msra_ner/, cluener2020/, xwlb_dev/")
    ap.add_argument("--out", default="/tmp/ner/vectors.pt")
    ap.add_argument("--limit", type=int, default=0, help="read only the first N MSRA sentences (as train_ner.py)")
    ap.add_argument("--char-dim", type=int, default=100)
    ap.add_argument("--bigram-dim", type=int, default=50)
    ap.add_argument("--min-char", type=int, default=3)
    ap.add_argument("--min-bigram", type=int, default=5)
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--cbow", action="store_true", help="CBOW instead of skip-gram: about 3x faster on a busy machine")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument(
        "--no-news",
        action="store_true",
        help="leave xwlb_dev out: its bigrams would enter the model's vocabulary, tuned to another corpus",
    )
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> dict:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", force=True)
    texts = corpus(args)
    log.info("%d sentences, %d characters", len(texts), sum(map(len, texts)))
    chars, char_vectors = word2vec([list(t) for t in texts], args.char_dim, args.min_char, args)
    grams, bigram_vectors = word2vec([bigram_tokens(t) for t in texts], args.bigram_dim, args.min_bigram, args)
    blob = {
        "chars": chars,
        "char_vectors": char_vectors,
        "bigrams": grams,
        "bigram_vectors": bigram_vectors,
        "sentences": len(texts),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    torch.save(blob, args.out)
    log.info("wrote %s", args.out)
    return blob


if __name__ == "__main__":
    main()
