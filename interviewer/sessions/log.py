"""Practice sessions on disk: the transcript as JSON Lines, appended and fsynced after every turn, and the
report files at the end (rendered by interviewer/reports, written here atomically). A crash or Ctrl-C loses
no finished turn."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from ..errors import InterviewerError
from ..transcript import Turn

TRANSCRIPT, META = "transcript.jsonl", "session.json"
REPORT_MD, REPORT_JSON, REPORT_HTML = "report.md", "report.json", "report.html"


def data_root() -> Path:
    """The user's data folder for interviewer (under XDG_DATA_HOME on Linux)."""
    return Path(user_data_dir("interviewer", appauthor=False))


def sessions_root() -> Path:
    """Where sessions go by default."""
    return data_root() / "sessions"


class SessionLog:
    def __init__(self, folder: Path):
        self.folder = folder
        self._file = open(folder / TRANSCRIPT, "a", encoding="utf-8")  # noqa: SIM115 - open for the session

    @classmethod
    def create(cls, folder: Path | None, persona_name: str, meta: dict) -> SessionLog:
        """A new session in `folder` (which must not hold one already), or a new dated folder under the
        user's data folder."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            if folder is None:
                slug = "".join(c if c.isalnum() else "-" for c in persona_name.lower()).strip("-") or "persona"
                folder = _unused(sessions_root() / f"{stamp}-{slug}")
            elif (folder / TRANSCRIPT).exists():
                raise InterviewerError(f"{folder}: already holds a session; choose another folder for --save")
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InterviewerError(f"{folder}: cannot create the session folder ({exc.strerror})") from None
        started = {"started": stamp, "started_at": datetime.now().isoformat(timespec="microseconds")}
        _write_atomic(folder / META, json.dumps({**started, **meta}, indent=2) + "\n")
        return cls(folder)

    def append(self, turn: Turn, tags: tuple[str, ...] | None) -> None:
        row = {"speaker": turn.speaker, "stage": turn.stage, "text": turn.text, "start": turn.start, "end": turn.end}
        if turn.longest_gap:
            row["longest_gap"] = turn.longest_gap
        if tags is not None:
            row["tags"] = list(tags)
        self._file.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def write_files(self, files: Mapping[str, str]) -> None:
        """Write each named file into the session folder, each replaced whole or not at all."""
        for name, text in files.items():
            _write_atomic(self.folder / name, text)

    def close(self) -> None:
        self._file.close()


def _unused(folder: Path) -> Path:
    candidate, suffix = folder, 1
    while candidate.exists():
        suffix += 1
        candidate = folder.with_name(f"{folder.name}-{suffix}")
    return candidate


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
