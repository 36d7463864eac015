#!/usr/bin/env python3
"""A spoken conversation measured from the candidate's side, through a virtual microphone and speakers.

A private PulseAudio daemon carries everything: the candidate's answers (flite speech) are played into a
virtual microphone, the interviewer (Piper) plays into a virtual speaker, and two recorders tap both as a
person would hear them. Measured, each beside its baseline from the same run:
- end of each answer's audio in the microphone -> the interviewer's first audio in the speakers, over
  whole interviews (a strong and a weak scripted candidate), with turn-taking and, as the baseline, with
  the fixed 1.2 s end silence alone;
- the same for answers of about 2, 10 and 30 seconds, each ending in a soft close (flat in length?);
- live word error rate (what the listener heard during the interview) beside whole-file WER (the same
  answers' audio recognized whole, as `interviewer transcribe` would);
- start-up: `interviewer practice` launched -> the greeting's first audio in the speakers, beside the
  bare start of the command (`interviewer --version`): cold (no lines kept from an earlier session, the
  voice loads and synthesizes the greeting) and warm (the second run, with the known lines kept).
Usage: scripts/bench_latency.py [--answers N] [--turns]      Targets: median <= 0.8 s, flat; WER gap <= 2 points.
Needs: pulseaudio pulseaudio-utils flite, and the voice extra.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.personas.format import load_persona  # noqa: E402
from interviewer.voice.audio_files import read_samples, write_wav  # noqa: E402
from interviewer.voice.recognizers import load_recognizer  # noqa: E402
from scripts.evaluation import word_error_rate  # noqa: E402
from scripts.spoken_interview import Recorder, run_interview, run_scenario, speak_answers  # noqa: E402
from scripts.virtual_audio import VirtualAudio  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "I have sold scheduling software to operations leaders for five years.",
    "Last year I finished at one hundred and twenty percent of my quota.",
    "In my first month I would call every account in the territory.",
    "I would book twenty discovery meetings before the end of the quarter.",
    "My customers were hospitals, hotels and large restaurant groups.",
]
CLOSE = "Does that answer your question?"


def figures(latencies: list[float]) -> str:
    if not latencies:
        return "no replies measured"
    ordered = sorted(latencies)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"median {statistics.median(ordered):5.2f} s   p90 {p90:5.2f} s   n={len(ordered)}"


def turns(run) -> None:
    """Each reply's latency beside the end of the answer it followed, when every answer got one reply."""
    if len(run.latencies) != len(run.heard):
        print(f"  {'':16} replies {' '.join(f'{t:.2f}' for t in run.latencies)}")
        return
    for latency, heard in zip(run.latencies, run.heard, strict=True):
        print(f"  {'':16} {latency:5.2f} s after ...{' '.join(heard.split()[-7:])}")


def interviews(audio, recognizer, folder: Path, each: bool) -> None:
    print("Whole interviews (end of answer audio -> interviewer audio):")
    for name in ("textbook_closer", "the_rambler"):
        run = run_scenario(ROOT / "scenarios" / f"{name}.toml", audio, recognizer, folder)
        whole = [recognizer.recognize(read_samples(path)) for path in run.answers]
        said = " ".join(run.said)
        live, whole_wer = word_error_rate(said, " ".join(run.heard)), word_error_rate(said, " ".join(whole))
        result = run.interview.result
        print(f"  {name:16} turn-taking   {figures(run.latencies)}   score {result.score} hire {result.hire}")
        print(f"  {'':16} WER live {live:.3f}   whole-file {whole_wer:.3f}   gap {100 * (live - whole_wer):+.1f} pts")
        if each:
            turns(run)
    scenario_said = [
        "I've sold payroll software to mid-market companies for five years. Does that answer your question?",
        "I source sixty percent of my own pipeline from outbound calls. Is that what your top reps do?",
        "I closed a two hundred thousand dollar deal with a hospital group last year. Does that example help?",
        "Month one I'd learn the product and shadow your top reps. Does that plan match what you want?",
    ]
    answers = speak_answers(scenario_said, folder)
    for turn_taking in (True, False):
        run = run_interview(load_persona("default"), 1, scenario_said, answers, audio, recognizer, turn_taking)
        label = "turn-taking  " if turn_taking else "baseline 1.2s"
        print(f"  {'soft closes':16} {label} {figures(run.latencies)}")


def lengths(audio, recognizer, folder: Path, count: int) -> None:
    print("Answers of about 2, 10 and 30 s ending in a soft close:")
    for seconds in (2, 10, 30):
        said, answers = [], []
        for index in range(count):
            text, path = build_answer(seconds, folder, index)
            said.append(text)
            answers.append(path)
        run = run_interview(load_persona("default"), 1, said, answers, audio, recognizer)
        print(f"  {seconds:>3} s answers   {figures(run.latencies[:count])}")


def build_answer(seconds: float, folder: Path, index: int) -> tuple[str, Path]:
    """Sentences half a second apart until the answer is `seconds` long, then the soft close."""
    parts, total, i = [], 0.0, index
    while total < seconds - 1.5:
        parts.append(SENTENCES[i % len(SENTENCES)])
        total += len(parts[-1].split()) / 2.7 + 0.5
        i += 1
    parts.append(CLOSE)
    clips = speak_answers(parts, folder, voice="slt")
    pause = np.zeros(8000, dtype=np.int16)
    samples = np.concatenate([np.concatenate([read_samples(c), pause]) for c in clips])
    path = folder / f"long{seconds}_{index}.wav"
    write_wav(path, samples)
    return " ".join(parts), path


def start_up(audio, folder: Path) -> None:
    print("Start-up (command launched -> first audio in the speakers):")
    # A cache folder of its own: the first run starts with no kept lines (cold), the second with them (warm).
    home = {"XDG_CACHE_HOME": str(folder / "cache"), "XDG_DATA_HOME": str(folder / "data")}
    env = {**os.environ, **audio.env, **home}
    command = [sys.executable, "-m", "interviewer"]
    started = time.perf_counter()
    subprocess.run([*command, "--version"], env=env, capture_output=True, check=True)
    bare = time.perf_counter() - started
    for attempt in ("cold", "warm"):
        played = Recorder(audio.env, "speakers")
        played.wait_ready()
        started = time.perf_counter()
        practice = [*command, "practice", "--save", str(folder / f"startup-{attempt}")]
        process = subprocess.Popen(practice, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        while not [t for t in played.loud() if t > started] and time.perf_counter() - started < 30:
            time.sleep(0.02)
        first = min([t for t in played.loud() if t > started], default=float("nan"))
        process.send_signal(signal.SIGINT)  # ends the interview as Ctrl-C does, stopping its audio
        process.wait(timeout=30)
        while [t for t in played.loud() if t > time.perf_counter() - 1.0]:
            time.sleep(0.1)  # the speakers are quiet again before the next start
        played.stop()
        print(f"  {attempt}: greeting audible after {first - started:.2f} s   (bare command start {bare:.2f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=3, help="answers per length")
    parser.add_argument("--turns", action="store_true", help="each reply's latency in the whole interviews")
    parser.add_argument("--skip", nargs="*", default=[], choices=["interviews", "lengths", "startup"])
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a killed run still stops its sound server
    recognizer = load_recognizer("whisper")
    with tempfile.TemporaryDirectory() as tmp, VirtualAudio(Path(tmp) / "pulse") as audio:
        folder = Path(tmp)
        print(f"cores: {os.cpu_count()}; end silence 1.2 s; recognizer Whisper tiny.en; voice Piper en_US-joe-medium")
        if "startup" not in args.skip:
            start_up(audio, folder)
        if "interviews" not in args.skip:
            interviews(audio, recognizer, folder, args.turns)
        if "lengths" not in args.skip:
            lengths(audio, recognizer, folder, args.answers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
