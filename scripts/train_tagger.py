#!/usr/bin/env python3
"""Train the judge's head: one logistic regression per tag over the sentence encoders' vectors and the
rules' hits, written to interviewer/judge/data/tag_head.npz. Seeded and deterministic: the same data gives the
same file.

Training data: the corpus's training side (never its frozen test sites), the older labelled tables in
tests/data, and ../shared/data/dev_utterances.jsonl; each line also in a recognizer's style (lowercase, no
punctuation, a filler, a homophone). The regularization and each tag's threshold are chosen by
cross-validation over whole sites, scored on the corpus lines only (the older tables are in every fold's
training part). Prints those cross-validated figures: they are training figures, not quality.

Usage: scripts/train_tagger.py [--folds 5] [--check]   (--check: train and report, write nothing)
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.judge.encoder import MINILM_DIMENSIONS, shipped_encoder  # noqa: E402
from interviewer.judge.model import HEAD_FILE, TagHead  # noqa: E402
from interviewer.judge.normalize import canonical  # noqa: E402
from interviewer.judge.tagging import Tagger, default_rules  # noqa: E402
from interviewer.judge.tags import TAGS  # noqa: E402
from scripts.corpus import OLDER_TABLES, read_items, site, split  # noqa: E402
from scripts.dev_data import dev_data_dir  # noqa: E402

SEED = 20261126
PENALTIES = (0.1, 0.3, 1.0, 3.0)  # L2 strengths tried, on features of about unit length
HOMOPHONES = {
    "for": "four",
    "to": "too",
    "there": "their",
    "your": "you're",
    "whether": "weather",
    "know": "no",
    "right": "write",
    "by": "buy",
    "would": "wood",
    "hear": "here",
    "see": "sea",
}
FILLERS = ("um", "uh", "you know", "like", "so", "i mean")
# Real candidates' lines published as examples the judge used to miss or to tag wrongly. Training lines that
# read like them are left out, so that these lines stay a test of the judge, never something it memorized.
WITHHELD = (
    "Can I have the job?",
    "Well, I'm sold. When would you like me to start?",
    "Do you see any reason why you wouldn't hire me for this job?",
    "Have you got any reservations about offering me the job?",
    "What do you think so far?",
    "How do I compare to the candidates you have interviewed?",
    "As we discussed, my skills and past experience would make this a beneficial partnership for both of us.",
    "Where do you see the company in ten years?",
    "I'll follow up with you in a week.",
    "I'm very interested in this position.",
)
OUT = Path(__file__).resolve().parent.parent / "interviewer" / "judge" / "data" / HEAD_FILE


def recognizer_style(text: str, rng: random.Random) -> str:
    """The words as a speech recognizer writes them: lowercase, no punctuation, now and then a filler or a
    homophone."""
    words = re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split()
    out = []
    for word in words:
        if rng.random() < 0.04:
            out.append(rng.choice(FILLERS))
        out.append(HOMOPHONES[word] if word in HOMOPHONES and rng.random() < 0.15 else word)
    return " ".join(out)


def training_rows() -> list[dict]:
    train, _ = split(read_items())
    rows = [{**i, "group": site(i["source"]), "scored": True} for i in train]
    tables = [*OLDER_TABLES, dev_data_dir() / "dev_utterances.jsonl"]
    for path in tables:
        for item in read_items([path]):
            rows.append({**item, "group": f"table:{path.stem}", "scored": False})
    return [row for row in rows if not withheld(row["text"])]


def withheld(text: str) -> bool:
    words = canonical(text)
    return any(fuzz.ratio(words, canonical(line)) >= 80 for line in WITHHELD)


def with_recognizer_copies(rows: list[dict]) -> list[dict]:
    rng = random.Random(SEED)
    copies = []
    for row in rows:
        heard = recognizer_style(row["text"], rng)
        if heard and heard != row["text"]:
            copies.append({**row, "text": heard, "copy": True})
    return rows + copies


def labels(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """(targets, weights), each (rows, tags): a tag in a row's also_ok has weight 0, so either way is fine."""
    y = np.array([[t in r["tags"] for t in TAGS] for r in rows], dtype=np.float32)
    w = np.array([[t not in r.get("also_ok", []) for t in TAGS] for r in rows], dtype=np.float32)
    return y, w


def featurize(tagger: Tagger, rows: list[dict]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Whole-text features (for fitting) and each row's pieces' features (for deciding, as the tagger does)."""
    pieces, owners, whole_at = [], [], []
    hits = []
    for index, row in enumerate(rows):
        units = tagger.units(row["text"])
        whole_at.append(len(pieces))
        pieces += list(units.texts) or [row["text"]]
        owners += [index] * max(1, len(units.texts))
        hits.append(units.rule_hits if len(units.texts) else np.zeros((1, len(TAGS)), np.float32))
    vectors = np.vstack([tagger.encoder.encode(pieces[i : i + 64]) for i in range(0, len(pieces), 64)])
    features = np.hstack([vectors, np.vstack(hits)])
    owners = np.array(owners)
    per_row = [features[owners == i] for i in range(len(rows))]
    whole = np.vstack([features[i] for i in whole_at])
    return whole, per_row


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, penalty: float) -> tuple[np.ndarray, float]:
    """Weighted L2 logistic regression by Newton's method (exact and deterministic)."""
    design = np.hstack([x, np.ones((len(x), 1), np.float32)]).astype(np.float64)
    theta = np.zeros(design.shape[1])
    ridge = penalty * np.eye(design.shape[1])
    ridge[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(25):
        p = 1.0 / (1.0 + np.exp(-(design @ theta)))
        gradient = design.T @ (w * (p - y)) + ridge @ theta
        hessian = (design * (w * p * (1 - p))[:, None]).T @ design + ridge
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-6:
            break
    return theta[:-1].astype(np.float32), float(theta[-1])


def decide(per_row: list[np.ndarray], weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Each row's highest probability per tag over its pieces, as the tagger decides."""
    return np.vstack([(1 / (1 + np.exp(-(f @ weights.T + bias)))).max(axis=0) for f in per_row])


def best_threshold(p: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    keep = w > 0
    p, y = p[keep], y[keep]
    best = (0.5, -1.0)
    for threshold in np.arange(0.2, 0.91, 0.025):
        predicted = p >= threshold
        tp = float((predicted & (y > 0)).sum())
        f1 = 2 * tp / (predicted.sum() + (y > 0).sum()) if tp else 0.0
        if f1 > best[1] + 1e-9:
            best = (float(threshold), f1)
    return best


def fold_of(group: str, folds: int) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % folds


def cross_validate(rows, whole, per_row, y, w, folds: int):
    """Out-of-fold probabilities of the scored (corpus) rows for each penalty."""
    fold = np.array([fold_of(r["group"], folds) if r["scored"] else -1 for r in rows])
    results = {}
    for penalty in PENALTIES:
        oof = np.zeros((len(rows), len(TAGS)))
        for k in range(folds):
            fit_rows = fold != k
            held = np.flatnonzero(fold == k)
            weights, bias = zip(
                *(fit(whole[fit_rows], y[fit_rows, c], w[fit_rows, c], penalty) for c in range(len(TAGS))), strict=True
            )
            oof[held] = decide([per_row[i] for i in held], np.vstack(weights), np.array(bias))
        results[penalty] = oof
    return results, fold >= 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="train and report; write nothing")
    args = parser.parse_args()
    tagger = Tagger(default_rules(), shipped_encoder(), head=None)
    originals = training_rows()
    rows = with_recognizer_copies(originals)
    y, w = labels(rows)
    whole, per_row = featurize(tagger, rows)
    print(
        f"training rows: {len(originals)} ({sum(r['scored'] for r in originals)} from the corpus), "
        f"{len(rows)} with recognizer-style copies"
    )
    results, scored = cross_validate(rows, whole, per_row, y, w, args.folds)
    originals_scored = scored & np.array([not r.get("copy") for r in rows])
    choice = {}
    for c, tag in enumerate(TAGS):
        best = max(
            PENALTIES,
            key=lambda pen: best_threshold(
                results[pen][originals_scored, c], y[originals_scored, c], w[originals_scored, c]
            )[1],
        )
        threshold, f1 = best_threshold(
            results[best][originals_scored, c], y[originals_scored, c], w[originals_scored, c]
        )
        choice[tag] = (best, threshold)
        print(f"{tag:<9} penalty {best:<5g} threshold {threshold:.3f}  cross-validated F1 {f1:.3f}")
    oof = np.column_stack([results[choice[t][0]][:, c] for c, t in enumerate(TAGS)])
    predicted = oof >= np.array([choice[t][1] for t in TAGS])
    untagged = originals_scored & (y.sum(axis=1) == 0)
    alarms = (predicted & (w > 0))[untagged].any(axis=1).mean()
    print(f"cross-validated false alarms on untagged corpus lines: {alarms:.1%} (training figure)")
    fitted = [fit(whole, y[:, c], w[:, c], choice[t][0]) for c, t in enumerate(TAGS)]
    head = TagHead(
        weights=np.vstack([f[0] for f in fitted]),
        bias=np.array([f[1] for f in fitted], dtype=np.float32),
        thresholds=np.array([choice[t][1] for t in TAGS], dtype=np.float32),
        example_texts=np.array([r["text"] for r in originals]),
        example_tags=y[: len(originals)].astype(bool),
        example_vectors=np.round(whole[: len(originals), :MINILM_DIMENSIONS] * 127).astype(np.int8),
    )
    if not args.check:
        head.save(OUT)
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
