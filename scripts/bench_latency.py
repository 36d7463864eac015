#!/usr/bin/env python3
"""From the end of a spoken answer to the interviewer's next line, through the real microphone path.

A private PulseAudio daemon plays answers of about 2, 10 and 30 seconds (flite speech, sentences apart by
half-second pauses) into a virtual microphone; a real Interview listens through SpeechRecognition's
Microphone with Whisper tiny.en and speaks through espeak-ng and paplay into a virtual speaker. Measured:
from the listener's end-of-answer decision (after the 1.2 s end silence) to the next line's audio being
handed to the player (synthesis included; a player starts sounding within milliseconds of that on real
hardware, while the virtual null sink only makes it wait ~2 s to drain at the END of each line). Also the
recognizer's real-time factor.
Usage: scripts/bench_latency.py [--answers N] [--engine whisper|sphinx]    Target: median <= 300 ms, flat.
Needs: pulseaudio pulseaudio-utils espeak-ng flite, and the voice extra.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.interview.engine import Interview  # noqa: E402
from interviewer.personas.format import load_persona  # noqa: E402
from interviewer.ports import Heard, SystemClock  # noqa: E402
from interviewer.voice.audio_files import read_samples, write_wav  # noqa: E402
from interviewer.voice.microphone import MicrophoneListener  # noqa: E402
from interviewer.voice.playback import Player  # noqa: E402
from interviewer.voice.recognizers import load_recognizer  # noqa: E402
from interviewer.voice.speaker import VoiceSpeaker  # noqa: E402
from interviewer.voice.synthesis import EspeakSynthesizer, FliteSynthesizer  # noqa: E402
from scripts.virtual_audio import VirtualAudio  # noqa: E402

SENTENCES = [
    "I have sold scheduling software to operations leaders for five years.",
    "Last year I finished at one hundred and twenty percent of my quota.",
    "In my first month I would call every account in the territory.",
    "I would book twenty discovery meetings before the end of the quarter.",
    "My customers were hospitals, hotels and large restaurant groups.",
    "Does that answer your question about how I would ramp up here?",
]


class TimedRecognizer:
    def __init__(self, inner):
        self.inner, self.audio_seconds, self.busy_seconds = inner, 0.0, 0.0

    def recognize(self, samples):
        start = time.perf_counter()
        try:
            return self.inner.recognize(samples)
        finally:
            self.busy_seconds += time.perf_counter() - start
            self.audio_seconds += len(samples) / 16000


class PlayingListener:
    """Plays the next answer into the virtual microphone, then listens to it like a candidate's answer."""

    def __init__(self, microphone, audio, answers):
        self.microphone, self.audio, self.answers = microphone, audio, list(answers)

    def listen(self):
        if not self.answers:
            return Heard.speech("stop the interview")
        player = self.audio.play_into_microphone(self.answers.pop(0), delay=0.2)
        heard = self.microphone.listen()
        player.wait(timeout=120)
        return heard


def build_answer(seconds: float, folder: Path, index: int) -> Path:
    flite = FliteSynthesizer("slt")
    pause = np.zeros(8000, dtype=np.int16)  # 0.5 s between sentences: a phrase break, not the end
    chunks, total, i = [], 0.0, 0
    while total < seconds:
        samples = read_samples(flite.to_file(SENTENCES[i % len(SENTENCES)], folder / f"s{index}_{i}.wav"))
        chunks += [samples, pause]
        total += (len(samples) + len(pause)) / 16000
        i += 1
    path = folder / f"answer{index}_{seconds:g}s.wav"
    write_wav(path, np.concatenate(chunks[:-1]))
    return path


def run_length(seconds, count, audio, recognizer, folder) -> list[float]:
    answers = [build_answer(seconds, folder, i) for i in range(count)]
    microphone = MicrophoneListener(recognizer, clock=SystemClock(), calibrate_seconds=0.5)
    microphone.open()
    speaker = VoiceSpeaker(EspeakSynthesizer(170, "en-us"), Player(["paplay", "-d", "speakers"]))
    listener = PlayingListener(microphone, audio, answers)
    try:
        Interview(load_persona("default"), speaker=speaker, listener=listener, seed=1).run()
    finally:
        microphone.close()
    latencies = []
    for ended in microphone.answer_ended[:count]:
        following = [s for s in speaker.started if s >= ended]
        if following:
            latencies.append(following[0] - ended)
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5, help="answers per length")
    parser.add_argument("--engine", default="whisper", choices=["whisper", "sphinx"])
    args = parser.parse_args()
    recognizer = TimedRecognizer(load_recognizer(args.engine))
    with tempfile.TemporaryDirectory() as tmp, VirtualAudio(Path(tmp) / "pulse") as audio:
        folder = Path(tmp)
        recognizer.inner.recognize(read_samples(FliteSynthesizer().to_file("Warm up.", folder / "w.wav")))
        print(f"engine: {args.engine}; end silence 1.2 s; latency = end-of-answer decision -> next line to the player")
        for seconds in (2, 10, 30):
            latencies = sorted(v * 1000 for v in run_length(seconds, args.answers, audio, recognizer, folder))
            p90 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.9))]
            print(
                f"{seconds:>3} s answers: median {statistics.median(latencies):6.0f} ms   p90 {p90:6.0f} ms   "
                f"n={len(latencies)}"
            )
    print(
        f"recognizer real-time factor: {recognizer.busy_seconds / recognizer.audio_seconds:.3f} "
        f"({recognizer.audio_seconds:.0f} s of audio)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
