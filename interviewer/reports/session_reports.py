"""A practice session's report files, rendered when the interview ends and handed to the session log."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..judge.grading import Grade
from ..judge.tagging import Tagged
from ..personas.format import Persona
from ..sessions.log import REPORT_HTML, REPORT_JSON, REPORT_MD, SessionLog
from ..transcript import Transcript, Turn
from . import html
from .text import grade_dict, markdown


class ReportedSession:
    """What a practice interview writes to: each turn goes to the log as it happens; at the end the
    Markdown, JSON and HTML reports are rendered and written beside the transcript."""

    def __init__(self, log: SessionLog, persona: Persona):
        self.log, self.persona = log, persona

    @property
    def folder(self) -> Path:
        return self.log.folder

    def append(self, turn: Turn, tags: tuple[str, ...] | None) -> None:
        self.log.append(turn, tags)

    def withdraw(self, index: int) -> None:
        self.log.withdraw(index)

    def mark(self) -> int:
        return self.log.mark()

    def rewind(self, point: int) -> None:
        self.log.rewind(point)

    def finish(
        self, grade: Grade, *, ended_early: bool, turns: Sequence[Turn], tagged: Sequence[Tagged | None]
    ) -> None:
        persona = self.persona
        title = f"Interview with {persona.name}, {persona.title}" + (" (ended early)" if ended_early else "")
        transcript = Transcript(str(self.log.folder), tuple(turns))
        data = {"persona": persona.name, "ended_early": ended_early, **grade_dict(grade)}
        self.log.write_files(
            {
                REPORT_MD: markdown(grade, title),
                REPORT_HTML: html.render(grade, transcript, tagged, title=title),
                REPORT_JSON: json.dumps(data, indent=2, ensure_ascii=False) + "\n",
            }
        )

    def close(self) -> None:
        self.log.close()
