"""Input that is refused before anything runs, in one line that names the file (exit 2): personas that
`persona check` used to pass and that then crashed `run` or `practice`, scenarios with impossible
expectations, nesting and dotted keys no file needs, files too big to read, and audio with a broken header."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer.personas.format import known_personas

from .cli_helpers import run_cli
from .conftest import require_tool
from .voice_helpers import voice_stack

HERE = Path(__file__).resolve().parent
NEWLY_REFUSED = sorted((HERE / "broken_personas").glob("2[1-9]-*.toml"))


def expected_line(path: Path) -> str:
    return path.read_text().splitlines()[1].removeprefix("# expect: ").replace("{file}", str(path))


def one_line(result, code: int = 2) -> str:
    assert result.code == code, result.err
    assert result.err.count("\n") == 1 and result.err.startswith("error: "), result.err
    return result.err.removeprefix("error: ").rstrip("\n")


def scenario_beside(persona: Path, tmp_path: Path) -> Path:
    shutil.copy(persona, tmp_path / "persona.toml")
    scenario = tmp_path / "scenario.toml"
    scenario.write_text('persona = "persona.toml"\n[[reply]]\nsay = "I want this job. Does that help?"\n')
    return scenario


def test_there_are_nine_newly_refused_personas():
    assert len(NEWLY_REFUSED) == 9


@pytest.mark.parametrize("path", NEWLY_REFUSED, ids=lambda p: p.stem)
def test_a_persona_check_refuses_is_refused_by_practice_and_run(capsys, tmp_path, path):
    checked = run_cli(capsys, "persona", "check", str(path))
    assert (checked.code, checked.err) == (2, expected_line(path) + "\n")
    practice = run_cli(capsys, "practice", "--text", "--mute", "--persona", str(path), stdin="Does that help?\n")
    assert one_line(practice) == expected_line(path)
    scenario = scenario_beside(path, tmp_path)
    ran = run_cli(capsys, "run", str(scenario))
    assert one_line(ran) == f"{scenario}: " + expected_line(path).replace(str(path), str(tmp_path / "persona.toml"))


def persona_saying(tmp_path: Path, reaction: str) -> Path:
    """A small valid persona whose [reactions] hold one line."""
    text = (HERE / "broken_personas" / "21-empty-reaction-list.toml").read_text(encoding="utf-8")
    path = tmp_path / "p.toml"
    path.write_text(text.replace("acknowledge = []", reaction), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("Okay }", "a lone { or }"),
        ("Once more, {name}: {question}", "unknown placeholder {name}"),
        ("{0}", "unknown placeholder {0}"),
        ("{question!r}", "write a placeholder as {question}"),
        ("{question.upper}", "write a placeholder as {question}"),
        ("{question:>40}", "write a placeholder as {question}"),
    ],
)
def test_a_line_the_interviewer_could_not_say_is_refused(capsys, tmp_path, line, problem):
    path = persona_saying(tmp_path, f'reprompt = "{line}"')
    result = run_cli(capsys, "practice", "--text", "--mute", "--persona", str(path), stdin="")
    message = one_line(result)
    assert message.startswith(f"{path}:") and "reactions.reprompt: " in message and problem in message


def test_a_persona_with_many_problems_is_one_line_and_a_hint(capsys, tmp_path):
    path = tmp_path / "many.toml"
    path.write_text('schema = 1\n[persona]\nname = "A"\ntitel = "x"\n[opening]\nquestions = []\n[grading]\nx = 1\n')
    problems = run_cli(capsys, "persona", "check", str(path)).err.splitlines()
    assert len(problems) >= 5
    message = one_line(run_cli(capsys, "practice", "--text", "--mute", "--persona", str(path), stdin=""))
    more = len(problems) - 1
    assert message == f"{problems[0]} (and {more} more; see them all with: interviewer persona check {path})"


def test_a_scenario_with_an_unknown_persona_names_the_scenario(capsys, tmp_path):
    scenario = tmp_path / "s.toml"
    scenario.write_text('persona = "nobody"\n')
    message = one_line(run_cli(capsys, "run", str(scenario)))
    assert message.startswith(f"{scenario}: persona: no persona named 'nobody'; known personas are: ")
    assert all(name in message for name in known_personas())


@pytest.mark.parametrize(
    ("expect", "problem"),
    [
        ("min_score = nan", "expect.min_score: must be a number from 0 to 100"),
        ("max_score = inf", "expect.max_score: must be a number from 0 to 100"),
        ("min_score = -1", "expect.min_score: must be a number from 0 to 100"),
        ("min_score = 90\nmax_score = 80", "expect.min_score: 90 is above max_score 80; no score can pass"),
    ],
)
def test_impossible_scenario_expectations(capsys, tmp_path, expect, problem):
    scenario = tmp_path / "s.toml"
    scenario.write_text(f"[expect]\n{expect}\n")
    assert one_line(run_cli(capsys, "run", str(scenario))) == f"{scenario}: {problem}"


DEEP = "a = " + "[" * 600 + "]" * 600 + "\n"
DEEP_TABLES = "a = " + "{b = " * 600 + "1" + "}" * 600 + "\n"


@pytest.mark.parametrize("text", [DEEP, DEEP_TABLES], ids=["arrays", "inline tables"])
def test_nesting_no_file_needs_is_refused(capsys, tmp_path, text):
    persona, scenario = tmp_path / "p.toml", tmp_path / "s.toml"
    persona.write_text("schema = 1\n" + text)
    scenario.write_text(text)
    checked = run_cli(capsys, "persona", "check", str(persona))
    assert (checked.code, checked.err) == (
        2,
        f"{persona}: not valid TOML: nested too deeply; a persona or scenario needs no more than a few levels\n",
    )
    assert one_line(run_cli(capsys, "run", str(scenario))) == (
        f"{scenario}: not valid TOML: nested too deeply; a persona or scenario needs no more than a few levels"
    )


def test_a_dotted_key_of_a_hundred_thousand_parts_is_refused_at_once(tmp_path):
    """Parsing one takes minutes; it is refused before parsing (the timeout only keeps a regression from
    hanging the suite)."""
    key = "a" + ".a" * 100_000
    for name, command in (("p.toml", ["persona", "check"]), ("s.toml", ["run"])):
        path = tmp_path / name
        path.write_text(f"x = 1\n{key} = 1\n")
        done = subprocess.run(
            [sys.executable, "-m", "interviewer", *command, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2
        prefix = "" if command[0] == "persona" else "error: "
        assert done.stderr == (
            f"{prefix}{path}:2: a dotted key of more than 64 parts; no persona or scenario key has more than a few\n"
        )


def sparse_file(path: Path, size: int) -> Path:
    with open(path, "wb") as out:
        out.truncate(size)
    return path


def test_a_transcript_too_big_to_grade(capsys, tmp_path):
    big = sparse_file(tmp_path / "big.txt", 50_000_000)
    assert one_line(run_cli(capsys, "grade", str(big))) == (
        f"{big}: 50.0 MB is too big for a transcript (the limit is 2 MB, some 40 hours of talk); split it"
    )
    assert one_line(run_cli(capsys, "grade", "/dev/zero")) == (
        "/dev/zero: more than 2 MB is too big for a transcript (the limit is 2 MB, some 40 hours of talk); split it"
    )


def test_a_persona_or_scenario_too_big_to_read(capsys, tmp_path):
    persona, scenario = sparse_file(tmp_path / "p.toml", 5_000_000), sparse_file(tmp_path / "s.toml", 5_000_000)
    checked = run_cli(capsys, "persona", "check", str(persona))
    assert (checked.code, checked.err) == (2, f"{persona}: 5.0 MB is too big for a persona file (the limit is 1 MB)\n")
    assert one_line(run_cli(capsys, "run", str(scenario))) == (
        f"{scenario}: 5.0 MB is too big for a scenario file (the limit is 1 MB)"
    )


def wav_header(rate: int = 16000, channels: int = 1, width: int = 2, frames: int = 160, cut: int = 0) -> bytes:
    data = b"\0" * max(0, frames * channels * width)
    byte_rate = (rate * channels * width) % 2**32
    fmt = struct.pack("<HHIIHH", 1, channels, rate, byte_rate, channels * width, 8 * width)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    whole = b"RIFF" + struct.pack("<I", len(body)) + body
    return whole[:cut] if cut else whole


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"rate": 0}, "not a usable audio file (a sample rate of 0 Hz)"),
        ({"channels": 3}, "not a usable audio file (3 channels)"),
        ({"width": 7}, "not a usable audio file (7-byte samples)"),
        ({"rate": 2**31}, f"not a usable audio file (a sample rate of {2**31} Hz)"),
        ({"channels": 0}, "not a readable audio file (WAV, AIFF or FLAC)"),
        ({"cut": 30}, "not a readable audio file (WAV, AIFF or FLAC)"),
    ],
)
def test_an_audio_file_with_an_impossible_header(capsys, tmp_path, fields, problem):
    require_tool(voice_stack())
    path = tmp_path / "odd.wav"
    path.write_bytes(wav_header(**fields))
    message = one_line(run_cli(capsys, "transcribe", "--engine", "sphinx", str(path)))
    assert message.startswith(f"{path}: {problem}")


@pytest.mark.parametrize("engine", ["sphinx", "whisper"])
def test_an_audio_file_with_no_samples_is_silence(capsys, tmp_path, engine):
    require_tool(voice_stack())
    path = tmp_path / "empty.wav"
    path.write_bytes(wav_header(frames=0))
    result = run_cli(capsys, "transcribe", "--engine", engine, "--json", str(path))
    assert (result.code, result.err) == (0, "")
    assert result.out == f'{{"file": "{path}", "text": ""}}\n'
