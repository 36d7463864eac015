"""`interviewer run --voice`: every line goes through real audio. The interviewer's lines are synthesized
(espeak-ng), the candidate's `say` lines are synthesized with another voice (flite) and recognized, and
`audio` replies are recognized from their files. Time runs on a virtual clock measured in audio seconds, so
delivery figures come out as they would from a real conversation, and runs stay deterministic."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Protocol

from ..ports import Heard
from .audio_files import duration, read_samples
from .synthesis import EspeakSynthesizer, FliteSynthesizer

RESPONSE_GAP = 0.6  # seconds between the interviewer's last word and the candidate's first


class AudioClock:
    """Seconds of audio played so far."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def now(self) -> float:
        return self.seconds


class SynthesizedSpeaker:
    """Speaks each interviewer line into a file (there are no speakers to play it on) and advances the
    clock by its length."""

    def __init__(self, clock: AudioClock, rate: int = 170, voice: str = "en-us"):
        self.clock = clock
        self.synthesizer = EspeakSynthesizer(rate, voice)
        self._folder = tempfile.TemporaryDirectory(prefix="interviewer-run-")
        self._count = 0

    def say(self, text: str) -> None:
        self._count += 1
        path = self.synthesizer.to_file(text, Path(self._folder.name) / f"interviewer{self._count}.wav")
        self.clock.seconds += duration(read_samples(path))
        path.unlink(missing_ok=True)


class ScriptedReply(Protocol):
    """A scripted candidate's line: text to speak, or a recording to play."""

    say: str | None
    audio: Path | None


class SpokenCandidate:
    """Turns a scripted reply into what the recognizer heard from its audio."""

    def __init__(self, recognizer, clock: AudioClock | None = None, voice: str = "slt"):
        self.recognizer, self.clock = recognizer, clock
        self.voice = voice
        self._synthesizer = None
        self._folder = tempfile.TemporaryDirectory(prefix="interviewer-candidate-")
        self._count = 0

    def hear(self, reply: ScriptedReply) -> Heard:
        if reply.audio is not None:
            samples = read_samples(reply.audio)
        else:
            if self._synthesizer is None:
                self._synthesizer = FliteSynthesizer(self.voice)
            self._count += 1
            path = self._synthesizer.to_file(reply.say, Path(self._folder.name) / f"candidate{self._count}.wav")
            samples = read_samples(path)
        text = self.recognizer.recognize(samples).strip()
        start = end = None
        if self.clock is not None:
            start = self.clock.seconds + RESPONSE_GAP
            end = start + duration(samples)
            self.clock.seconds = end
        return Heard("speech", text, start=start, end=end) if text else Heard.unintelligible()
