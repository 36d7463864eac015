"""Progress bars for long work, on a terminal only: piped output stays clean."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


@contextmanager
def progress_bar(total: int, label: str, *, always: bool = False) -> Iterator[Callable[[], None]]:
    """Yields `advance`. Shown on stderr when it is a terminal and there is more than one item (or always,
    for slow single items such as voice runs)."""
    show = sys.stderr.isatty() and (total > 1 or always)
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True, disable=not show) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)
