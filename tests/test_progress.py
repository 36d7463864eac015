"""Grading 1,000 transcripts: a progress bar on a terminal, none when the output is piped."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

from .conftest import TEST_DATA


def _transcripts(tmp_path, count=1000):
    text = (TEST_DATA / "interview.srt").read_bytes()
    paths = []
    for i in range(count):
        path = tmp_path / f"t{i:04d}.srt"
        path.write_bytes(text)
        paths.append(str(path))
    return paths


def test_progress_bar_on_a_terminal(tmp_path):
    paths = _transcripts(tmp_path)
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "interviewer", "grade", "--json", *paths],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.wait(timeout=120) == 0
    shown = seen.decode(errors="replace")
    assert "Grading" in shown and "/1000" in shown


def test_no_progress_bar_when_piped(tmp_path):
    paths = _transcripts(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "interviewer", "grade", "--json", *paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0
    assert done.stderr == ""
    assert len(done.stdout.splitlines()) == 1000
