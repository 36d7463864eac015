"""Delivery figures from timed candidate turns: words per minute, filler words per minute, longest pause."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Fillers a listener hears as hesitation. "like" counts only where commas set it apart as a filler.
_FILLERS = re.compile(
    r"\b(?:um+|uh+|uhm|erm|er|ah|hmm+|you know|i mean|sort of|kind of|basically)\b|(?<=,) like(?=,)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z0-9']+")


@dataclass(frozen=True)
class Delivery:
    words_per_minute: float
    fillers_per_minute: float
    longest_pause: float  # seconds: the longest wait before or between the candidate's words
    speaking_seconds: float
    longest_pause_in_answer: float  # seconds: the longest pause inside one answer (0 without a microphone)


def count_fillers(text: str) -> int:
    return len(_FILLERS.findall(text))


def measure_delivery(turns: Sequence) -> Delivery | None:
    """None unless the candidate's turns carry start and end times (audio, WebVTT, SRT)."""
    timed = [t for t in turns if t.speaker == "candidate" and t.start is not None and t.end is not None]
    if not timed:
        return None
    seconds = sum(max(0.0, t.end - t.start) for t in timed)
    if seconds <= 0:
        return None
    words = sum(len(_WORD.findall(t.text)) for t in timed)
    fillers = sum(count_fillers(t.text) for t in timed)
    return Delivery(
        words_per_minute=round(words * 60 / seconds, 1),
        fillers_per_minute=round(fillers * 60 / seconds, 1),
        longest_pause=round(_longest_pause(turns), 2),
        speaking_seconds=round(seconds, 1),
        longest_pause_in_answer=round(max(t.longest_gap for t in timed), 2),
    )


def _longest_pause(turns: Sequence) -> float:
    """The longest silence before a candidate turn, or inside one where the source recorded it."""
    longest, previous_end = 0.0, None
    for turn in turns:
        if turn.start is None or turn.end is None:
            previous_end = None
            continue
        if turn.speaker == "candidate":
            if previous_end is not None:
                longest = max(longest, turn.start - previous_end)
            longest = max(longest, turn.longest_gap)
        previous_end = turn.end
    return longest
