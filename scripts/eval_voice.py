#!/usr/bin/env python3
"""Tagging through voice: the labelled utterances spoken by a flite voice, clean and with white noise at
20 dB SNR, recognized by the default engine and tagged. Prints word error rate and macro-F1 beside the
text-only macro-F1 of the same lines.

Usage: scripts/eval_voice.py [UTTERANCES.jsonl] [--engine whisper|sphinx] [--voice slt] [--snr 20] [--limit N]
Floor: macro-F1 through voice >= 0.80 on the noisy copy. Needs flite and the voice extra.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.judge.tagging import default_tagger  # noqa: E402
from interviewer.voice.audio_files import read_samples  # noqa: E402
from interviewer.voice.recognizers import load_recognizer  # noqa: E402
from interviewer.voice.synthesis import FliteSynthesizer  # noqa: E402
from scripts.dev_data import dev_data_dir  # noqa: E402
from scripts.evaluation import read_utterances, score_tags, word_error_rate  # noqa: E402


def with_noise(samples: np.ndarray, snr_db: float, rng: np.random.Generator) -> np.ndarray:
    """White noise at the given signal-to-noise ratio, measured over the whole utterance."""
    signal = samples.astype(np.float64)
    power = np.mean(signal**2) or 1.0
    noise = rng.normal(0.0, np.sqrt(power / 10 ** (snr_db / 10)), size=signal.shape)
    return np.clip(signal + noise, -32768, 32767).astype(np.int16)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("utterances", nargs="?", type=Path)
    parser.add_argument("--engine", default="whisper", choices=["whisper", "sphinx"])
    parser.add_argument("--voice", default="slt", help="flite voice: slt, rms, awb, kal")
    parser.add_argument("--snr", type=float, default=20.0)
    parser.add_argument("--limit", type=int, default=0, help="only the first N utterances")
    args = parser.parse_args()
    path = args.utterances or dev_data_dir() / "dev_utterances.jsonl"
    rows = read_utterances(path.read_text(encoding="utf-8").splitlines())
    rows = rows[: args.limit] if args.limit else rows
    recognizer, tagger, flite = load_recognizer(args.engine), default_tagger(), FliteSynthesizer(args.voice)
    rng = np.random.default_rng(7)
    heard = {"clean": {}, "noisy": {}}
    audio_seconds = busy = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for index, row in enumerate(rows):
            clean = read_samples(flite.to_file(row["text"], Path(tmp) / f"{index}.wav"))
            for name, samples in (("clean", clean), ("noisy", with_noise(clean, args.snr, rng))):
                start = time.perf_counter()
                heard[name][row["text"]] = recognizer.recognize(samples)
                busy += time.perf_counter() - start
                audio_seconds += len(samples) / 16000
    text_only = score_tags(rows, tagger.tags)
    print(
        f"{path}: {len(rows)} utterances, flite voice {args.voice}, engine {args.engine}, "
        f"real-time factor {busy / audio_seconds:.3f}"
    )
    print(f"{'copy':<18} {'WER':>6} {'macro-F1':>9} {'false alarms':>13}")
    print(f"{'text only':<18} {'-':>6} {text_only.macro_f1:9.3f} {text_only.false_alarm_rate:13.1%}")
    for name, label in (("clean", "voice, clean"), ("noisy", f"voice, {args.snr:g} dB SNR")):
        wer = sum(word_error_rate(r["text"], heard[name][r["text"]]) for r in rows) / len(rows)
        report = score_tags(rows, lambda text, name=name: tagger.tags(heard[name][text]))
        print(f"{label:<18} {wer:6.3f} {report.macro_f1:9.3f} {report.false_alarm_rate:13.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
