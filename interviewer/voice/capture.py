"""The microphone as a stream of 32 ms frames, captured all the time the session is open.

PortAudio (through PyAudio) calls back with each frame on its own thread; frames wait in a queue until
the listener takes them, each stamped with the time its last sample was heard. Frames often arrive in
bursts (more so on a busy machine), so that time is counted in samples from the least delayed arrival
seen, not read off the clock at each arrival. Capturing without a break is what
lets nothing be lost: speech that starts while the interviewer talks, or between two turns, is there
when the listener looks."""

from __future__ import annotations

import queue
import time

import numpy as np

from ..errors import DeviceError
from .quiet import quiet_native_stderr
from .recognizers import SAMPLE_RATE
from .vad import FRAME, FRAME_SECONDS


class MicrophoneStream:
    def __init__(self, device: int | str | None = None):
        self.device = device
        self.frames: queue.Queue[tuple[float, np.ndarray]] = queue.Queue()
        self._audio = self._stream = None
        self._count = 0  # frames captured so far
        self._origin = float("inf")  # perf_counter when the stream's first sample was heard, at the latest

    def open(self) -> None:
        import pyaudio

        try:
            with quiet_native_stderr():
                self._audio = pyaudio.PyAudio()
                index = _device_index(self._audio, self.device)
                self._stream = self._audio.open(
                    format=pyaudio.paInt16,
                    channels=1,
                    rate=SAMPLE_RATE,
                    input=True,
                    input_device_index=index,
                    frames_per_buffer=FRAME,
                    stream_callback=self._arrived,
                )
        except (OSError, ValueError) as exc:
            self.close()
            raise DeviceError(f"no microphone found ({str(exc) or type(exc).__name__})") from None
        except DeviceError:
            self.close()
            raise

    def next_frame(self, timeout: float) -> tuple[float, np.ndarray] | None:
        """The oldest frame not taken yet, with its arrival time, or None after `timeout` seconds."""
        if self._stream is not None and not self._stream.is_active():
            raise DeviceError("the microphone stopped")
        try:
            return self.frames.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        if self._stream is not None:
            self._stream.stop_stream()
            self._stream.close()
            self._stream = None
        if self._audio is not None:
            self._audio.terminate()
            self._audio = None

    def _arrived(self, data, count, time_info, status):
        import pyaudio

        self._count += 1
        self._origin = min(self._origin, time.perf_counter() - self._count * FRAME_SECONDS)
        heard_at = self._origin + self._count * FRAME_SECONDS
        self.frames.put((heard_at, np.frombuffer(data, dtype=np.int16).copy()))
        return None, pyaudio.paContinue


def _device_index(audio, device: int | str | None) -> int | None:
    """A device by index, or by part of its name ("USB", "pulse"), as PortAudio lists them."""
    if isinstance(device, str) and device.isdigit():
        device = int(device)
    if device is None:
        return None
    if isinstance(device, int):  # PortAudio crashes on an index it does not have: check it first
        if not 0 <= device < audio.get_device_count():
            raise DeviceError(f"no microphone found (no device {device})")
        if audio.get_device_info_by_index(device).get("maxInputChannels", 0) < 1:
            raise DeviceError(f"no microphone found (device {device} has no input)")
        return device
    names = [audio.get_device_info_by_index(i).get("name", "") for i in range(audio.get_device_count())]
    for index, name in enumerate(names):
        if device.lower() in (name or "").lower():
            return index
    raise DeviceError(f"no microphone named {device!r} (devices: {', '.join(names) or 'none'})")
