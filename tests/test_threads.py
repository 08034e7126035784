"""kg runs torch with one thread while it works and gives the caller's thread count back afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from kg.api import build, tag_texts
from kg.threads import torch_threads


@pytest.fixture
def two_threads():
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(before)


def test_the_block_runs_with_the_count_asked_and_the_old_count_comes_back(two_threads) -> None:
    with torch_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == 2
    with torch_threads(None):
        assert torch.get_num_threads() == 2


def test_the_count_comes_back_when_the_block_raises(two_threads) -> None:
    with pytest.raises(ValueError), torch_threads(1):
        raise ValueError("inside")
    assert torch.get_num_threads() == 2


def test_a_serial_build_and_tagging_leave_the_callers_thread_count(two_threads, tmp_path: Path) -> None:
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text("本报讯 3月5日上午，市委书记王立新主持召开会议，副市长李春华出席。\n", encoding="utf-8")
    report = build([page.parent], tmp_path / "out", date="2021-03-05", progress=False, cache=False)
    assert report.processed == 1
    assert torch.get_num_threads() == 2
    assert tag_texts(["副市长李春华到东城街道调研。"])[0]["entities"]
    assert torch.get_num_threads() == 2
