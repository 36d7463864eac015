"""When the candidate's turn is over: how long a pause ends it, given what they have said so far.

People hand the turn back with words as much as with silence. An answer that ends in a soft close ("Does
that answer your question?") or another question to the interviewer is over after a short pause, and so
is a finished sentence after a complete answer, when the one listening can yield: a candidate who goes
on within the end silence keeps the floor and the answer stays whole (the interview takes its reply back,
interviewer/interview/going_on.py). An unfinished sentence ("and then I...", "so what I'd do is") waits
longer than the configured end silence. The long silence is the fallback, not the only cue. Pure:
decides a number of seconds from text; the microphone listener measures the pauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..judge.normalize import split_sentences
from ..judge.tagging import Tagger

HAND_BACK_PAUSE = 0.45  # seconds: a soft close or a question to the interviewer
FINISHED_PAUSE = 0.55  # a finished sentence after a complete answer, when the listener can yield
UNFINISHED_EXTRA = 0.6  # added to the end silence when the last sentence is left hanging
COMPLETE_ANSWER_WORDS = 12  # a "complete answer" has at least this many words

_FINISHED = re.compile(r"[.!?]['\")\]]*\s*$")
_HANGING = re.compile(
    r"\b(and|but|or|so|because|then|which|that|the|a|an|to|of|with|for|like|is|was|i|we|my|um|uh|er)[\s,]*$|"
    r"(\.\.\.|…|,|-|:)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TurnTaking:
    tagger: Tagger
    end_silence: float = 1.2
    yields: bool = False  # the interview takes its reply back when the candidate goes on: end statements early

    def pause_to_end(self, text: str) -> float:
        """Seconds of quiet after `text` (the answer so far) that end the candidate's turn."""
        text = text.strip()
        if not text or _HANGING.search(text):
            return self.end_silence + UNFINISHED_EXTRA
        sentences = split_sentences(text)
        if text.endswith("?") or "confirm" in self.tagger.tag(sentences[-1]).tags:
            return min(HAND_BACK_PAUSE, self.end_silence)
        if self.yields and _FINISHED.search(text) and len(text.split()) >= COMPLETE_ANSWER_WORDS:
            return min(FINISHED_PAUSE, self.end_silence)
        return self.end_silence
