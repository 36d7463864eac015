"""Taking a reply back when the candidate goes on.

The microphone may end the candidate's turn before the full end silence (a finished statement after a
complete answer, a soft close): the interviewer answers sooner, as a person would. If the candidate then
goes on within that end silence, the turn was not theirs to take: the interviewer stops (barge-in),
forgets what it did with the answer so far, and hears the rest as part of the same answer. A checkpoint
is everything the interview changes between recording an answer and its next line: taken before the
answer is recorded, restored when the candidate went on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..ports import Heard


class WentOn(Exception):
    """Raised out of the interviewer's next line when the candidate went on with their answer."""


@dataclass(frozen=True)
class Checkpoint:
    prompt: Any  # the Prompt the answer answers
    heard: Heard  # the answer so far
    state: str
    turns: int
    queue: tuple
    nudged: bool
    used_follow_ups: frozenset[int]
    last_answer: Any
    rng: Any
    record: int | None  # the session log's mark

    @classmethod
    def of(cls, interview, prompt, heard: Heard) -> Checkpoint:
        session = interview.session
        return cls(
            prompt,
            heard,
            interview.state,
            len(interview.turns),
            tuple(interview.queue),
            interview.nudged,
            frozenset(interview.used_follow_ups),
            interview.last_answer,
            interview.rng.getstate(),
            session.mark() if session else None,
        )

    def restore(self, interview) -> None:
        interview.machine.set_state(self.state, model=interview)
        del interview.turns[self.turns :]
        del interview.tagged[self.turns :]
        interview.queue.clear()
        interview.queue.extend(self.queue)
        interview.nudged = self.nudged
        interview.used_follow_ups = set(self.used_follow_ups)
        interview.last_answer = self.last_answer
        interview.rng.setstate(self.rng)
        interview.result = None
        if interview.session and self.record is not None:
            interview.session.rewind(self.record)
