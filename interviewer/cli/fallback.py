"""A microphone that gives out mid-interview: say so in one line and carry on with typed answers.

A missing or failing input device must never end the interview with a traceback.
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..errors import DeviceError
from ..ports import Heard


class FallbackListener:
    def __init__(self, primary, fallback, notice: TextIO | None = None):
        self.primary, self.fallback, self.notice = primary, fallback, notice or sys.stderr
        self.failed: str | None = None

    def listen(self) -> Heard:
        if self.failed is None:
            try:
                return self.primary.listen()
            except DeviceError as exc:
                self.failed = str(exc)
                self.notice.write(f"note: {exc}; type your answers instead\n")
                self.notice.flush()
        return self.fallback.listen()

    def went_on(self, wait: bool = False) -> bool:
        return self.failed is None and getattr(self.primary, "went_on", lambda wait: False)(wait)

    def close(self) -> None:
        self.primary.close()
