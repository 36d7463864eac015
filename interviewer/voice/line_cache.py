"""Synthesized lines kept by their text, and made ahead of time on a worker thread.

An interviewer's questions and stock lines are known before they are needed: synthesized while the
greeting plays and while the candidate talks, they cost no time when their turn comes. A line asked for
before its turn in the queue is synthesized at once instead of waiting behind the others.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path


class LineCache:
    def __init__(self, synthesizer, folder: Path):
        self.synthesizer, self.folder = synthesizer, folder
        self._made: dict[str, Path] = {}
        self._pending: dict[str, Future] = {}
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="synthesis")
        self.synthesized = 0  # lines synthesized so far (each text once)

    def prepare(self, texts) -> None:
        """Queue lines for synthesis ahead of their turn, in order, each text once."""
        with self._lock:
            for text in texts:
                if text and text not in self._made and text not in self._pending:
                    self._pending[text] = self._worker.submit(self._make, text)

    def audio(self, text: str) -> Path:
        """The line's audio file: made already, being made (waited for), or made now."""
        with self._lock:
            made = self._made.get(text)
            pending = self._pending.get(text)
        if made is not None and made.exists():
            return made
        if pending is not None and not pending.cancel():
            try:
                return pending.result()
            except Exception:  # a failed ahead-of-time synthesis: try again now, and let its error be seen
                pass
        return self._make(text)

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)

    def _make(self, text: str) -> Path:
        with self._lock:
            self.synthesized += 1
            path = self.folder / f"line{self.synthesized}.wav"
        self.synthesizer.to_file(text, path)
        with self._lock:
            self._made[text] = path
            self._pending.pop(text, None)
        return path
