"""One tagger per set of persona phrases, compiled once per process."""

from __future__ import annotations

from functools import lru_cache

from ..personas.format import Persona
from .tagging import Tagger, default_tagger, shipped_rules


def tagger_for(persona: Persona) -> Tagger:
    if not persona.tag_phrases:
        return default_tagger()
    return _with_phrases(tuple(sorted((tag, tuple(p)) for tag, p in persona.tag_phrases.items())))


@lru_cache(maxsize=16)
def _with_phrases(phrases: tuple[tuple[str, tuple[str, ...]], ...]) -> Tagger:
    return Tagger(shipped_rules(), source="interviewer/judge/data/tag_rules.toml", extra_phrases=dict(phrases))
