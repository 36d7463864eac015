"""Scenario scripts: every shipped one passes, the JSON shows the flow, runs are deterministic, and broken
scripts get one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer.errors import ScenarioError
from interviewer.interview.scenario import load_scenario

from .cli_helpers import run_cli

SCENARIOS = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.toml"))
STAGE_ORDER = ["opening", "qualifications", "role_fit", "closing", "graded", "ended"]


def test_there_are_scenarios_for_every_kind_of_candidate():
    assert len(SCENARIOS) >= 10


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenario_passes_and_walks_the_stages_in_order(capsys, path):
    result = run_cli(capsys, "run", "--json", str(path))
    row = json.loads(result.out)
    assert (result.code, row["failures"]) == (0, [])
    stages = [STAGE_ORDER.index(t["stage"]) for t in row["transcript"]]
    assert stages == sorted(stages)


def test_runs_are_deterministic(capsys):
    paths = [str(p) for p in SCENARIOS]
    first = run_cli(capsys, "run", "--json", *paths).out
    second = run_cli(capsys, "run", "--json", *paths).out
    assert first == second


def test_reactions_show_in_the_json_transcript(capsys):
    row = json.loads(run_cli(capsys, "run", "--json", str(SCENARIOS[0].parent / "feedback_live_answer.toml")).out)
    lines = [(t["speaker"], t["text"]) for t in row["transcript"]]
    asked = next(i for i, (who, text) in enumerate(lines) if who == "candidate" and "How am I doing" in text)
    assert lines[asked + 1][0] == "interviewer" and lines[asked + 1][1].startswith("Honest answer? So far")


def test_a_failed_expectation_exits_1(capsys, tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('persona = "default"\n[expect]\nhire = true\n')
    result = run_cli(capsys, "run", str(path))
    assert result.code == 1
    assert "FAIL" in result.out and "expected hire = true, got false" in result.out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('persona = "default"\n[[reply]]\nsay = 3\n', "{p}: reply[0].say: must be a string"),
        (
            'persona = "default"\n[[reply]]\nsay = "a"\nsilence = true\n',
            "{p}: reply[0]: give exactly one of say, audio, silence, mumble",
        ),
        (
            'persona = "default"\n[[reply]]\naudio = "../secret.wav"\n',
            "{p}: reply[0].audio: '../secret.wav' leaves the scenario's folder; keep files beside the scenario",
        ),
        (
            'persona = "../elsewhere/p.toml"\n',
            "{p}: persona: '../elsewhere/p.toml' leaves the scenario's folder; keep files beside the scenario",
        ),
        (
            'persona = "default"\n[expect]\ntags = ["close"]\n',
            "{p}: expect.tags: unknown tag 'close'; use confirm, benefit, future, ask_job, feedback",
        ),
        (
            'persona = "default"\nrepiles = []\n',
            "{p}: repiles: unknown key; known keys: description, expect, persona, reply, seed",
        ),
        ("persona = \n", "{p}:1: not valid TOML: Invalid value; check the quotes and brackets on that line"),
    ],
)
def test_broken_scenarios_name_file_and_key(tmp_path, content, message):
    path = tmp_path / "s.toml"
    path.write_text(content)
    with pytest.raises(ScenarioError) as raised:
        load_scenario(path)
    assert str(raised.value) == message.format(p=path)


def test_bad_scenario_among_good_ones_exits_2_and_runs_the_rest(capsys, tmp_path):
    missing_persona = tmp_path / "s.toml"
    missing_persona.write_text('persona = "nobody.toml"\n')
    result = run_cli(capsys, "run", "--json", str(missing_persona), str(SCENARIOS[0]))
    assert result.code == 2
    assert result.err == f"error: {missing_persona}: {tmp_path / 'nobody.toml'}: no such persona file\n"
    assert len(result.out.splitlines()) == 1
