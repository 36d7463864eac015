"""Slow things loaded on their own thread while the interview starts: the greeting plays while the
recognizer and the judge's sentence encoder load. The first use waits for the load; an error in it is
raised there, at the first use, as if the load had happened then."""

from __future__ import annotations

import threading
from collections.abc import Callable


class InBackground:
    """Stands for what `load` returns, once it has; attributes are looked up on the loaded object."""

    def __init__(self, load: Callable[[], object], name: str):
        self._loaded: list = []
        self._thread = threading.Thread(target=self._load, args=(load,), daemon=True, name=f"load-{name}")
        self._thread.start()

    def ready(self):
        self._thread.join()
        if isinstance(self._loaded[0], BaseException):
            raise self._loaded[0]
        return self._loaded[0]

    def settle(self) -> None:
        """Wait for the load to end, whatever came of it: a process that exits while native code is still
        loading on another thread is aborted ("terminate called without an active exception")."""
        self._thread.join()

    def __getattr__(self, name: str):
        return getattr(self.ready(), name)

    def _load(self, load: Callable[[], object]) -> None:
        try:
            self._loaded.append(load())
        except Exception as exc:  # handed to the first use
            self._loaded.append(exc)
