"""The terminal as speaker and listener: printed questions and typed answers.

When standard input is not a terminal, each line is one answer, so a practice session can be piped in;
at the end of input the candidate falls silent.
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..ports import Heard
from ..reports.escape import for_terminal


class PrintSpeaker:
    """Prints each interviewer line. `label` is who says it."""

    def __init__(self, label: str = "Interviewer", out: TextIO | None = None):
        self.label = label
        self.out = out or sys.stdout

    def say(self, text: str) -> None:
        self.out.write(f"{for_terminal(self.label)}: {for_terminal(text)}\n")
        self.out.flush()


class QuietSpeaker:
    """Says nothing: scripted runs print the whole transcript afterwards."""

    def say(self, text: str) -> None:
        pass


class TypedListener:
    """Reads one answer per line. An empty line is silence; so is the end of input."""

    def __init__(self, stream: TextIO | None = None, prompt: str = "You: ", echo: TextIO | None = None):
        self.stream = stream or sys.stdin
        self.prompt = prompt
        self.echo = echo or sys.stdout
        self.closed = False

    def listen(self) -> Heard:
        if self.closed:
            return Heard.silence()
        if self.stream.isatty():
            self.echo.write(self.prompt)
            self.echo.flush()
        line = self.stream.readline()
        if line == "":
            self.closed = True
            return Heard.silence()
        text = line.strip()
        if not self.stream.isatty():
            self.echo.write(f"{self.prompt}{for_terminal(text)}\n")
            self.echo.flush()
        return Heard.speech(text) if text else Heard.silence()

    def close(self) -> None:
        """Standard input stays open: it belongs to the process."""
