"""Places and organizations on whole names (kg.tag.places through kg.tag.annotate), on sentences of our own.

Each case gives the model's mentions as a character tagger reads them on county-paper text, and checks what the
tagging layer makes of them; the MSRA cases check that national-news conventions hold (香港特区|政府, 北京|商场).
"""

from __future__ import annotations

import pytest

from kg.model import Mention
from kg.tag.annotate import annotate_sentence

LOC, ORG = "LOCATION", "ORGANIZATION"


def _tagged(text: str, *model: tuple[str, str]) -> list[tuple[str, str]]:
    """(text, type) of the final place and organization mentions of `text`, given the model's (name, type)."""
    mentions = []
    for name, kind in model:
        at = text.index(name)
        mentions.append(Mention(at, at + len(name), kind, name, source="model"))
    return [(m.text, m.type) for m in annotate_sentence(text, mentions) if m.type in (LOC, ORG)]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # a span grows over name words to the head that ends the name, taking in a place printed before the head
        ("车队从杭金衢高速义乌出口驶出。", [("杭金衢", LOC), ("义乌", LOC)], [("杭金衢高速义乌出口", LOC)]),
        ("项目落在白石岭新材料产业分区内。", [("白石岭", LOC)], [("白石岭新材料产业分区", LOC)]),
        ("市民来到天虹商厦购物。", [("天虹", LOC)], [("天虹商厦", LOC)]),
        # a head word the span cuts is completed
        ("代表们在东阳分会场收看直播。", [("东阳分会", ORG)], [("东阳分会场", LOC)]),
        # a name that ends like an organization grows only to a memorial named after it
        ("学生们参观了中共嵊县县委旧址纪念馆。", [("中共嵊县县委", ORG)], [("中共嵊县县委旧址纪念馆", LOC)]),
        (
            "学生们参观了新四军第一支队纪念馆。",
            [("新四军第一支队", ORG), ("纪念馆", LOC)],
            [("新四军第一支队纪念馆", LOC)],
        ),
        # a committee and its government printed as one
        ("在台州市委市政府的领导下，工作顺利推进。", [("台州市委", ORG)], [("台州市委市政府", ORG)]),
        # organizations printed after their government's level, tagged in part or not at all
        ("活动得到了县青年企业家协会的支持。", [("企业家协会", ORG)], [("县青年企业家协会", ORG)]),
        ("各地要服从县防汛抗旱指挥部的统一调度。", [], [("县防汛抗旱指挥部", ORG)]),
        ("信息发布后,县融媒体中心5名记者赶到现场。", [], [("县融媒体中心", ORG)]),
        # roads by their number
        ("事故发生在104国道旁。", [], [("104国道", LOC)]),
        # the head decides the type
        ("城东物资保障中心连夜分拣。", [("城东物资保障中心", LOC)], [("城东物资保障中心", ORG)]),
        ("群众来到王英烈士陵园祭扫。", [("王英烈士陵园", ORG)], [("王英烈士陵园", LOC)]),
        # category words, epidemic zones, kinds and open quotes are no names
        ("封控区内的居民足不出户。", [("封控区", LOC)], []),
        ("车辆沿着国道行驶。", [("国道", LOC)], []),
        ("记者走进义乌封控区。", [("义乌封控区", LOC)], [("义乌", LOC)]),
        ("采取村社联盟、校企联盟等形式推进。", [("村社联盟", ORG), ("校企联盟", ORG)], []),
        ("他在台州“三个一”行动中带头。", [("台州“三个一", ORG)], [("台州", ORG)]),
        # a leading function word or verb is no part of a name
        ("二是联合县市场监督管理局开展检查。", [("联合县市场监督管理局", ORG)], [("县市场监督管理局", ORG)]),
    ],
)
def test_places_and_organizations_on_whole_names(text, model, expected):
    assert _tagged(text, *model) == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("去年对澳门出口增长一成。", [("澳门", LOC)], [("澳门", LOC)]),  # trade, not a road's exit
        ("澳门特区政府发布公告。", [("澳门特区", LOC)], [("澳门特区", LOC)]),  # 政府 is no part of a place
        ("北京一些商场销量大增。", [("北京", LOC)], [("北京", LOC)]),  # a place and a common noun
        ("泾阳工业区的开发已经启动。", [("泾阳", LOC)], [("泾阳", LOC)]),  # MSRA leaves zones out
        ("这个处党委把学习放在首位。", [("党委", ORG)], [("党委", ORG)]),  # MSRA tags a bare 党委
        ("省、区、市党委都要重视。", [], []),  # levels in general, no one government
        ("全市各部门要行动起来。", [], []),  # 全市 is a word: no level printed alone
        ("要实行市领导督办制度。", [], []),  # 督办 is a verb, not a head 办
        ("由新华社经济部和南通恒远集团联合主办。", [("新华社经济部", ORG), ("南通恒远集团", ORG)],
         [("新华社经济部", ORG), ("南通恒远集团", ORG)]),  # a name never grows over the next whole name
    ],
)  # fmt: skip
def test_national_news_conventions_hold(text, model, expected):
    assert _tagged(text, *model) == expected
