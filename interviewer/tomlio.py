"""TOML reading with errors that name the file and line, for every data file the project loads."""

from __future__ import annotations

import re
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
        raise InterviewerError(toml_problem(source, exc)) from None


def toml_problem(source: str, exc: Exception) -> str:
    """tomllib's message as `file:line: not valid TOML: what; how to fix`."""
    message = str(exc)
    found = re.search(r"\(at line (\d+), column \d+\)$", message)
    if found:
        message = message[: found.start()].strip()
        return f"{source}:{found.group(1)}: not valid TOML: {message}; check the quotes and brackets on that line"
    return f"{source}: not valid TOML: {message}"
