"""Every practice session, remembered: a SQLite index in the user's data folder, built from the session
folders, which stay the source of truth. A missing or unreadable index is rebuilt from them."""

from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .log import META, REPORT_JSON, data_root, sessions_root

_SCHEMA = """
create table if not exists sessions (
    folder text primary key,
    started text not null,
    persona text not null,
    score integer not null,
    hire integer not null,
    ended_early integer not null,
    dimensions text not null
)
"""


@dataclass(frozen=True)
class Session:
    folder: str
    started: str  # ISO time
    persona: str
    score: int
    hire: bool
    ended_early: bool
    dimensions: dict[str, int]  # name -> 0..100

    def as_dict(self) -> dict:
        return {
            "session": self.folder,
            "started": self.started,
            "persona": self.persona,
            "score": self.score,
            "hire": self.hire,
            "ended_early": self.ended_early,
            "dimensions": self.dimensions,
        }


class History:
    def __init__(self, database: Path | None = None, sessions: Path | None = None, notice: TextIO | None = None):
        self.database = database or data_root() / "history.sqlite3"
        self.sessions_folder = sessions or sessions_root()
        self.notice = notice or sys.stderr

    def record(self, folder: Path) -> None:
        """Index one finished session (its report must exist)."""
        session = read_session(folder)
        if session is None:
            return
        with self._connect(known={session.folder}) as db:
            _insert(db, session)

    def all(self) -> list[Session]:
        with self._connect() as db:
            rows = db.execute(
                "select folder, started, persona, score, hire, ended_early, dimensions "
                "from sessions order by started, folder"
            ).fetchall()
        return [Session(f, s, p, sc, bool(h), bool(e), json.loads(d)) for f, s, p, sc, h, e, d in rows]

    def rebuild(self, why: str, known: frozenset[str] | set[str] = frozenset()) -> int:
        """Index every session folder anew, and say so in one line when that recovered sessions other
        than the `known` ones (a first session has nothing to recover)."""
        self.database.unlink(missing_ok=True)
        found = [s for s in map(read_session, _folders(self.sessions_folder)) if s is not None]
        db = self._open()
        with db:
            for session in found:
                _insert(db, session)
        db.close()
        if any(s.folder not in known for s in found):
            plural = "s" * (len(found) != 1)
            self.notice.write(f"note: {why}; rebuilt it from {len(found)} session{plural} in {self.sessions_folder}\n")
            self.notice.flush()
        return len(found)

    def _connect(self, known: frozenset[str] | set[str] = frozenset()) -> sqlite3.Connection:
        if not self.database.exists():
            self.rebuild(f"the history database {self.database} was missing", known)
        try:
            db = self._open()
            db.execute("select count(*) from sessions").fetchone()
            return db
        except sqlite3.DatabaseError:
            self.rebuild(f"the history database {self.database} was unreadable", known)
            return self._open()

    def _open(self) -> sqlite3.Connection:
        self.database.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.database)
        db.execute(_SCHEMA)
        return db


def read_session(folder: Path) -> Session | None:
    """A session folder's summary, or None while it has no report (an interview still running or killed)."""
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        report = json.loads((folder / REPORT_JSON).read_text(encoding="utf-8"))
        dimensions = {name: int(d["score"]) for name, d in report["dimensions"].items()}
        return Session(
            str(folder),
            str(meta.get("started_at") or meta.get("started")),
            str(report["persona"]),
            int(report["score"]),
            bool(report["hire"]),
            bool(report["ended_early"]),
            dimensions,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def _insert(db: sqlite3.Connection, s: Session) -> None:
    db.execute(
        "insert or replace into sessions values (?, ?, ?, ?, ?, ?, ?)",
        (s.folder, s.started, s.persona, s.score, int(s.hire), int(s.ended_early), json.dumps(s.dimensions)),
    )
