"""The interviewer's voice: each line printed, its audio taken from the line cache (synthesized ahead of
time where the line was known) and played. When synthesis or playback fails, it says so once and goes on
printing: the interview never stops for a speaker.

With a `watcher` (the microphone listener), the candidate may talk over the interviewer: the watcher hears
the line as it is played, and the moment the candidate starts talking the line is stopped (barge-in); what
the candidate says is kept by the listener for the answer."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

from ..errors import DeviceError
from ..ports import Speaker
from .line_cache import LineCache

POLL = 0.02  # seconds between checks for the candidate talking over a line


class VoiceSpeaker:
    def __init__(
        self,
        synthesizer,
        player,
        printer: Speaker | None = None,
        notice: TextIO | None = None,
        watcher=None,
        kept: Path | None = None,
    ):
        self.player, self.printer, self.watcher = player, printer, watcher
        self.notice = notice or sys.stderr
        self.failed: str | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="interviewer-voice-")
        self.cache = LineCache(synthesizer, Path(self._folder.name), kept)  # kept: known lines outlive the session
        self.started: list[float] = []  # perf_counter when each line's audio was handed to the player
        self.interrupted: list[str] = []  # lines the candidate talked over, stopped midway

    def prepare(self, texts) -> None:
        """Synthesize these lines ahead of their turn, in the background."""
        if self.failed is None:
            self.cache.prepare(texts)

    def say(self, text: str) -> None:
        if self.printer:
            self.printer.say(text)
        if self.failed is not None:
            return
        try:
            path = self.cache.audio(text)
            self.started.append(time.perf_counter())
            if self.watcher is None:
                self.player.play(path)
            elif self._played_until_interrupted(path):
                self.interrupted.append(text)
        except DeviceError as exc:
            self.failed = str(exc)
            self.notice.write(f"note: {exc}; printing the questions only from now on\n")
            self.notice.flush()

    def close(self) -> None:
        self.cache.close()

    def _played_until_interrupted(self, path: Path) -> bool:
        """Play the line; True when the candidate talked over it and it was stopped (or, still talking
        over the line before, kept the floor and it was not started)."""
        if self.watcher.candidate_talking():
            return True
        playing = self.player.start(path)
        self.watcher.speaking(path, playing.started)
        try:
            while not playing.finished(POLL):
                if self.watcher.candidate_talking():
                    playing.stop()
                    return True
            return False
        except BaseException:  # Ctrl-C or a signal mid-line: the player runs in its own session, stop it
            playing.stop()
            raise
        finally:
            self.watcher.done_speaking()
