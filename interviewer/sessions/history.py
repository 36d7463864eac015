"""Every practice session, remembered. The session folders are the source of truth: those under the data
folder's sessions/ and every folder in its list of session folders (sessions saved with --save). The SQLite
index only saves reading them all again, so each listing checks it against the folders:

- an index that is missing or damaged is rebuilt, one that lacks sessions gets them back, with one line
  saying so; rows whose folder is gone are dropped;
- a session killed before its report (no report, its transcript no longer locked) is graded from its
  transcript by `recover` and listed as ended early;
- an index that cannot be used at all (a folder in its place, a read-only disk) is done without, again
  with one line.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .index import IndexDamaged, IndexUnusable, Session, read_index, write_index
from .log import META, REPORT_JSON, data_root, is_running, listed_folders, sessions_root

Recover = Callable[[Path], "Session | None"]


class History:
    def __init__(
        self,
        database: Path | None = None,
        sessions: Path | None = None,
        notice: TextIO | None = None,
        recover: Recover | None = None,
    ):
        self.database = database or data_root() / "history.sqlite3"
        self.sessions_folder = sessions or sessions_root()
        self.notice = notice or sys.stderr
        self.recover = recover  # grades a killed session's transcript; without it such sessions are left out

    def record(self, folder: Path) -> None:
        """Index one finished session (its report must exist)."""
        session = read_session(folder)
        if session is None:
            return
        try:
            write_index(self.database, [session], fresh=_damaged(self.database))
        except IndexUnusable as reason:
            self._note(f"cannot record the session in the history database {self.database} ({reason})")

    def all(self) -> list[Session]:
        """Every session, oldest first."""
        folders = self._folders()
        try:
            sessions = self._reconcile(folders)
        except IndexUnusable as reason:
            self._note(f"cannot use the history database {self.database} ({reason}); listed the session folders")
            sessions = [s for s in map(self._summary, folders) if s is not None]
        return sorted(sessions, key=lambda s: (s.started, s.folder))

    def _reconcile(self, folders: list[Path]) -> list[Session]:
        """The index brought in line with the folders, and its rows."""
        try:
            indexed = read_index(self.database)
            why = None if indexed is not None else "was missing"
        except IndexDamaged:
            indexed, why = None, "was unreadable"
        known = indexed or {}
        present = {str(folder) for folder in folders}
        found = [s for s in (self._summary(f) for f in folders if str(f) not in known) if s is not None]
        gone = [folder for folder in known if folder not in present]
        if found or gone or indexed is None:
            write_index(self.database, found, remove=gone, fresh=indexed is None)
        unlisted = [s for s in found if (Path(s.folder) / REPORT_JSON).exists()]  # not killed sessions
        if why and found:
            self._note(f"the history database {self.database} {why}; rebuilt it from {self._counted(found)}")
        elif unlisted:
            plural = "s" * (len(unlisted) != 1)
            self._note(f"the history database {self.database} did not list {len(unlisted)} session{plural}; added them")
        return [s for folder, s in known.items() if folder in present] + found

    def _summary(self, folder: Path) -> Session | None:
        """What a folder's report says, or for a killed session what its transcript grades as."""
        session = read_session(folder)
        if session is None and self.recover and not is_running(folder):
            return self.recover(folder)
        return session

    def _folders(self) -> list[Path]:
        """Every session folder there is: the sessions folder's, and those listed (saved with --save)."""
        try:
            here = [p for p in self.sessions_folder.iterdir() if p.is_dir()] if self.sessions_folder.is_dir() else []
        except OSError:
            here = []
        elsewhere = [p for p in listed_folders() if _is_folder(p)]
        return list(dict.fromkeys(p.resolve() for p in sorted(here) + elsewhere))

    def _counted(self, found: list[Session]) -> str:
        root = str(self.sessions_folder.resolve())
        here = sum(1 for s in found if str(Path(s.folder).parent) == root)
        text = f"{here} session{'s' * (here != 1)} in {self.sessions_folder}"
        saved = len(found) - here
        return text + (f" and {saved} --save folder{'s' * (saved != 1)}" if saved else "")

    def _note(self, message: str) -> None:
        self.notice.write(f"note: {message}\n")
        self.notice.flush()


def read_session(folder: Path) -> Session | None:
    """A session folder's summary, or None while it has no report (an interview still running or killed)."""
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        report = json.loads((folder / REPORT_JSON).read_text(encoding="utf-8"))
        dimensions = {name: int(d["score"]) for name, d in report["dimensions"].items()}
        return Session(
            str(folder.resolve()),
            str(meta.get("started_at") or meta.get("started")),
            str(report["persona"]),
            int(report["score"]),
            bool(report["hire"]),
            bool(report["ended_early"]),
            dimensions,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _damaged(database: Path) -> bool:
    try:
        read_index(database)
    except IndexDamaged:
        return True
    except IndexUnusable:
        pass  # writing says why
    return False


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False
