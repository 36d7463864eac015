"""Practising twice in a row is not the same interview twice: each built-in persona has at least three
times the questions it asks, and `interviewer practice` draws the ones this candidate has not heard in
their recent sessions (read back from the history) first. Driven through the real command, the real
state machine and the real session folders."""

from __future__ import annotations

import random

import pytest

from interviewer.interview.variety import draw
from interviewer.personas.format import builtin_names, load_persona
from interviewer.sessions.heard import recently_heard
from interviewer.sessions.history import History
from interviewer.stages import QUESTION_STAGES

from .cli_helpers import run_cli

ANSWERS = "\n".join(
    [
        "I've sold software for five years, which will help me here. Does that answer your question?",
        "Outbound mostly; it means I can build my own pipeline in your territory. Does that make sense?",
        "I won a large deal by running a pilot, which is how I'd win your skeptical buyers. Is that clear?",
        "In my first month I will call every dormant account in the territory. Does that work for you?",
        "I will offer every skeptical buyer a pilot at one site. Does that answer it?",
        "I will shadow your best rep in my first week. Is that the kind of plan you want?",
        "I will book my own meetings from day one. Does that cover it?",
        "I will learn your product in week one. Does that help?",
        "I want this job. What days should I keep open for the next interview?",
    ]
)


def practise(capsys, name: str) -> None:
    done = run_cli(capsys, "practice", "--persona", name, "--text", "--mute", stdin=ANSWERS + "\n")
    assert done.code == 0, done.err


def questions_of_last_session(persona) -> list[str]:
    """The persona's questions and objections said in the latest session, read back from its transcript."""
    own = {q for stage in QUESTION_STAGES for q in persona.questions[stage]} | set(persona.objections)
    return sorted(line for line in recently_heard(History().all(), recent=1) if line in own)


@pytest.mark.parametrize("name", builtin_names())
def test_every_stage_has_three_times_the_questions_it_asks(name):
    persona = load_persona(name)
    for stage in QUESTION_STAGES:
        asked = persona.sample.get(stage) or len(persona.questions[stage])
        assert len(persona.questions[stage]) >= 3 * asked, stage


@pytest.mark.parametrize("name", builtin_names())
def test_two_practices_in_a_row_differ_in_at_least_half_the_questions(capsys, name):
    persona = load_persona(name)
    practise(capsys, name)
    before = questions_of_last_session(persona)
    practise(capsys, name)
    after = questions_of_last_session(persona)
    assert len(History().all()) == 2
    assert len(after) >= 3, after  # a question from each stage at least
    repeated = [q for q in after if q in before]
    assert len(repeated) <= len(after) / 2, repeated


def test_unheard_lines_are_drawn_first_and_heard_ones_only_when_too_few_are_left():
    lines = [f"question {n}" for n in range(6)]
    heard = set(lines[:4])
    assert set(draw(lines, 2, random.Random(1), heard)) == {"question 4", "question 5"}
    three = draw(lines, 3, random.Random(1), heard)
    assert set(three[:2]) == {"question 4", "question 5"} and three[2] in heard


def test_the_same_seed_and_history_give_the_same_draw():
    lines = [f"question {n}" for n in range(9)]
    assert draw(lines, 3, random.Random(5), {"question 1"}) == draw(lines, 3, random.Random(5), {"question 1"})


def test_the_last_three_sessions_count_as_heard(capsys):
    for _ in range(4):
        practise(capsys, "default")
    sessions = History().all()
    assert len(sessions) == 4
    assert recently_heard(sessions) == recently_heard(sessions[1:])
    openings = [set(load_persona("default").questions["opening"]) & recently_heard([s]) for s in sessions[:3]]
    assert len(set().union(*openings)) == 3  # three sessions in a row, three different first questions
