"""TOML reading with errors that name the file and line, for every data file the project loads."""

from __future__ import annotations

import sys

from .errors import InterviewerError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def load_toml_text(text: str, source: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InterviewerError(f"{source}: not valid TOML: {exc}") from None
