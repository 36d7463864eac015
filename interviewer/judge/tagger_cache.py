"""One tagger per set of extra phrases (a persona's own), compiled once per process."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from .tagging import Tagger, default_tagger, shipped_rules


def tagger_for(phrases: Mapping[str, Sequence[str]]) -> Tagger:
    """The shipped tagger, with `phrases` ({tag: [phrase, ...]}) added to its phrase bank."""
    if not phrases:
        return default_tagger()
    return _with_phrases(tuple(sorted((tag, tuple(p)) for tag, p in phrases.items())))


@lru_cache(maxsize=16)
def _with_phrases(phrases: tuple[tuple[str, tuple[str, ...]], ...]) -> Tagger:
    return Tagger(shipped_rules(), source="interviewer/judge/data/tag_rules.toml", extra_phrases=dict(phrases))
