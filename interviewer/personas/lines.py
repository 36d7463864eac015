"""The interviewer's stock lines and the voice commands, from interviewer/personas/data/lines.toml.

Code names a line ("reprompt"); the data holds its words. A persona's [reactions] replace any of them.
Voice commands are recognized fuzzily, but only when the reply is short and is nothing but the command,
so an answer that merely contains "skip" or "stop" is never taken for one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from ..judge.normalize import canonical
from ..tomlio import load_toml_text

COMMANDS = ("repeat", "skip", "pause", "resume", "stop")
_COMMAND_CUTOFF = 86.0
_MAX_COMMAND_WORDS = 6
_MAX_REPEAT_WORDS = 12  # "could you repeat the question, I lost you for a second"


@dataclass(frozen=True)
class Lines:
    lines: dict[str, tuple[str, ...]]
    commands: dict[str, tuple[str, ...]]

    @cached_property
    def _canonical_commands(self) -> dict[str, list[str]]:
        return {command: [canonical(p) for p in phrases] for command, phrases in self.commands.items()}

    def with_overrides(self, overrides: dict[str, tuple[str, ...]]) -> Lines:
        return Lines({**self.lines, **overrides}, self.commands)

    def pick(self, name: str, rng: random.Random, **fields: str) -> str:
        return rng.choice(self.lines[name]).format(**fields)

    def command_in(self, text: str) -> str | None:
        """The voice command this reply is, if it is one."""
        return self.command_of(canonical(text))

    def command_of(self, words: str) -> str | None:
        """The voice command these canonical words are, if they are one."""
        count = len(words.split())
        if not words or count > _MAX_REPEAT_WORDS:
            return None
        for command in COMMANDS:
            phrases = self._canonical_commands[command]
            if count <= _MAX_COMMAND_WORDS and process.extractOne(
                words, phrases, scorer=fuzz.ratio, score_cutoff=_COMMAND_CUTOFF
            ):
                return command
            if command == "repeat" and process.extractOne(words, phrases, scorer=fuzz.partial_ratio, score_cutoff=92.0):
                return command
        return None


@lru_cache(maxsize=1)
def default_lines() -> Lines:
    text = resources.files("interviewer.personas").joinpath("data/lines.toml").read_text(encoding="utf-8")
    raw = load_toml_text(text, "interviewer/personas/data/lines.toml")
    return Lines(
        lines={k: tuple(v) for k, v in raw["lines"].items()},
        commands={k: tuple(v) for k, v in raw["commands"].items()},
    )
