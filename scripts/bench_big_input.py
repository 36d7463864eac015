#!/usr/bin/env python3
"""Big input: time and peak memory of `interviewer grade` on transcripts of growing size, up to the 2 MB
limit and past it, beside the same run's baselines (the process starting and doing nothing, and one
ordinary interview).

Usage: scripts/bench_big_input.py [--sizes MB,MB,...]
What to look for: time and memory grow in step with size up to the limit (about a second per MB); past it
the file is refused at once, in one line, with memory at the baseline (only the limit is ever read).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTERVIEW = ROOT / "interviewer" / "cli" / "data" / "example_interview.txt"


def measure(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak resident MB, exit code) of `python -m interviewer ARGS`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "interviewer", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, process.returncode


def transcript_of(megabytes: float, folder: Path) -> Path:
    """The example interview repeated to `megabytes` (many interviews' worth of turns in one file), written
    a copy at a time: a child's peak memory counts the parent's at the moment it started."""
    one = INTERVIEW.read_bytes()
    path = folder / f"{megabytes:g}MB.txt"
    with open(path, "wb") as out:
        for _ in range(max(1, round(megabytes * 1_000_000 / len(one)))):
            out.write(one)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2,50", help="transcript sizes in MB, comma-separated")
    sizes = [float(size) for size in parser.parse_args().sizes.split(",")]
    rows = [("baseline: start, --version", *measure(["--version"]))]
    rows.append(("baseline: one interview (1.8 kB)", *measure(["grade", str(INTERVIEW)])))
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = transcript_of(size, Path(folder))
            rows.append((f"grade {path.stat().st_size / 1e6:.1f} MB", *measure(["grade", str(path)])))
    print(f"{'what':34} {'seconds':>8} {'peak MB':>8} {'exit':>5}")
    for what, seconds, memory, code in rows:
        print(f"{what:34} {seconds:8.2f} {memory:8.0f} {code:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
