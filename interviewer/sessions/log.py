"""Practice sessions on disk: the transcript as JSON Lines, appended and fsynced after every turn, and the
report files at the end (rendered by interviewer/reports, written here atomically). A crash or Ctrl-C loses
no finished turn.

A session's folder is claimed atomically (mkdir, then the transcript created exclusively), so sessions
started at the same instant never share one. The running session holds a lock on its transcript, which the
system drops when the process ends however it ends: a folder with a transcript, no report and no lock is a
session that was killed. Every session folder is also listed in the data folder's `session_folders.jsonl`,
so the history finds sessions saved with --save after its index is lost.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from ..errors import InterviewerError
from ..transcript import Turn

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, a killed session looks like a running one
    fcntl = None

TRANSCRIPT, META = "transcript.jsonl", "session.json"
REPORT_MD, REPORT_JSON, REPORT_HTML = "report.md", "report.json", "report.html"
FOLDER_LIST = "session_folders.jsonl"


class SessionWriteError(InterviewerError):
    """The session could not be saved (a full or read-only disk); every finished turn is kept."""


def data_root() -> Path:
    """The user's data folder for interviewer (under XDG_DATA_HOME on Linux)."""
    return Path(user_data_dir("interviewer", appauthor=False))


def sessions_root() -> Path:
    """Where sessions go by default."""
    return data_root() / "sessions"


class SessionLog:
    def __init__(self, folder: Path, descriptor: int):
        self.folder = folder
        self._fd = descriptor  # the transcript, opened for appending and locked while the session runs

    @classmethod
    def create(cls, folder: Path | None, persona_name: str, meta: dict) -> SessionLog:
        """A new session in `folder` (which must not hold one already), or a new dated folder under the
        user's data folder."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        if folder is None:
            slug = "".join(c if c.isalnum() else "-" for c in persona_name.lower()).strip("-") or "persona"
            folder = _claim_new_folder(sessions_root() / f"{stamp}-{slug}")
        descriptor = _claim_transcript(folder)
        started = {"started": stamp, "started_at": datetime.now().isoformat(timespec="microseconds")}
        try:
            _write_atomic(folder / META, json.dumps({**started, **meta}, indent=2) + "\n")
        except OSError as exc:
            _give_up(folder, descriptor)
            raise SessionWriteError(f"{folder / META}: cannot save the session ({exc.strerror})") from None
        _list_folder(folder)
        return cls(folder, descriptor)

    def append(self, turn: Turn, tags: tuple[str, ...] | None) -> None:
        """One turn, whole or not at all: a write cut short by a full disk is taken back, so the file stays
        valid JSON Lines with every finished turn."""
        row = {"speaker": turn.speaker, "stage": turn.stage, "text": turn.text, "start": turn.start, "end": turn.end}
        if turn.longest_gap:
            row["longest_gap"] = turn.longest_gap
        if tags is not None:
            row["tags"] = list(tags)
        self._append_row(row)

    def _append_row(self, row: dict) -> None:
        line = (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
        kept = os.fstat(self._fd).st_size
        try:
            _write_all(self._fd, line)
            os.fsync(self._fd)
        except OSError as exc:
            os.ftruncate(self._fd, kept)
            raise SessionWriteError(
                f"{self.folder / TRANSCRIPT}: cannot save the transcript ({exc.strerror}); every finished turn is kept"
            ) from None

    def withdraw(self, index: int) -> None:
        """Mark turn `index` (counted from 0) as taken back by the candidate: the turn stays, one line says so."""
        self._append_row({"withdraws": index})

    def mark(self) -> int:
        return os.fstat(self._fd).st_size

    def rewind(self, point: int) -> None:
        """Drop the rows written since `point` (a size from mark()); the file stays whole JSON Lines."""
        try:
            os.ftruncate(self._fd, point)
            os.fsync(self._fd)
        except OSError as exc:
            message = f"{self.folder / TRANSCRIPT}: cannot save the transcript ({exc.strerror})"
            raise SessionWriteError(message) from None

    def write_files(self, files: Mapping[str, str]) -> None:
        """Write each named file into the session folder, each replaced whole or not at all."""
        for name, text in files.items():
            try:
                _write_atomic(self.folder / name, text)
            except OSError as exc:
                raise SessionWriteError(
                    f"{self.folder / name}: cannot write the report ({exc.strerror}); the transcript is kept: "
                    f"make room and run 'interviewer report {self.folder}'"
                ) from None

    def close(self) -> None:
        os.close(self._fd)


def is_running(folder: Path) -> bool:
    """Whether a live process still holds this session (its transcript's lock)."""
    if fcntl is None:
        return False
    try:
        descriptor = os.open(folder / TRANSCRIPT, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(descriptor)


def listed_folders() -> list[Path]:
    """Every session folder ever created on this machine, from the data folder's list (oldest first)."""
    try:
        lines = (data_root() / FOLDER_LIST).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    folders = []
    for line in lines:
        try:
            folders.append(Path(json.loads(line)))
        except (ValueError, TypeError, RecursionError):
            continue  # a line cut short by a full disk
    return folders


def _claim_new_folder(wanted: Path) -> Path:
    """`wanted`, or `wanted-2`, `wanted-3`...: the first one this process creates itself."""
    try:
        wanted.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SessionWriteError(f"{wanted.parent}: cannot create the sessions folder ({exc.strerror})") from None
    for suffix in range(1, 10_000):
        candidate = wanted if suffix == 1 else wanted.with_name(f"{wanted.name}-{suffix}")
        try:
            candidate.mkdir()  # atomic: exactly one process creates it
            return candidate
        except FileExistsError:
            continue
        except OSError as exc:
            raise SessionWriteError(f"{candidate}: cannot create the session folder ({exc.strerror})") from None
    raise SessionWriteError(f"{wanted}: too many sessions started this second; try again")


def _claim_transcript(folder: Path) -> int:
    """Create the folder's transcript exclusively and lock it for the session's life."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder / TRANSCRIPT, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
    except FileExistsError:
        raise SessionWriteError(f"{folder}: already holds a session; choose another folder for --save") from None
    except OSError as exc:
        raise SessionWriteError(f"{folder}: cannot create the session ({exc.strerror})") from None
    if fcntl is not None:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def _give_up(folder: Path, descriptor: int) -> None:
    """Undo a session that could not start: nothing is left that looks like a killed session."""
    os.close(descriptor)
    try:
        (folder / TRANSCRIPT).unlink(missing_ok=True)
        folder.rmdir()
    except OSError:
        pass  # a --save folder with other files in it


def _list_folder(folder: Path) -> None:
    """Add the folder to the data folder's list. Best effort: without it only a lost index forgets the
    session, and the history says so when it cannot record it."""
    line = (json.dumps(str(folder.resolve()), ensure_ascii=False) + "\n").encode("utf-8")
    try:
        data_root().mkdir(parents=True, exist_ok=True)
        descriptor = os.open(data_root() / FOLDER_LIST, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError:
        return
    try:
        _write_all(descriptor, line)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    while data:
        written = os.write(descriptor, data)
        data = data[written:]


def _write_atomic(path: Path, text: str) -> None:
    """Write beside, then rename over: the file is whole or not there. Nothing is left behind on failure."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
