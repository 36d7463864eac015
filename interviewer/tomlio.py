"""TOML reading with errors that name the file and line, for every data file the project loads.

Two things no persona or scenario needs are refused before or while parsing, because the parser handles
them badly: a dotted key of many parts (tomllib's time grows with the square of its length: a 100,000-part
key takes minutes) and nesting hundreds deep (a RecursionError).
"""

from __future__ import annotations

import re
import sys

from .errors import InterviewerError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

MAX_KEY_PARTS = 64
# One pass over the text: bare key parts, quoted strings (one line; escaped quotes are not worth the
# backtracking), comments, dots, line ends, spaces, the rest.
_TOKENS = re.compile(r"""([A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')|(#[^\n]*)|(\.)|(\n)|([^\S\n]+)|(.)""")


def load_toml_text(text: str, source: str, error: type[InterviewerError] = InterviewerError) -> dict:
    too_long = _long_dotted_key(text)
    if too_long:
        raise error(
            f"{source}:{too_long}: a dotted key of more than {MAX_KEY_PARTS} parts; no persona or scenario key "
            "has more than a few"
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(toml_problem(source, exc)) from None
    except RecursionError:
        raise error(
            f"{source}: not valid TOML: nested too deeply; a persona or scenario needs no more than a few levels"
        ) from None


def toml_problem(source: str, exc: Exception) -> str:
    """tomllib's message as `file:line: not valid TOML: what; how to fix`."""
    message = str(exc)
    found = re.search(r"\(at line (\d+), column \d+\)$", message)
    if found:
        message = message[: found.start()].strip()
        return f"{source}:{found.group(1)}: not valid TOML: {message}; check the quotes and brackets on that line"
    return f"{source}: not valid TOML: {message}"


def _long_dotted_key(text: str) -> int | None:
    """The line of the first run of more than MAX_KEY_PARTS names joined by dots (a dotted key, or
    anything shaped like one), else None. Linear in the text."""
    line, parts, after_dot = 1, 0, False
    for part, _comment, dot, newline, space, _other in _TOKENS.findall(text):
        if part:
            parts, after_dot = (parts + 1 if after_dot else 1), False
            if parts > MAX_KEY_PARTS:
                return line
        elif dot:
            after_dot = parts > 0 and not after_dot
            parts = parts if after_dot else 0
        elif not space:
            parts, after_dot = 0, False
        line += 1 if newline else 0
    return None
