"""A time budget for one piece of work: past it, the work is interrupted with `TimeBudgetExceeded`.

A build gives each document a budget so that one pathological page (a catastrophic user regex,
a text no one foresaw) is marked failed instead of stalling the whole build.

How the interruption lands:
- in the main thread of a process (serial builds, local worker processes) a real-time timer
  (SIGALRM) raises in the running code; Python's regex engine checks for signals, so even a
  catastrophic regex is stopped;
- in any other thread (a Dask worker's task thread) a watchdog raises the exception
  asynchronously in that thread: it lands at the next Python bytecode, so a long call into C
  (one regex match, one model batch) finishes first.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimeBudgetExceeded(Exception):
    """The work ran past its time budget."""


def _raise_budget_exceeded(signum: int, frame: object) -> None:
    raise TimeBudgetExceeded


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    previous_handler = signal.signal(signal.SIGALRM, _raise_budget_exceeded)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    thread_id = threading.get_ident()
    decided = threading.Lock()  # taken first either by the watchdog (it fires) or by the end of the work (it won't)

    def interrupt() -> None:
        if decided.acquire(blocking=False):
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(TimeBudgetExceeded))

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        if not decided.acquire(blocking=False):  # it fired: clear the exception if it has not landed yet
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the body with at most `seconds` of wall-clock time (None or <= 0: no limit).

    Leaves the process as it found it: the previous SIGALRM handler and timer state are restored.
    Budgets do not nest in the main thread (an inner one would cancel the outer one's timer).
    """
    if not seconds or seconds <= 0:
        yield
        return
    in_main_thread = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    with _alarm(seconds) if in_main_thread else _watchdog(seconds):
        yield
