"""The rubric's five tags, and a tagged utterance with the evidence behind each tag."""

from __future__ import annotations

from dataclasses import dataclass, field

TAGS = ("confirm", "benefit", "future", "ask_job", "feedback")


@dataclass(frozen=True)
class Match:
    """Why a tag fired: the rule, phrase or model, the words it read, and how sure (0-100; 100 for a rule).
    `nearest` holds, for the model, the training examples closest to the words."""

    tag: str
    rule: str
    words: str
    score: float
    sentence: str
    nearest: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tagged:
    text: str
    tags: tuple[str, ...]
    matches: tuple[Match, ...]
    sentences: tuple[str, ...] = field(default=(), compare=False)  # the turn as the tagger split it
    words: tuple[str, ...] = field(default=(), compare=False)  # each sentence's canonical form
