"""Build the real speaker and listener for a practice session, degrading to the terminal with one line
of explanation when a device (or the voice packages) is missing. Imports the voice package lazily, so
typed practice, grading and tagging never load audio libraries."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from platformdirs import user_cache_dir

from ..errors import DeviceError
from ..interview.known_lines import known_lines
from ..interview.turn_taking import TurnTaking
from ..judge.tagging import default_tagger
from ..personas.format import Persona
from ..ports import Clock
from .background import InBackground
from .fallback import FallbackListener
from .terminal import PrintSpeaker, QuietSpeaker, TypedListener

_VOICE_MISSING = "voice support is not installed (pip install 'interviewer[voice]')"


def open_speaker(persona: Persona, *, mute: bool, engine: str | None = None, notice: TextIO | None = None):
    """The persona's voice (Piper unless the persona or `engine` says otherwise), with every line it can
    know in advance synthesized in the background, the greeting first."""
    notice = notice or sys.stderr
    printer = PrintSpeaker(persona.name)
    if mute:
        return printer
    try:
        from ..voice.playback import find_player
        from ..voice.speaker import VoiceSpeaker
        from ..voice.synthesis import interviewer_synthesizer

        notes: list[str] = []
        synthesizer = interviewer_synthesizer(persona.voice, engine, notes)
        speaker = VoiceSpeaker(synthesizer, find_player(), printer, notice=notice, kept=_kept_lines())
        for line in notes:
            _note(notice, line)
        speaker.prepare([persona.greeting])
        speaker.cache.audio(persona.greeting)  # before anything else loads: the greeting is the first sound
        speaker.prepare(known_lines(persona))
        return speaker
    except ImportError:
        _note(notice, f"{_VOICE_MISSING}; printing the questions")
    except DeviceError as exc:
        _note(notice, f"{exc}; printing the questions")
    return printer


def _kept_lines() -> Path:
    """Where the interviewer's known lines are kept between sessions."""
    return Path(user_cache_dir("interviewer")) / "voice"


def open_listener(
    *,
    typed: bool,
    engine: str,
    model: str | None,
    end_silence: float,
    clock: Clock,
    device: str | None = None,
    tagger=None,
    notice: TextIO | None = None,
    yields: bool = False,
):
    notice = notice or sys.stderr
    keyboard = TypedListener()
    if typed:
        return keyboard
    try:
        from ..voice.microphone import MicrophoneListener
        from ..voice.recognizers import load_recognizer

        # The recognizer loads while the greeting plays; the turn ends sooner after a hand-back, and after a
        # finished statement when the session `yields` (takes its reply back if the candidate goes on).
        microphone = MicrophoneListener(
            InBackground(lambda: load_recognizer(engine, model), "recognizer"),
            clock=clock,
            end_silence=end_silence,
            device=device,
            turn_taking=TurnTaking(tagger or default_tagger(), end_silence, yields=yields),
        )
        microphone.open()
    except ImportError:
        _note(notice, f"{_VOICE_MISSING}; type your answers")
        return keyboard
    except DeviceError as exc:
        _note(notice, f"{exc}; type your answers")
        return keyboard
    return FallbackListener(microphone, keyboard, notice=notice)


def connect_barge_in(speaker, listener) -> None:
    """Let the microphone watch the interviewer's lines, so the candidate can talk over them."""
    microphone = getattr(listener, "primary", None)
    if hasattr(speaker, "watcher") and hasattr(microphone, "candidate_talking"):
        speaker.watcher = microphone


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
