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


class QueueListener:
    """Hands out replies in order: strings are speech, Heard values pass through; then silence.
    A reply of KeyboardInterrupt raises it, as Ctrl-C would while listening."""

    def __init__(self) -> None:
        self.pending: deque = deque()
        self.heard = 0

    def enqueue(self, replies: list) -> QueueListener:
        self.pending.extend(replies)
        return self

    def listen(self) -> Heard:
        self.heard += 1
        if not self.pending:
            return Heard.silence()
        reply = self.pending.popleft()
        if reply is KeyboardInterrupt:
            raise KeyboardInterrupt
        return reply if isinstance(reply, Heard) else Heard.speech(reply)
