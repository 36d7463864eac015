#!/usr/bin/env python3
"""The judge's cost: loading its encoders, tagging throughput on one core (in batches, and one turn at a
time as the live interview does), and the resident memory of the `interviewer tag` command; beside, in the
same run, the rules alone and the naive substring baseline.

Usage: scripts/bench_tagging.py [--seconds S] [UTTERANCES.jsonl]
Targets: encoders loaded in <= 1 s; >= 300 utterances/s in batches; `interviewer tag` <= 300 MB resident.
Throughput is process CPU time, so a busy machine skews it less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.judge.encoder import shipped_encoder  # noqa: E402
from interviewer.judge.tagging import default_rules, default_tagger  # noqa: E402
from scripts.dev_data import dev_data_dir  # noqa: E402
from scripts.evaluation import naive_tags  # noqa: E402


def rate(tag_all, texts: list[str], seconds: float) -> float:
    """Utterances per CPU second of `tag_all(texts)`, repeated for at least `seconds`."""
    done, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        tag_all(texts)
        done += len(texts)
    return done / (time.process_time() - start)


def one_by_one(tag):
    return lambda texts: [tag(text) for text in texts]


def command_memory(texts: list[str]) -> float:
    """Peak resident memory (MB) of `interviewer tag` reading these lines on standard input."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    command = [sys.executable, "-m", "interviewer", "tag"]
    subprocess.run(command, input="\n".join(texts), text=True, capture_output=True, check=True)
    return max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("utterances", nargs="?", type=Path)
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU seconds per measurement")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    path = args.utterances or dev_data_dir() / "dev_utterances.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    shipped_encoder()
    loaded = time.perf_counter() - started
    tagger = default_tagger()
    tagger.tag(texts[0])
    batched = rate(tagger.tag_many, texts, args.seconds)
    single = rate(one_by_one(tagger.tag), texts, args.seconds)
    rules = rate(one_by_one(default_rules().tag), texts, args.seconds)
    naive = rate(one_by_one(naive_tags), texts, args.seconds)
    memory = command_memory(texts)
    print(f"{path}: {len(texts)} utterances, {args.seconds:g} CPU s each, one core")
    print(f"encoders loaded in:        {loaded:8.2f} s   (target <= 1 s)")
    print(f"judge, in batches:         {batched:8,.0f} utterances/s   (target >= 300/s)")
    print(f"judge, one turn at a time: {single:8,.0f} utterances/s   ({1000 / single:.1f} ms a turn)")
    print(f"rules alone (baseline):    {rules:8,.0f} utterances/s")
    print(f"naive baseline:            {naive:8,.0f} utterances/s")
    print(f"`interviewer tag` peak resident memory: {memory:.0f} MB   (target <= 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
