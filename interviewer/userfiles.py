"""Reading the files users hand us (transcripts, personas, scenarios) with one-line errors that name the
file, instead of an OSError's traceback."""

from __future__ import annotations

from pathlib import Path

from .errors import InterviewerError


def read_bytes(path: Path, noun: str, error: type[InterviewerError] = InterviewerError) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path}: no such {noun}") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not a {noun}") from None
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from None


def decode_utf8(data: bytes, path: Path, error: type[InterviewerError] = InterviewerError) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
