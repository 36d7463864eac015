"""One tagger per set of extra phrases (a persona's own), built once per process."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from .encoder import shipped_encoder
from .model import shipped_head
from .rules import RuleTagger, shipped_rules
from .tagging import RULES_SOURCE, Tagger, default_tagger


def tagger_for(phrases: Mapping[str, Sequence[str]]) -> Tagger:
    """The shipped tagger, with `phrases` ({tag: [phrase, ...]}) added to its rules' phrase bank."""
    if not phrases:
        return default_tagger()
    return _with_phrases(tuple(sorted((tag, tuple(p)) for tag, p in phrases.items())))


@lru_cache(maxsize=16)
def _with_phrases(phrases: tuple[tuple[str, tuple[str, ...]], ...]) -> Tagger:
    rules = RuleTagger(shipped_rules(), source=RULES_SOURCE, extra_phrases=dict(phrases))
    return Tagger(rules, shipped_encoder(), shipped_head())
