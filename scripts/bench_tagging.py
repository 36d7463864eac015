#!/usr/bin/env python3
"""Tagging throughput on one core: utterances per second, with the naive substring baseline in the same run.

Usage: scripts/bench_tagging.py [--seconds S] [UTTERANCES.jsonl]
Target: >= 5,000 utterances/s (floor 1,000/s). Time is process CPU time, so a busy machine skews it less.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.judge.tagging import default_tagger  # noqa: E402
from scripts.dev_data import dev_data_dir  # noqa: E402
from scripts.evaluation import naive_tags  # noqa: E402


def rate(tag, texts: list[str], seconds: float) -> float:
    done, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        for text in texts:
            tag(text)
        done += len(texts)
    return done / (time.process_time() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("utterances", nargs="?", type=Path)
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU seconds per measurement")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    path = args.utterances or dev_data_dir() / "dev_utterances.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tagger = default_tagger()
    tagger.tag(texts[0])  # compile outside the clock
    ours = rate(tagger.tag, texts, args.seconds)
    naive = rate(naive_tags, texts, args.seconds)
    print(f"{path}: {len(texts)} utterances, {args.seconds:g} CPU s each, one core")
    print(f"interviewer tagger: {ours:10,.0f} utterances/s")
    print(f"naive baseline:     {naive:10,.0f} utterances/s  (ours is {naive / ours:,.0f}x slower)")
    print(
        f"target 5,000/s: {'met' if ours >= 5000 else 'NOT met'}; floor 1,000/s: {'met' if ours >= 1000 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
