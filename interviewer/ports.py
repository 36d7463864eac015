"""The seam between the interview and the devices: what it speaks through and hears through.

The interview only knows these protocols. Real speakers and microphones (interviewer/voice/), the
terminal (interviewer/cli/terminal.py), scripted candidates (interviewer/interview/scenario.py) and the tests' fakes
all stand here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

SPEECH, SILENCE, UNINTELLIGIBLE = "speech", "silence", "unintelligible"


@dataclass(frozen=True)
class Heard:
    """One reply as the listener heard it."""

    kind: str  # SPEECH, SILENCE or UNINTELLIGIBLE
    text: str = ""
    start: float | None = None  # seconds on the interview clock, when known
    end: float | None = None
    longest_gap: float = 0.0  # the longest pause inside the reply, when the listener measured it

    @classmethod
    def speech(cls, text: str, start: float | None = None, end: float | None = None) -> Heard:
        return cls(SPEECH, text, start, end)

    def then(self, more: Heard) -> Heard:
        """This reply with what the candidate went on to say after it, as one reply."""
        if more.kind != SPEECH:
            return self
        gap = more.start - self.end if more.start is not None and self.end is not None else 0.0
        longest = max(self.longest_gap, more.longest_gap, round(gap, 2))
        return Heard(SPEECH, f"{self.text.strip()} {more.text.strip()}".strip(), self.start, more.end, longest)

    @classmethod
    def silence(cls) -> Heard:
        return cls(SILENCE)

    @classmethod
    def unintelligible(cls) -> Heard:
        return cls(UNINTELLIGIBLE)


class Speaker(Protocol):
    def say(self, text: str) -> None:
        """Speak (or print) one line, returning when it has been delivered."""


class Listener(Protocol):
    def listen(self) -> Heard:
        """Wait for the candidate's next reply."""


class SessionSink(Protocol):
    """Where a live interview keeps its record (interviewer/reports/session_reports.py on disk)."""

    def append(self, turn, tags: tuple[str, ...] | None) -> None:
        """Keep one finished turn, before the interview goes on."""

    def withdraw(self, index: int) -> None:
        """Mark turn `index` as an answer the candidate took back; it stays in the record."""

    def mark(self) -> int:
        """A point in the record to come back to."""

    def rewind(self, point: int) -> None:
        """Forget what was kept since `point`: the interview took back a reply the candidate talked on over."""

    def finish(self, grade, *, ended_early: bool, turns, tagged) -> None:
        """Keep the grade and its reports when the interview ends."""


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since some fixed point."""


class SystemClock:
    def __init__(self) -> None:
        self._start = time.monotonic()

    def now(self) -> float:
        return time.monotonic() - self._start
