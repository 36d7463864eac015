#!/usr/bin/env python3
"""Tagger accuracy on labelled utterances: per-tag precision/recall/F1, macro-F1, false alarms, baseline.

Usage: scripts/eval_tags.py [UTTERANCES.jsonl] [--errors]
Default data: ../shared/data/dev_utterances.jsonl beside the checkout (or $INTERVIEWER_DEV_DATA).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.judge.tagging import TAGS, default_tagger  # noqa: E402
from scripts.dev_data import dev_data_dir  # noqa: E402
from scripts.evaluation import naive_tags, read_utterances, score_tags  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("utterances", nargs="?", type=Path)
    parser.add_argument("--errors", action="store_true", help="list every line decided wrongly")
    args = parser.parse_args()
    path = args.utterances or dev_data_dir() / "dev_utterances.jsonl"
    rows = read_utterances(path.read_text(encoding="utf-8").splitlines())
    tagger = default_tagger()
    ours = score_tags(rows, tagger.tags)
    naive = score_tags(rows, naive_tags)
    print(f"{path}: {len(rows)} utterances")
    print(f"{'tag':<10} {'P':>6} {'R':>6} {'F1':>6}   {'naive F1':>8}")
    for tag in TAGS:
        s, b = ours.per_tag[tag], naive.per_tag[tag]
        print(f"{tag:<10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   {b.f1:8.3f}")
    print(f"{'macro-F1':<10} {'':>6} {'':>6} {ours.macro_f1:6.3f}   {naive.macro_f1:8.3f}")
    print(f"false alarms on untagged lines: {ours.false_alarm_rate:.1%} (naive {naive.false_alarm_rate:.1%})")
    if args.errors:
        for row, predicted in ours.errors:
            print(f"  {row['id']} gold={row['tags']} ok={row.get('also_ok', [])} got={predicted}: {row['text']}")
            for m in tagger.tag(row["text"]).matches:
                print(f"      {m.tag}: {m.rule} [{m.words}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
