"""Hand-written fakes for the two devices this machine lacks: a speaker and a microphone."""

from __future__ import annotations

from collections import deque

from interviewer.ports import Heard


class RecordingSpeaker:
    """Keeps every line it was asked to say."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def say(self, text: str) -> None:
        self.lines.append(text)


class GoesOn(str):
    """A reply that is the rest of the previous answer: the candidate went on after the interviewer had
    taken the turn (once it has said a line, when a speaker is given)."""


class QueueListener:
    """Hands out replies in order: strings are speech, Heard values pass through; then silence.
    A reply of KeyboardInterrupt raises it, as Ctrl-C would while listening."""

    def __init__(self, speaker: RecordingSpeaker | None = None) -> None:
        self.pending: deque = deque()
        self.heard = 0
        self.speaker = speaker
        self._lines_at_listen = 0

    def went_on(self, wait: bool = False) -> bool:
        said = self.speaker is None or len(self.speaker.lines) > self._lines_at_listen
        return bool(self.pending) and isinstance(self.pending[0], GoesOn) and (said or wait)

    def enqueue(self, replies: list) -> QueueListener:
        self.pending.extend(replies)
        return self

    def listen(self) -> Heard:
        self.heard += 1
        self._lines_at_listen = len(self.speaker.lines) if self.speaker else 0
        if not self.pending:
            return Heard.silence()
        reply = self.pending.popleft()
        if reply is KeyboardInterrupt:
            raise KeyboardInterrupt
        return reply if isinstance(reply, Heard) else Heard.speech(reply)
