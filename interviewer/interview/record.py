"""What a live session keeps, shared by the interview and the drill: every turn with its tags, appended to
the session log as it happens; answers taken back by a retry marked, kept, and left out of the grade."""

from __future__ import annotations

from dataclasses import replace

from ..judge.grading import Grade
from ..judge.tagging import Tagged
from ..ports import SessionSink
from ..transcript import Turn


class TurnRecord:
    """Mixed into a live session: it sets `turns`, `tagged` and `session` in its __init__."""

    turns: list[Turn]
    tagged: list[Tagged | None]
    session: SessionSink | None

    def graded_turns(self) -> list[tuple[Turn, Tagged | None]]:
        """Every turn with its tags, but the answers the candidate took back."""
        return [(turn, tags) for turn, tags in zip(self.turns, self.tagged, strict=True) if not turn.withdrawn]

    def _append(self, turn: Turn, tags: Tagged | None) -> None:
        self.turns.append(turn)
        self.tagged.append(tags)
        if self.session:
            self.session.append(turn, tags.tags if tags else None)

    def _withdraw(self, index: int) -> None:
        self.turns[index] = replace(self.turns[index], withdrawn=True)
        if self.session:
            self.session.withdraw(index)

    def _finish_session(self, result: Grade, *, ended_early: bool) -> None:
        """The reports show what was graded; the transcript file keeps it all."""
        if self.session:
            kept = self.graded_turns()
            turns, tagged = [turn for turn, _ in kept], [tags for _, tags in kept]
            self.session.finish(result, ended_early=ended_early, turns=turns, tagged=tagged)
