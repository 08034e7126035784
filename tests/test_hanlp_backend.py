"""HanLP backend: real tiny models trained here with HanLP's own trainer, offline loading, and the CRF fix."""

from __future__ import annotations

import pickle
import random
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import hanlp
import pytest
import torch
from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
from hanlp.components.taggers.rnn.rnntaggingmodel import RNNTaggingModel
from hanlp.layers.crf.crf import CRF
from hanlp.utils import io_util

from kg.model import ENTITY_TYPES
from kg.tag import hanlp_backend
from kg.tag.base import Tagger
from kg.tag.hanlp_backend import (
    BatchFirstCRF,
    HanLPTagger,
    TaggerLoadError,
    align_tokens,
    entities_to_mentions,
    map_label,
    mentions_from_mtl,
    patch_hanlp_crf,
)

# Invented vocabulary; a template is a list of segments, "{slot}" segments are filled from SLOTS.
SLOTS = {
    "person": ("PERSON", [s + g for s in "王李张陈周吴徐孙" for g in ("立新", "建华", "晓峰", "秀兰", "志远", "春梅")]),
    "place": ("LOCATION", ["东城街道", "西溪镇", "南岭村", "石门乡", "青山镇", "北湖街道", "桃源村"]),
    "org": ("ORGANIZATION", ["县卫生健康局", "城投集团", "第二实验小学", "县水务公司", "县商务局"]),
    "title": (None, ["县长", "副县长", "镇党委书记", "局长", "主任"]),
}
TEMPLATES = [
    ["{title}", "{person}", "来到", "{place}", "检查", "工作", "。"],
    ["{person}", "在", "{place}", "调研", "{org}", "项目", "。"],
    ["{org}", "负责人", "{person}", "陪同", "{title}", "在", "{place}", "考察", "。"],
    ["{title}", "{person}", "走访", "{org}", "，", "看望", "一线", "职工", "。"],
]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
MODEL_SETTINGS = dict(epochs=8, embed=32, rnn_hidden=64, batch_size=32, lr=0.01, drop=0.2, tagging_scheme="BIO")


def make_sentence(rng: random.Random) -> tuple[list[tuple[str, str | None]], list[tuple[int, int, str]]]:
    """Segments with their entity type, and the gold (start, end, type) char spans of the sentence."""
    segments, gold, offset = [], [], 0
    for part in rng.choice(TEMPLATES):
        kind, fillers = SLOTS.get(part.strip("{}"), (None, [part])) if part.startswith("{") else (None, [part])
        value = rng.choice(fillers)
        segments.append((value, kind))
        if kind:
            gold.append((offset, offset + len(value), kind))
        offset += len(value)
    return segments, gold


def bio_tsv(sentences: list[list[tuple[str, str | None]]], char_level: bool) -> str:
    """HanLP's TSV tagging format: token<TAB>tag lines, a blank line after each sentence."""
    lines = []
    for segments in sentences:
        for value, kind in segments:
            tokens = list(value) if char_level else [value]
            lines += [
                f"{tok}\t{'O' if not kind else ('B-' if i == 0 else 'I-') + kind}" for i, tok in enumerate(tokens)
            ]
        lines.append("")
    return "\n".join(lines) + "\n"


def text_of(segments: list[tuple[str, str | None]]) -> str:
    return "".join(value for value, _ in segments)


def train(root: Path, char_level: bool) -> Path:
    rng = random.Random(7)
    for split, size in (("trn", 300), ("dev", 60)):
        (root / f"{split}.tsv").write_text(
            bio_tsv([make_sentence(rng)[0] for _ in range(size)], char_level), encoding="utf-8"
        )
    save_dir = root / "model"
    patch_hanlp_crf()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny LSTM steps: extra threads only wait on each other on a shared machine
    try:
        RNNNamedEntityRecognizer().fit(
            str(root / "trn.tsv"), str(root / "dev.tsv"), str(save_dir), seed=1, verbose=False, **MODEL_SETTINGS
        )
    finally:
        torch.set_num_threads(threads)
    return save_dir


@pytest.fixture(scope="session", autouse=True)
def hanlp_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point HANLP_HOME at an empty tmp dir so nothing reads or writes ~/.hanlp."""
    home = tmp_path_factory.mktemp("hanlp_home")
    patcher = pytest.MonkeyPatch()
    patcher.setenv("HANLP_HOME", str(home))
    yield home
    patcher.undo()


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture(scope="session")
def char_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train(tmp_path_factory.mktemp("char_ner"), char_level=True)


@pytest.fixture(scope="session")
def char_tagger(char_model: Path) -> HanLPTagger:
    return HanLPTagger(f"hanlp:{char_model}")


@pytest.fixture(scope="session")
def fresh_sentences() -> list[tuple[str, list[tuple[int, int, str]]]]:
    rng = random.Random(2024)
    return [(text_of(segments), gold) for segments, gold in (make_sentence(rng) for _ in range(40))]


def spans(mentions: list) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.type) for m in mentions]


def test_char_model_finds_entities_at_char_offsets(char_tagger: HanLPTagger, fresh_sentences: list) -> None:
    texts = [text for text, _ in fresh_sentences]
    tagged = char_tagger.tag(texts)
    exact = sum(spans(mentions) == gold for mentions, (_, gold) in zip(tagged, fresh_sentences, strict=True))
    assert exact >= 0.9 * len(texts)
    for text, mentions in zip(texts, tagged, strict=True):
        assert all(m.text == text[m.start : m.end] and m.source == char_tagger.name for m in mentions)


def test_tagger_satisfies_protocol_and_names_the_model(char_tagger: HanLPTagger, char_model: Path) -> None:
    assert isinstance(char_tagger, Tagger)
    assert char_tagger.name == f"hanlp:{char_model}"
    assert char_tagger.tokenize("王立新") == ["王", "立", "新"]  # detected as char-level


def test_batched_tagging_equals_one_text_at_a_time(char_tagger: HanLPTagger, fresh_sentences: list) -> None:
    texts = [text for text, _ in fresh_sentences[:12]]
    assert char_tagger.tag(texts) == [char_tagger.tag([text])[0] for text in texts]


def test_offsets_index_the_text_as_given_when_whitespace_is_skipped(
    char_tagger: HanLPTagger, fresh_sentences: list
) -> None:
    text, gold = fresh_sentences[0]
    padded = "\u3000 " + text
    (mentions,) = char_tagger.tag([padded])
    assert spans(mentions) == [(s + 2, e + 2, t) for s, e, t in gold]
    assert [m.text for m in mentions] == [text[s:e] for s, e, _ in gold]


def test_blank_texts_get_no_mentions(char_tagger: HanLPTagger, fresh_sentences: list) -> None:
    text, gold = fresh_sentences[1]
    result = char_tagger.tag(["", "   ", text])
    assert result[:2] == [[], []]
    assert spans(result[2]) == gold
    assert char_tagger.tag([]) == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is absent")
def test_real_ocr_pages_yield_consistent_mentions(char_tagger: HanLPTagger) -> None:
    """Raw OCR lines (stray spaces, mixed widths) and whole pages: every mention is a slice of its own text."""
    pages = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    texts = [line for page in pages for line in page.splitlines()] + pages
    tagged = char_tagger.tag(texts)
    assert len(tagged) == len(texts)
    found = [(text, m) for text, mentions in zip(texts, tagged, strict=True) for m in mentions]
    assert found
    for text, m in found:
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text and m.type in ENTITY_TYPES
        assert m.text == m.text.strip()


def test_tagging_restores_torch_thread_count(char_tagger: HanLPTagger, fresh_sentences: list) -> None:
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        char_tagger.tag([fresh_sentences[0][0]])
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


def test_pickled_tagger_reloads_the_model(char_tagger: HanLPTagger, fresh_sentences: list) -> None:
    texts = [text for text, _ in fresh_sentences[:5]]
    clone = pickle.loads(pickle.dumps(char_tagger))
    assert clone.name == char_tagger.name
    assert clone.tag(texts) == char_tagger.tag(texts)


def test_token_level_model_gets_tokens_and_returns_char_offsets(tmp_path_factory: pytest.TempPathFactory) -> None:
    model = train(tmp_path_factory.mktemp("word_ner"), char_level=False)
    lexicon = {value for _, fillers in SLOTS.values() for value in fillers} | {
        part for template in TEMPLATES for part in template if not part.startswith("{")
    }

    def longest_match(text: str) -> list[str]:
        tokens, i = [], 0
        while i < len(text):
            size = next((n for n in range(min(8, len(text) - i), 0, -1) if text[i : i + n] in lexicon), 1)
            tokens.append(text[i : i + size])
            i += size
        return tokens

    sample = "县长王立新来到东城街道"
    assert len(HanLPTagger(f"hanlp:{model}").tokenize(sample)) < len(sample)  # detected as word-level: jieba
    tagger = HanLPTagger(f"hanlp:{model}", tokenize=longest_match)
    rng = random.Random(99)
    sentences = [(text_of(segments), gold) for segments, gold in (make_sentence(rng) for _ in range(20))]
    tagged = tagger.tag([text for text, _ in sentences])
    exact = sum(spans(mentions) == gold for mentions, (_, gold) in zip(tagged, sentences, strict=True))
    assert exact >= 0.9 * len(sentences)


def test_patched_crf_decodes_batch_first_emissions() -> None:
    """Hand-set weights: tag 2 (I) may only follow 1 (B) or 2; emissions alone would put I first."""
    patch_hanlp_crf()
    patch_hanlp_crf()  # idempotent
    model = RNNTaggingModel(embed=4, rnn_input=None, rnn_hidden=4, n_out=3)
    assert isinstance(model.crf, BatchFirstCRF) and model.crf.batch_first is True

    buggy = CRF(3, None)  # what RNNTaggingModel built before the patch
    emissions = torch.tensor(
        [
            [[0.0, 1.0, 2.0], [0.0, 0.0, 3.0], [3.0, 0.0, 0.0], [0.0, 3.0, 0.0]],
            [[3.0, 0.0, 0.0], [0.0, 1.0, 3.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]],
        ]
    )  # (batch, seq, tags); the second sentence has 2 tokens
    mask = torch.tensor([[True] * 4, [True, True, False, False]])
    with torch.no_grad():
        for crf in (model.crf, buggy):
            crf.start_transitions.fill_(0.0)
            crf.end_transitions.fill_(0.0)
            crf.transitions.zero_()
            crf.start_transitions[2] = -100.0
            crf.transitions[0, 2] = -100.0
    assert model.crf.decode(emissions, mask) == [[1, 2, 0, 1], [0, 1]]
    # Time-major reading of the same batch: one "sentence" per token position, mixing the two sentences.
    assert len(buggy.decode(emissions, mask)) == 4


def test_unknown_identifier_raises_and_names_hanlp_home(hanlp_home: Path) -> None:
    with pytest.raises(TaggerLoadError) as caught:
        HanLPTagger("hanlp:NO_SUCH_MODEL_ZH")
    assert "HANLP_HOME" in str(caught.value) and str(hanlp_home) in str(caught.value)


def test_pretrained_model_not_in_hanlp_home_raises_with_where_to_put_it(hanlp_home: Path) -> None:
    with pytest.raises(TaggerLoadError) as caught:
        HanLPTagger("hanlp:MSRA_NER_ELECTRA_SMALL_ZH")
    message = str(caught.value)
    expected = io_util.split_if_compressed(
        io_util.path_from_url(hanlp.pretrained.ALL["MSRA_NER_ELECTRA_SMALL_ZH"], save_dir=str(hanlp_home))
    )[0]
    assert "HANLP_HOME" in message and expected in message and "hanlp.load" in message


def test_missing_local_path_raises_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "no_model_here"
    with pytest.raises(TaggerLoadError, match=str(missing)):
        HanLPTagger(f"hanlp:{missing}")


def test_folder_without_a_model_raises_tagger_load_error(tmp_path: Path) -> None:
    with pytest.raises(TaggerLoadError, match="could not load"):
        HanLPTagger(f"hanlp:{tmp_path}")


@pytest.mark.parametrize("as_archive", [False, True], ids=["folder", "zip"])
def test_pretrained_name_loads_from_a_copy_in_hanlp_home(
    as_archive: bool, char_model: Path, hanlp_home: Path, fresh_sentences: list, tmp_path: Path
) -> None:
    url = hanlp.pretrained.ALL["MSRA_NER_ELECTRA_SMALL_ZH"]
    folder = Path(io_util.split_if_compressed(io_util.path_from_url(url, save_dir=str(hanlp_home)))[0])
    folder.parent.mkdir(parents=True, exist_ok=True)
    if as_archive:  # the .zip as downloaded elsewhere, copied next to where HanLP would extract it
        shutil.copytree(char_model, tmp_path / folder.name)
        shutil.make_archive(str(folder), "zip", root_dir=tmp_path, base_dir=folder.name)
    else:
        shutil.copytree(char_model, folder)
    try:
        tagger = HanLPTagger("hanlp:MSRA_NER_ELECTRA_SMALL_ZH")
        text, gold = fresh_sentences[2]
        assert spans(tagger.tag([text])[0]) == gold
        assert folder.is_dir()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        Path(f"{folder}.zip").unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("PERSON", "PERSON"),
        ("NR", "PERSON"),
        ("nr", "PERSON"),
        ("LOCATION", "LOCATION"),
        ("NS", "LOCATION"),
        ("GPE", "LOCATION"),
        ("LOC", "LOCATION"),
        ("FAC", "LOCATION"),
        ("ns", "LOCATION"),
        ("ORGANIZATION", "ORGANIZATION"),
        ("NT", "ORGANIZATION"),
        ("ORG", "ORGANIZATION"),
        ("nt", "ORGANIZATION"),
        ("DATE", "DATE"),
        ("TIME", "DATE"),
        ("t", "DATE"),
        ("NORP", None),
        ("INTEGER", None),
        ("nz", None),
        ("PERCENT", None),
    ],
)
def test_map_label_covers_msra_ontonotes_and_pku(label: str, expected: str | None) -> None:
    assert map_label(label) == expected


def test_align_tokens_skips_spaces_folds_width_and_survives_unknown_tokens() -> None:
    text = "２０２１年 王立新在东城街道"
    tokens = ["2021年", "王立新", "???", "在", "东城", "街道"]
    assert align_tokens(text, tokens) == [(0, 5), (6, 9), None, (9, 10), (10, 12), (12, 14)]


def test_mtl_output_uses_fine_tokens_and_preferred_ner_task() -> None:
    texts = ["１２月３日上午，县长王立新在西溪镇调研。", "城投集团 负责人周晓峰参加。"]
    doc = {
        "tok/fine": [
            ["12月", "3日", "上午", "，", "县长", "王立新", "在", "西溪镇", "调研", "。"],
            ["城投", "集团", "负责人", "周晓峰", "参加", "。"],
        ],
        "tok/coarse": [["12月3日上午", "，", "县长王立新", "在", "西溪镇", "调研", "。"], ["城投集团", "负责人周晓峰"]],
        "ner/msra": [
            [
                ("12月3日", "DATE", 0, 2),
                ("上午", "TIME", 2, 3),
                ("王立新", "PERSON", 5, 6),
                ("西溪镇", "LOCATION", 7, 8),
            ],
            [("城投集团", "ORGANIZATION", 0, 2), ("周晓峰", "PERSON", 3, 4), ("参加", "INTEGER", 4, 5)],
        ],
        "ner/pku": [[("王立新", "nr", 0, 1)], []],
    }
    result = mentions_from_mtl(texts, doc, "hanlp:mtl")
    assert [(m.start, m.end, m.type, m.text) for m in result[0]] == [
        (0, 5, "DATE", "１２月３日"),
        (5, 7, "DATE", "上午"),
        (10, 13, "PERSON", "王立新"),
        (14, 17, "LOCATION", "西溪镇"),
    ]
    assert [(m.start, m.end, m.type, m.text) for m in result[1]] == [
        (0, 4, "ORGANIZATION", "城投集团"),
        (8, 11, "PERSON", "周晓峰"),
    ]
    assert all(m.source == "hanlp:mtl" for mentions in result for m in mentions)


class FakeMultiTask:
    """Stands in for a downloaded MTL model (none can be had offline): words split at 在, a PERSON on the first."""

    def __init__(self) -> None:
        self.tasks = dict.fromkeys(["tok/coarse", "tok/fine", "pos/ctb", "ner/pku", "ner/msra"])
        self.config: dict = {}
        self.calls: list[tuple[list[str], list[str]]] = []

    def __call__(self, texts: list[str], tasks: list[str], batch_size: int) -> dict:
        self.calls.append((texts, tasks))
        tokens = [[w for part in t.split("在") for w in (part, "在")][:-1] for t in texts]
        return {"tok/fine": tokens, "ner/msra": [[(toks[0], "PERSON", 0, 1)] for toks in tokens]}


def test_multi_task_model_is_asked_for_fine_tokens_and_msra_ner(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeMultiTask()
    monkeypatch.setattr(hanlp_backend, "load_component", lambda identifier: fake)
    tagger = HanLPTagger("hanlp:SOME_MTL")
    result = tagger.tag(["李建华在南岭村", "", "周秀兰在２号楼"])
    assert fake.calls == [(["李建华在南岭村", "周秀兰在2号楼"], ["tok/fine", "ner/msra"])]
    assert [[(m.start, m.end, m.type, m.text) for m in ms] for ms in result] == [
        [(0, 3, "PERSON", "李建华")],
        [],
        [(0, 3, "PERSON", "周秀兰")],
    ]


def test_entities_as_begin_end_label_and_unaligned_boundaries() -> None:
    text = "县长王立新来到东城街道"
    token_spans = [(0, 2), (2, 5), (5, 7), None]
    mentions = entities_to_mentions(text, token_spans, [(1, 2, "nr"), (3, 4, "ns"), (0, 9, "PERSON")], "x")
    assert [(m.start, m.end, m.type, m.text) for m in mentions] == [(2, 5, "PERSON", "王立新")]


def test_model_id_of_a_local_folder_changes_when_its_files_change(tmp_path):
    from kg.tag import tagger_id

    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    (tmp_path / "model.pt").write_bytes(b"weights v1")
    first = tagger_id(f"hanlp:{tmp_path}")
    assert first.startswith(f"hanlp:{tmp_path}@") and tagger_id(f"hanlp:{tmp_path}") == first
    (tmp_path / "model.pt").write_bytes(b"weights v2, retrained")
    assert tagger_id(f"hanlp:{tmp_path}") != first


def test_tagger_id_of_a_missing_hanlp_model_says_where_models_go_without_loading_anything():
    from kg.tag import tagger_id

    with pytest.raises(TaggerLoadError, match="HANLP_HOME"):
        tagger_id("hanlp:MSRA_NER_BERT_BASE_ZH")
