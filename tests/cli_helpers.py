"""Run the console script's entry point in-process and collect what a user would see."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass

import pytest

from interviewer.cli.main import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(capsys, *args: str, stdin: str | bytes | None = None) -> Result:
    """`stdin` as bytes arrives as the real standard input would: UTF-8 text over a byte stream."""
    if isinstance(stdin, bytes):
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    elif stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        with pytest.raises(SystemExit) as exited:
            main(list(args))
    finally:
        sys.stdin = sys.__stdin__
    captured = capsys.readouterr()
    return Result(exited.value.code, captured.out, captured.err)
