"""The embedded tagger's LSTM in bfloat16: used only where the CPU computes it natively, and it tags like float32."""

from __future__ import annotations

import pytest
import torch

import kg.tag.embedded as embedded
from kg.tag.embedded import DEFAULT_WEIGHTS, load_model

SENTENCES = [
    "市委书记王立新来到东城街道检查工作。",
    "昨天，北京大学校长李建国在上海会见了日本东京大学代表团。",
    "县人民政府副县长陈志强主持召开防汛工作会议。",
    "张海燕和刘晓东一起前往杭州市考察浙江大学，随后赴宁波港调研。",
    "据悉，留观人员王某已转至市第一人民医院，老周和小孙陪同前往。",
    "俄罗斯总统普京同美国总统拜登通电话，双方就乌克兰局势交换意见。",
]


def _spans(tagger, texts):
    return [[(m.start, m.end, m.type) for m in found] for found in tagger.tag(texts)]


@pytest.mark.parametrize("native", [True, False])
def test_loaded_weights_run_the_lstm_in_bfloat16_only_where_native(monkeypatch, native):
    monkeypatch.setattr(embedded, "_native_bfloat16", lambda: native)
    tagger = load_model(DEFAULT_WEIGHTS)
    lstm = tagger.model.lstm
    assert {p.dtype for p in lstm.parameters()} == {torch.bfloat16 if native else torch.float32}
    assert tagger.model.out.weight.dtype == torch.float32  # only the LSTM changes
    emissions = tagger.model.emissions(tagger.encoder.encode(SENTENCES[:2]))
    assert emissions.dtype == torch.float32


def test_bfloat16_lstm_finds_the_same_spans_as_float32_with_close_scores(monkeypatch):
    monkeypatch.setattr(embedded, "_native_bfloat16", lambda: True)
    half = load_model(DEFAULT_WEIGHTS)  # bfloat16 even where emulated: slow there, but the same arithmetic
    monkeypatch.setattr(embedded, "_native_bfloat16", lambda: False)
    full = load_model(DEFAULT_WEIGHTS)
    texts = [*SENTENCES, "".join(SENTENCES) * 4]
    assert _spans(half, texts) == _spans(full, texts)
    half_scores = [m.score for found in half.tag(texts) for m in found]
    assert half_scores == pytest.approx([m.score for found in full.tag(texts) for m in found], abs=0.02)


def test_bfloat16_results_do_not_depend_on_the_batch(monkeypatch):
    monkeypatch.setattr(embedded, "_native_bfloat16", lambda: True)
    tagger = load_model(DEFAULT_WEIGHTS)
    together = _spans(tagger, SENTENCES)
    assert [_spans(tagger, [text])[0] for text in SENTENCES] == together
    assert _spans(tagger, SENTENCES[::-1]) == together[::-1]
