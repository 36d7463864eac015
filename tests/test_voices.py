"""The interviewer's voices: Piper by default, speaking every line of every built-in persona so that
Whisper understands it; espeak-ng and pyttsx3 when chosen; a fallback with one note when a voice cannot
start; the cache that makes known lines ahead of time."""

from __future__ import annotations

import dataclasses

import pytest

from interviewer.interview.known_lines import known_lines
from interviewer.personas.format import builtin_names, load_persona
from scripts.evaluation import word_error_rate

from .conftest import require_tool
from .voice_helpers import voice_stack

LINE = "Tell me about the biggest deal you closed last year."


@pytest.fixture(scope="module", autouse=True)
def _voice():
    require_tool(voice_stack())


@pytest.mark.parametrize("name", builtin_names())
def test_piper_speaks_every_line_of_a_builtin_persona(tmp_path, whisper, name):
    from interviewer.voice.audio_files import duration, read_samples
    from interviewer.voice.piper_voice import PiperSynthesizer
    from interviewer.voice.synthesis import interviewer_synthesizer

    persona = load_persona(name)
    synthesizer = interviewer_synthesizer(persona.voice)
    assert isinstance(synthesizer, PiperSynthesizer)  # the default voice, and the one the built-ins choose
    said, heard = [], []
    for number, line in enumerate(known_lines(persona)):
        samples = read_samples(synthesizer.to_file(line, tmp_path / f"{number}.wav"))
        words = len(line.split())
        assert 0.1 * words < duration(samples) < 0.2 + 0.6 * words, line  # every word spoken, no runaway audio
        said.append(line)
        heard.append(whisper.recognize(samples))
    # Whisper writes "fifteen" as "15" and "one-line" as "one line"; each such spelling counts as an error here
    assert word_error_rate(" ".join(said), " ".join(heard)) <= 0.12


def test_espeak_and_pyttsx3_speak_when_chosen(tmp_path, whisper):
    from interviewer.voice.audio_files import read_samples
    from interviewer.voice.synthesis import EspeakSynthesizer, Pyttsx3Synthesizer, interviewer_synthesizer

    voice = load_persona("default").voice
    for engine, kind in (("espeak", EspeakSynthesizer), ("pyttsx3", Pyttsx3Synthesizer)):
        notes: list[str] = []
        synthesizer = interviewer_synthesizer(voice, engine, notes)
        assert isinstance(synthesizer, kind) and notes == []
        heard = whisper.recognize(read_samples(synthesizer.to_file(LINE, tmp_path / f"{engine}.wav")))
        assert word_error_rate(LINE, heard) <= 0.25, (engine, heard)


def test_a_voice_that_cannot_start_falls_back_with_one_note():
    from interviewer.voice.synthesis import EspeakSynthesizer, interviewer_synthesizer

    voice = dataclasses.replace(load_persona("default").voice, model="en_GB-nobody-low")
    notes: list[str] = []
    assert isinstance(interviewer_synthesizer(voice, None, notes), EspeakSynthesizer)
    assert notes == [
        "piper: unknown Piper voice 'en_GB-nobody-low'; installed voices: en_US-joe-medium; speaking with espeak"
    ]


def test_known_lines_are_synthesized_once_ahead_of_time(tmp_path):
    from interviewer.voice.line_cache import LineCache
    from interviewer.voice.synthesis import interviewer_synthesizer

    persona = load_persona("screener")
    cache = LineCache(interviewer_synthesizer(persona.voice), tmp_path)
    lines = known_lines(persona)
    cache.prepare(lines)
    cache.prepare(lines)  # asked twice, made once
    first = cache.audio(lines[0])
    assert cache.audio(lines[0]) == first and first.stat().st_size > 44
    assert all(cache.audio(line).exists() for line in lines)
    assert cache.synthesized == len(lines)
    cache.close()


def test_known_lines_are_kept_between_sessions_and_the_candidates_words_are_not(tmp_path):
    from interviewer.voice.line_cache import LineCache
    from interviewer.voice.synthesis import EspeakSynthesizer

    kept, known = tmp_path / "kept", ["Tell me about your last quarter.", "Thanks for your time today."]
    first = LineCache(EspeakSynthesizer(), tmp_path / "one", kept)
    (tmp_path / "one").mkdir()
    first.prepare(known)
    audio = [first.audio(line).read_bytes() for line in known]
    first.audio("You said a hundred and twenty percent.")  # made from the candidate's words: not kept
    first.close()
    assert first.synthesized == 3 and len(list(kept.glob("*.wav"))) == 2

    second = LineCache(EspeakSynthesizer(), tmp_path / "two", kept)
    second.prepare(known)
    assert [second.audio(line).read_bytes() for line in known] == audio
    assert second.synthesized == 0  # the next session speaks its known lines without synthesizing them
    other_voice = LineCache(EspeakSynthesizer(rate=120), tmp_path / "one", kept)
    other_voice.prepare(known[:1])
    other_voice.audio(known[0])
    assert other_voice.synthesized == 1  # kept by voice as well as text


def test_a_cache_folder_that_cannot_be_written_is_not_used(tmp_path):
    from interviewer.voice.line_cache import LineCache
    from interviewer.voice.synthesis import EspeakSynthesizer

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache = LineCache(EspeakSynthesizer(), tmp_path, blocked / "voice")
    cache.prepare(["Tell me about your last quarter."])
    assert cache.audio("Tell me about your last quarter.").stat().st_size > 44
    assert blocked.read_text() == "not a folder"
