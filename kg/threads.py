"""Torch's intra-op thread count, set in one place: one compute thread unless a caller asks for more.

kg's batches are small, so a second thread gains little on an idle machine; on a machine whose other core
is busy, two threads made a batch of sentences 100x slower (measured: 0.3 s with one thread, 27 s with two).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def torch_threads(count: int | None = 1) -> Iterator[None]:
    """Run the block with `count` intra-op threads (None: leave torch as it is), then restore the previous count,
    so a caller's own torch settings survive a call into kg."""
    import torch

    previous = torch.get_num_threads()
    if count is None or count == previous:
        yield
        return
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def one_thread_per_process() -> None:
    """For the worker processes kg starts (nothing of the caller's to restore there): N workers use N cores."""
    import torch

    torch.set_num_threads(1)
