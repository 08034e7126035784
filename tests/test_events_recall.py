"""Misses found by reading a seeded sample of xwlb_dev articles whose headline names a summit, forum, tour,
opening or ceremony and that got no event (tuning material), each on sentences of our own: an address sent
to a meeting (向…峰会发表视频致辞), a speech verb right after the meeting without 上 (在…论坛致辞), and a
speech published under its own title (单行本, a magazine's 重要文章《在…会议上的讲话》)."""

from __future__ import annotations

import pytest
from event_helpers import Lexicon, article_events, roles

from kg.events import load_rules
from kg.model import Event

RULES = load_rules()
LEX = Lexicon(
    persons=["王立新", "陈志远", "阿尔瓦雷斯"],
    locations=["青溪", "新港"],
    dates={"6月12日": ("2023-06-12", None, None), "12日": ("2023-06-12", None, None)},
)


def run(*sentences: str) -> list[Event]:
    return article_events(sentences, LEX, RULES)


def only_meeting(events: list[Event]) -> Event:
    assert [e.type for e in events] == ["meeting"], [(e.type, roles(e)) for e in events]
    return events[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "6月12日，县长陈志远向青溪茶业合作论坛发表视频致辞。",
        "6月12日晚，县长陈志远在新港向第三届青溪峰会开幕式发表书面演讲。",
        "各界人士积极评价县长陈志远向第三届青溪峰会作的视频讲话。",
    ],
)
def test_an_address_sent_to_a_meeting_makes_its_author_a_speaker(sentence: str):
    assert roles(only_meeting(run(sentence))) == {("陈志远", "speaker")}


def test_an_address_sent_to_a_meeting_keeps_its_day():
    assert only_meeting(run("6月12日，县长陈志远向青溪茶业合作论坛发表视频致辞。")).date == "2023-06-12"


@pytest.mark.parametrize(
    "sentence",
    [
        "县长陈志远将向青溪茶业合作论坛发表视频致辞。",
        "县长陈志远将通过视频方式在青溪茶业合作论坛上致辞。",
        "6月12日，县长陈志远向青溪茶业合作论坛致贺信。",
        "全县认真学习县长陈志远向全县干部大会作的重要讲话。",
    ],
)
def test_a_planned_address_a_letter_or_a_speech_studied_is_no_meeting(sentence: str):
    assert run(sentence) == []


def test_a_speech_verb_right_after_the_meeting_is_a_speech_at_it():
    event = only_meeting(run("阿斯卡总统阿尔瓦雷斯12日在青溪经济论坛全会发表讲话时表示，合作前景广阔。"))
    assert roles(event) == {("阿尔瓦雷斯", "speaker")} and event.date == "2023-06-12"


def test_a_spokesman_of_a_meeting_is_no_speech():
    assert run("青溪峰会发言人王立新12日介绍了筹备情况。") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "县长陈志远《共建美丽青溪——在第三届青溪峰会开幕式上的主旨演讲》单行本已出版发行。",
        "本期《青溪工作》杂志发表县长陈志远的重要文章《在全县经济工作会议上的讲话》。",
    ],
)
def test_a_speech_published_under_its_title_narrates_the_speech(sentence: str):
    assert roles(only_meeting(run(sentence))) == {("陈志远", "speaker")}


@pytest.mark.parametrize(
    "sentence",
    [
        "青溪日报发表评论员文章，题目是《凝心聚力——论学习贯彻县长陈志远在全县干部大会上重要讲话》。",
        "本期《青溪工作》杂志发表县长陈志远的文章《在青溪调研中的几点体会》。",
    ],
)
def test_a_commentary_title_or_a_title_naming_no_meeting_is_no_event(sentence: str):
    assert run(sentence) == []
