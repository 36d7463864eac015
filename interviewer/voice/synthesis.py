"""Text to a WAV file. One file per line, synthesized in a child process or a fresh engine, so that no
line is dropped or overwritten.

On Linux the interviewer speaks with espeak-ng directly: pyttsx3's espeak driver there drops sentences
between say() calls, loses queued items, and lets runAndWait() return before a file is written. On macOS
and Windows pyttsx3 drives the system voices. Candidates in `run --voice` speak with flite, a different
voice from the interviewer's, so the recognizer hears someone else.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import DeviceError

_TIMEOUT = 60  # seconds for one line; synthesis of a sentence takes well under one


class EspeakSynthesizer:
    """espeak-ng's command line: `espeak-ng -w FILE -s RATE -v VOICE TEXT`."""

    def __init__(self, rate: int = 170, voice: str = "en-us", volume: float = 1.0):
        self.program = shutil.which("espeak-ng") or shutil.which("espeak")
        if not self.program:
            raise DeviceError("espeak-ng is not installed (sudo apt-get install espeak-ng)")
        self.rate, self.voice, self.amplitude = rate, voice or "en-us", max(0, min(200, round(volume * 100)))

    def to_file(self, text: str, path: Path) -> Path:
        command = [
            self.program,
            "-w",
            str(path),
            "-s",
            str(self.rate),
            "-a",
            str(self.amplitude),
            "-v",
            self.voice,
            "--",
            text,
        ]
        _run(command, "espeak-ng", path)
        return path


class FliteSynthesizer:
    """flite's command line with one of its built-in voices (slt, rms, awb, kal)."""

    def __init__(self, voice: str = "slt"):
        self.program = shutil.which("flite")
        if not self.program:
            raise DeviceError("flite is not installed (sudo apt-get install flite)")
        self.voice = voice

    def to_file(self, text: str, path: Path) -> Path:
        _run([self.program, "-voice", self.voice, "-t", text, "-o", str(path)], "flite", path)
        return path


class Pyttsx3Synthesizer:
    """The system voices through pyttsx3 (macOS, Windows): a fresh engine per line, so a stuck engine
    cannot silence the rest of the interview."""

    def __init__(self, rate: int = 170, voice: str = "", volume: float = 1.0):
        self.rate, self.voice, self.volume = rate, voice, volume

    def to_file(self, text: str, path: Path) -> Path:
        import pyttsx3

        engine = pyttsx3.init()
        try:
            engine.setProperty("rate", self.rate)
            engine.setProperty("volume", self.volume)
            chosen = _voice_matching(engine.getProperty("voices"), self.voice)
            if chosen:
                engine.setProperty("voice", chosen)
            engine.save_to_file(text, str(path))
            engine.runAndWait()
        finally:
            engine.stop()
        if not path.exists() or path.stat().st_size == 0:
            raise DeviceError("the system voice produced no audio")
        return path


def interviewer_synthesizer(rate: int, voice_hint: str, volume: float):
    if sys.platform.startswith("linux"):
        return EspeakSynthesizer(rate, voice_hint or "en-us", volume)
    return Pyttsx3Synthesizer(rate, voice_hint, volume)


def _voice_matching(voices, hint: str) -> str | None:
    hint = hint.lower()
    for voice in voices or []:
        names = [voice.id, voice.name, *(getattr(voice, "languages", None) or [])]
        if hint and any(hint in str(name).lower() for name in names):
            return voice.id
    return None


def _run(command: list[str], name: str, output: Path) -> None:
    """Run a synthesizer; it failed unless it exited 0 AND wrote audio (espeak-ng exits 0 when it cannot
    write its file)."""
    try:
        done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DeviceError(f"{name} failed to synthesize speech ({type(exc).__name__})") from None
    written = output.exists() and output.stat().st_size > 44  # more than a bare WAV header
    if done.returncode != 0 or not written:
        said = (done.stderr or done.stdout).decode(errors="replace").strip().splitlines()
        reason = said[-1] if said else f"exit code {done.returncode}, no audio written"
        raise DeviceError(f"{name} failed to synthesize speech: {reason}")
