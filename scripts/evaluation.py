"""Scoring the tagger and grader against labelled data: F1 with `also_ok`, Spearman, the naive baseline.

Used by scripts/eval_*.py and by the tests that hold the quality floors. Pure, no I/O.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from interviewer.judge.tagging import TAGS

# The naive baseline: the article's example phrases, found as plain substrings.
NAIVE_PHRASES = {
    "confirm": [
        "does that answer your question",
        "what haven't i covered",
        "how do my answers measure up",
        "does that make sense",
    ],
    "benefit": ["which will help me", "i'll be able to"],
    "future": ["in my first month i will", "in this role i will", "first 90 days", "i will"],
    "ask_job": ["what days should i keep open", "i want this job", "next steps", "when can we schedule"],
    "feedback": ["how did i perform", "any concerns", "any feedback", "how did i do"],
}


def naive_tags(text: str) -> list[str]:
    lowered = text.lower()
    return [tag for tag in TAGS if any(p in lowered for p in NAIVE_PHRASES[tag])]


@dataclass(frozen=True)
class TagScore:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class TagReport:
    per_tag: dict[str, TagScore]
    false_alarm_rate: float  # share of untagged lines that got any tag
    errors: list[tuple[dict, list[str]]]  # (row, predicted) where a strict decision was wrong

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.per_tag.values()) / len(self.per_tag)


def read_utterances(lines: Iterable[str]) -> list[dict]:
    return [json.loads(line) for line in lines if line.strip()]


def score_tags(rows: list[dict], predict: Callable[[str], list[str]]) -> TagReport:
    """Per-tag binary decisions; a tag in a row's `also_ok` is right either way and is skipped."""
    counts = {tag: [0, 0, 0] for tag in TAGS}
    untagged = alarms = 0
    errors = []
    for row in rows:
        predicted = set(predict(row["text"]))
        gold, also_ok = set(row["tags"]), set(row.get("also_ok", []))
        wrong = False
        for tag in TAGS:
            if tag in also_ok:
                continue
            if tag in gold and tag in predicted:
                counts[tag][0] += 1
            elif tag in predicted:
                counts[tag][1] += 1
                wrong = True
            elif tag in gold:
                counts[tag][2] += 1
                wrong = True
        if not gold:
            untagged += 1
            alarms += bool(predicted - also_ok)
        if wrong:
            errors.append((row, sorted(predicted, key=TAGS.index)))
    per_tag = {tag: TagScore(*counts[tag]) for tag in TAGS}
    return TagReport(per_tag, alarms / untagged if untagged else 0.0, errors)


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rank correlation, ties given their average rank."""
    rx, ry = _ranks(xs), _ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sx = sum((a - mx) ** 2 for a in rx) ** 0.5
    sy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (sx * sy) if sx and sy else 0.0


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def word_error_rate(reference: str, heard: str) -> float:
    """Word-level edit distance over the reference's length, case and punctuation ignored."""
    ref, hyp = _words(reference), _words(heard)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1] / max(1, len(ref))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())
