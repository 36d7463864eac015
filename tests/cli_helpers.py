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


def run_cli(capsys, *args: str, stdin: str | None = None) -> Result:
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        with pytest.raises(SystemExit) as exited:
            main(list(args))
    finally:
        sys.stdin = sys.__stdin__
    captured = capsys.readouterr()
    return Result(exited.value.code, captured.out, captured.err)
