"""Transcript -> Grade: a score, hire or not, and per dimension the evidence and a tip. Pure, no printing.

The rubric (dimensions, weights, tips, pass score) is data: interviewer/judge/data/rubric.toml. A candidate who
does not ask for the job, or the next step, in the closing is not hired, whatever the score; nor is one who asks
but never ties their experience to the role or says how they would do it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..tomlio import load_toml_text
from ..transcript import Transcript, Turn
from .delivery import Delivery, measure_delivery
from .tagging import Match, Tagged, Tagger, default_tagger

# How many turns showing a move earn the full mark for it, the rest scaled below that.
_FULL_MARKS = {"confirm": 3, "benefit": 2, "future": 2}
# Credit for a move made, but outside the closing where it belongs.
_OUTSIDE_CLOSING = {"feedback": 0.6, "ask_job": 0.2}


@dataclass(frozen=True)
class Evidence:
    quote: str
    turn: int  # index into the transcript's turns
    stage: str | None
    rule: str


@dataclass(frozen=True)
class Dimension:
    name: str
    title: str
    score: float  # 0..1
    weight: float
    evidence: tuple[Evidence, ...]
    tip: str | None  # set when the dimension falls short


@dataclass(frozen=True)
class Grade:
    score: int  # 0..100
    hire: bool
    verdict: str  # one sentence: why hire or not
    outcome: str  # which verdict: one of OUTCOMES
    dimensions: tuple[Dimension, ...]
    delivery: Delivery | None
    pass_score: int

    def dimension(self, name: str) -> Dimension:
        return next(d for d in self.dimensions if d.name == name)

    def weakest(self) -> Dimension:
        """The dimension that costs the most points: what to say when a candidate asks how they are doing."""
        return max(self.dimensions, key=lambda d: (1 - d.score) * d.weight)


# Why a candidate is hired or not; the rubric words each one, the interviewer's lines speak each one.
OUTCOMES = ("hire", "no_substance", "below_bar", "asked_early", "never_asked")


@dataclass(frozen=True)
class Rubric:
    pass_score: int
    dimensions: tuple[dict, ...]
    verdicts: dict[str, str]  # outcome -> sentence, may use {score} and {threshold}
    substance: tuple[str, ...]  # a hire needs at least one of these tags besides the ask


@lru_cache(maxsize=1)
def default_rubric() -> Rubric:
    text = resources.files("interviewer.judge").joinpath("data/rubric.toml").read_text(encoding="utf-8")
    raw = load_toml_text(text, "interviewer/judge/data/rubric.toml")
    hire = raw["hire"]
    return Rubric(int(raw["pass_score"]), tuple(raw["dimension"]), dict(raw["verdicts"]), tuple(hire["substance"]))


def grade(
    transcript: Transcript,
    *,
    tagger: Tagger | None = None,
    rubric: Rubric | None = None,
    pass_score: int | None = None,
    tagged: Sequence[Tagged | None] | None = None,
    weights: dict[str, float] | None = None,
) -> Grade:
    """Grade a transcript. `tagged`, parallel to its turns, reuses tags already computed (the live interview);
    `weights` (a persona's) replace the rubric's weight of the dimensions they name."""
    tagger = tagger or default_tagger()
    rubric = rubric or default_rubric()
    threshold = rubric.pass_score if pass_score is None else pass_score
    if tagged is None:
        tagged = [tagger.tag(t.text) if t.speaker == "candidate" else None for t in transcript.turns]
    moves = _moves(transcript.turns, tagged)
    specs = [
        {**spec, "weight": weights[spec["name"]]} if weights and spec["name"] in weights else spec
        for spec in rubric.dimensions
    ]
    dimensions = tuple(_dimension(spec, moves) for spec in specs)
    score = round(100 * sum(d.score * d.weight for d in dimensions) / sum(d.weight for d in dimensions))
    asked = any(e.stage == "closing" for e in moves.get("ask_job", []))
    substance = any(moves.get(tag) for tag in rubric.substance)
    hire = asked and substance and score >= threshold
    outcome = _outcome(asked, hire, substance, moves)
    return Grade(
        score,
        hire,
        rubric.verdicts[outcome].format(score=score, threshold=threshold),
        outcome,
        dimensions,
        measure_delivery(transcript.turns),
        threshold,
    )


def _moves(turns: Sequence[Turn], tagged: Sequence[Tagged | None]) -> dict[str, list[Evidence]]:
    """Every tagged sentence of the candidate, by tag, in order."""
    moves: dict[str, list[Evidence]] = {}
    for index, (turn, tags) in enumerate(zip(turns, tagged, strict=True)):
        if turn.speaker != "candidate" or tags is None:
            continue
        for match in tags.matches:
            moves.setdefault(match.tag, []).append(_evidence(match, index, turn))
    return moves


def _evidence(match: Match, index: int, turn: Turn) -> Evidence:
    return Evidence(quote=match.sentence, turn=index, stage=turn.stage, rule=match.rule)


def _dimension(spec: dict, moves: dict[str, list[Evidence]]) -> Dimension:
    tag = spec["tag"]
    found = moves.get(tag, [])
    if tag in _OUTSIDE_CLOSING:
        in_closing = [e for e in found if e.stage == "closing"]
        score = 1.0 if in_closing else (_OUTSIDE_CLOSING[tag] if found else 0.0)
    else:
        score = min(1.0, len({e.turn for e in found}) / _FULL_MARKS[tag])
    return Dimension(
        name=spec["name"],
        title=spec["title"],
        score=round(score, 3),
        weight=float(spec["weight"]),
        evidence=tuple(found),
        tip=spec["tip"] if score < 1.0 else None,
    )


def _outcome(asked: bool, hire: bool, substance: bool, moves: dict[str, list[Evidence]]) -> str:
    if hire:
        return "hire"
    if asked:
        return "below_bar" if substance else "no_substance"
    return "asked_early" if moves.get("ask_job") else "never_asked"
