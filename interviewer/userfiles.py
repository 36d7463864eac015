"""Reading the files users hand us (transcripts, personas, scenarios) with one-line errors that name the
file, instead of an OSError's traceback, and with a size limit: no more than the limit is ever read, so a
50 MB file or /dev/zero is refused at once instead of taking minutes and gigabytes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InterviewerError

MB = 1_000_000


@dataclass(frozen=True)
class Limit:
    megabytes: int
    what: str  # "a transcript"
    scale: str = ""  # what the limit means, e.g. "some 40 hours of talk"
    fix: str = ""

    def problem(self, path: Path) -> str:
        size = path.stat().st_size if path.is_file() else 0  # a device or pipe has no size
        told = f"{size / MB:.1f} MB" if size > self.megabytes * MB else f"more than {self.megabytes} MB"
        scale = f", {self.scale}" if self.scale else ""
        fix = f"; {self.fix}" if self.fix else ""
        return f"{path}: {told} is too big for {self.what} (the limit is {self.megabytes} MB{scale}){fix}"


def read_bytes(
    path: Path, noun: str, error: type[InterviewerError] = InterviewerError, limit: Limit | None = None
) -> bytes:
    try:
        with open(path, "rb") as source:
            data = source.read(-1 if limit is None else limit.megabytes * MB + 1)
    except FileNotFoundError:
        raise error(f"{path}: no such {noun}") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not a {noun}") from None
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from None
    if limit is not None and len(data) > limit.megabytes * MB:
        raise error(limit.problem(path))
    return data


def decode_utf8(data: bytes, path: Path, error: type[InterviewerError] = InterviewerError) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
