"""A tagger plug-in for the tests, found through the `kg.taggers` entry point group.

It tags a few known names as PERSON and misbehaves on purpose when a sentence holds a marker,
so tests can watch one document fail while the rest of a build goes on:
  POISON      raises RuntimeError
  SLOWPAGE    loops until interrupted (a document that runs past --doc-timeout)
  KILLWORKER  ends the worker process at once (in the main process it raises instead)
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence

from kg.model import Mention

KNOWN = ("王立新", "李春华", "赵明", "孙丽")


class FaultyTagger:
    def __init__(self, argument: str = "") -> None:
        self.name = f"faulty:{argument}"

    def tag(self, texts: Sequence[str]) -> list[list[Mention]]:
        for text in texts:
            if "POISON" in text:
                raise RuntimeError("poisoned sentence")
            if "KILLWORKER" in text:
                if multiprocessing.parent_process() is not None:
                    os._exit(7)
                raise RuntimeError("asked to end a worker, but this is the main process")
            while "SLOWPAGE" in text:
                pass
        return [self._people(text) for text in texts]

    @staticmethod
    def _people(text: str) -> list[Mention]:
        found = []
        for name in KNOWN:
            start = text.find(name)
            while start >= 0:
                found.append(Mention(start, start + len(name), "PERSON", name, source="faulty"))
                start = text.find(name, start + 1)
        return sorted(found, key=lambda m: m.start)
