"""Stopping a build cleanly: Ctrl-C and SIGTERM are noticed between documents and between phases."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class BuildInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM during a build, with how far it got (the CLI prints it and exits 128 + signal)."""

    def __init__(self, signum: int, documents: int, processed: int, from_cache: int) -> None:
        super().__init__(f"{documents} documents read, {processed} processed ({from_cache} of them from the cache)")
        self.signum, self.documents, self.processed, self.from_cache = signum, documents, processed, from_cache


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopNow(KeyboardInterrupt):
    """A second stop signal: raised at once, wherever the build is."""

    def __init__(self, signum: int) -> None:
        super().__init__()
        self.signum = signum


@contextmanager
def stop_requests() -> Iterator[Callable[[], int]]:
    """A function returning the stop signal received (Ctrl-C or SIGTERM; 0 if none), for the build to check.

    The first signal only sets a flag, checked between documents and between phases: a
    KeyboardInterrupt raised wherever Python happens to be can land in a finalizer run by the
    garbage collector, where Python prints it and drops it. A second one stops at once. A signal
    the build was started with ignored (nohup, a background job) stays ignored; only the main
    thread may set handlers.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield lambda: 0
        return

    def on_signal(signum: int, frame: Any) -> None:
        if received:
            raise StopNow(signum)
        received.append(signum)

    previous = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    for sig, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(sig, on_signal)
    try:
        yield lambda: received[0] if received else 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def check_stop(stop: Callable[[], int], documents: int, processed: int, from_cache: int) -> None:
    """Between documents and phases: end the build (BuildInterrupted) if Ctrl-C or SIGTERM came in meanwhile."""
    if stop():
        raise BuildInterrupted(stop(), documents, processed, from_cache)
