"""Event extraction: YAML rules (`load_rules`) applied to tagged documents (`extract_events`)."""

from kg.events.engine import extract_events
from kg.events.rules import DEFAULT_RULES, RulesError, RuleSet, load_rules

__all__ = ["DEFAULT_RULES", "RuleSet", "RulesError", "extract_events", "load_rules"]
