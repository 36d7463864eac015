"""The trained head: one logistic regression per tag, read from a small data file (judge/data/tag_head.npz)
that scripts/train_tagger.py writes. It reads three kinds of evidence about a text: the sentence encoder's
vector (what it means), its word n-grams (the stock forms of each move), and which tags the rules found in
it, so it also learns how far to trust each rule.

The file also keeps the training examples (their texts, tags and encoder vectors, to int8) so that a tag
the model gives can name the examples closest to what was said (`interviewer tag --why`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import InterviewerError
from .ngrams import weighted
from .tags import TAGS

HEAD_FILE = "tag_head.npz"


@dataclass(frozen=True)
class TagHead:
    dense_weights: np.ndarray  # (tags, encoder dimensions + tags): the vector, then the rules' hits
    gram_weights: np.ndarray  # (tags, vocabulary)
    bias: np.ndarray  # (tags,)
    thresholds: np.ndarray  # (tags,): the probability at which each tag is given
    vocabulary: np.ndarray  # (vocabulary,) n-grams
    idf: np.ndarray  # (vocabulary,) their inverse document frequencies
    example_texts: np.ndarray  # (examples,)
    example_tags: np.ndarray  # (examples, tags) bool
    example_vectors: np.ndarray  # (examples, encoder dimensions) int8: unit vectors times 127

    @cached_property
    def index(self) -> dict[str, int]:
        return {gram: position for position, gram in enumerate(self.vocabulary.tolist())}

    def probabilities(self, texts: Sequence[str], vectors: np.ndarray, rule_hits: np.ndarray) -> np.ndarray:
        """(texts, tags) probabilities from the texts, their encoder vectors and the rules' hits (0/1)."""
        logits = np.hstack([vectors, rule_hits.astype(np.float32)]) @ self.dense_weights.T + self.bias
        for row, text in enumerate(texts):
            positions, values = weighted(text, self.index, self.idf)
            logits[row] += self.gram_weights[:, positions] @ values
        return 1.0 / (1.0 + np.exp(-logits))

    def nearest(self, vector: np.ndarray, tag: str, count: int = 3) -> tuple[str, ...]:
        """The training examples carrying `tag` that lie closest to `vector`."""
        carrying = np.flatnonzero(self.example_tags[:, TAGS.index(tag)])
        if not len(carrying):
            return ()
        similarity = self.example_vectors[carrying].astype(np.float32) @ vector
        best = carrying[np.argsort(-similarity)[:count]]
        return tuple(str(t) for t in self.example_texts[best])

    def save(self, path: Path) -> None:
        np.savez_compressed(path, **{name: getattr(self, name) for name in self.__dataclass_fields__})


def load_head(path: Path) -> TagHead:
    try:
        with np.load(path, allow_pickle=False) as data:
            head = TagHead(**{name: data[name] for name in TagHead.__dataclass_fields__})
    except (OSError, KeyError, ValueError) as exc:
        problem = f"{path}: the judge's trained head cannot be read ({exc}); reinstall interviewer"
        raise InterviewerError(problem) from None
    if head.bias.shape != (len(TAGS),):
        raise InterviewerError(f"{path}: the judge's trained head has {head.bias.shape} tags, not {len(TAGS)}")
    return head


@lru_cache(maxsize=1)
def shipped_head() -> TagHead:
    return load_head(Path(str(resources.files("interviewer.judge").joinpath("data", HEAD_FILE))))
