"""Grading a finished session or transcript again, for `interviewer report`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InterviewerError
from ..judge.grading import Grade, grade
from ..judge.tagger_cache import tagger_for
from ..judge.tagging import Tagged, default_tagger
from ..personas.format import Persona, load_persona_file
from ..sessions.log import META, REPORT_HTML
from ..transcript import Transcript, read_transcript
from . import html as html_report


@dataclass(frozen=True)
class Rendered:
    grade: Grade
    transcript: Transcript
    tagged: list[Tagged | None]
    title: str
    default_html_path: Path

    def html(self) -> str:
        return html_report.render(self.grade, self.transcript, self.tagged, title=self.title)


def render_report(source: Path, *, candidate: str = "Candidate") -> Rendered:
    transcript = read_transcript(source, candidate=candidate)
    session = source if source.is_dir() else None
    persona = _session_persona(session) if session else None
    tagger = tagger_for(persona.tag_phrases) if persona else default_tagger()
    tagged = [tagger.tag(t.text) if t.speaker == "candidate" else None for t in transcript.turns]
    result = grade(
        transcript,
        tagger=tagger,
        tagged=tagged,
        pass_score=persona.pass_score if persona else None,
        weights=persona.weights if persona else None,
    )
    if session:
        title = f"Interview with {persona.name}, {persona.title}" if persona else f"Session {session.name}"
        return Rendered(result, transcript, tagged, title, session / REPORT_HTML)
    return Rendered(result, transcript, tagged, f"Interview: {source.name}", source.with_suffix(".html"))


def _session_persona(folder: Path) -> Persona | None:
    """The persona a session was held with, when its file is still there."""
    try:
        source = json.loads((folder / META).read_text(encoding="utf-8")).get("source")
        return load_persona_file(Path(source)) if source else None
    except (OSError, ValueError, InterviewerError):
        return None
