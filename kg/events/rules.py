"""Loading and validating the YAML event rules.

The rules are data so that users extend kg without code: `load_rules` merges the shipped
`rules.yaml` with user files (same rule id replaces, new ids and new event types add) and
compiles every pattern up front, so a typo fails at load time with the file and line to fix,
not half-way through a corpus.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.io.boundedyaml import YAMLTooComplex, load_bounded
from kg.regexguard import LiteralScreen, guarded

DEFAULT_RULES = Path(__file__).with_name("rules.yaml")
BLOCKER_KINDS = ("modal", "negation", "generic", "reported")
_MACRO = re.compile(r"%([A-Z][A-Z0-9_]*)%")

_TOP_KEYS = {"version", "macros", "settings", "types", "rules"}
_RULE_KEYS = {
    "id",
    "type",
    "description",
    "triggers",
    "keywords",
    "subject_role",
    "confidence",
    "new_event",
    "yield_to",
    "part_of",
    "each",
    "blockers",
    "exclude_before",
    "exclude_after",
    "enabled",
    "examples",
}
_TYPE_KEYS = {
    "description",
    "roles",
    "require_participants",
    "places",
    "clause_places",
    "distinct_triggers",
    "distinct_words",
    "exclusive_roles",
    "follow_up_places",
    "own_subject",
    "examples",
}
_ROLE_KEYS = {"role", "after", "before", "applies_to"}
_APPLIES_TO = ("event", "sentence", "article")
_PLACE_KEYS = {"pattern", "strict", "tagged"}
_EXAMPLE_KEYS = {"text", "date", "people", "places", "orgs", "events"}
_EXPECTED_KEYS = {"type", "roles", "places", "date"}
_SETTING_KEYS = {
    "modal",
    "negation",
    "reported",
    "generic_before",
    "generic_after",
    "skip_inside",
    "pronoun",
    "time_of_day_classes",
    "person_list",
    "places",
    "not_participant",
    "same_subject",
    "narration",
    "subject_after",
    "background",
    "described",
    "body_subject",
    "aside",
    "escort",
    "time_phrase",
    "dated",
    "occasion",
    "stay",
    "span",
    "over_after",
    "phrase_split",
    "pronoun_roles",
    "quoted_roles",
    "letter_writer",
    "pronoun_pair",
    "pronoun_counted",
    "pronoun_guests",
    "guest_roles",
    "female",
    "date_range",
}
_PERSON_LIST_KEYS = {"join", "join_titled", "join_marked", "after_prefix"}
_PLACES_KEYS = {"item_split", "place_suffix", "generic", "stopwords", "max_item", "alias", "name_head", "capital_of"}


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class RoleCue:
    role: str
    after: re.Pattern[str] | None = None  # matched at the start of a verb phrase after a name list
    before: re.Pattern[str] | None = None  # searched in the clause text before a name list
    # Which events a cue in a sentence without a trigger reaches: the event the article is about at that
    # point (event), every event of the last sentence with triggers (sentence), or every event so far (article).
    applies_to: str = "event"


@dataclass(frozen=True)
class PlacePattern:
    pattern: re.Pattern[str]  # has a group `list`
    strict: bool = False  # every item must look like a place, or the list is ignored
    tagged: bool = False  # keep only the items that look like a place or that the tagger found as one


@dataclass(frozen=True)
class ExpectedEvent:
    """An event a rule example must produce: its type and roles, and its places and date when given."""

    type: str
    roles: frozenset[tuple[str, str]]
    places: tuple[str, ...] | None = None
    date: str | None = None
    check_date: bool = False


@dataclass(frozen=True)
class Example:
    """A sentence (or a few) with the events the rules must produce from it; `events` empty: none."""

    where: str  # "file:line: rule 'id'", for messages
    text: str
    date: str | None
    people: tuple[str, ...]
    places: tuple[str, ...]
    organizations: tuple[str, ...]
    events: tuple[ExpectedEvent, ...]


@dataclass(frozen=True)
class EventType:
    name: str
    description: str = ""
    roles: tuple[RoleCue, ...] = ()
    require_participants: bool = False
    places: tuple[PlacePattern, ...] = ()
    clause_places: bool = False
    # Two mentions of this type on one date are one event only when one trigger text contains the other
    # (欢迎仪式 / 举行欢迎仪式), so a banquet after a welcome ceremony is a second ceremony.
    distinct_triggers: bool = False
    # In one sentence, mentions whose distinct words differ are different events ("举行欢迎仪式和欢迎宴会": two
    # ceremonies); a mention without one ("出席通车仪式并剪彩") belongs to the nearest that has one.
    distinct_words: re.Pattern[str] | None = None
    # role -> roles the same person never also holds in one event (the host of talks is not their guest)
    exclusive_roles: dict[str, frozenset[str]] = field(default_factory=dict)
    # Whether sentences after its own that name its people add their places (false: only its own sentences do)
    follow_up_places: bool = True
    # Whether a trigger whose subject is nobody the open event names is an event of its own ("X同Y举行会谈。…
    # X夫人Z会见了W": Z hosts another talks), though it tells no date of its own
    own_subject: bool = False
    _place_screen: LiteralScreen = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_place_screen", LiteralScreen([[p.pattern] for p in self.places]))

    def places_in(self, text: str) -> list[PlacePattern]:
        """The place patterns, in order, that may match in `text` (it holds a literal each of their matches has)."""
        return [self.places[i] for i in self._place_screen.possible(text)]


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    triggers: tuple[re.Pattern[str], ...]
    subject_role: str | None = None
    confidence: float = 0.8
    new_event: bool = False
    yield_to: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()  # types whose open event in the article takes this mention (a forum's 开幕式)
    each: str | None = None  # a role group with one event per person in it ("分别会见A、B": two talks)
    blockers: frozenset[str] = frozenset(BLOCKER_KINDS)
    exclude_before: tuple[re.Pattern[str], ...] = ()
    exclude_after: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Settings:
    modal: re.Pattern[str]
    negation: re.Pattern[str]
    reported: re.Pattern[str]
    generic_before: re.Pattern[str]
    generic_after: re.Pattern[str]
    skip_inside: tuple[tuple[str, str], ...]
    pronoun: re.Pattern[str]
    time_of_day_class: dict[str, str]  # word -> class
    list_join: re.Pattern[str]
    list_join_titled: re.Pattern[str]
    list_join_marked: re.Pattern[str]  # "…副主席何卫东，许其亮同志出席": what marks an untitled name as the next item
    after_prefix: re.Pattern[str]
    place_split: re.Pattern[str]
    place_suffix: re.Pattern[str]
    place_generic: frozenset[str]
    place_stopwords: tuple[str, ...]
    place_max_item: int
    place_alias: dict[str, str]
    place_name_head: re.Pattern[str]  # text after a tagged place that makes it the head of a body's name
    place_capital_of: re.Pattern[str]  # a word joining a capital to its country in one place (巴西首都巴西利亚)
    not_participant_before: re.Pattern[str]
    not_participant_after: re.Pattern[str]
    same_subject: re.Pattern[str]
    narration: re.Pattern[str]
    subject_after: re.Pattern[str]
    background: re.Pattern[str]
    described: re.Pattern[str]  # right after a name: the name describes something ("X主席提出的倡议"), not a subject
    body_subject: re.Pattern[str]  # between a list and a trigger: the place or body `body` is the trigger's subject
    aside: re.Pattern[str]
    escort: re.Pattern[str]  # after a name list: the list escorts the subject ("在Y陪同下"), not a new subject
    time_phrase: re.Pattern[str]  # a verb phrase that only dates what follows ("主持…峰会前夕"): no role from it
    dated: re.Pattern[str]  # a time a sentence names that the date rules leave untagged (a month alone: 10月)
    occasion: re.Pattern[str]  # a sentence opening with an earlier event's word as its time ("调研期间，"): group word
    stay: re.Pattern[str]  # a sentence opening with a stay of days as its time ("在闽期间，"): no day from before
    span: re.Pattern[str]  # a sentence opening with a span of time ("今年以来，"): it sums up other occasions
    over_after: re.Pattern[str]
    phrase_split: re.Pattern[str]
    pronoun_roles: frozenset[str]
    quoted_roles: frozenset[str]  # roles a cue gives no newcomer in a sentence going on in someone's words
    letter_writer: re.Pattern[str]  # after a name: the person wrote to the event (those roles go to no newcomer)
    pronoun_pair: re.Pattern[str]
    pronoun_counted: re.Pattern[str]  # 五国元首: as many leading people of the latest event (group `count`)
    pronoun_guests: re.Pattern[str]  # 贵宾们: the people of the latest event with two or more in guest_roles
    guest_roles: frozenset[str]
    female_pronoun: re.Pattern[str]
    female_title: re.Pattern[str]
    date_range: re.Pattern[str]


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    types: dict[str, EventType]
    settings: Settings
    version: str  # hash of the effective rules (examples left out): part of cache keys
    examples: tuple[Example, ...] = ()
    # The literals each rule's trigger matches contain (会见, 会谈, …): one scan of a sentence finds the rules
    # worth running on it, none for most sentences.
    _trigger_literals: LiteralScreen = field(init=False, repr=False, compare=False)
    # Likewise for the role cues that reach every event of an article (参加上述活动): most sentences hold none.
    _article_cue_literals: LiteralScreen = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_trigger_literals", LiteralScreen([rule.triggers for rule in self.rules]))
        article_cues = [
            cue.after
            for etype in self.types.values()
            for cue in etype.roles
            if cue.applies_to == "article" and cue.after is not None
        ]
        object.__setattr__(self, "_article_cue_literals", LiteralScreen([article_cues]))

    def may_reach_article(self, text: str) -> bool:
        """Whether a cue that reaches every event of an article may match in `text`."""
        return bool(self._article_cue_literals.possible(text))

    def candidates(self, text: str) -> list[Rule]:
        """The rules, in order, whose triggers may match somewhere in `text` (it holds a literal their matches have)."""
        return [self.rules[i] for i in self._trigger_literals.possible(text)]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping and of each of its keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        return mapping


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError(f"{path}: cannot read rules file ({exc.strerror})") from exc
    try:
        data = load_bounded(text, _LineLoader)  # a SafeLoader subclass: safe; alias bombs refused
    except YAMLTooComplex as exc:
        raise RulesError(f"{path}:{exc.line}: {exc}; write the values out instead") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise RulesError(
            f"{where}: YAML syntax error: {problem}. Check indentation, quotes and colons on this line "
            "(quote regex patterns with single quotes)."
        ) from exc
    if data is None:
        return {"__line__": 1, "__lines__": {}}
    if not isinstance(data, dict):
        raise RulesError(f"{path}:1: a rules file must be a mapping with keys {sorted(_TOP_KEYS)}")
    return data


class _Ctx:
    """Where a value came from, for error messages."""

    def __init__(self, path: Path, node: dict[str, Any], what: str) -> None:
        self.path, self.node, self.what = path, node, what

    def line(self, key: str | None = None) -> int:
        lines = self.node.get("__lines__", {})
        return int(lines.get(key, self.node.get("__line__", 1))) if key else int(self.node.get("__line__", 1))

    def fail(self, message: str, key: str | None = None) -> RulesError:
        return RulesError(f"{self.path}:{self.line(key)}: {self.what}: {message}")

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.node:
            if key in ("__line__", "__lines__") or key in allowed:
                continue
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed keys: {', '.join(sorted(allowed))}"
            raise self.fail(f"unknown key '{key}'{hint}", str(key))


def _plain(value: Any) -> Any:
    """Strip the line bookkeeping so values can be hashed and compared."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in ("__line__", "__lines__")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@dataclass
class _Merged:
    """Raw YAML merged over all files, each value kept with the file it came from."""

    macros: dict[str, tuple[str, _Ctx]] = field(default_factory=dict)
    settings: dict[str, tuple[Any, _Ctx]] = field(default_factory=dict)
    types: dict[str, dict[str, tuple[Any, _Ctx]]] = field(default_factory=dict)
    rules: dict[str, tuple[dict[str, Any], _Ctx]] = field(default_factory=dict)


def _merge_file(merged: _Merged, path: Path) -> None:
    data = _read_yaml(path)
    top = _Ctx(path, data, "rules file")
    top.check_keys(_TOP_KEYS)
    for section in ("macros", "settings", "types"):
        if section in data and not isinstance(data[section], dict):
            raise top.fail(f"'{section}' must be a mapping", section)
    macros = data.get("macros") or {}
    for name in macros:
        if name in ("__line__", "__lines__"):
            continue
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", str(name)) or not isinstance(macros[name], str):
            raise _Ctx(path, macros, f"macro '{name}'").fail("macro names are UPPER_CASE and values strings", name)
        merged.macros[name] = (macros[name], _Ctx(path, macros, f"macro '{name}'"))
    settings = data.get("settings") or {}
    _Ctx(path, settings, "settings").check_keys(_SETTING_KEYS)
    for key, value in settings.items():
        if key not in ("__line__", "__lines__"):
            merged.settings[key] = (value, _Ctx(path, settings, f"settings.{key}"))
    types = data.get("types") or {}
    for name, spec in types.items():
        if name in ("__line__", "__lines__"):
            continue
        ctx = _Ctx(path, spec if isinstance(spec, dict) else types, f"type '{name}'")
        if not isinstance(spec, dict):
            raise ctx.fail("an event type must be a mapping (description, roles, require_participants, places)")
        ctx.check_keys(_TYPE_KEYS)
        entry = merged.types.setdefault(str(name), {})
        for key, value in spec.items():
            if key not in ("__line__", "__lines__"):
                entry[key] = (value, ctx)
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        raise top.fail("'rules' must be a list of rules (each item starts with '- id: ...')", "rules")
    for index, spec in enumerate(rules):
        if not isinstance(spec, dict):
            raise top.fail(f"rules[{index}] must be a mapping with at least id, type and triggers", "rules")
        ctx = _Ctx(path, spec, f"rule #{index + 1}")
        ctx.check_keys(_RULE_KEYS)
        rule_id = spec.get("id")
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise ctx.fail("missing 'id' (a unique name such as 'meeting.convene')")
        ctx.what = f"rule '{rule_id}'"
        merged.rules[rule_id] = (spec, ctx)


class _Compiler:
    def __init__(self, macros: dict[str, tuple[str, _Ctx]]) -> None:
        self.macros = macros

    def expand(self, pattern: str, ctx: _Ctx, key: str, depth: int = 0) -> str:
        def sub(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.macros:
                raise ctx.fail(f"unknown macro %{name}% in {key}; define it under 'macros:'", key)
            if depth > 5:
                raise ctx.fail(f"macro %{name}% expands into itself", key)
            return self.expand(self.macros[name][0], self.macros[name][1], name, depth + 1)

        return _MACRO.sub(sub, pattern)

    def regex(self, pattern: Any, ctx: _Ctx, key: str) -> re.Pattern[str]:
        """The compiled pattern, behind a first-character guard where that makes re skip positions faster."""
        if not isinstance(pattern, str) or not pattern:
            raise ctx.fail(f"{key} must be a non-empty regex string", key)
        try:
            return guarded(re.compile(self.expand(pattern, ctx, key)))
        except re.error as exc:
            raise ctx.fail(f"{key}: invalid regex {pattern!r} ({exc}); fix the pattern or escape it", key) from exc

    def regexes(self, patterns: Any, ctx: _Ctx, key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(self.regex(p, ctx, key) for p in _as_list(patterns, ctx, key))

    def alternation(self, patterns: Any, ctx: _Ctx, key: str) -> re.Pattern[str]:
        """Several regexes as one: `(?:a)|(?:b)`; an empty list never matches."""
        items = _as_list(patterns, ctx, key)
        for item in items:
            self.regex(item, ctx, key)
        if not items:
            return re.compile(r"(?!x)x")
        return guarded(re.compile("|".join(f"(?:{self.expand(p, ctx, key)})" for p in items)))


def _as_list(value: Any, ctx: _Ctx, key: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ctx.fail(f"'{key}' must be a list", key)
    return value


def _compile_settings(merged: _Merged, comp: _Compiler) -> Settings:
    def get(key: str) -> tuple[Any, _Ctx]:
        if key not in merged.settings:
            raise RulesError(f"{DEFAULT_RULES}: settings.{key} is missing")
        return merged.settings[key]

    def sub(key: str, allowed: set[str]) -> tuple[dict[str, Any], _Ctx]:
        value, ctx = get(key)
        if not isinstance(value, dict):
            raise ctx.fail("must be a mapping", key)
        inner = _Ctx(ctx.path, value, f"settings.{key}")
        inner.check_keys(allowed)
        return value, inner

    blocker = {
        k: comp.alternation(*get(k), k) for k in ("modal", "negation", "reported", "generic_before", "generic_after")
    }
    skip, skip_ctx = get("skip_inside")
    pairs = _as_list(skip, skip_ctx, "skip_inside")
    if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(c, str) for c in p) for p in pairs):
        raise skip_ctx.fail("skip_inside must be a list of [open, close] pairs such as ['《', '》']", "skip_inside")
    classes, cls_ctx = get("time_of_day_classes")
    if not isinstance(classes, dict):
        raise cls_ctx.fail("must map a class name to a list of words", "time_of_day_classes")
    tod = {str(w): str(c) for c, words in _plain(classes).items() for w in _as_list(words, cls_ctx, str(c))}
    plist, pctx = sub("person_list", _PERSON_LIST_KEYS)
    places, plc = sub("places", _PLACES_KEYS)
    max_item = places.get("max_item", 20)
    if not isinstance(max_item, int) or max_item < 2:
        raise plc.fail("max_item must be an integer >= 2", "max_item")
    alias = _plain(places.get("alias") or {})
    if not isinstance(alias, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in alias.items()):
        raise plc.fail("alias must map a short form to a place name ({京: 北京})", "alias")
    outsider, octx = sub("not_participant", {"before", "after"})
    female, fctx = sub("female", {"pronoun", "title"})
    roles, roles_ctx = get("pronoun_roles")
    quoted, quoted_ctx = get("quoted_roles")
    guests, guests_ctx = get("guest_roles")
    return Settings(
        modal=blocker["modal"],
        negation=blocker["negation"],
        reported=blocker["reported"],
        generic_before=blocker["generic_before"],
        generic_after=blocker["generic_after"],
        skip_inside=tuple((a, b) for a, b in pairs),
        pronoun=comp.regex(*get("pronoun"), "pronoun"),
        time_of_day_class=tod,
        list_join=comp.regex(plist.get("join"), pctx, "join"),
        list_join_titled=comp.regex(plist.get("join_titled"), pctx, "join_titled"),
        list_join_marked=comp.regex(plist.get("join_marked"), pctx, "join_marked"),
        after_prefix=comp.regex(plist.get("after_prefix"), pctx, "after_prefix"),
        place_split=comp.regex(places.get("item_split"), plc, "item_split"),
        place_suffix=comp.regex(places.get("place_suffix"), plc, "place_suffix"),
        place_generic=frozenset(str(w) for w in _as_list(places.get("generic"), plc, "generic")),
        place_stopwords=tuple(str(w) for w in _as_list(places.get("stopwords"), plc, "stopwords")),
        place_max_item=max_item,
        place_alias=alias,
        place_name_head=comp.alternation(places.get("name_head"), plc, "name_head"),
        place_capital_of=comp.alternation(places.get("capital_of"), plc, "capital_of"),
        not_participant_before=comp.alternation(outsider.get("before"), octx, "before"),
        not_participant_after=comp.alternation(outsider.get("after"), octx, "after"),
        same_subject=comp.regex(*get("same_subject"), "same_subject"),
        narration=comp.regex(*get("narration"), "narration"),
        subject_after=comp.regex(*get("subject_after"), "subject_after"),
        background=comp.regex(*get("background"), "background"),
        described=comp.regex(*get("described"), "described"),
        body_subject=comp.regex(*get("body_subject"), "body_subject"),
        aside=comp.regex(*get("aside"), "aside"),
        escort=comp.regex(*get("escort"), "escort"),
        time_phrase=comp.regex(*get("time_phrase"), "time_phrase"),
        dated=comp.regex(*get("dated"), "dated"),
        occasion=comp.regex(*get("occasion"), "occasion"),
        stay=comp.regex(*get("stay"), "stay"),
        span=comp.regex(*get("span"), "span"),
        over_after=comp.regex(*get("over_after"), "over_after"),
        phrase_split=comp.regex(*get("phrase_split"), "phrase_split"),
        pronoun_roles=frozenset(str(r) for r in _as_list(roles, roles_ctx, "pronoun_roles")),
        quoted_roles=frozenset(str(r) for r in _as_list(quoted, quoted_ctx, "quoted_roles")),
        letter_writer=comp.regex(*get("letter_writer"), "letter_writer"),
        pronoun_pair=comp.regex(*get("pronoun_pair"), "pronoun_pair"),
        pronoun_counted=comp.regex(*get("pronoun_counted"), "pronoun_counted"),
        pronoun_guests=comp.regex(*get("pronoun_guests"), "pronoun_guests"),
        guest_roles=frozenset(str(r) for r in _as_list(guests, guests_ctx, "guest_roles")),
        female_pronoun=comp.regex(female.get("pronoun"), fctx, "pronoun"),
        female_title=comp.regex(female.get("title"), fctx, "title"),
        date_range=comp.regex(*get("date_range"), "date_range"),
    )


def _compile_type(name: str, spec: dict[str, tuple[Any, _Ctx]], comp: _Compiler) -> EventType:
    def val(key: str, default: Any) -> Any:
        return spec[key][0] if key in spec else default

    roles = []
    if "roles" in spec:
        value, ctx = spec["roles"]
        for item in _as_list(value, ctx, "roles"):
            rctx = _Ctx(ctx.path, item if isinstance(item, dict) else ctx.node, f"type '{name}' role")
            if not isinstance(item, dict) or not isinstance(item.get("role"), str):
                raise rctx.fail("each role cue needs 'role' and 'after' or 'before' (regexes)")
            rctx.check_keys(_ROLE_KEYS)
            if "after" not in item and "before" not in item:
                raise rctx.fail(f"role cue '{item['role']}' needs 'after' or 'before'")
            after = comp.regex(item["after"], rctx, "after") if "after" in item else None
            before = comp.regex(item["before"], rctx, "before") if "before" in item else None
            applies_to = item.get("applies_to", "event")
            if applies_to not in _APPLIES_TO:
                raise rctx.fail(f"applies_to must be one of {', '.join(_APPLIES_TO)}", "applies_to")
            roles.append(RoleCue(item["role"], after, before, applies_to))
    places = []
    if "places" in spec:
        value, ctx = spec["places"]
        for item in _as_list(value, ctx, "places"):
            pctx = _Ctx(ctx.path, item if isinstance(item, dict) else ctx.node, f"type '{name}' place pattern")
            if not isinstance(item, dict) or "pattern" not in item:
                raise pctx.fail("each place pattern needs 'pattern' with a group (?P<list>...)")
            pctx.check_keys(_PLACE_KEYS)
            regex = comp.regex(item["pattern"], pctx, "pattern")
            if "list" not in regex.groupindex:
                raise pctx.fail("place pattern needs a named group (?P<list>...) around the place list", "pattern")
            strict, tagged = bool(item.get("strict", False)), bool(item.get("tagged", False))
            places.append(PlacePattern(regex, strict, tagged))
    exclusive = _plain(val("exclusive_roles", {}) or {})
    if not isinstance(exclusive, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(r, str) for r in v) for k, v in exclusive.items()
    ):
        raise spec["exclusive_roles"][1].fail(
            "exclusive_roles must map a role to the roles it rules out ({host: [guest, accompanying]})"
        )
    return EventType(
        name=name,
        description=str(val("description", "")),
        roles=tuple(roles),
        require_participants=bool(val("require_participants", False)),
        places=tuple(places),
        clause_places=bool(val("clause_places", False)),
        distinct_triggers=bool(val("distinct_triggers", False)),
        distinct_words=comp.regex(*spec["distinct_words"], "distinct_words") if "distinct_words" in spec else None,
        exclusive_roles={role: frozenset(ruled_out) for role, ruled_out in exclusive.items()},
        follow_up_places=bool(val("follow_up_places", True)),
        own_subject=bool(val("own_subject", False)),
    )


def _compile_rule(spec: dict[str, Any], ctx: _Ctx, types: dict[str, EventType], comp: _Compiler) -> Rule:
    rtype = spec.get("type")
    if rtype not in types:
        known = ", ".join(sorted(types))
        raise ctx.fail(f"type '{rtype}' is not declared; use one of {known} or declare it under 'types:'", "type")
    triggers = list(comp.regexes(spec.get("triggers"), ctx, "triggers"))
    for word in _as_list(spec.get("keywords"), ctx, "keywords"):
        if not isinstance(word, str) or not word:
            raise ctx.fail("keywords must be non-empty strings", "keywords")
        triggers.append(re.compile(re.escape(word)))
    if not triggers:
        raise ctx.fail("needs at least one trigger: add 'triggers: [regex]' or 'keywords: [word]'")
    confidence = spec.get("confidence", 0.8)
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise ctx.fail("confidence must be a number between 0 and 1", "confidence")
    blockers = spec.get("blockers", list(BLOCKER_KINDS))
    bad = [b for b in _as_list(blockers, ctx, "blockers") if b not in BLOCKER_KINDS]
    if bad:
        raise ctx.fail(f"unknown blockers {bad}; use some of {list(BLOCKER_KINDS)}", "blockers")
    yield_to = [str(t) for t in _as_list(spec.get("yield_to"), ctx, "yield_to")]
    part_of = [str(t) for t in _as_list(spec.get("part_of"), ctx, "part_of")]
    for key, named in (("yield_to", yield_to), ("part_of", part_of)):
        unknown = [t for t in named if t not in types]
        if unknown:
            raise ctx.fail(f"{key} names undeclared types {unknown}", key)
    subject = spec.get("subject_role")
    if subject is not None and not isinstance(subject, str):
        raise ctx.fail("subject_role must be a role name such as 'chair'", "subject_role")
    each = spec.get("each")
    if each is not None and not any(each in p.groupindex for p in triggers):
        raise ctx.fail(f"each: '{each}' must name a group of the triggers, such as (?P<{each}>...)", "each")
    return Rule(
        id=spec["id"],
        type=rtype,
        triggers=tuple(triggers),
        subject_role=subject,
        confidence=float(confidence),
        new_event=bool(spec.get("new_event", False)),
        yield_to=tuple(yield_to),
        part_of=tuple(part_of),
        each=each,
        blockers=frozenset(blockers),
        exclude_before=comp.regexes(spec.get("exclude_before"), ctx, "exclude_before"),
        exclude_after=comp.regexes(spec.get("exclude_after"), ctx, "exclude_after"),
    )


def _examples(value: Any, ctx: _Ctx, owner: str) -> list[Example]:
    """Rule examples as data; their types are checked when they run (`kg rules check`), not here."""
    examples = []
    for index, item in enumerate(_as_list(value, ctx, "examples")):
        ectx = _Ctx(ctx.path, item if isinstance(item, dict) else ctx.node, f"{owner} example {index + 1}")
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"]:
            raise ectx.fail("each example needs 'text' (the sentences) and 'events' (a list, [] for none)")
        ectx.check_keys(_EXAMPLE_KEYS)
        expected = []
        for event in _as_list(item.get("events"), ectx, "events"):
            vctx = _Ctx(ctx.path, event if isinstance(event, dict) else item, ectx.what)
            if not isinstance(event, dict) or not isinstance(event.get("type"), str):
                raise vctx.fail("each expected event needs 'type' (and 'roles': {name: role or [roles]})", "events")
            vctx.check_keys(_EXPECTED_KEYS)
            roles = event.get("roles") or {}
            if not isinstance(roles, dict):
                raise vctx.fail("roles must map a name to a role or a list of roles", "roles")
            pairs = frozenset(
                (str(name), str(role))
                for name, given in _plain(roles).items()
                for role in (given if isinstance(given, list) else [given])
            )
            places = event.get("places")
            expected.append(
                ExpectedEvent(
                    type=event["type"],
                    roles=pairs,
                    places=None if places is None else tuple(str(p) for p in _as_list(places, vctx, "places")),
                    date=None if event.get("date") is None else str(event["date"]),
                    check_date="date" in event,
                )
            )
        examples.append(
            Example(
                where=f"{ctx.path}:{ectx.line()}: {owner} example {index + 1}",
                text=item["text"],
                date=None if item.get("date") is None else str(item["date"]),
                people=tuple(str(x) for x in _as_list(item.get("people"), ectx, "people")),
                places=tuple(str(x) for x in _as_list(item.get("places"), ectx, "places")),
                organizations=tuple(str(x) for x in _as_list(item.get("orgs"), ectx, "orgs")),
                events=tuple(expected),
            )
        )
    return examples


def _all_examples(merged: _Merged) -> tuple[Example, ...]:
    found: list[Example] = []
    for name, spec in merged.types.items():
        if "examples" in spec:
            found += _examples(*spec["examples"], f"type '{name}'")
    for spec, ctx in merged.rules.values():
        if spec.get("enabled", True) and "examples" in spec:
            found += _examples(spec["examples"], ctx, ctx.what)
    return tuple(found)


def _without_examples(value: Any) -> Any:
    """A merged section minus its examples: examples document the rules, they do not change results."""
    return {k: v for k, v in value.items() if k != "examples"}


def load_rules(extra: Sequence[str | Path] = ()) -> RuleSet:
    """The shipped rules merged with user rule files (later files win); raises RulesError."""
    paths = [DEFAULT_RULES, *(Path(p) for p in extra)]
    merged = _Merged()
    for path in paths:
        _merge_file(merged, path)
    comp = _Compiler(merged.macros)
    settings = _compile_settings(merged, comp)
    types = {name: _compile_type(name, spec, comp) for name, spec in merged.types.items()}
    rules = tuple(
        _compile_rule(spec, ctx, types, comp) for spec, ctx in merged.rules.values() if spec.get("enabled", True)
    )
    effective = {
        "macros": {k: v for k, (v, _) in sorted(merged.macros.items())},
        "settings": {k: _plain(v) for k, (v, _) in sorted(merged.settings.items())},
        "types": {
            n: {k: _plain(v) for k, (v, _) in sorted(_without_examples(s).items())}
            for n, s in sorted(merged.types.items())
        },
        "rules": [_without_examples(_plain(spec)) for spec, _ in merged.rules.values() if spec.get("enabled", True)],
    }
    digest = hashlib.sha256(json.dumps(effective, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]
    return RuleSet(
        rules=rules,
        types=types,
        settings=settings,
        version=digest,
        examples=_all_examples(merged),
    )
