"""Scenario scripts: a scripted candidate against a persona, with expectations to check.

persona = "default"            # built-in name, or a path relative to this file
seed = 7                       # optional: the interviewer's choices among variants
[[reply]]
say = "I've sold payroll software for four years..."
[[reply]]
silence = true                 # says nothing (also what happens when the replies run out)
[[reply]]
mumble = true                  # speech the recognizer cannot make out
[[reply]]
audio = "clips/answer.wav"     # a recording, for voice runs
[expect]
hire = true
min_score = 60
max_score = 100
tags = ["confirm", "ask_job"]             # each seen at least once in the candidate's turns
interviewer_says = ["Yes, that's clear"]  # each said by the interviewer at some point
final_state = "graded"                    # or "ended"
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ScenarioError
from ..judge.tagging import TAGS
from ..ports import Heard
from ..tomlio import load_toml_text
from ..userfiles import Limit, decode_utf8, read_bytes


@dataclass(frozen=True)
class Reply:
    say: str | None = None
    audio: Path | None = None
    silence: bool = False
    mumble: bool = False


@dataclass(frozen=True)
class Expect:
    hire: bool | None = None
    min_score: float | None = None
    max_score: float | None = None
    tags: tuple[str, ...] = ()
    interviewer_says: tuple[str, ...] = ()
    final_state: str | None = None


@dataclass(frozen=True)
class Scenario:
    path: Path
    persona: str
    seed: int
    replies: tuple[Reply, ...]
    expect: Expect
    description: str = ""

    @property
    def name(self) -> str:
        return self.path.stem


@dataclass
class Outcome:
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


_TOP_KEYS = {"persona", "seed", "description", "reply", "expect"}
_REPLY_KEYS = {"say", "audio", "silence", "mumble"}
_EXPECT_KEYS = {"hire", "min_score", "max_score", "tags", "interviewer_says", "final_state"}


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    data = read_bytes(path, "scenario file", ScenarioError, Limit(1, "a scenario file"))
    raw = load_toml_text(decode_utf8(data, path, ScenarioError), str(path), ScenarioError)
    return parse_scenario(raw, path)


def parse_scenario(raw: dict, path: Path) -> Scenario:
    _only(raw, _TOP_KEYS, path, "")
    persona = raw.get("persona", "default")
    if not isinstance(persona, str) or not persona.strip():
        raise ScenarioError(f'{path}: persona: must be a built-in name or a path; e.g. persona = "default"')
    if persona.endswith(".toml") or "/" in persona or "\\" in persona:
        persona = str(_inside(path, persona, f"{path}: persona"))
    seed = raw.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ScenarioError(f"{path}: seed: must be a whole number")
    replies = raw.get("reply", [])
    if not isinstance(replies, list):
        raise ScenarioError(f"{path}: reply: write each reply as a [[reply]] table")
    return Scenario(
        path=path,
        persona=persona,
        seed=seed,
        replies=tuple(_reply(r, i, path) for i, r in enumerate(replies)),
        expect=_expect(raw.get("expect", {}), path),
        description=str(raw.get("description", "")),
    )


def _reply(raw: object, index: int, path: Path) -> Reply:
    where = f"{path}: reply[{index}]"
    if not isinstance(raw, dict):
        raise ScenarioError(f'{where}: must be a table with say = "..."')
    _only(raw, _REPLY_KEYS, path, f"reply[{index}].")
    kinds = [k for k in ("say", "audio", "silence", "mumble") if k in raw]
    if len(kinds) != 1:
        raise ScenarioError(f"{where}: give exactly one of say, audio, silence, mumble")
    kind = kinds[0]
    value = raw[kind]
    if kind in ("say", "audio") and not isinstance(value, str):
        raise ScenarioError(f"{where}.{kind}: must be a string")
    if kind in ("silence", "mumble") and value is not True:
        raise ScenarioError(f"{where}.{kind}: write {kind} = true")
    if kind == "audio":
        return Reply(audio=_inside(path, value, f"{where}.audio"))
    return Reply(say=value if kind == "say" else None, silence=kind == "silence", mumble=kind == "mumble")


def _inside(scenario: Path, relative: str, where: str) -> Path:
    """A path relative to the scenario's folder, which it may not leave."""
    base = scenario.resolve().parent
    target = (base / relative).resolve()
    if Path(relative).is_absolute() or not target.is_relative_to(base):
        raise ScenarioError(f"{where}: {relative!r} leaves the scenario's folder; keep files beside the scenario")
    return target


def _expect(raw: object, path: Path) -> Expect:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{path}: expect: must be a table, [expect]")
    _only(raw, _EXPECT_KEYS, path, "expect.")
    for key in ("tags", "interviewer_says"):
        if key in raw and not (isinstance(raw[key], list) and all(isinstance(v, str) for v in raw[key])):
            raise ScenarioError(f'{path}: expect.{key}: must be a list of strings; e.g. {key} = ["..."]')
    tags = raw.get("tags", [])
    unknown = [t for t in tags if t not in TAGS]
    if unknown:
        raise ScenarioError(f"{path}: expect.tags: unknown tag {unknown[0]!r}; use {', '.join(TAGS)}")
    final = raw.get("final_state")
    if final not in (None, "graded", "ended"):
        raise ScenarioError(f'{path}: expect.final_state: use "graded" or "ended"')
    if "hire" in raw and not isinstance(raw["hire"], bool):
        raise ScenarioError(f"{path}: expect.hire: write true or false")
    for key in ("min_score", "max_score"):
        if key in raw and not _is_score(raw[key]):
            raise ScenarioError(f"{path}: expect.{key}: must be a number from 0 to 100")
    if raw.get("min_score", 0) > raw.get("max_score", 100):
        raise ScenarioError(
            f"{path}: expect.min_score: {raw['min_score']:g} is above max_score {raw['max_score']:g}; no score can pass"
        )
    return Expect(
        hire=raw.get("hire"),
        min_score=raw.get("min_score"),
        max_score=raw.get("max_score"),
        tags=tuple(tags),
        interviewer_says=tuple(raw.get("interviewer_says", [])),
        final_state=final,
    )


def _is_score(value: object) -> bool:
    """A number a grade can be compared with: not true/false, not nan or infinity, 0 to 100."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100


def _only(raw: dict, allowed: set[str], path: Path, prefix: str) -> None:
    for key in raw:
        if key not in allowed:
            raise ScenarioError(f"{path}: {prefix}{key}: unknown key; known keys: {', '.join(sorted(allowed))}")


class ScriptedListener:
    """The scripted candidate: replies in order, then silence.

    `hear` turns a reply into what a recognizer heard from it: always for `audio` replies, and for every
    spoken reply when the run goes through the audio path (`run --voice`). Without it, `say` is heard
    word for word."""

    def __init__(self, replies: tuple[Reply, ...] | list[Reply], hear=None, voice: bool = False):
        self.pending = deque(replies)
        self.hear, self.voice = hear, voice

    def listen(self) -> Heard:
        if not self.pending:
            return Heard.silence()
        reply = self.pending.popleft()
        if reply.silence:
            return Heard.silence()
        if reply.mumble:
            return Heard.unintelligible()
        if reply.audio is not None or self.voice:
            return self.hear(reply)
        return Heard.speech(reply.say)


def check(expect: Expect, interview) -> Outcome:
    """Compare what happened with what the scenario expected; one line per failed expectation."""
    outcome = Outcome()
    result = interview.result
    if expect.hire is not None and result.hire != expect.hire:
        outcome.failures.append(f"expected hire = {str(expect.hire).lower()}, got {str(result.hire).lower()}")
    if expect.min_score is not None and result.score < expect.min_score:
        outcome.failures.append(f"expected a score of at least {expect.min_score:g}, got {result.score}")
    if expect.max_score is not None and result.score > expect.max_score:
        outcome.failures.append(f"expected a score of at most {expect.max_score:g}, got {result.score}")
    seen = {tag for tags in interview.tagged if tags for tag in tags.tags}
    for tag in expect.tags:
        if tag not in seen:
            outcome.failures.append(f"expected the candidate's {tag} to be recognized; it never was")
    said = [t.text for t in interview.turns if t.speaker == "interviewer"]
    for words in expect.interviewer_says:
        if not any(words.lower() in line.lower() for line in said):
            outcome.failures.append(f"expected the interviewer to say {words!r}; it never did")
    if expect.final_state is not None and interview.state != expect.final_state:
        outcome.failures.append(f"expected the interview to end {expect.final_state}, it ended {interview.state}")
    return outcome
