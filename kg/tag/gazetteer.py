"""Known place and person names from jieba's bundled dictionary (offline, no data of our own).

Places catch place names the model tags as people (绍兴, 永康 as PERSON); person names repair
a name the model cut short (近平 for 习近平).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.tag.words import frequency

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


COMMON_PLACE = 500  # dictionary frequency of a well-known place (北京, 美国, 中国; 华联 has 29, 普京 171)


COUNTRIES_FILE = Path(__file__).resolve().parent / "countries.txt"
# The country the model reads best: it tags 中国 wherever its training text does, and where it leaves it untagged 中国
# names a thing (中国空间站, 中国式现代化; the news gold sets leave those too). Printed before one of its bodies for
# foreign readers (中国全国人大, 中国东盟), it is the place, the body the same as without it.
HOME_COUNTRY = "中国"


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """The countries of `countries.txt`, which the dictionary often files as person names (尼泊尔 `nr`)."""
    lines = COUNTRIES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def well_known_place(name: str) -> bool:
    """Whether `name` is a place common enough to be printed before a common noun (北京商场, 美国银行: the shops and
    banks of the place; a rare one before a head names a business: 华联商厦), and too well known to be anyone's
    name (中国 of 领导中国人民 or 中国领导人 is no person): a country, or a dictionary place of its frequency."""
    return name in country_names() or (name in place_names() and frequency(name) >= COMMON_PLACE)


@lru_cache(maxsize=1)
def dictionary_names() -> frozenset[str]:
    """Words of two or more characters the dictionary tags as a name of any kind (`ns`, `nr`, `nrt`, `nrfg`, `nz`,
    `nt`). Its types are no test of which kind: it files 哈萨克斯坦 and 巴巴多斯 `nrt`, 乌克兰 and 黎巴嫩 `nr`;
    where the context says a name is a place or a body (right before a role word: 乌克兰总统), any type will do."""
    return frozenset(_words(_dictionary(), r"^(\S{2,}) \d+ n(?:s|r\S*|z|t)$"))


@lru_cache(maxsize=1)
def prefix_names() -> frozenset[str]:
    """Words of two or more characters the dictionary tags as places, persons or bodies (`ns`, `nr*`, `nt`), not as
    other names (`nz`: 党和国家): right before a role word such a name is the office's country or body, whatever its
    type (马其顿 and 东帝汶 are `nr`, 亚太经合组织 `nt`)."""
    return frozenset(_words(_dictionary(), r"^(\S{2,}) \d+ n(?:s|r\S*|t)$"))


@lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """Words of two or more characters the dictionary tags as common nouns (`n`, `vn`, `an`: 宪法, 发展, 安全) and
    never as names nor locality words (中方 is `f`)."""
    dictionary = _dictionary()
    return frozenset(
        _words(dictionary, r"^(\S{2,}) \d+ (?:n|vn|an)$") - _words(dictionary, r"^(\S{2,}) \d+ (?:n[rstz]\S*|f)$")
    )


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """Three-character words the dictionary tags only as person names (`nr`, `nrfg`, `nrt`)."""
    dictionary = _dictionary()
    return frozenset(_words(dictionary, r"^(\S{3}) \d+ nr\S*$") - _words(dictionary, r"^(\S{3}) \d+ (?!nr)\S+$"))


UNIT_ENDS = ("省", "市", "县", "区", "镇", "乡", "村", "街道")  # a unit of government is a name of its own

# One-character names of countries, continents, provinces and the big cities, as printed in 中美, 俄方,
# 粤港澳, 来华, 在京: the full name, or None where the character names several places (巴: 巴西, 巴基斯坦…).
PLACE_ABBREVIATIONS: dict[str, str | None] = {
    **dict.fromkeys("巴伊阿澳奥新马苏吉蒙科刚几塔尼瑞南塞江淮黄"),  # 江淮, 黄淮: the rivers' regions
    "中": "中国", "华": "中国", "美": "美国", "俄": "俄罗斯", "日": "日本", "英": "英国", "法": "法国",
    "德": "德国", "意": "意大利", "韩": "韩国", "朝": "朝鲜", "印": "印度", "以": "以色列", "埃": "埃及",
    "墨": "墨西哥", "葡": "葡萄牙", "西": "西班牙", "菲": "菲律宾", "加": "加拿大", "土": "土耳其", "越": "越南",
    "泰": "泰国", "缅": "缅甸", "柬": "柬埔寨", "老": "老挝", "荷": "荷兰", "乌": "乌克兰", "叙": "叙利亚",
    "沙": "沙特阿拉伯", "古": "古巴", "希": "希腊", "波": "波兰", "捷": "捷克", "匈": "匈牙利", "比": "比利时",
    "丹": "丹麦", "挪": "挪威", "芬": "芬兰", "哈": "哈萨克斯坦", "厄": "厄瓜多尔", "斐": "斐济", "欧": "欧洲",
    "亚": "亚洲", "非": "非洲", "拉": "拉丁美洲", "洪": "洪都拉斯", "黎": "黎巴嫩",
    "京": "北京", "津": "天津", "沪": "上海", "渝": "重庆", "冀": "河北", "晋": "山西", "辽": "辽宁",
    "黑": "黑龙江", "浙": "浙江", "皖": "安徽", "闽": "福建", "赣": "江西", "鲁": "山东", "豫": "河南",
    "鄂": "湖北", "湘": "湖南", "粤": "广东", "桂": "广西", "琼": "海南", "川": "四川", "蜀": "四川", "黔": "贵州",
    "贵": "贵州", "滇": "云南", "云": "云南", "藏": "西藏", "陕": "陕西", "秦": "陕西", "甘": "甘肃", "陇": "甘肃",
    "青": "青海", "宁": "宁夏", "港": "香港", "台": "台湾",
}  # fmt: skip
# What follows a surname printed alone for a person (王某, 李先生, 张老, 罗大爷); 老 and 小 precede one (老王, 小袁).
SURNAME_FOLLOWERS = (
    "某", "老", "先生", "女士", "小姐", "大爷", "大妈", "大娘", "大叔", "大婶", "大姐", "大哥", "阿姨", "师傅", "老师",
    "医生", "律师", "教授", "指导", "教练", "家", "氏",
)  # fmt: skip
SURNAME_PREFIXES = "老小"


@lru_cache(maxsize=1)
def verbs() -> frozenset[str]:
    """Two-character words the dictionary tags only as verbs (作出, 宣读, 检阅), never as nouns or names: a
    person's name does not end inside one (李强|作出, but 赵致|真情 is a name ending before a noun)."""
    dictionary = _dictionary()
    return frozenset(_words(dictionary, r"^(\S{2}) \d+ v$") - _words(dictionary, r"^(\S{2}) \d+ (?!v$)\S+$"))


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Words of two to four characters the dictionary tags as transliterated or famous names or as places
    (`nrt`, `nrfg`, `ns`): the words that can be a name printed next to a title (美国总统拜登, 同普京总统;
    jieba tags 普京 `ns`). Plain `nr` is left out: it tags 拓宽 and 周旋 too."""
    return frozenset(_words(_dictionary(), r"^(\S{2,4}) \d+ n(?:rt|rfg|s)$"))


# Parts of speech of words that never sit inside a place or organization name: verbs, prepositions,
# conjunctions, pronouns, particles, interjections, numerals and measure words (北京|一些|商场).
_NO_NAME_TAGS = r"(?:v|p|c|r|u\w*|y|e|o|m|q)"


@lru_cache(maxsize=1)
def no_name_words() -> frozenset[str]:
    """Words of two or more characters the dictionary tags only with a part of speech no name is made of (携手,
    落实 is an adjective and stays): a place or organization span never grows across one."""
    dictionary = _dictionary()
    closed = _words(dictionary, rf"^(\S{{2,}}) \d+ {_NO_NAME_TAGS}$")
    return frozenset(closed - _words(dictionary, rf"^(\S{{2,}}) \d+ (?!{_NO_NAME_TAGS}$)\S+$"))
