"""The interviewer's voice: each line printed, synthesized to a file and played to the end before the
interview listens again (so the microphone does not hear the interviewer). When synthesis or playback
fails, it says so once and goes on printing: the interview never stops for a speaker."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

from ..errors import DeviceError
from ..ports import Speaker


class VoiceSpeaker:
    def __init__(self, synthesizer, player, printer: Speaker | None = None, notice: TextIO | None = None):
        self.synthesizer, self.player, self.printer = synthesizer, player, printer
        self.notice = notice or sys.stderr
        self.failed: str | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="interviewer-voice-")
        self._count = 0
        self.started: list[float] = []  # perf_counter when each line's audio was handed to the player

    def say(self, text: str) -> None:
        if self.printer:
            self.printer.say(text)
        if self.failed is not None:
            return
        try:
            self._count += 1
            path = self.synthesizer.to_file(text, Path(self._folder.name) / f"line{self._count}.wav")
            self.started.append(time.perf_counter())
            self.player.play(path)
            path.unlink(missing_ok=True)
        except DeviceError as exc:
            self.failed = str(exc)
            self.notice.write(f"note: {exc}; printing the questions only from now on\n")
            self.notice.flush()
