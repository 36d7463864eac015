"""The history's SQLite index: one row per session folder, a cache of what the folders say. Reading it
either gives every row, checked, or says why it cannot: missing, damaged (not a database, another layout,
a row that does not parse: rebuild it) or unusable (a folder in its place, a read-only or missing data
folder: do without it)."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

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
_COLUMNS = "folder, started, persona, score, hire, ended_early, dimensions"


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


class IndexDamaged(Exception):
    """The file is there but does not hold our rows: rebuild it."""


class IndexUnusable(Exception):
    """The index cannot be read or written at all; str() is the reason, e.g. 'Read-only file system'."""


def read_index(path: Path) -> dict[str, Session] | None:
    """Every row by folder, or None when there is no index yet."""
    try:
        if path.is_dir():
            raise IndexUnusable("is a folder")
        if not path.exists():
            return None
    except OSError as exc:
        raise IndexUnusable(exc.strerror) from None
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            rows = db.execute(f"select {_COLUMNS} from sessions").fetchall()
        return {row[0]: _session(row) for row in rows}
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc) or "no such column" in str(exc):
            raise IndexDamaged(str(exc)) from None
        raise IndexUnusable(_reason(exc, path)) from None
    except (sqlite3.DatabaseError, ValueError, TypeError, RecursionError) as exc:
        raise IndexDamaged(str(exc)) from None


def write_index(path: Path, add: Iterable[Session], remove: Iterable[str] = (), fresh: bool = False) -> None:
    """Add (or replace) rows and remove others; `fresh` starts a new file in place of a damaged one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            path.unlink(missing_ok=True)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute(_SCHEMA)
            db.executemany("delete from sessions where folder = ?", [(folder,) for folder in remove])
            db.executemany(f"insert or replace into sessions ({_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?)", map(_row, add))
    except (OSError, sqlite3.Error) as exc:
        raise IndexUnusable(_reason(exc, path)) from None


def _session(row: tuple) -> Session:
    folder, started, persona, score, hire, ended_early, dimensions = row
    marks = json.loads(dimensions)
    if not all(isinstance(v, str) for v in (folder, started, persona)) or not isinstance(score, int):
        raise TypeError(f"a row of the wrong kinds for {folder!r}")
    if not isinstance(marks, dict) or not all(isinstance(v, int) for v in marks.values()):
        raise TypeError(f"the dimensions of {folder!r} are not scores")
    return Session(folder, started, persona, score, bool(hire), bool(ended_early), marks)


def _row(s: Session) -> tuple:
    return (s.folder, s.started, s.persona, s.score, int(s.hire), int(s.ended_early), json.dumps(s.dimensions))


def _reason(exc: Exception, path: Path) -> str:
    """The reason in a user's words: the OS's for the file or its folder, else SQLite's."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    for folder in path.parents:
        if folder.exists() and not folder.is_dir():
            return "Not a directory"
        if folder.exists():
            break
    if _read_only_disk(path):
        return "Read-only file system"
    return "Permission denied" if "readonly" in str(exc) else str(exc)


def _read_only_disk(path: Path) -> bool:
    folder = next((p for p in (path, *path.parents) if p.exists()), Path("/"))
    return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
