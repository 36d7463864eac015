#!/usr/bin/env python3
"""Train the judge's head: one logistic regression per tag over the sentence encoder's vector, the word
n-grams (TF-IDF) and the rules' hits, written to interviewer/judge/data/tag_head.npz. Seeded and
deterministic: the same data gives the same file. Needs the training tools: pip install -e '.[train]'.

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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.judge.encoder import DIMENSIONS, shipped_encoder  # noqa: E402
from interviewer.judge.model import HEAD_FILE, TagHead  # noqa: E402
from interviewer.judge.ngrams import grams  # noqa: E402
from interviewer.judge.normalize import canonical  # noqa: E402
from interviewer.judge.tagging import Tagger, default_rules  # noqa: E402
from interviewer.judge.tags import TAGS  # noqa: E402
from scripts.corpus import OLDER_TABLES, read_items, site, split  # noqa: E402
from scripts.dev_data import dev_data_dir  # noqa: E402

SEED = 20261126
PENALTIES = (4.0, 8.0, 16.0, 32.0)  # inverse L2 strengths tried (scikit-learn's C)
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
    """Reads like a withheld line, or holds one nearly word for word."""
    words = canonical(text)
    for line in map(canonical, WITHHELD):
        if fuzz.ratio(words, line) >= 80 or (len(words) >= len(line) and fuzz.partial_ratio(line, words) >= 90):
            return True
    return False


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


@dataclass
class Pieces:
    """Every row's pieces as the tagger reads them (the whole turn, then each sentence), with their encoder
    vectors and the rules' hits; `first[i]` is where row i's pieces start."""

    texts: list[str]
    dense: np.ndarray  # (pieces, encoder dimensions + tags)
    first: np.ndarray  # (rows + 1,)

    def of(self, row: int) -> slice:
        return slice(self.first[row], self.first[row + 1])


def read_pieces(tagger: Tagger, rows: list[dict]) -> Pieces:
    texts, hits, first = [], [], [0]
    for row in rows:
        units = tagger.units(row["text"])
        pieces = list(units.texts) or [row["text"]]
        texts += pieces
        hits.append(units.rule_hits if units.texts else np.zeros((1, len(TAGS)), np.float32))
        first.append(len(texts))
    vectors = np.vstack([tagger.encoder.encode(texts[i : i + 64]) for i in range(0, len(texts), 64)])
    return Pieces(texts, np.hstack([vectors, np.vstack(hits)]), np.array(first))


class Model:
    """TF-IDF over the n-grams of the rows it is fitted on, and one logistic regression per tag."""

    def __init__(self, rows: list[dict], pieces: Pieces, y, w, fitted: np.ndarray, penalties: dict[str, float]):
        whole = [pieces.first[i] for i in fitted]
        self.grams = TfidfVectorizer(analyzer=grams, min_df=2, sublinear_tf=True, dtype=np.float32)
        self.grams.fit([pieces.texts[i] for i in whole])
        x = self.design([pieces.texts[i] for i in whole], pieces.dense[whole])
        self.regressions = [
            LogisticRegression(C=penalties[tag], max_iter=5000).fit(x, y[fitted, c], sample_weight=w[fitted, c])
            for c, tag in enumerate(TAGS)
        ]

    def design(self, texts: list[str], dense: np.ndarray):
        return sparse.hstack([self.grams.transform(texts), sparse.csr_matrix(dense)]).tocsr()

    def decide(self, pieces: Pieces, rows: np.ndarray) -> np.ndarray:
        """Each row's highest probability per tag over its pieces, as the tagger decides."""
        spans = [pieces.of(i) for i in rows]
        x = self.design([t for s in spans for t in pieces.texts[s]], np.vstack([pieces.dense[s] for s in spans]))
        p = np.column_stack([r.predict_proba(x)[:, 1] for r in self.regressions])
        bounds = np.cumsum([0] + [s.stop - s.start for s in spans])
        return np.vstack([p[a:b].max(axis=0) for a, b in zip(bounds[:-1], bounds[1:], strict=True)])

    def head(self, thresholds: np.ndarray, examples: list[dict], example_vectors: np.ndarray) -> TagHead:
        vocabulary = self.grams.get_feature_names_out()
        coefficients = np.vstack([r.coef_[0] for r in self.regressions]).astype(np.float32)
        return TagHead(
            dense_weights=coefficients[:, len(vocabulary) :],
            gram_weights=coefficients[:, : len(vocabulary)],
            bias=np.array([r.intercept_[0] for r in self.regressions], dtype=np.float32),
            thresholds=thresholds.astype(np.float32),
            vocabulary=np.array(vocabulary, dtype=str),
            idf=self.grams.idf_.astype(np.float32),
            example_texts=np.array([r["text"] for r in examples]),
            example_tags=np.array([[t in r["tags"] for t in TAGS] for r in examples]),
            example_vectors=np.round(example_vectors * 127).astype(np.int8),
        )


def best_threshold(p: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """The threshold that gives the best F1 on these decisions, and that F1."""
    keep = w > 0
    p, y = p[keep], y[keep] > 0
    best = (0.5, -1.0)
    for threshold in np.arange(0.2, 0.91, 0.025):
        predicted = p >= threshold
        tp = float((predicted & y).sum())
        f1 = 2 * tp / (predicted.sum() + y.sum()) if tp else 0.0
        if f1 > best[1] + 1e-9:
            best = (round(float(threshold), 3), f1)
    return best


def fold_of(group: str, folds: int) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % folds


def cross_validate(rows, pieces, y, w, folds: int) -> dict[float, np.ndarray]:
    """Out-of-fold decisions on the corpus rows, for every penalty; the older tables are always fitted on."""
    fold = np.array([fold_of(r["group"], folds) if r["scored"] else -1 for r in rows])
    results = {}
    for penalty in PENALTIES:
        decided = np.zeros((len(rows), len(TAGS)))
        for k in range(folds):
            model = Model(rows, pieces, y, w, np.flatnonzero(fold != k), dict.fromkeys(TAGS, penalty))
            held = np.flatnonzero(fold == k)
            decided[held] = model.decide(pieces, held)
        results[penalty] = decided
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="train and report; write nothing")
    args = parser.parse_args()
    tagger = Tagger(default_rules(), shipped_encoder(), head=None)
    originals = training_rows()
    rows = with_recognizer_copies(originals)
    y, w = labels(rows)
    pieces = read_pieces(tagger, rows)
    scored = np.array([r["scored"] and not r.get("copy") for r in rows])
    print(
        f"training rows: {len(originals)} ({sum(r['scored'] for r in originals)} from the corpus), "
        f"{len(rows)} with recognizer-style copies"
    )
    results = cross_validate(rows, pieces, y, w, args.folds)
    penalties, thresholds = {}, []
    for c, tag in enumerate(TAGS):

        def score(penalty, c=c):
            return best_threshold(results[penalty][scored, c], y[scored, c], w[scored, c])

        penalties[tag] = max(PENALTIES, key=lambda penalty: score(penalty)[1])
        threshold, f1 = score(penalties[tag])
        thresholds.append(threshold)
        print(f"{tag:<9} C {penalties[tag]:<4g} threshold {threshold:.3f}  cross-validated F1 {f1:.3f}")
    decided = np.column_stack([results[penalties[t]][:, c] for c, t in enumerate(TAGS)]) >= np.array(thresholds)
    untagged = scored & (y.sum(axis=1) == 0)
    alarms = (decided & (w > 0))[untagged].any(axis=1).mean()
    print(f"cross-validated false alarms on untagged corpus lines: {alarms:.1%} (a training figure)")
    model = Model(rows, pieces, y, w, np.arange(len(rows)), penalties)
    # Examples for `tag --why`: the tagged lines only, since only a tag names its nearest examples.
    examples = [i for i, row in enumerate(originals) if row["tags"]]
    vectors = pieces.dense[[pieces.first[i] for i in examples], :DIMENSIONS]
    head = model.head(np.array(thresholds), [originals[i] for i in examples], vectors)
    check_agreement(head, model, pieces)
    if not args.check:
        head.save(OUT)
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


def check_agreement(head: TagHead, model: Model, pieces: Pieces) -> None:
    """The shipped head must decide exactly as the fitted model: compare on a sample of pieces."""
    sample = np.arange(0, len(pieces.texts), max(1, len(pieces.texts) // 300))
    texts = [pieces.texts[i] for i in sample]
    dense = pieces.dense[sample]
    ours = head.probabilities(texts, dense[:, :DIMENSIONS], dense[:, DIMENSIONS:])
    fitted = np.column_stack([r.predict_proba(model.design(texts, dense))[:, 1] for r in model.regressions])
    gap = float(np.abs(ours - fitted).max())
    if gap > 1e-4:
        raise SystemExit(f"the head disagrees with the fitted model by {gap:.2g}")
    print(f"head agrees with the fitted model (largest gap {gap:.1g})")


if __name__ == "__main__":
    sys.exit(main())
