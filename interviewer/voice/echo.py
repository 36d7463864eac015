"""The interviewer's own voice coming back through the microphone (speakers without headphones).

While a line plays, each frame the microphone hears is compared with the line's audio around where it
should be arriving: from 2 s late to 0.1 s early, which covers the player's start-up (slow on a busy
machine) and the sound system's buffers; once found, near the same delay first. The share of the
frame's energy that a scaled copy of the line explains tells echo from the candidate: echo is almost
all explained, the candidate talking over it is not. The best copy is also subtracted, so what the
candidate said during the overlap reaches the recognizer cleaner."""

from __future__ import annotations

import numpy as np

from .recognizers import SAMPLE_RATE

EARLY, LATE = int(0.1 * SAMPLE_RATE), int(2.0 * SAMPLE_RATE)
NEAR = int(0.05 * SAMPLE_RATE)  # once the delay is known, search this close to it first
TRUST = 0.8  # a match explaining this share of a frame pins the delay down
TAIL = 0.5  # seconds after a line ends that its echo may still arrive
QUIET = 60.0  # RMS below this is silence, nothing to explain


class EchoReference:
    def __init__(self, line: np.ndarray, started: float, delay: int | None = None):
        self.line = line.astype(np.float64)
        self.started = started
        self.played_until = started + len(line) / SAMPLE_RATE  # when the line ends, or was stopped
        self.delay = delay  # samples from a sample's play time to its echo's, once found (or carried over)

    @property
    def until(self) -> float:
        """When the last of the line's echo has arrived: the echo path's delay after the line stopped
        playing (on a busy machine the player starts late, and that delay can exceed a second)."""
        return self.played_until + max(self.delay or 0, 0) / SAMPLE_RATE + TAIL

    def active(self, arrived: float) -> bool:
        return arrived <= self.until

    def stopped(self, at: float) -> None:
        """The line was stopped (or ended) at `at`: nothing played after it can echo."""
        self.played_until = min(self.played_until, at)

    def split(self, frame: np.ndarray, arrived: float) -> tuple[float, np.ndarray]:
        """(share of the frame's energy that is the line's echo, the frame with that echo removed)."""
        heard = frame.astype(np.float64)
        energy = float(heard @ heard)
        if energy < QUIET**2 * len(heard):
            return 1.0, frame
        # The frame holds the line as it was played some time before it arrived: search back from there,
        # close to the delay found before if there is one, else over the whole range.
        naive = int((arrived - self.started) * SAMPLE_RATE) - len(heard)
        if self.delay is not None:
            share, residual, _ = self._match(heard, energy, naive - self.delay - NEAR, 2 * NEAR)
            if share >= TRUST:
                return share, residual
        share, residual, position = self._match(heard, energy, naive - LATE, LATE + EARLY)
        if share >= TRUST:
            self.delay = naive - position
        return share, residual

    def _match(self, heard: np.ndarray, energy: float, start: int, span: int) -> tuple[float, np.ndarray, int]:
        """The best scaled copy of the line within [start, start + span): its share, the frame minus it,
        and where in the line it starts."""
        region = self._region(start, len(heard) + span)
        if not region.any():
            return 0.0, heard.astype(np.int16), start
        products = _correlate(region, heard)
        windows = _window_energies(region, len(heard))
        share = products**2 / (windows * energy + 1e-9)
        best = int(np.argmax(share))
        gain = products[best] / (windows[best] + 1e-9)
        residual = np.clip(heard - gain * region[best : best + len(heard)], -32768, 32767).astype(np.int16)
        return float(share[best]), residual, start + best

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
