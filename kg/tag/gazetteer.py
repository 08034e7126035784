"""Known place and person names from jieba's bundled dictionary (offline, no data of our own).

Places catch place names the model tags as people (绍兴, 永康 as PERSON); person names repair
a name the model cut short (近平 for 习近平).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# The most common Chinese surnames, for telling a full name (张炜) from a cut one (近平).
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
)


def _dictionary() -> str:
    """jieba's dictionary: one "word frequency tag" line per entry (a word may have several lines)."""
    import jieba

    return (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8")


def _words(dictionary: str, pattern: str) -> set[str]:
    """Words of the dictionary lines matching `pattern` (one regex pass over the whole file: fast to load)."""
    return set(re.findall(pattern, dictionary, re.MULTILINE))


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Words of two or more characters the dictionary tags as places (`ns`) and never as person names (`nr*`)."""
    dictionary = _dictionary()
    return frozenset(_words(dictionary, r"^(\S{2,}) \d+ ns$") - _words(dictionary, r"^(\S{2,}) \d+ nr\S*$"))


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """Three-character words the dictionary tags only as person names (`nr`, `nrfg`, `nrt`)."""
    dictionary = _dictionary()
    return frozenset(_words(dictionary, r"^(\S{3}) \d+ nr\S*$") - _words(dictionary, r"^(\S{3}) \d+ (?!nr)\S+$"))
