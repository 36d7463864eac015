"""What the candidate heard lately: every interviewer line of their last few practice sessions, read from
the sessions' transcripts, so the next interview can draw questions they have not heard yet."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .index import Session
from .log import TRANSCRIPT

RECENT_SESSIONS = 3


def recently_heard(sessions: Sequence[Session], recent: int = RECENT_SESSIONS) -> frozenset[str]:
    """The interviewer's lines in the last `recent` of `sessions` (oldest first, as History.all gives them).
    A transcript that cannot be read, or a line of it, is passed over: this only steers a draw."""
    heard: set[str] = set()
    for session in sessions[-recent:] if recent else ():
        heard.update(_interviewer_lines(Path(session.folder) / TRANSCRIPT))
    return frozenset(heard)


def _interviewer_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict) and row.get("speaker") == "interviewer" and isinstance(row.get("text"), str):
            found.append(row["text"])
    return found


DRILL_MARK = " (drill: "  # in a drill session's persona name: "Morgan Reyes (drill: benefit)"


def weakest_recent(sessions: Sequence[Session], recent: int = RECENT_SESSIONS) -> str | None:
    """The dimension with the lowest mean score over the last `recent` interviews (drills left out, as they
    aim at one dimension), or None before the first interview."""
    interviews = [s for s in sessions if DRILL_MARK not in s.persona][-recent:]
    if not interviews:
        return None
    names = list(interviews[-1].dimensions)
    return min(names, key=lambda name: sum(s.dimensions.get(name, 0) for s in interviews))
