"""The candidate's voice through a real microphone (SpeechRecognition's Microphone over PyAudio).

People pause to think, so an answer ends only after `end_silence` seconds (default 1.2) of quiet; answers
may run for minutes. To answer quickly, each phrase is handed to the recognizer (on a worker thread) as
soon as a short pause closes it, while the candidate goes on speaking; when the answer is over only its
last phrase is left to recognize, so the delay does not grow with the answer's length. A run of speech
with no pause is cut every six seconds for the same reason, and the recognition of the last piece overlaps
the end-of-answer silence.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from ..errors import DeviceError
from ..ports import Clock, Heard
from .quiet import quiet_native_stderr
from .recognizers import SAMPLE_RATE

PHRASE_GAP = 0.4  # a pause this long closes a phrase and sends it to the recognizer
END_SILENCE = 1.2  # a pause this long ends the answer
START_TIMEOUT = 10.0  # seconds of silence before an answer starts: the candidate said nothing
MAX_PHRASE = 6.0  # seconds; a longer run without a pause is cut here, so the last piece is quick to recognize


class MicrophoneListener:
    def __init__(
        self,
        recognizer,
        *,
        clock: Clock,
        device: int | str | None = None,
        end_silence: float = END_SILENCE,
        phrase_gap: float = PHRASE_GAP,
        start_timeout: float = START_TIMEOUT,
        calibrate_seconds: float = 1.0,
    ):
        if end_silence <= phrase_gap:
            raise ValueError("end_silence must be longer than phrase_gap")
        self.recognizer, self.clock = recognizer, clock
        self.device = device
        self.end_silence, self.phrase_gap, self.start_timeout = end_silence, phrase_gap, start_timeout
        self.calibrate_seconds = calibrate_seconds
        self.answer_ended: list[float] = []  # perf_counter at each end-of-answer decision
        self._microphone = self._source = self._sr = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recognizer")

    def open(self) -> None:
        """Open the stream once per session and calibrate the energy threshold once."""
        import speech_recognition as sr

        try:
            with quiet_native_stderr():
                index = _device_index(sr, self.device)
                self._microphone = sr.Microphone(device_index=index, sample_rate=SAMPLE_RATE)
                source = self._microphone.__enter__()
        except (OSError, AttributeError, AssertionError) as exc:
            self._microphone = None
            raise DeviceError(f"no microphone found ({_reason(exc)})") from None
        if source.stream is None:  # Microphone.__enter__ swallows PortAudio's error and leaves no stream
            self._microphone = None
            raise DeviceError("no microphone found (no input device could be opened)")
        self._source = source
        self._sr = sr.Recognizer()
        self._sr.pause_threshold = self.phrase_gap
        self._sr.non_speaking_duration = min(self.phrase_gap, 0.3)
        self._sr.adjust_for_ambient_noise(self._source, duration=self.calibrate_seconds)
        # Left dynamic, the threshold keeps rising during a phrase and cuts answers short.
        self._sr.dynamic_energy_threshold = False

    def close(self) -> None:
        if self._microphone is not None:
            self._microphone.__exit__(None, None, None)
            self._microphone = self._source = None
        self._worker.shutdown(wait=False, cancel_futures=True)

    def listen(self) -> Heard:
        import speech_recognition as sr

        if self._source is None:
            self.open()
        self._drain()
        try:
            first = self._phrase(self.start_timeout)
        except sr.WaitTimeoutError:
            return Heard.silence()
        except OSError as exc:
            raise DeviceError(f"the microphone stopped ({_reason(exc)})") from None
        start, end = self._speech_span(first)
        pending = [self._recognize(first)]
        longest_gap = 0.0
        while True:
            try:
                phrase = self._phrase(self.end_silence - self.phrase_gap)
            except sr.WaitTimeoutError:
                break
            phrase_start, phrase_end = self._speech_span(phrase)
            longest_gap = max(longest_gap, phrase_start - end)
            end = phrase_end
            pending.append(self._recognize(phrase))
        self.answer_ended.append(time.perf_counter())
        texts = [_result(future) for future in pending]
        text = " ".join(t for t in texts if t).strip()
        if not text:
            return Heard.unintelligible()
        return Heard("speech", text, start=start, end=end, longest_gap=round(longest_gap, 2))

    def _drain(self) -> None:
        """Drop what the microphone buffered while the interviewer spoke: the interviewer's own voice from
        the speakers, and stale silence that would run the start timeout out before the answer begins."""
        stream = self._source.stream.pyaudio_stream
        try:
            while (available := stream.get_read_available()) >= self._source.CHUNK:
                stream.read(available, exception_on_overflow=False)
        except OSError as exc:
            raise DeviceError(f"the microphone stopped ({_reason(exc)})") from None

    def _speech_span(self, audio) -> tuple[float, float]:
        """When the speech in a phrase just heard began and ended, on the interview clock. A phrase comes
        back once `phrase_gap` of quiet has passed, padded with `non_speaking_duration` of quiet at each end."""
        end = self.clock.now() - self.phrase_gap
        padding = 2 * self._sr.non_speaking_duration
        return end - max(0.0, _seconds(audio) - padding), end

    def _phrase(self, timeout: float):
        return self._sr.listen(self._source, timeout=timeout, phrase_time_limit=MAX_PHRASE)

    def _recognize(self, audio) -> Future:
        samples = np.frombuffer(audio.get_raw_data(convert_rate=SAMPLE_RATE, convert_width=2), dtype=np.int16)
        return self._worker.submit(self.recognizer.recognize, samples)


def _device_index(sr, device: int | str | None) -> int | None:
    """A device by index, or by part of its name ("USB", "pulse"), as PortAudio lists them."""
    if device is None or isinstance(device, int):
        return device
    if device.isdigit():
        return int(device)
    names = sr.Microphone.list_microphone_names()
    for index, name in enumerate(names):
        if device.lower() in (name or "").lower():
            return index
    raise DeviceError(f"no microphone named {device!r} (devices: {', '.join(names) or 'none'})")


def _result(future: Future) -> str:
    """A phrase the recognizer failed on counts as not understood; the interview asks again."""
    try:
        return future.result()
    except DeviceError:
        raise
    except Exception:
        return ""


def _seconds(audio) -> float:
    return len(audio.frame_data) / (audio.sample_rate * audio.sample_width)


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
