"""Known place names, to catch place names the model tags as people (绍兴, 永康 as PERSON).

The list comes from jieba's bundled dictionary: words tagged `ns` (place) and never as a
person name (`nr*`). It ships with jieba, so it works offline and needs no data of our own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Place names of two or more characters known to jieba's dictionary."""
    import jieba

    tags: dict[str, set[str]] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) >= 2:
                tags.setdefault(parts[0], set()).add(parts[2])
    return frozenset(
        word for word, found in tags.items() if "ns" in found and not any(t.startswith("nr") for t in found)
    )
