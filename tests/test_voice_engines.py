"""The real engines, end to end: espeak-ng and flite synthesize, Whisper and PocketSphinx recognize,
`transcribe` reports, and `run --voice` reaches the same decisions as the text runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.evaluation import word_error_rate

from .cli_helpers import run_cli
from .conftest import require_tool
from .voice_helpers import speak, voice_stack

SENTENCE = "I want this job. What days should I keep open for our next interview?"
SCENARIOS = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.toml"))


@pytest.fixture(scope="module", autouse=True)
def _voice():
    require_tool(voice_stack())


def test_espeak_synthesizes_a_line_to_a_wav(tmp_path):
    from interviewer.voice.audio_files import duration, read_samples
    from interviewer.voice.synthesis import EspeakSynthesizer

    path = EspeakSynthesizer(170, "en-us").to_file("Tell me a bit about yourself.", tmp_path / "line.wav")
    assert 0.8 < duration(read_samples(path)) < 4.0


def test_whisper_hears_a_flite_voice(tmp_path, whisper):
    from interviewer.voice.audio_files import read_samples

    heard = whisper.recognize(read_samples(speak(SENTENCE, tmp_path / "a.wav")))
    assert word_error_rate(SENTENCE, heard) <= 0.2, heard


def test_pocketsphinx_hears_a_flite_voice(tmp_path):
    from interviewer.voice.audio_files import read_samples
    from interviewer.voice.recognizers import load_recognizer

    heard = load_recognizer("sphinx").recognize(read_samples(speak("I want this job.", tmp_path / "b.wav", "kal")))
    assert word_error_rate("I want this job", heard) <= 0.5, heard


def test_transcribe_command_json(capsys, tmp_path, whisper):
    clip = speak(SENTENCE, tmp_path / "clip.wav")
    result = run_cli(capsys, "transcribe", "--json", str(clip))
    row = json.loads(result.out)
    assert result.code == 0 and row["file"] == str(clip)
    assert word_error_rate(SENTENCE, row["text"]) <= 0.2


def test_transcribe_bad_files_one_line_each(capsys, tmp_path, whisper):
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"not audio at all")
    result = run_cli(capsys, "transcribe", str(tmp_path / "missing.wav"), str(junk))
    lines = result.err.splitlines()
    assert result.code == 2 and len(lines) == 2
    assert lines[0] == f"error: {tmp_path / 'missing.wav'}: no such audio file"
    assert lines[1].startswith(f"error: {junk}: not a readable audio file")


def test_audio_replies_are_recognized(capsys, tmp_path, whisper):
    speak("I want this job. What's the next step?", tmp_path / "ask.wav")
    scenario = tmp_path / "audio.toml"
    scenario.write_text(
        'persona = "default"\n'
        + "[[reply]]\nsilence = true\n" * 10
        + '[[reply]]\naudio = "ask.wav"\n[expect]\ntags = ["ask_job"]\n'
    )
    row = json.loads(run_cli(capsys, "run", "--json", str(scenario)).out)
    assert row["passed"], row["failures"]


def test_voice_runs_decide_like_text_runs(capsys, whisper):
    paths = [str(p) for p in SCENARIOS]
    text = [json.loads(line) for line in run_cli(capsys, "run", "--json", *paths).out.splitlines()]
    voice = [json.loads(line) for line in run_cli(capsys, "run", "--json", "--voice", *paths).out.splitlines()]
    assert [(r["scenario"], r["hire"]) for r in voice] == [(r["scenario"], r["hire"]) for r in text]
    spoken = next(r for r in voice if r["scenario"].endswith("textbook_closer.toml"))
    assert spoken["delivery"]["words_per_minute"] > 100  # timings come from the audio
