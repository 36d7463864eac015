"""The trained head over the sentence encoder: one logistic regression per tag, read from a small data file
(judge/data/tag_head.npz) that scripts/train_tagger.py writes. Its features are a text's encoder vector and
which tags the rules found in it, so the head learns how far to trust each rule.

The file also keeps the training examples (their texts, tags and vectors, to int8) so that a tag the model
gives can name the examples closest to what was said (`interviewer tag --why`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import InterviewerError
from .encoder import MINILM_DIMENSIONS
from .tags import TAGS

HEAD_FILE = "tag_head.npz"


@dataclass(frozen=True)
class TagHead:
    weights: np.ndarray  # (tags, features)
    bias: np.ndarray  # (tags,)
    thresholds: np.ndarray  # (tags,): the probability at which each tag is given
    example_texts: np.ndarray  # (examples,)
    example_tags: np.ndarray  # (examples, tags) bool
    example_vectors: np.ndarray  # (examples, MINILM_DIMENSIONS) int8: MiniLM's unit vectors times 127

    def probabilities(self, vectors: np.ndarray, rule_hits: np.ndarray) -> np.ndarray:
        """(texts, tags) probabilities from encoder vectors and the rules' hits (texts, tags) in 0/1."""
        features = np.hstack([vectors, rule_hits.astype(np.float32)])
        return 1.0 / (1.0 + np.exp(-(features @ self.weights.T + self.bias)))

    def nearest(self, vector: np.ndarray, tag: str, count: int = 3) -> tuple[str, ...]:
        """The training examples carrying `tag` that lie closest to `vector`."""
        carrying = np.flatnonzero(self.example_tags[:, TAGS.index(tag)])
        if not len(carrying):
            return ()
        similarity = self.example_vectors[carrying].astype(np.float32) @ vector[:MINILM_DIMENSIONS]
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
    if head.weights.shape[0] != len(TAGS):
        raise InterviewerError(f"{path}: the judge's trained head has {head.weights.shape[0]} tags, not {len(TAGS)}")
    return head


@lru_cache(maxsize=1)
def shipped_head() -> TagHead:
    return load_head(Path(str(resources.files("interviewer.judge").joinpath("data", HEAD_FILE))))
