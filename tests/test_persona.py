"""Persona files: the built-ins load; every mistake a coach makes gets its exact line."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.errors import InterviewerError, PersonaError
from interviewer.personas.format import builtin_names, load_persona, parse_persona

GOOD = """schema = 1
[persona]
name = "Dana"
title = "VP of Sales"
company = "Acme"
[role]
title = "AE"
[opening]
greeting = "Hi."
questions = ["Tell me about yourself."]
[qualifications]
questions = ["Biggest deal?"]
[role_fit]
questions = ["First ninety days?"]
[closing]
invitation = "Any questions for me?"
nudge = "Anything else?"
next_step = "Panel next."
farewell = "Thanks."
"""


def test_builtin_personas_load():
    assert "default" in builtin_names()
    for name in builtin_names():
        persona = load_persona(name)
        assert persona.questions["opening"] and persona.invitation


def test_a_minimal_persona_loads_with_defaults():
    persona = parse_persona(GOOD, "dana.toml")
    assert persona.voice.rate == 170 and persona.objections == () and persona.pass_score is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace('questions = ["First ninety days?"]', "questions = []"),
            'dana.toml:14: role_fit.questions: [role_fit] has no questions; add role_fit.questions = ["..."]',
        ),
        (
            lambda t: t.replace("[qualifications]\nquestions", "[qualifications]\nqustions"),
            "dana.toml:12: qualifications.qustions: unknown key; did you mean questions?\n"
            "dana.toml:11: qualifications.questions: missing; add questions = ... under [qualifications]",
        ),
        (
            lambda t: t.replace("schema = 1", "schema = 2"),
            "dana.toml:1: schema: unsupported version 2; this interviewer reads schema = 1",
        ),
        (
            lambda t: t.replace('farewell = "Thanks."', "farewell = 3"),
            'dana.toml:19: closing.farewell: must be a string, not a whole number; write farewell = "..." (in quotes)',
        ),
        (
            lambda t: t + '[[follow_up]]\nwhen = "no_numbers"\nsay = "Numbers?"\n',
            "dana.toml:21: follow_up[0].when: unknown trigger 'no_numbers'; use one of claim, no_benefit, "
            "no_plan, no_number, short",
        ),
        (
            lambda t: t + "[voice]\nrate = 900\n",
            "dana.toml:21: voice.rate: 900 words per minute is not speech; use 80 to 400",
        ),
        (
            lambda t: t + '[voice]\nengine = "festival"\n',
            "dana.toml:21: voice.engine: unknown engine 'festival'; use one of piper, espeak, pyttsx3",
        ),
        (
            lambda t: t + '[voice]\nmodel = "../voices/joe.onnx"\n',
            "dana.toml:21: voice.model: '../voices/joe.onnx' leaves the persona's folder; keep the model beside "
            "the persona",
        ),
        (
            lambda t: t + '[tags]\nconfirm = ["right"]\n',
            "dana.toml:21: tags.confirm: phrase 'right' is a single word and would fire on keywords alone; "
            "use a whole phrase",
        ),
        (lambda t: t.replace('[role]\ntitle = "AE"\n', ""), "dana.toml: role: missing table; add [role]"),
        (lambda t: t + "[closng]\n", "dana.toml:20: closng: unknown table; did you mean closing?"),
    ],
)
def test_each_mistake_has_its_exact_message(change, message):
    with pytest.raises(PersonaError) as raised:
        parse_persona(change(GOOD), "dana.toml")
    assert "\n".join(raised.value.problems) == message


def test_all_problems_are_reported_at_once():
    broken = GOOD.replace("name = ", "nam = ").replace('nudge = "Anything else?"', "")
    with pytest.raises(PersonaError) as raised:
        parse_persona(broken, "dana.toml")
    assert len(raised.value.problems) == 3  # unknown nam, missing name, missing nudge


def test_invalid_toml_names_the_file():
    with pytest.raises(
        PersonaError, match=r"^dana.toml:2: not valid TOML: .*; check the quotes and brackets on that line$"
    ):
        parse_persona("schema = 1\n[persona\n", "dana.toml")


def test_unknown_persona_name_lists_the_builtins():
    with pytest.raises(InterviewerError) as raised:
        load_persona("nobody")
    assert str(raised.value).startswith("no persona named 'nobody'; known personas are: default")


def test_objections_sample_is_checked_against_the_objections():
    text = Path(load_persona("default").source).read_text(encoding="utf-8")
    broken = text.replace("objections_sample = 1", "objections_sample = 9")
    with pytest.raises(PersonaError) as raised:
        parse_persona(broken, "coach.toml")
    assert raised.value.problems == [
        f"coach.toml:{_line_of(broken, 'objections_sample')}: role_fit.objections_sample: must be between 1 and the "
        "number of objections (3); or leave it out to raise them all"
    ]


def _line_of(text: str, key: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith(key))
