"""Text to a WAV file. One file per line, so that no line is dropped or overwritten.

The interviewer speaks with Piper by default (interviewer/voice/piper_voice.py), a natural neural voice
on every platform; `--voice-engine espeak` or `pyttsx3` (or a persona's `voice.engine`) picks another, and
each is the fallback when the one before it cannot start. espeak-ng runs as its own program: pyttsx3's
espeak driver on Linux drops sentences between say() calls, so pyttsx3 gets a fresh engine per line and
drives the system voices on macOS and Windows. Candidates in `run --voice` speak with flite, a different
voice from the interviewer's, so the recognizer hears someone else.
"""

from __future__ import annotations

import contextlib
import io
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
        self.identity = f"espeak|{self.program}|{self.rate}|{self.voice}|{self.amplitude}"  # kept lines' key

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
            with contextlib.redirect_stdout(io.StringIO()):  # its espeak driver prints "Audio saved to ..."
                engine.runAndWait()
        finally:
            engine.stop()
        if not path.exists() or path.stat().st_size == 0:
            raise DeviceError("the system voice produced no audio")
        return path


def interviewer_synthesizer(voice, engine: str | None = None, notes: list[str] | None = None):
    """The synthesizer for a persona's voice with `engine` (default: the persona's, else Piper), or the
    first fallback that starts; each engine that could not start leaves a line in `notes`."""
    chosen = engine or voice.engine or "piper"
    order = [chosen, *(e for e in _fallbacks() if e != chosen)]
    reasons = []
    for name in order:
        try:
            synthesizer = _build(name, voice)
        except (DeviceError, ImportError) as exc:
            reasons.append(f"{name}: {exc}")
            continue
        if notes is not None and reasons:
            notes.append(f"{'; '.join(reasons)}; speaking with {name}")
        return synthesizer
    raise DeviceError(f"no voice could start ({'; '.join(reasons)})")


def _fallbacks() -> tuple[str, ...]:
    return ("piper", "espeak", "pyttsx3") if sys.platform.startswith("linux") else ("piper", "pyttsx3")


def _build(engine: str, voice):
    if engine == "piper":
        from .piper_voice import PiperSynthesizer

        return PiperSynthesizer(voice.rate, voice.model, voice.volume)
    if engine == "espeak":
        return EspeakSynthesizer(voice.rate, voice.hint or "en-us", voice.volume)
    import pyttsx3  # noqa: F401  (an ImportError here moves on to the next engine)

    return Pyttsx3Synthesizer(voice.rate, voice.hint, voice.volume)


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
