"""The interviewer's own voice coming back through the microphone (speakers without headphones).

While a line plays, each frame the microphone hears is compared with the line's audio around where it
should be arriving: from 2 s late to 0.1 s early, which covers the player's start-up (slow on a busy
machine) and the sound system's buffers. The share of the frame's energy that a scaled copy of the line
explains tells echo from the candidate: echo is almost all explained, the candidate talking over it is
not. Speech is alike enough that some copy somewhere in two seconds of the line explains much of any
frame by chance (up to 0.88 of a 32 ms frame of the candidate with no echo at all), so the echo path's
delay is taken only from near-perfect matches that agree twice, and a copy is subtracted only at that
delay: what the candidate says over the line reaches the recognizer cleaner, and what they say with no
echo reaches it untouched."""

from __future__ import annotations

import numpy as np

from .recognizers import SAMPLE_RATE

EARLY, LATE = int(0.1 * SAMPLE_RATE), int(2.0 * SAMPLE_RATE)
NEAR = int(0.01 * SAMPLE_RATE)  # once the delay is known, the echo alone is looked for this close to it
FOUND = 0.95  # a match explaining this share of a frame anywhere in the range may be the echo's delay
HELD = 0.8  # a match this good at the known delay is the echo alone
TAIL = 0.5  # seconds after a line ends that its echo may still arrive
QUIET = 60.0  # RMS below this is silence, nothing to explain


class EchoReference:
    def __init__(self, line: np.ndarray, started: float, path: tuple[int, float] | None = None):
        self.line = line.astype(np.float64)
        self.started = started
        self.played_until = started + len(line) / SAMPLE_RATE  # when the line ends, or was stopped
        # The echo path once found (or carried over from the last line): samples from a sample's play time
        # to its echo's, and how loud the echo is.
        self.path = path
        self._seen: int | None = None  # a delay found once, taken when the next near-perfect match agrees

    @property
    def delay(self) -> int | None:
        return None if self.path is None else self.path[0]

    @property
    def until(self) -> float:
        """When the last of the line's echo has arrived: the echo path's delay after the line stopped
        playing (on a busy machine the player starts late, and that delay can exceed a second)."""
        return self.played_until + max(self.delay or 0, 0) / SAMPLE_RATE + TAIL

    def active(self, arrived: float) -> bool:
        return arrived <= self.until

    def stopped(self, at: float) -> None:
        """The line was stopped (or ended) at `at`: nothing played after it can echo, and the rest of the line
        is no longer looked for (its copy would be taken out of the candidate's words)."""
        self.played_until = min(self.played_until, at)
        self.line = self.line[: max(0, int((self.played_until - self.started) * SAMPLE_RATE))]

    def split(self, frame: np.ndarray, arrived: float) -> tuple[float, np.ndarray]:
        """(share of the frame's energy that is the line's echo, the frame with that echo removed)."""
        heard = frame.astype(np.float64)
        energy = float(heard @ heard)
        if energy < QUIET**2 * len(heard):
            return 1.0, frame
        # The frame holds the line as it was played some time before it arrived: look near the known delay
        # first, then over the whole range (a new player can start later or sooner than the last one).
        naive = int((arrived - self.started) * SAMPLE_RATE) - len(heard)
        if self.path is not None:
            share, gain, position = self._match(heard, energy, naive - self.delay - NEAR, 2 * NEAR)
            if share >= FOUND:  # the echo alone: follow its path as it drifts
                self.path = (naive - position, gain)
            if share >= HELD:
                return share, _minus(heard, gain * self._region(position, len(heard)))
        share, gain, position = self._match(heard, energy, naive - LATE, LATE + EARLY)
        if share >= FOUND:
            self._agree(naive - position, gain)
            return share, _minus(heard, gain * self._region(position, len(heard)))
        if self.path is None:  # no echo path known: nothing trusted to remove
            return share, frame
        # The candidate over the line: a copy fitted to the frame would fit their voice too, so the echo
        # is removed where and as loud as the path says it is.
        delay, gain = self.path
        echo = gain * self._region(naive - delay, len(heard))
        return min(1.0, float(echo @ echo) / energy), _minus(heard, echo)

    def _agree(self, delay: int, gain: float) -> None:
        if self._seen is not None and abs(delay - self._seen) <= NEAR:
            self.path = (delay, gain)
        self._seen = delay

    def _match(self, heard: np.ndarray, energy: float, start: int, span: int) -> tuple[float, float, int]:
        """The best scaled copy of the line within [start, start + span): the share of the frame's energy
        it explains, its scale, and where in the line it starts."""
        region = self._region(start, len(heard) + span)
        if not region.any():
            return 0.0, 0.0, start
        products = _correlate(region, heard)
        windows = _window_energies(region, len(heard))
        share = products**2 / (windows * energy + 1e-9)
        best = int(np.argmax(share))
        return float(share[best]), float(products[best] / (windows[best] + 1e-9)), start + best

    def _region(self, start: int, length: int) -> np.ndarray:
        region = np.zeros(length)
        lo, hi = max(start, 0), min(start + length, len(self.line))
        if hi > lo:
            region[lo - start : hi - start] = self.line[lo:hi]
        return region


def _minus(heard: np.ndarray, echo: np.ndarray) -> np.ndarray:
    return np.clip(heard - echo, -32768, 32767).astype(np.int16)


def _correlate(region: np.ndarray, window: np.ndarray) -> np.ndarray:
    """sum(window[i] * region[k + i]) for every k where the window fits, through the FFT."""
    size = 1 << (len(region) + len(window)).bit_length()
    spectrum = np.fft.rfft(region, size) * np.conj(np.fft.rfft(window, size))
    return np.fft.irfft(spectrum, size)[: len(region) - len(window) + 1]


def _window_energies(region: np.ndarray, width: int) -> np.ndarray:
    """sum(region[k + i] ** 2 for i < width) for every k where the window fits."""
    running = np.concatenate([[0.0], np.cumsum(region**2)])
    return running[width:] - running[:-width]
