"""Property-based, through the command line: random bytes and random structure for every loader (a
transcript for `grade` and `report`, a persona for `persona check` and `practice`, a scenario for `run`, an
audio header for `transcribe`, typed answers for `practice` and `tag`). Whatever comes in, the command
ends with exit 0 (1 where `run` reports a failed expectation) or exit 2 with one line naming the file;
never a traceback, never a hang."""

from __future__ import annotations

import itertools
import json
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from interviewer.personas.format import builtin_dir
from interviewer.tomlio import tomllib

from .cli_helpers import Result, run_cli
from .conftest import require_tool
from .test_loader_properties import document, to_toml
from .voice_helpers import voice_stack

SETTINGS = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HOSTILE = st.sampled_from(["[/]", "[bold]", "{", "}", "{0}", "{question}", "\x1b[2J", "<script>", "|", "\ufffd"])
text = st.one_of(st.text(max_size=60), st.lists(HOSTILE, max_size=4).map(" ".join), HOSTILE)


def finished(result: Result, path: Path, *, codes: tuple[int, ...] = (0, 2)) -> None:
    """Exit 0 (or another allowed code), or 2 with one line on stderr that names the file."""
    assert result.code in codes, (result.code, result.err[-500:])
    assert "Traceback" not in result.err + result.out
    if result.code == 2:
        assert result.err.count("\n") == 1 and result.err.startswith(f"error: {path}"), result.err


# -- transcripts ---------------------------------------------------------------------------------
SPEAKER = st.one_of(st.sampled_from(["Candidate", "Interviewer", "Sam", ""]), text)
PLAIN_LINE = st.one_of(
    st.tuples(SPEAKER, text).map(lambda pair: f"{pair[0]}: {pair[1]}"),
    st.sampled_from(["[opening]", "[closing]", "[role fit]", "# note", "", "WEBVTT", "1"]),
    st.just("00:00:01.000 --> 00:00:02.500"),
    text,
)
SESSION_ROW = st.one_of(
    st.fixed_dictionaries(
        {"speaker": st.sampled_from(["candidate", "interviewer", "x"]), "text": text},
        optional={"stage": st.one_of(st.none(), text), "start": st.floats(), "end": st.integers()},
    ).map(json.dumps),
    st.recursive(st.none() | st.integers() | text, lambda inner: st.lists(inner, max_size=3)).map(json.dumps),
    text,
)
CANDIDATE_LINE = text.map(lambda words: f"Candidate: {words}x")
TRANSCRIPTS = st.one_of(
    st.tuples(st.sampled_from([".txt", ".vtt", ".srt", ".jsonl"]), st.binary(max_size=300)),
    st.tuples(st.sampled_from([".txt", ".vtt", ".srt"]), st.lists(PLAIN_LINE, max_size=12).map("\n".join)),
    st.tuples(st.just(".txt"), st.lists(st.one_of(PLAIN_LINE, CANDIDATE_LINE), min_size=1).map("\n".join)),
    st.tuples(st.just(".txt"), st.lists(st.one_of(SPEAKER, CANDIDATE_LINE)).map(lambda x: "\n".join(x) + "\nC: x")),
    st.tuples(st.just(".jsonl"), st.lists(SESSION_ROW, max_size=8).map("\n".join)),
)


@SETTINGS
@given(TRANSCRIPTS)
def test_any_transcript_through_grade_and_report(capsys, tmp_path, transcript):
    suffix, content = transcript
    path = tmp_path / f"t{suffix}"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    graded = run_cli(capsys, "grade", "--json", str(path))
    finished(graded, path)
    event(f"grade exit {graded.code}")
    finished(run_cli(capsys, "report", str(path), "--format", "markdown"), path)


# -- personas ------------------------------------------------------------------------------------
REAL = tomllib.loads((builtin_dir() / "default.toml").read_text(encoding="utf-8"))
NUMBER = st.one_of(st.integers(-(10**6), 10**6), st.floats(allow_nan=True, allow_infinity=True))
LEAF = st.one_of(text, NUMBER, st.booleans(), st.lists(text, max_size=3))


def _replaced(data: dict, path: tuple[str, ...], value) -> dict:
    """`data` with the value at `path` (tables only) replaced."""
    if len(path) == 1:
        return {**data, path[0]: value}
    inner = data.get(path[0])
    return {**data, path[0]: _replaced(inner, path[1:], value)} if isinstance(inner, dict) else data


def _at(data: dict, path: tuple[str, ...]):
    for key in path:
        data = data[key]
    return data


def _leaf_paths(data: dict, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for key, value in data.items():
        paths += _leaf_paths(value, prefix + (key,)) if isinstance(value, dict) else [prefix + (key,)]
    return paths


def _like(value):
    """A random value of the same TOML kind as `value`: the persona stays well-formed, its content does not."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, (int, float)):
        return NUMBER
    if isinstance(value, list):
        return st.lists(text, max_size=3)
    return text


LEAVES = _leaf_paths(REAL)
CHANGE = st.one_of(
    st.tuples(st.sampled_from(LEAVES), LEAF),
    st.sampled_from(LEAVES).flatmap(lambda path: st.tuples(st.just(path), _like(_at(REAL, path)))),
)
MUTATED = st.lists(CHANGE, min_size=1, max_size=3).map(lambda changes: _mutate(REAL, changes))


def _mutate(data: dict, changes) -> str:
    for path, value in changes:
        data = _replaced(data, path, value)
    return to_toml(data)


PERSONAS = st.one_of(st.binary(max_size=300), document.map(to_toml), MUTATED)
SESSIONS = itertools.count()
ANSWERS = st.one_of(st.binary(max_size=200), st.lists(text, max_size=4).map(lambda a: "\n".join(a).encode()))


@SETTINGS
@given(PERSONAS, ANSWERS)
def test_any_persona_through_check_and_practice(capsys, tmp_path, persona, answers):
    path = tmp_path / "p.toml"
    path.write_bytes(persona if isinstance(persona, bytes) else persona.encode("utf-8", "surrogatepass"))
    checked = run_cli(capsys, "persona", "check", str(path))
    assert checked.code in (0, 2) and "Traceback" not in checked.err
    assert all(line.startswith(str(path)) for line in checked.err.splitlines())
    folder = tmp_path / f"session-{next(SESSIONS)}"
    practiced = run_cli(
        capsys, "practice", "--text", "--mute", "--persona", str(path), "--save", str(folder), stdin=answers
    )
    finished(practiced, path)
    event(f"practice exit {practiced.code}")
    assert practiced.code == checked.code  # what `persona check` passes runs to its report; what it refuses, does not
    assert (folder / "report.json").exists() == (checked.code == 0)


# -- scenarios -----------------------------------------------------------------------------------
REPLY = st.one_of(
    st.fixed_dictionaries({"say": text}),
    st.fixed_dictionaries({"silence": st.booleans()}),
    st.fixed_dictionaries({"mumble": st.just(True)}),
    st.dictionaries(st.sampled_from(["say", "audio", "silence", "x"]), LEAF, max_size=2),
)
EXPECT = st.dictionaries(
    st.sampled_from(["hire", "min_score", "max_score", "tags", "interviewer_says", "final_state", "x"]),
    st.one_of(LEAF, NUMBER),
    max_size=4,
)
SCENARIO = st.fixed_dictionaries(
    {"reply": st.lists(REPLY, max_size=6)},
    optional={"expect": EXPECT, "seed": NUMBER, "persona": st.one_of(st.just("default"), text)},
).map(to_toml)
SCENARIOS = st.one_of(st.binary(max_size=300), document.map(to_toml), SCENARIO)


@SETTINGS
@given(SCENARIOS)
def test_any_scenario_through_run(capsys, tmp_path, scenario):
    path = tmp_path / "s.toml"
    path.write_bytes(scenario if isinstance(scenario, bytes) else scenario.encode("utf-8", "surrogatepass"))
    ran = run_cli(capsys, "run", "--json", str(path))
    finished(ran, path, codes=(0, 1, 2))
    event(f"run exit {ran.code}")


# -- typed answers -------------------------------------------------------------------------------
@SETTINGS
@given(ANSWERS)
def test_any_bytes_to_tag(capsys, answers):
    result = run_cli(capsys, "tag", "--json", stdin=answers)
    assert result.code == 0, result.err
    rows = [json.loads(line) for line in result.out.splitlines()]  # one object a line, by any reader's lines
    assert all(isinstance(row["tags"], list) for row in rows)


# -- audio headers -------------------------------------------------------------------------------
U16, U32 = st.integers(0, 2**16 - 1), st.integers(0, 2**32 - 1)
HEADER = st.tuples(
    st.sampled_from([1, 3, 0xFFFE, 0]), st.integers(0, 4), st.one_of(st.sampled_from([0, 8000, 16000]), U32), U16
)


def _wav(fields, frames: int, claimed: int | None) -> bytes:
    tag, channels, rate, bits = fields
    width = max(1, bits // 8)
    data = b"\x01\x02" * (frames * max(1, channels) * width // 2)
    fmt = struct.pack("<HHIIHH", tag, channels, rate, (rate * channels * width) % 2**32, channels * width % 2**16, bits)
    size = len(data) if claimed is None else claimed
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", size) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


PLAYABLE = st.tuples(st.just(1), st.integers(1, 2), st.sampled_from([8000, 16000, 22050, 44100]), st.just(16))
AUDIO = st.one_of(
    st.binary(max_size=200),
    st.builds(_wav, PLAYABLE, st.integers(0, 2000), st.none()),
    st.builds(_wav, HEADER, st.integers(0, 400), st.one_of(st.none(), U32)),
    st.builds(lambda fields, cut: _wav((1, 1, 16000, 16), 100, None)[:cut], HEADER, st.integers(0, 60)),
)


@pytest.fixture(scope="module")
def _voice():
    require_tool(voice_stack())


@SETTINGS
@given(AUDIO)
def test_any_audio_header_through_transcribe(capsys, tmp_path, _voice, audio):
    path = tmp_path / "a.wav"
    path.write_bytes(audio)
    transcribed = run_cli(capsys, "transcribe", "--engine", "sphinx", "--json", str(path))
    finished(transcribed, path)
    event(f"transcribe exit {transcribed.code}")
