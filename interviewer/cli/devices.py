"""Build the real speaker and listener for a practice session, degrading to the terminal with one line
of explanation when a device (or the voice packages) is missing. Imports the voice package lazily, so
typed practice, grading and tagging never load audio libraries."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from ..errors import DeviceError
from ..personas.format import Persona
from ..ports import Clock
from .fallback import FallbackListener
from .terminal import PrintSpeaker, QuietSpeaker, TypedListener

_VOICE_MISSING = "voice support is not installed (pip install 'interviewer[voice]')"


def open_speaker(persona: Persona, *, mute: bool, notice: TextIO | None = None):
    notice = notice or sys.stderr
    printer = PrintSpeaker(persona.name)
    if mute:
        return printer
    try:
        from ..voice.playback import find_player
        from ..voice.speaker import VoiceSpeaker
        from ..voice.synthesis import interviewer_synthesizer

        voice = persona.voice
        return VoiceSpeaker(
            interviewer_synthesizer(voice.rate, voice.hint, voice.volume), find_player(), printer, notice=notice
        )
    except ImportError:
        _note(notice, f"{_VOICE_MISSING}; printing the questions")
    except DeviceError as exc:
        _note(notice, f"{exc}; printing the questions")
    return printer


def open_listener(
    *,
    typed: bool,
    engine: str,
    model: str | None,
    end_silence: float,
    clock: Clock,
    device: str | None = None,
    notice: TextIO | None = None,
):
    notice = notice or sys.stderr
    keyboard = TypedListener()
    if typed:
        return keyboard
    try:
        from ..voice.microphone import MicrophoneListener
        from ..voice.recognizers import load_recognizer

        microphone = MicrophoneListener(
            load_recognizer(engine, model), clock=clock, end_silence=end_silence, device=device
        )
        microphone.open()
    except ImportError:
        _note(notice, f"{_VOICE_MISSING}; type your answers")
        return keyboard
    except DeviceError as exc:
        _note(notice, f"{exc}; type your answers")
        return keyboard
    return FallbackListener(microphone, keyboard, notice=notice)


def scripted_adapters(persona: Persona, *, voice: bool, audio: bool, engine: str):
    """(speaker, hear, clock) for a scenario run: silent and word for word, or through real audio. `audio`
    loads a recognizer for `audio = "clip.wav"` replies; `voice` also synthesizes every line on an audio clock."""
    if not audio:
        return QuietSpeaker(), None, None
    with voice_required():
        from ..voice.recognizers import load_recognizer
        from ..voice.scripted import AudioClock, SpokenCandidate, SynthesizedSpeaker

        recognizer = load_recognizer(engine)
    clock = AudioClock() if voice else None
    hear = SpokenCandidate(recognizer, clock).hear
    if not voice:
        return QuietSpeaker(), hear, None
    return SynthesizedSpeaker(clock, persona.voice.rate, persona.voice.hint or "en-us"), hear, clock


@contextmanager
def voice_required() -> Iterator[None]:
    """For commands that cannot work without audio (transcribe, run --voice): a missing voice extra is
    one line, not an ImportError's traceback."""
    try:
        yield
    except ImportError:
        raise DeviceError(_VOICE_MISSING) from None


def _note(notice: TextIO, message: str) -> None:
    notice.write(f"note: {message}\n")
    notice.flush()
