"""Word n-grams (one to three words) of a text's canonical form, weighted as the head was trained: 1 + log
of the count, times the n-gram's inverse document frequency, the row scaled to length 1. They let the head
learn the stock forms of each move ("any reservations about", "when can i start") that an encoder blurs;
n-grams the training data did not show at least twice are not in the vocabulary and weigh nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import numpy as np

from .normalize import canonical

LONGEST = 3


def grams(text: str) -> list[str]:
    """Every run of one to LONGEST words of the text's canonical form."""
    words = canonical(text).split()
    return [" ".join(words[i : i + n]) for n in range(1, LONGEST + 1) for i in range(len(words) - n + 1)]


def weighted(text: str, index: Mapping[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(vocabulary positions, weights) of the text's known n-grams."""
    counts = Counter(g for g in grams(text) if g in index)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    positions = np.fromiter((index[g] for g in counts), dtype=np.int64, count=len(counts))
    values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))) * idf[positions]
    return positions, (values / np.linalg.norm(values)).astype(np.float32)
