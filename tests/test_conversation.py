"""A spoken conversation through the virtual microphone and speakers, judged from the candidate's side:
whole interviews decide as typed ones do and lose no word, a pause after six seconds of speech does not
cut the answer, talking over the interviewer stops it, and the interviewer's own voice coming back
through the microphone never becomes the candidate's words."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from scripts.evaluation import word_error_rate
from scripts.spoken_interview import (
    CandidateAtMicrophone,
    Recorder,
    build_listener,
    run_interview,
    run_scenario,
    speak_answers,
)

from .cli_helpers import run_cli
from .conftest import require_tool
from .voice_helpers import concatenate, voice_stack

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
OVER = "Sorry to jump in, I have sold to burned buyers before and I always lead with a pilot on one site."


@pytest.fixture(scope="module", autouse=True)
def _voice():
    require_tool(voice_stack())


@pytest.fixture
def loopback(virtual_audio):
    """The speakers heard by the microphone at 60 percent: a laptop without headphones."""
    module = virtual_audio.loop_speakers_into_microphone(0.6)
    yield
    virtual_audio.unload(module)


def _typed(capsys, scenario: Path) -> dict:
    return json.loads(run_cli(capsys, "run", "--json", str(scenario)).out)


def _check_spoken_interview(capsys, tmp_path, virtual_audio, whisper, name: str) -> None:
    scenario = SCENARIOS / f"{name}.toml"
    typed = _typed(capsys, scenario)
    run = run_scenario(scenario, virtual_audio, whisper, tmp_path)
    result = run.interview.result
    assert len(run.heard) == len(run.said)  # every answer heard as one answer: none cut, none merged
    assert result.hire == typed["hire"] and abs(result.score - typed["score"]) <= 10, (result.score, typed)
    whole = [whisper.recognize(_samples(path)) for path in run.answers]
    said = " ".join(run.said)
    live_wer, whole_wer = word_error_rate(said, " ".join(run.heard)), word_error_rate(said, " ".join(whole))
    assert live_wer <= whole_wer + 0.02, (live_wer, whole_wer, run.heard)
    assert run.interrupted == []  # nobody talked over the interviewer; its echo (if any) did not stop it


def test_a_strong_candidate_spoken_is_hired_as_typed(capsys, tmp_path, virtual_audio, whisper):
    _check_spoken_interview(capsys, tmp_path, virtual_audio, whisper, "textbook_closer")


def test_a_weak_candidate_spoken_over_its_own_echo_is_graded_as_typed(
    capsys, tmp_path, virtual_audio, loopback, whisper
):
    _check_spoken_interview(capsys, tmp_path, virtual_audio, whisper, "the_rambler")


def test_a_pause_after_six_seconds_of_speech_does_not_cut_the_answer(tmp_path, virtual_audio, whisper):
    first = "I have sold scheduling software to operations leaders for five years, and last year I closed the biggest deal in the region."  # noqa: E501
    second = "Does that answer your question?"
    parts = speak_answers([first, second], tmp_path)
    probe = concatenate(parts, tmp_path / "probe.wav", gap=0.8)
    assert 5.5 < _seconds(parts[0]) < 8.0
    microphone = build_listener(whisper)
    microphone.open()
    try:
        player = virtual_audio.play_into_microphone(probe, delay=0.3)
        heard = microphone.listen()
        player.wait(timeout=30)
    finally:
        microphone.close()
    assert word_error_rate(f"{first} {second}", heard.text) <= 0.15, heard.text
    assert heard.longest_gap >= 0.7


class _LeavesAfterOne(CandidateAtMicrophone):
    """Answers once, then ends the interview as Ctrl-C would when asked for more."""

    def listen(self):
        if not self.answers and not self._going_on:
            raise KeyboardInterrupt
        return super().listen()


@pytest.mark.parametrize("gap", [0.4, 0.8])  # heard as about 0.75 and 1.15 s: flite ends and starts softly
def test_going_on_after_a_pause_in_an_interview_keeps_the_answer_whole(tmp_path, virtual_audio, whisper, gap):
    """The interviewer may take the turn after a finished statement, but a candidate who goes on within the
    end silence stops it, and the interview answers the whole answer: one turn, every word."""
    from interviewer.personas.format import load_persona

    first = "I have sold scheduling software to operations leaders for five years, and last year I closed the biggest deal in the region."  # noqa: E501
    second = "Does that answer your question?"
    probe = concatenate(speak_answers([first, second], tmp_path), tmp_path / "probe.wav", gap=gap)
    said = [f"{first} {second}"]
    persona = load_persona("default")
    run = run_interview(persona, 1, said, [probe], virtual_audio, whisper, candidate_type=_LeavesAfterOne)
    interview = run.interview
    answers = [turn for turn in interview.turns if turn.speaker == "candidate"]
    assert len(answers) == 1, [turn.text for turn in interview.turns]
    assert word_error_rate(f"{first} {second}", answers[0].text) <= 0.15, answers[0].text
    assert answers[0].longest_gap >= gap - 0.2
    assert interview.turns[-1].speaker == "interviewer"  # it answered the whole answer
    assert run.went_on == 1  # the finished statement ended the turn early; the candidate went on
    resumed = _after_longest_gap(run.candidate_sounds)
    paused = max(t for t in run.candidate_sounds if t < resumed)
    first = min(t for t in run.interviewer_sounds if t > paused)
    if first < resumed + 1.0:  # it began its reply around the candidate going on: it stopped within 0.5 s
        stopped = _end_of_run([t for t in run.interviewer_sounds if t >= first])
        assert stopped - max(resumed, first) <= 0.5, (stopped, resumed, first)


def _after_longest_gap(times: list[float]) -> float:
    """The first sound after the longest silence inside a recording's sounds."""
    return max(zip(times, times[1:], strict=False), key=lambda pair: pair[1] - pair[0])[1]


def _end_of_run(times: list[float], gap: float = 0.3) -> float:
    """The last sound of the first run of sounds (no silence longer than `gap` inside)."""
    end = times[0]
    for t in times[1:]:
        if t - end > gap:
            break
        end = t
    return end


def _talk_over(tmp_path, virtual_audio, whisper):
    """The interviewer raises its objection; one second in, the candidate starts answering over it."""
    from interviewer.personas.format import load_persona
    from interviewer.voice.playback import Player
    from interviewer.voice.speaker import VoiceSpeaker
    from interviewer.voice.synthesis import interviewer_synthesizer

    persona = load_persona("default")
    line = persona.objections[0]
    [clip] = speak_answers([OVER], tmp_path)
    microphone = build_listener(whisper)
    microphone.open()
    speaker = VoiceSpeaker(interviewer_synthesizer(persona.voice), Player(["paplay", "-d", "speakers"]))
    speaker.watcher = microphone
    speaker.cache.audio(line)
    said, played = Recorder(virtual_audio.env, "micfeed"), Recorder(virtual_audio.env, "speakers")
    said.wait_ready()
    played.wait_ready()
    try:
        started = time.perf_counter()
        player = virtual_audio.play_into_microphone(clip, delay=1.0)
        speaker.say(line)
        heard = microphone.listen()
        player.wait(timeout=30)
    finally:
        microphone.close()
        said.stop()
        played.stop()
    return speaker, heard, started, said, played


def test_talking_over_the_interviewer_stops_it_and_keeps_every_word(tmp_path, virtual_audio, whisper):
    speaker, heard, started, said, played = _talk_over(tmp_path, virtual_audio, whisper)
    assert len(speaker.interrupted) == 1
    candidate_starts = min(t for t in said.loud() if t > started)
    interviewer_stops = max(t for t in played.loud() if t < candidate_starts + 3)
    assert interviewer_stops - candidate_starts <= 0.5
    assert word_error_rate(OVER, heard.text) <= 0.15, heard.text
    assert {"sorry", "jump", "in"} <= set(heard.text.lower().replace(",", " ").split())  # the words said over it


def test_talking_over_the_interviewer_works_over_its_echo(tmp_path, virtual_audio, loopback, whisper):
    speaker, heard, *_ = _talk_over(tmp_path, virtual_audio, whisper)
    assert len(speaker.interrupted) == 1
    assert word_error_rate(OVER, heard.text) <= 0.15, heard.text


def test_the_interviewers_echo_is_not_heard_as_the_candidate(virtual_audio, loopback, whisper):
    from interviewer.personas.format import load_persona
    from interviewer.voice.playback import Player
    from interviewer.voice.speaker import VoiceSpeaker
    from interviewer.voice.synthesis import interviewer_synthesizer

    persona = load_persona("default")
    microphone = build_listener(whisper)
    microphone.start_timeout = 2.0
    microphone.open()
    speaker = VoiceSpeaker(interviewer_synthesizer(persona.voice), Player(["paplay", "-d", "speakers"]))
    speaker.watcher = microphone
    try:
        for line in (persona.greeting, persona.objections[0]):
            speaker.say(line)
        heard = microphone.listen()
    finally:
        microphone.close()
    assert speaker.interrupted == []
    assert heard.kind == "silence", heard.text


def _samples(path: Path):
    from interviewer.voice.audio_files import read_samples

    return read_samples(path)


def _seconds(path: Path) -> float:
    return len(_samples(path)) / 16000
