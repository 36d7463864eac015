"""A whole spoken interview through the virtual microphone and speakers, measured from the candidate's
side. Shared by scripts/bench_latency.py and tests/test_conversation.py.

The candidate is a scenario's replies spoken by flite (a different voice from the interviewer's Piper
voice), played into the virtual microphone when the interviewer starts listening. Two recorders tap the
virtual devices as a person would hear them: what the microphone got (the candidate), what the speakers
played (the interviewer). Latency is from the end of each answer's audio in the microphone to the first
interviewer audio in the speakers after it."""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from interviewer.interview.engine import Interview
from interviewer.interview.known_lines import known_lines
from interviewer.interview.scenario import load_scenario
from interviewer.interview.turn_taking import TurnTaking
from interviewer.judge.tagging import default_tagger
from interviewer.personas.format import load_persona
from interviewer.ports import SystemClock
from interviewer.voice.microphone import MicrophoneListener
from interviewer.voice.playback import Player
from interviewer.voice.speaker import VoiceSpeaker
from interviewer.voice.synthesis import FliteSynthesizer, interviewer_synthesizer

CHUNK = 320  # 20 ms at 16 kHz
LOUD = 300.0  # RMS above this is sound in a recording
RESPONSE_DELAY = 0.3  # seconds from the interviewer's last word to the candidate's first


class Recorder:
    """Records a sink's monitor as (arrival time, RMS) per 20 ms, on a thread. A stream of silence keeps
    the sink running, or an idle null sink delivers nothing and then a late burst with the wrong times."""

    def __init__(self, env: dict, sink: str):
        raw = ["--raw", "--format=s16le", "--rate=16000", "--channels=1", "--latency-msec=20"]
        with open("/dev/zero", "rb") as zeros:
            self.silence = subprocess.Popen(["pacat", "-p", "-d", sink, *raw], env=env, stdin=zeros)
        self.process = subprocess.Popen(["parec", "-d", f"{sink}.monitor", *raw], env=env, stdout=subprocess.PIPE)
        self.levels: list[tuple[float, float]] = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float = 15.0) -> None:
        """parec takes a moment (up to seconds on a busy machine) before its first audio arrives."""
        deadline = time.monotonic() + timeout
        while not self.levels and time.monotonic() < deadline:
            time.sleep(0.05)

    def _read(self) -> None:
        while chunk := self.process.stdout.read(CHUNK * 2):
            samples = np.frombuffer(chunk, dtype=np.int16).astype(np.float64)
            self.levels.append((time.perf_counter(), float(np.sqrt(np.mean(samples**2)))))

    def stop(self) -> None:
        self.silence.terminate()
        self.process.terminate()
        self.process.wait(timeout=10)
        self._thread.join(timeout=5)

    def loud(self) -> list[float]:
        return [t for t, level in self.levels if level > LOUD]


def response_latencies(candidate: Recorder, interviewer: Recorder, gap: float = 0.3) -> list[float]:
    """For each time the interviewer starts speaking after the candidate spoke last: the seconds from the
    candidate's last sound to the interviewer's first."""
    said, spoke = candidate.loud(), interviewer.loud()
    latencies = []
    for before, onset in zip([float("-inf"), *spoke], spoke, strict=False):
        if onset - before < gap:
            continue  # the interviewer was already talking
        last_said = max((t for t in said if t < onset), default=None)
        if last_said is not None and last_said > before:
            latencies.append(onset - last_said)
    return latencies


class CandidateAtMicrophone:
    """The listener the interview hears through: plays the next answer into the virtual microphone, then
    listens with the real microphone listener. Keeps what was heard, beside what was said."""

    def __init__(self, microphone: MicrophoneListener, audio, answers: list[Path]):
        self.microphone, self.audio, self.answers = microphone, audio, list(answers)
        self.heard: list[str] = []
        self.played: list[Path] = []
        self.went_on_count = 0  # answers the candidate went on with after the interviewer had started
        self._going_on = False
        self._playing = None  # the answer's audio still playing (the turn may be taken before it ends)

    def went_on(self, wait: bool = False) -> bool:
        self._going_on = self.microphone.went_on(wait)
        self.went_on_count += self._going_on
        return self._going_on

    def listen(self):
        if self._going_on:  # the rest of the answer already playing: heard as part of it
            self._going_on = False
            heard = self.microphone.listen()
            self.heard[-1] = f"{self.heard[-1]} {heard.text}".strip()
            return heard
        self.finish_playing()
        if self.answers:
            self.played.append(self.answers.pop(0))
            self._playing = self.audio.play_into_microphone(self.played[-1], delay=RESPONSE_DELAY)
        heard = self.microphone.listen()
        if self._playing is not None:
            self.heard.append(heard.text)
        return heard

    def finish_playing(self) -> None:
        if self._playing is not None:
            self._playing.wait(timeout=120)
            self._playing = None


@dataclass
class SpokenRun:
    interview: Interview
    said: list[str]  # the scripted answers
    heard: list[str]  # what the live listener heard, answer by answer
    answers: list[Path]  # the answers' audio
    latencies: list[float] = field(default_factory=list)  # seconds, end of answer audio -> interviewer audio
    interrupted: list[str] = field(default_factory=list)
    went_on: int = 0  # answers taken early that the candidate went on with
    candidate_sounds: list[float] = field(default_factory=list)  # perf_counter of each loud 20 ms, microphone
    interviewer_sounds: list[float] = field(default_factory=list)  # the same, speakers


def speak_answers(texts: list[str], folder: Path, voice: str = "slt") -> list[Path]:
    flite = FliteSynthesizer(voice)
    return [flite.to_file(text, folder / f"answer{i}.wav") for i, text in enumerate(texts)]


def build_listener(
    recognizer, end_silence: float = 1.2, turn_taking: bool = True, yields: bool = False
) -> MicrophoneListener:
    policy = TurnTaking(default_tagger(), end_silence, yields=yields) if turn_taking else None
    return MicrophoneListener(recognizer, clock=SystemClock(), end_silence=end_silence, turn_taking=policy)


def run_scenario(scenario_path: Path, audio, recognizer, folder: Path) -> SpokenRun:
    """The scenario's candidate, spoken, against its persona speaking with Piper; the whole interview."""
    scenario = load_scenario(scenario_path)
    persona = load_persona(scenario.persona, base=scenario.path.parent)
    said = [reply.say for reply in scenario.replies if reply.say]
    return run_interview(persona, scenario.seed, said, speak_answers(said, folder), audio, recognizer)


def run_interview(
    persona, seed, said, answers, audio, recognizer, turn_taking: bool = True, candidate_type=CandidateAtMicrophone
) -> SpokenRun:
    microphone = build_listener(recognizer, turn_taking=turn_taking, yields=True)  # as `interviewer practice`
    microphone.open()
    speaker = VoiceSpeaker(interviewer_synthesizer(persona.voice), Player(["paplay", "-d", "speakers"]))
    speaker.watcher = microphone
    speaker.prepare(known_lines(persona))  # as `interviewer practice` does
    candidate = candidate_type(microphone, audio, answers)
    heard_mic, heard_speakers = Recorder(audio.env, "micfeed"), Recorder(audio.env, "speakers")
    heard_mic.wait_ready()
    heard_speakers.wait_ready()
    try:
        interview = Interview(persona, speaker=speaker, listener=candidate, seed=seed, clock=microphone.clock)
        interview.run()
    finally:
        candidate.finish_playing()
        microphone.close()
        speaker.close()
        heard_mic.stop()
        heard_speakers.stop()
    run = SpokenRun(interview, said[: len(candidate.heard)], candidate.heard, candidate.played)
    run.interrupted = speaker.interrupted
    run.went_on = candidate.went_on_count
    run.candidate_sounds, run.interviewer_sounds = heard_mic.loud(), heard_speakers.loud()
    run.latencies = response_latencies(heard_mic, heard_speakers)
    return run
