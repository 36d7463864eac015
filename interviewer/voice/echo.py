"""The interviewer's own voice coming back through the microphone (speakers without headphones).

While a line plays, each frame the microphone hears is compared with the line's audio around where it
should be arriving (a search from 0.6 s late to 0.1 s early, which covers the player's start-up and the
sound system's buffers). The share of the frame's energy that a scaled copy of the line explains tells
echo from the candidate: echo is almost all explained, the candidate talking over it is not. The best
copy is also subtracted, so what the candidate said during the overlap reaches the recognizer cleaner."""

from __future__ import annotations

import numpy as np

from .recognizers import SAMPLE_RATE

EARLY, LATE = int(0.1 * SAMPLE_RATE), int(0.6 * SAMPLE_RATE)
TAIL = 0.4  # seconds after a line ends that its echo may still arrive
QUIET = 60.0  # RMS below this is silence, nothing to explain


class EchoReference:
    def __init__(self, line: np.ndarray, started: float):
        self.line = line.astype(np.float64)
        self.started = started
        self.until = started + len(line) / SAMPLE_RATE + TAIL

    def active(self, arrived: float) -> bool:
        return arrived <= self.until

    def split(self, frame: np.ndarray, arrived: float) -> tuple[float, np.ndarray]:
        """(share of the frame's energy that is the line's echo, the frame with that echo removed)."""
        heard = frame.astype(np.float64)
        energy = float(heard @ heard)
        if energy < QUIET**2 * len(heard):
            return 1.0, frame
        # The frame holds the line as it was played some time before it arrived: search back from there.
        start = int((arrived - self.started) * SAMPLE_RATE) - len(heard) - LATE
        region = self._region(start, len(heard) + LATE + EARLY)
        if not region.any():
            return 0.0, frame
        products = _correlate(region, heard)
        windows = _window_energies(region, len(heard))
        share = products**2 / (windows * energy + 1e-9)
        best = int(np.argmax(share))
        copy = region[best : best + len(heard)]
        gain = products[best] / (windows[best] + 1e-9)
        residual = np.clip(heard - gain * copy, -32768, 32767).astype(np.int16)
        return float(share[best]), residual

    def _region(self, start: int, length: int) -> np.ndarray:
        region = np.zeros(length)
        lo, hi = max(start, 0), min(start + length, len(self.line))
        if hi > lo:
            region[lo - start : hi - start] = self.line[lo:hi]
        return region


def _correlate(region: np.ndarray, window: np.ndarray) -> np.ndarray:
    """sum(window[i] * region[k + i]) for every k where the window fits, through the FFT."""
    size = 1 << (len(region) + len(window)).bit_length()
    spectrum = np.fft.rfft(region, size) * np.conj(np.fft.rfft(window, size))
    return np.fft.irfft(spectrum, size)[: len(region) - len(window) + 1]


def _window_energies(region: np.ndarray, width: int) -> np.ndarray:
    """sum(region[k + i] ** 2 for i < width) for every k where the window fits."""
    running = np.concatenate([[0.0], np.cumsum(region**2)])
    return running[width:] - running[:-width]
