"""Grading a finished session or transcript again: for `interviewer report`, and for the history of a
session killed before it wrote its report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InterviewerError
from ..judge.grading import Grade, grade
from ..judge.tagger_cache import tagger_for
from ..judge.tagging import Tagged, default_tagger
from ..personas.format import Persona, load_persona_file
from ..sessions.index import Session
from ..sessions.log import META, REPORT_HTML, REPORT_JSON, is_running
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
        title += " (ended early)" if _ended_early(session) else ""
        return Rendered(result, transcript, tagged, title, session / REPORT_HTML)
    return Rendered(result, transcript, tagged, f"Interview: {source.name}", source.with_suffix(".html"))


def killed_session(folder: Path) -> Session | None:
    """The history's summary of a session whose process died before its report: graded from its
    transcript, ended early. None when there is nothing to grade."""
    try:
        result = render_report(folder).grade
    except InterviewerError:
        return None
    meta = _meta(folder)
    return Session(
        str(folder.resolve()),
        str(meta.get("started_at") or meta.get("started") or ""),
        str(meta.get("persona") or "unknown"),
        result.score,
        result.hire,
        True,
        {d.name: round(d.score * 100) for d in result.dimensions},
    )


def _ended_early(folder: Path) -> bool:
    """What the session's report says; a session with no report that nothing runs was killed."""
    try:
        return bool(json.loads((folder / REPORT_JSON).read_text(encoding="utf-8"))["ended_early"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return not is_running(folder)


def _meta(folder: Path) -> dict:
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _session_persona(folder: Path) -> Persona | None:
    """The persona a session was held with, when its file is still there."""
    source = _meta(folder).get("source")
    try:
        return load_persona_file(Path(source)) if isinstance(source, str) and source else None
    except InterviewerError:
        return None
