"""Known place and person names from jieba's bundled dictionary (offline, no data of our own).

Places catch place names the model tags as people (绍兴, 永康 as PERSON); person names repair
a name the model cut short (近平 for 习近平).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# The most common Chinese surnames, for telling a full name (张炜) from a cut one (近平).
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
)


@lru_cache(maxsize=1)
def _dictionary_tags() -> dict[str, frozenset[str]]:
    """Word -> part-of-speech tags, for words of two or more characters in jieba's dictionary."""
    import jieba

    tags: dict[str, set[str]] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) >= 2:
                tags.setdefault(parts[0], set()).add(parts[2])
    return {word: frozenset(found) for word, found in tags.items()}


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Words the dictionary tags as places (`ns`) and never as person names (`nr*`)."""
    return frozenset(
        word
        for word, found in _dictionary_tags().items()
        if "ns" in found and not any(t.startswith("nr") for t in found)
    )


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """Three-character words the dictionary tags only as person names (`nr`, `nrfg`, `nrt`)."""
    return frozenset(
        word
        for word, found in _dictionary_tags().items()
        if len(word) == 3 and found and all(t.startswith("nr") for t in found)
    )
