#!/usr/bin/env python3
"""Tagger quality: per-tag precision, recall and F1, macro-F1 and false alarms on untagged lines, for the
judge, for its rules alone, and for a naive substring baseline, side by side.

Default data: the corpus's frozen test side (tests/data/corpus, sites in test_sites.txt): the quality
figure, since nothing was fitted on it. `--dev` scores ../shared/data/dev_utterances.jsonl and `--train` the
corpus's training side instead: training figures. Or give a JSON Lines file of labelled utterances.

Usage: scripts/eval_tags.py [UTTERANCES.jsonl | --dev | --train] [--errors]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.judge.tagging import TAGS, default_rules, default_tagger  # noqa: E402
from scripts.corpus import read_items, split  # noqa: E402
from scripts.dev_data import dev_data_dir  # noqa: E402
from scripts.evaluation import naive_tags, read_utterances, score_tags  # noqa: E402


def rows_to_score(args) -> tuple[str, list[dict]]:
    if args.utterances:
        return str(args.utterances), read_utterances(args.utterances.read_text(encoding="utf-8").splitlines())
    if args.dev:
        path = dev_data_dir() / "dev_utterances.jsonl"
        return f"{path} (training figure)", read_utterances(path.read_text(encoding="utf-8").splitlines())
    train, test = split(read_items())
    if args.train:
        return "corpus, training side (training figure)", train
    return "corpus, frozen test side", test


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("utterances", nargs="?", type=Path)
    parser.add_argument("--dev", action="store_true", help="score the dev utterances (a training figure)")
    parser.add_argument("--train", action="store_true", help="score the corpus's training side")
    parser.add_argument("--errors", action="store_true", help="list every line the judge decided wrongly")
    args = parser.parse_args()
    name, rows = rows_to_score(args)
    tagger = default_tagger()
    judges = {
        "judge": score_tags(rows, tagger.tags),
        "rules alone": score_tags(rows, default_rules().tags),
        "naive": score_tags(rows, naive_tags),
    }
    print(f"{name}: {len(rows)} utterances, {sum(not r['tags'] for r in rows)} untagged")
    print(f"{'tag':<10}" + "".join(f"{n:>22}" for n in judges))
    print(f"{'':<10}" + "".join(f"{'P     R     F1':>22}" for _ in judges))
    for tag in TAGS:
        cells = [judges[n].per_tag[tag] for n in judges]
        print(f"{tag:<10}" + "".join(f"{s.precision:>10.3f}{s.recall:>6.3f}{s.f1:>6.3f}" for s in cells))
    print(f"{'macro-F1':<10}" + "".join(f"{judges[n].macro_f1:>22.3f}" for n in judges))
    print(f"{'false alarms':<10}" + "".join(f"{judges[n].false_alarm_rate:>20.1%}  " for n in judges))
    if args.errors:
        for row, predicted in judges["judge"].errors:
            print(f"  {row['id']} gold={row['tags']} ok={row.get('also_ok', [])} got={predicted}: {row['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
