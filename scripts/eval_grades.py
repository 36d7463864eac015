#!/usr/bin/env python3
"""Grader accuracy on labelled interviews: hire decisions right, Spearman(score, quality).

Usage: scripts/eval_grades.py [TRANSCRIPT_DIR]
Default data: ../shared/data/dev_transcripts beside the checkout (or $INTERVIEWER_DEV_DATA/dev_transcripts).
The folder holds *.txt transcripts and expected.json ({"d01": {"hire": true, "quality": 5}, ...}).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.judge.grading import grade  # noqa: E402
from interviewer.transcript import read_transcript  # noqa: E402
from scripts.dev_data import dev_data_dir  # noqa: E402
from scripts.evaluation import spearman  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    args = parser.parse_args()
    folder = args.folder or dev_data_dir() / "dev_transcripts"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    right, scores, qualities = 0, [], []
    print(f"{'id':<5} {'hire':>5} {'want':>5} {'score':>5} {'quality':>7}  dimensions")
    for name in sorted(expected):
        result = grade(read_transcript(folder / f"{name}.txt"))
        want = expected[name]
        right += result.hire == want["hire"]
        scores.append(result.score)
        qualities.append(want["quality"])
        dims = " ".join(f"{d.name}={d.score:.2f}" for d in result.dimensions)
        mark = "" if result.hire == want["hire"] else "  <- wrong"
        print(f"{name:<5} {result.hire!s:>5} {want['hire']!s:>5} {result.score:5d} {want['quality']:7d}  {dims}{mark}")
    print(f"hire decisions right: {right}/{len(expected)}")
    print(f"Spearman(score, quality): {spearman(scores, qualities):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
