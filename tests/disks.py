"""Small real file systems for the tests of full and read-only disks: a tmpfs mounted on a test's folder
(CI runs as root; elsewhere these tests skip unless INTERVIEWER_REQUIRE_TOOLS is set). Root ignores file
modes, so read-only means a read-only mount, as a full disk means a full one."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .conftest import require_tool


def _why_not() -> str | None:
    if os.geteuid() != 0:
        return "mounting a small disk needs root"
    if not shutil.which("mount"):
        return "mount is not installed"
    return None


@contextmanager
def small_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    """`folder` as a tmpfs of `size`, unmounted afterwards."""
    require_tool(_why_not())
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def read_only(folder: Path) -> None:
    """Make a mounted small disk read-only."""
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk holding `folder`, then give back `leave` bytes."""
    filler = folder / "filler"
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as out:
        try:
            while True:
                out.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler
