"""Ending a practice interview from outside: SIGTERM (a system shutting down, `kill`) and SIGHUP (the
terminal closed) end it as Ctrl-C does, with the transcript kept and the report marked ended early.

The first signal interrupts the interview; one arriving while the report is written is ignored, so the
report is finished whole. The exit code is 128 plus the signal's number, as a shell reports it.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

_ENDING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@dataclass
class Ending:
    signum: int = signal.SIGINT  # Ctrl-C, unless another signal came

    @property
    def exit_code(self) -> int:
        return 128 + int(self.signum)


@contextmanager
def signals_end_the_interview() -> Iterator[Ending]:
    ending, caught = Ending(), []

    def interrupt(signum, _frame) -> None:
        if not caught:
            caught.append(signum)
            ending.signum = signum
            raise KeyboardInterrupt

    previous = {signum: signal.signal(signum, interrupt) for signum in _ENDING}
    try:
        yield ending
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
