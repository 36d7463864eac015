"""Synthesized lines kept by their text, and made ahead of time on a worker thread.

An interviewer's questions and stock lines are known before they are needed: synthesized while the
greeting plays and while the candidate talks, they cost no time when their turn comes. A line asked for
before its turn in the queue is synthesized at once instead of waiting behind the others.

Known lines are also kept between sessions (in the user's cache folder, by voice and text), so a second
interview starts speaking without loading the voice at all. Lines made from what the candidate said are
never kept. A cache folder that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path


class LineCache:
    def __init__(self, synthesizer, folder: Path, kept: Path | None = None):
        self.synthesizer, self.folder = synthesizer, folder
        identity = getattr(synthesizer, "identity", None)  # None: this voice's audio is not kept
        self.kept = kept if identity else None
        self._voice = hashlib.sha256(str(identity).encode()).hexdigest()[:16]
        self._known: set[str] = set()
        self._readied = False  # the voice's own loading is queued once, after the first known lines
        self._made: dict[str, Path] = {}
        self._pending: dict[str, Future] = {}
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="synthesis")
        self.synthesized = 0  # lines synthesized so far (each text once)

    def prepare(self, texts) -> None:
        """Queue known lines for synthesis ahead of their turn, in order, each text once; then ready the
        voice itself for the lines no one could know."""
        with self._lock:
            for text in texts:
                self._known.add(text)
                if text and text not in self._made and text not in self._pending:
                    self._pending[text] = self._worker.submit(self._make, text)
            if hasattr(self.synthesizer, "ready") and not self._readied:
                self._readied = True
                self._worker.submit(self.synthesizer.ready)

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
        kept = self._kept_path(text)
        if kept is not None and kept.is_file():
            path = kept
        else:
            with self._lock:
                self.synthesized += 1
                path = self.folder / f"line{self.synthesized}.wav"
            self.synthesizer.to_file(text, path)
            if kept is not None:
                _keep(path, kept)
        with self._lock:
            self._made[text] = path
            self._pending.pop(text, None)
        return path

    def _kept_path(self, text: str) -> Path | None:
        if self.kept is None or text not in self._known:
            return None
        return self.kept / f"{self._voice}-{hashlib.sha256(text.encode()).hexdigest()[:32]}.wav"


def _keep(made: Path, kept: Path) -> None:
    """Copy a line into the kept folder whole or not at all; a folder that cannot be written is skipped."""
    part = None
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        with open(made, "rb") as source:
            with tempfile.NamedTemporaryFile(dir=kept.parent, suffix=".part", delete=False) as part:
                shutil.copyfileobj(source, part)
        os.replace(part.name, kept)
    except OSError:
        if part is not None:
            Path(part.name).unlink(missing_ok=True)
