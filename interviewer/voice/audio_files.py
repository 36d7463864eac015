"""Audio files (WAV, AIFF, FLAC) read through SpeechRecognition's AudioFile, as 16 kHz mono samples."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import InterviewerError
from .recognizers import SAMPLE_RATE


def read_samples(path: str | Path) -> np.ndarray:
    import speech_recognition as sr

    path = Path(path)
    if not path.exists():
        raise InterviewerError(f"{path}: no such audio file")
    try:
        with sr.AudioFile(str(path)) as source:
            audio = sr.Recognizer().record(source)
    except (ValueError, EOFError, OSError) as exc:
        raise InterviewerError(f"{path}: not a readable audio file (WAV, AIFF or FLAC): {exc}") from None
    raw = audio.get_raw_data(convert_rate=SAMPLE_RATE, convert_width=2)
    return np.frombuffer(raw, dtype=np.int16)


def write_wav(path: Path, samples: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype(np.int16).tobytes())


def duration(samples: np.ndarray) -> float:
    return len(samples) / SAMPLE_RATE
