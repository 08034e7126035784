"""The embedded BiLSTM-CRF tagger: shipped model behaviour, CRF maths, and the training path end to end."""

from __future__ import annotations

import importlib.util
import itertools
import json
import random
from pathlib import Path

import pytest
import torch

from kg.tag import get_tagger
from kg.tag.base import Tagger, TaggerLoadError
from kg.tag.embedded import (
    CRF,
    DEFAULT_WEIGHTS,
    LABELS,
    LEXICON_BITS,
    MAX_CHUNK,
    BiLstmCrf,
    Encoder,
    Lexicon,
    ModelConfig,
    ModelLoadError,
    bigrams,
    chunk_bounds,
    load_embedded,
    load_model,
    save_model,
    spans,
    tagger_name,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

SENTENCES = [
    "市委书记王立新来到东城街道检查工作。",
    "昨天，北京大学校长李建国在上海会见了日本东京大学代表团。",
    "县人民政府副县长陈志强主持召开防汛工作会议。",
    "张海燕和刘晓东一起前往杭州市考察浙江大学。",
]


def _load_pipeline(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "pipelines" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load_train_ner():
    return _load_pipeline("train_ner")


@pytest.fixture(scope="module")
def tagger():
    return load_embedded()


def _key(mentions):
    """Everything but the score, which may differ in the last digits with batch shapes."""
    return [(m.start, m.end, m.type, m.text, m.source) for m in mentions]


def test_shipped_model_loads_once_per_process_and_fits_the_protocol(tagger):
    assert load_embedded() is tagger
    assert load_embedded(DEFAULT_WEIGHTS) is tagger
    assert get_tagger("embedded") is tagger
    assert isinstance(tagger, Tagger)
    assert tagger.name == tagger_name(DEFAULT_WEIGHTS)


def test_shipped_card_describes_the_shipped_weights(tagger):
    card = json.loads(DEFAULT_WEIGHTS.with_suffix(".json").read_text(encoding="utf-8"))
    assert card["name"] == tagger.name
    assert card["weights_bytes"] == DEFAULT_WEIGHTS.stat().st_size
    assert card["dev_scores"]["micro"]["f1"] >= 0.9
    assert card["weights_bytes"] <= 30_000_000


def test_finds_people_places_and_organizations_in_written_news_sentences(tagger):
    found = {(m.type, m.text) for mentions in tagger.tag(SENTENCES) for m in mentions}
    for expected in [
        ("PERSON", "王立新"),
        ("LOCATION", "东城街道"),
        ("ORGANIZATION", "县人民政府"),
        ("PERSON", "李建国"),
        ("PERSON", "陈志强"),
        ("PERSON", "张海燕"),
        ("PERSON", "刘晓东"),
        ("LOCATION", "上海"),
        ("LOCATION", "杭州市"),
        ("ORGANIZATION", "北京大学"),
        ("ORGANIZATION", "浙江大学"),
    ]:
        assert expected in found


def test_mentions_carry_offsets_into_the_given_text_source_and_score(tagger):
    for text, mentions in zip(SENTENCES, tagger.tag(SENTENCES), strict=True):
        assert mentions
        for m in mentions:
            assert text[m.start : m.end] == m.text
            assert m.type in {"PERSON", "LOCATION", "ORGANIZATION"}
            assert m.source == tagger.name
            assert 0.0 < m.score <= 1.0


def test_no_mention_begins_or_ends_with_whitespace_in_text_of_several_lines(tagger):
    texts = ["\n".join(SENTENCES), " \n".join(SENTENCES) + "\n"]
    found = tagger.tag(texts)
    assert all(found)
    for text, mentions in zip(texts, found, strict=True):
        for m in mentions:
            assert m.text == text[m.start : m.end] == m.text.strip()


def test_batch_results_equal_one_by_one_results_in_input_order(tagger):
    texts = [*SENTENCES, "", "会议由他主持。", SENTENCES[0] * 3]
    batched = tagger.tag(texts)
    single = [tagger.tag([t])[0] for t in texts]
    assert [_key(m) for m in batched] == [_key(m) for m in single]
    bfloat16 = tagger.model.lstm.weight_ih_l0.dtype == torch.bfloat16  # its sums round with the batch's shape
    scores = pytest.approx([m.score for ms in single for m in ms], abs=1e-2 if bfloat16 else 1e-3)
    assert [m.score for ms in batched for m in ms] == scores
    assert [_key(m) for m in tagger.tag(texts[::-1])] == [_key(m) for m in batched[::-1]]


def test_empty_text_gives_no_mentions(tagger):
    assert tagger.tag([""]) == [[]]
    assert tagger.tag([]) == []


def test_full_width_digits_and_punctuation_tag_like_half_width(tagger):
    half = "2021年12月5日,王立新在东城街道调研。"
    full = "２０２１年１２月５日，王立新在东城街道调研。"
    assert [(m.start, m.end, m.type) for m in tagger.tag([half])[0]] == [
        (m.start, m.end, m.type) for m in tagger.tag([full])[0]
    ]


def test_long_text_is_chunked_with_offsets_into_the_whole_text(tagger):
    text = "".join(SENTENCES) * 12
    assert len(text) > 4 * MAX_CHUNK
    mentions = tagger.tag([text])[0]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert sum(m.text == "王立新" for m in mentions) == 12
    assert max(m.end for m in mentions) > len(text) - len(SENTENCES[-1])


def test_long_text_without_punctuation_is_cut_safely(tagger):
    text = "王立新" + "的" * (3 * MAX_CHUNK) + "李建国来到东城街道"
    mentions = tagger.tag([text])[0]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert any(m.text == "李建国" for m in mentions)


def test_chunk_bounds_cover_the_text_and_prefer_sentence_ends():
    text = ("一" * 200 + "。") * 5 + "二" * 700
    bounds = chunk_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(0 < e - s <= MAX_CHUNK for s, e in bounds)
    assert all(text[e - 1] == "。" for _, e in bounds[:5])


def test_spans_read_bio_like_conlleval():
    labels = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "B-ORG", "I-PER"]
    assert spans(labels) == [(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "ORG"), (6, 7, "ORG"), (7, 8, "PER")]


def _brute_force(crf: CRF, em: torch.Tensor, length: int):
    """Every label path of one sequence with its CRF score, honouring the BIO constraints."""
    with torch.no_grad():
        trans, start = crf._scores()
        paths = []
        for path in itertools.product(range(len(LABELS)), repeat=length):
            score = start[path[0]] + em[0, path[0]] + crf.end[path[-1]]
            score += sum(trans[a, b] + em[t + 1, b] for t, (a, b) in enumerate(itertools.pairwise(path)))
            paths.append((float(score), path))
    return paths


def test_crf_viterbi_likelihood_and_marginals_match_brute_force():
    torch.manual_seed(0)
    crf = CRF(len(LABELS))
    with torch.no_grad():
        for p in crf.parameters():
            p.normal_()
    em = torch.randn(2, 3, len(LABELS))
    mask = torch.tensor([[True, True, True], [True, True, False]])
    gold = torch.tensor([[1, 2, 0], [3, 4, 0]])
    with torch.no_grad():
        tags, probs = crf.decode(em, mask)
        nll = crf.nll(em, gold, mask)
    expected_nll = 0.0
    for row, length in enumerate([3, 2]):
        paths = _brute_force(crf, em[row], length)
        _, best_path = max(paths)
        log_z = torch.logsumexp(torch.tensor([s for s, _ in paths]), 0)
        assert tuple(tags[row, :length].tolist()) == best_path
        expected_nll += float(log_z) - dict((p, s) for s, p in paths)[tuple(gold[row, :length].tolist())]
        for t in range(length):
            mass = sum(torch.exp(torch.tensor(s) - log_z) for s, p in paths if p[t] == best_path[t])
            assert float(probs[row, t]) == pytest.approx(float(mass), abs=1e-4)
    assert float(nll) == pytest.approx(expected_nll, abs=1e-3)


def _template_corpus(path: Path, n: int) -> None:
    """A small BIO corpus from our own templates, in the MSRA file layout."""
    rng = random.Random(7)
    names = [a + b for a in "王李张刘陈杨" for b in ("立新", "建国", "海燕", "晓东", "志强")]
    places = ["东城街道", "西溪镇", "南湖村", "石柱镇", "江南街道"]
    orgs = ["县人民医院", "市教育局", "县供电公司", "市人民政府"]
    templates = [
        [("市委书记", None), ("{name}", "PER"), ("来到", None), ("{place}", "LOC"), ("检查工作。", None)],
        [("{org}", "ORG"), ("负责人", None), ("{name}", "PER"), ("介绍了有关情况。", None)],
        [("{name}", "PER"), ("在", None), ("{place}", "LOC"), ("调研", None), ("{org}", "ORG"), ("。", None)],
    ]
    lines = []
    for _ in range(n):
        values = {"name": rng.choice(names), "place": rng.choice(places), "org": rng.choice(orgs)}
        for piece, typ in rng.choice(templates):
            text = piece.format(**values)
            tags = [f"B-{typ}"] + [f"I-{typ}"] * (len(text) - 1) if typ else ["O"] * len(text)
            lines += [f"{c}\t{t}" for c, t in zip(text, tags, strict=True)]
        lines.append("")
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_tiny_training_run_learns_templates_and_writes_a_loadable_model_and_card(tmp_path):
    train_ner = _load_train_ner()
    corpus = tmp_path / "corpora" / "msra_ner" / "msra_train_bio"
    _template_corpus(corpus, 300)
    out = tmp_path / "model" / "ner"
    args = ["--corpora", str(tmp_path / "corpora"), "--out", str(out), "--epochs", "2", "--threads", "1"]
    args += ["--batch", "8", "--lr", "0.02"]
    args += ["--min-char", "1", "--min-bigram", "1", "--char-dim", "16", "--bigram-dim", "8", "--hidden", "16"]
    card = train_ner.main(args)
    weights = out.with_suffix(".pt")
    assert json.loads(out.with_suffix(".json").read_text(encoding="utf-8")) == card
    # 270 sentences before the 30-sentence dev block, less the gap before it
    assert card["train_sentences"] == 170 and card["epochs_run"] == 2
    assert "270..299" in card["dev"]
    assert card["dev_scores"]["micro"]["f1"] >= 0.8
    tagger = load_model(weights)
    assert tagger.name == card["name"] != load_embedded().name
    mentions = tagger.tag(["市委书记王立新来到东城街道检查工作。"])[0]
    assert all(m.source == tagger.name for m in mentions)
    report = train_ner.main(["--eval", str(corpus), "--model", str(weights), "--threads", "1"])
    assert report["chars"] == sum(1 for line in corpus.read_text(encoding="utf-8").splitlines() if line)
    assert report["micro"]["f1"] >= 0.8


def test_missing_weights_raise_an_error_naming_the_path_and_the_fix(tmp_path):
    missing = tmp_path / "nowhere" / "ner.pt"
    with pytest.raises(ModelLoadError, match=r"train_ner\.py") as err:
        load_embedded(missing)
    assert str(missing) in str(err.value)
    with pytest.raises(TaggerLoadError, match=r"train_ner\.py"):
        get_tagger(f"embedded:{missing}")


def test_corrupt_weights_raise_an_error_naming_the_path_and_the_fix(tmp_path):
    broken = tmp_path / "ner.pt"
    broken.write_bytes(b"not a torch file")
    with pytest.raises(ModelLoadError, match=r"train_ner\.py") as err:
        load_model(broken)
    assert str(broken) in str(err.value)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds absent")
def test_real_seed_page_yields_people_with_valid_offsets(tagger):
    """A whole OCR'd page (line breaks dropped, so names split across lines rejoin) as one long text."""
    page = (SEEDS / "003_92576092c1be5f1d.txt").read_text(encoding="utf-8")
    text = "".join(line.strip() for line in page.splitlines())
    mentions = tagger.tag([text])[0]
    assert sum(m.type == "PERSON" for m in mentions) >= 5
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_dev_split_is_the_last_tenth_as_one_block_with_a_gap_before_it():
    train_ner = _load_train_ner()
    sentences = [(str(i), ["O"]) for i in range(2000)]
    train, dev = train_ner.split_dev(sentences)
    assert [int(t) for t, _ in dev] == list(range(1800, 2000))
    assert [int(t) for t, _ in train] == list(range(1800 - train_ner.DEV_GAP))


COLUMNS = [f"{position}-{group}" for position in "BMES" for group in ("PER", "LOC", "ORG", "WORD")]


def _lexicon_bits(lexicon: Lexicon, text: str) -> dict[str, set[str]]:
    """Per character, the set of position-group columns its lexicon features hold, e.g. {'B-PER', 'S-WORD'}."""
    feats = lexicon.features([text])
    return {f"{i}{ch}": {COLUMNS[c] for c in range(LEXICON_BITS) if feats[i, c]} for i, ch in enumerate(text)}


def _lexicon_by_definition(words: dict[str, str], text: str) -> list[set[str]]:
    """Every substring that is a word of a group marks its characters: B/M/E, or S for one character."""
    groups = {group: set(filter(None, found.split("\n"))) for group, found in words.items()}
    cells: list[set[str]] = [set() for _ in text]
    for i in range(len(text)):
        for j in range(i + 1, len(text) + 1):
            for group, found in groups.items():
                if text[i:j] not in found:
                    continue
                if j - i == 1:
                    cells[i].add(f"S-{group}")
                    continue
                cells[i].add(f"B-{group}")
                cells[j - 1].add(f"E-{group}")
                cells[i + 1 : j - 1] = [c | {f"M-{group}"} for c in cells[i + 1 : j - 1]]
    return cells


def test_lexicon_marks_begin_middle_end_and_single_words_per_group():
    lexicon = Lexicon({"PER": "王立新", "LOC": "东城\n东城街道", "ORG": "", "WORD": "来到\n街道\n到"})
    bits = _lexicon_bits(lexicon, "王立新来到东城街道")
    assert bits == {
        "0王": {"B-PER"},
        "1立": {"M-PER"},
        "2新": {"E-PER"},
        "3来": {"B-WORD"},
        "4到": {"E-WORD", "S-WORD"},
        "5东": {"B-LOC"},
        "6城": {"E-LOC", "M-LOC"},
        "7街": {"M-LOC", "B-WORD"},
        "8道": {"E-LOC", "E-WORD"},
    }
    assert lexicon.features([]).shape == (0, LEXICON_BITS)
    assert _lexicon_bits(lexicon, "王立") == {"0王": set(), "1立": set()}  # a prefix of a word is no match


def test_lexicon_matches_its_definition_on_random_batches_without_crossing_texts():
    rng = random.Random(11)
    alphabet = "王立新东城街道来到\ud800"  # a lone surrogate, as undecodable input may hold
    words = {
        group: "\n".join({"".join(rng.choices(alphabet, k=rng.randint(1, 5))) for _ in range(12)})
        for group in ("PER", "LOC", "ORG", "WORD")
    }
    lexicon = Lexicon(words)
    for _ in range(30):
        texts = ["".join(rng.choices(alphabet, k=rng.randint(1, 12))) for _ in range(rng.randint(1, 5))]
        feats = lexicon.features(texts)
        got = [{COLUMNS[c] for c in range(LEXICON_BITS) if row[c]} for row in feats.tolist()]
        assert got == [cell for text in texts for cell in _lexicon_by_definition(words, text)]


def test_encoder_ids_match_the_vocabularies_for_any_characters():
    """Vectorised look-ups equal plain dictionary look-ups: chars, left bigrams, right bigrams with markers."""
    rng = random.Random(4)
    alphabet = "王立新东城街道，a1\ud800\U0001f600"
    vocab_text = "".join(rng.choices(alphabet, k=40))
    chars = ["<pad>", "<unk>", *sorted(set(vocab_text))[:6]]
    grams = ["<pad>", "<unk>", *sorted({*bigrams(vocab_text), vocab_text[-1] + "</s>"})]
    encoder = Encoder(chars, grams)
    texts = ["".join(rng.choices(alphabet, k=rng.randint(1, 9))) for _ in range(20)]
    enc = encoder.encode(texts)
    for row, text in enumerate(texts):
        left = bigrams(text)
        right = [*left[1:], text[-1] + "</s>"]
        n = len(text)
        assert enc.chars[row, :n].tolist() == [chars.index(c) if c in chars else 1 for c in text]
        assert enc.left[row, :n].tolist() == [grams.index(b) if b in grams else 1 for b in left]
        assert enc.right[row, :n].tolist() == [grams.index(b) if b in grams else 1 for b in right]
        assert enc.mask[row].tolist() == [True] * n + [False] * (enc.mask.size(1) - n)
    assert enc.lexicon is None


def _tiny_model(lexicon: Lexicon | None) -> tuple[BiLstmCrf, Encoder]:
    torch.manual_seed(3)
    text = "".join(SENTENCES)
    encoder = Encoder(["<pad>", "<unk>", *sorted(set(text))], ["<pad>", "<unk>", *sorted(set(bigrams(text)))], lexicon)
    config = ModelConfig(8, 4, 8, 0.0, LEXICON_BITS if lexicon else 0)
    return BiLstmCrf(len(encoder.chars), len(encoder.bigrams), config), encoder


def test_lexicon_model_saves_and_loads_with_its_lexicon(tmp_path):
    lexicon = Lexicon({"PER": "王立新\n李建国", "LOC": "东城街道"})
    model, encoder = _tiny_model(lexicon)
    name = save_model(model, encoder, tmp_path / "lex.pt")
    loaded = load_model(tmp_path / "lex.pt")
    assert loaded.name == name
    assert loaded.encoder.lexicon.words == lexicon.words
    enc = loaded.encoder.encode(SENTENCES[:2])
    assert torch.equal(enc.lexicon[0, : len(SENTENCES[0])], lexicon.features([SENTENCES[0]]))
    assert enc.lexicon[0].sum() > 0 and enc.lexicon[0, len(SENTENCES[0]) :].sum() == 0
    assert [_key(m) for m in loaded.tag(SENTENCES)] == [_key(m) for m in loaded.tag(SENTENCES)]


def test_weights_of_the_first_format_still_load_and_tag_the_same(tmp_path):
    """Format 1 (models up to 2026-11): no lexicon entry, no lexicon_bits in the config."""
    model, encoder = _tiny_model(None)
    save_model(model, encoder, tmp_path / "new.pt")
    blob = torch.load(tmp_path / "new.pt", weights_only=True)
    del blob["lexicon"], blob["config"]["lexicon_bits"]
    torch.save(blob | {"format": 1}, tmp_path / "old.pt")
    old, new = load_model(tmp_path / "old.pt"), load_model(tmp_path / "new.pt")
    assert old.encoder.lexicon is None
    texts = [*SENTENCES, "会议由他主持。"]
    assert [[m.start for m in ms] for ms in old.tag(texts)] == [[m.start for m in ms] for ms in new.tag(texts)]


def test_training_with_lexicon_and_pretrained_vectors_uses_both(tmp_path):
    train_ner = _load_train_ner()
    corpus = tmp_path / "corpora" / "msra_ner" / "msra_train_bio"
    _template_corpus(corpus, 300)
    vectors = tmp_path / "vectors.pt"
    torch.manual_seed(5)
    torch.save(
        {
            "chars": list("王李东城"),
            "char_vectors": torch.randn(4, 16),
            "bigrams": ["王立", "东城"],
            "bigram_vectors": torch.randn(2, 8),
            "sentences": 2,
        },
        vectors,
    )
    out = tmp_path / "model" / "ner"
    args = ["--corpora", str(tmp_path / "corpora"), "--out", str(out), "--epochs", "1", "--threads", "1"]
    args += ["--batch", "8", "--lr", "0.02", "--lexicon", "jieba", "--pretrained", str(vectors)]
    args += ["--min-char", "1", "--min-bigram", "1", "--char-dim", "16", "--bigram-dim", "8", "--hidden", "16"]
    card = train_ner.main(args)
    assert card["pretrained"]["rows"] == {"chars": 4, "bigrams": 2}
    assert card["lexicon"]["words"] > 100_000
    tagger = load_model(out.with_suffix(".pt"))
    assert tagger.model.config.lexicon_bits == LEXICON_BITS
    assert tagger.encoder.encode(["王立新来到东城街道"]).lexicon.any()


def test_pretraining_tokens_are_the_taggers_bigrams():
    """Pre-trained bigram vectors only help if their tokens are exactly the bigrams the encoder looks up."""
    pretrain = _load_pipeline("pretrain_embeddings")
    text = "王立新来到东城街道。"
    tokens = pretrain.bigram_tokens(text)
    encoder = Encoder(["<pad>", "<unk>", *text], ["<pad>", "<unk>", *tokens])
    enc = encoder.encode([text])
    assert int((enc.left <= 1).sum()) == 0 and int((enc.right <= 1).sum()) == 0


def test_words_only_lexicon_keeps_every_word_and_no_types():
    """`--lexicon jieba-words`: jieba's words as boundaries only, so its wrong types (a leader's name filed as a
    place) cannot reach the model."""
    train_ner = _load_train_ner()
    typed, words = train_ner.jieba_lexicon(), train_ner.jieba_lexicon("jieba-words")
    assert set(words.words) == {"WORD"} and {"PER", "LOC", "ORG"} <= set(typed.words)
    assert sum(map(len, words.keys)) == sum(map(len, typed.keys))  # the same words, one group
    encoder = Encoder(["<pad>", "<unk>", *"北京大学"], ["<pad>", "<unk>", "北京"], words)
    features = encoder.encode(["北京大学"]).lexicon[0]
    word_columns = [4 * p + 3 for p in range(4)]  # column 4 * position + group; WORD is group 3
    typed_columns = [c for c in range(LEXICON_BITS) if c not in word_columns]
    assert features[:, word_columns].any() and not features[:, typed_columns].any()


def test_common_words_lexicon_leaves_out_the_dictionary_names():
    """`--lexicon jieba-common`: jieba's common words only; a leader's name (普京, filed `ns`) is not in it."""
    train_ner = _load_train_ner()
    common, words = train_ner.jieba_lexicon("jieba-common"), train_ner.jieba_lexicon("jieba-words")
    assert set(common.words) == {"WORD"}
    common_words, all_words = set(common.words["WORD"].split("\n")), set(words.words["WORD"].split("\n"))
    assert "普京" in all_words and "普京" not in common_words and "北京" not in common_words
    assert {"会见", "工作"} <= common_words and len(common_words) < len(all_words)


def test_token_dropout_hides_only_real_tokens_at_about_the_asked_rate():
    train_ner = _load_train_ner()
    texts = ["王立新来到东城街道检查工作。" * 6, "李建国在上海会见代表团。"]
    chars = sorted(set("".join(texts)))
    encoder = Encoder(["<pad>", "<unk>", *chars], ["<pad>", "<unk>", *{b for t in texts for b in bigrams(t)}])
    enc = encoder.encode(texts)
    generator = torch.Generator().manual_seed(3)
    dropped = train_ner.with_unknowns(enc, encoder, 0.0, 0.5, generator)
    assert torch.equal(dropped.chars, enc.chars)  # rate 0: untouched
    hidden = (dropped.left != enc.left) | (dropped.right != enc.right)
    assert not hidden[~enc.mask].any()  # padding stays padding
    assert (dropped.left[dropped.left != enc.left] == encoder.unk_bigram).all()
    share = float((dropped.left != enc.left)[enc.mask].float().mean())
    assert 0.35 < share < 0.65
    assert torch.equal(enc.left, encoder.encode(texts).left)  # the batch itself is not modified
