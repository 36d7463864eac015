"""Audio files (WAV, AIFF, FLAC) read through SpeechRecognition's AudioFile, as 16 kHz mono samples."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from ..errors import InterviewerError
from .recognizers import SAMPLE_RATE


def read_samples(path: str | Path) -> np.ndarray:
    import speech_recognition as sr

    path = Path(path)
    if not path.exists():
        raise InterviewerError(f"{path}: no such audio file")
    _check_wav_header(path)
    try:
        with sr.AudioFile(str(path)) as source:
            audio = sr.Recognizer().record(source)
        raw = audio.get_raw_data(convert_rate=SAMPLE_RATE, convert_width=2)
    except Exception as exc:  # noqa: BLE001 - a hostile file reaches asserts and arithmetic errors deep in the reader
        reason = str(exc).split("\n")[0] or type(exc).__name__
        raise InterviewerError(f"{path}: not a readable audio file (WAV, AIFF or FLAC): {reason}") from None
    return np.frombuffer(raw[: len(raw) // 2 * 2], dtype=np.int16)  # a data chunk of odd length loses its last byte


def _check_wav_header(path: Path) -> None:
    """A WAV's header, checked before its samples are read: a rate of 0 Hz or a 7-byte sample would end
    in a division by zero or an assertion inside the reader. Other formats are left to the reader."""
    try:
        with wave.open(str(path), "rb") as wav:
            rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
    except Exception:  # noqa: BLE001 - not a WAV the wave module can open (even RuntimeError): the reader decides
        return
    problem = (
        f"a sample rate of {rate} Hz"
        if not 8000 <= rate <= 192000
        else f"{channels} channels"
        if channels not in (1, 2)
        else f"{width}-byte samples"
        if not 1 <= width <= 4
        else None
    )
    if problem:
        raise InterviewerError(
            f"{path}: not a usable audio file ({problem}); record WAV at 8 to 192 kHz, mono or stereo"
        )


def write_wav(path: Path, samples: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype(np.int16).tobytes())


def duration(samples: np.ndarray) -> float:
    return len(samples) / SAMPLE_RATE
