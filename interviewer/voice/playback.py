"""Playing a WAV file to the speakers with a player program, after checking that there is somewhere to
play it: pyttsx3's own playback on Linux shells out to aplay and never reports a missing sound card.
A line can be played to its end, or started and stopped midway (when the candidate talks over it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..errors import DeviceError


class Player:
    def __init__(self, command: list[str]):
        self.command = command

    def play(self, path: Path) -> None:
        try:
            done = subprocess.run([*self.command, str(path)], capture_output=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DeviceError(f"audio playback failed ({type(exc).__name__})") from None
        if done.returncode != 0:
            raise DeviceError(f"audio playback failed: {done.stderr.decode(errors='replace').strip()[:200]}")

    def start(self, path: Path) -> Playing:
        try:
            process = subprocess.Popen(
                [*self.command, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
            )
        except OSError as exc:
            raise DeviceError(f"audio playback failed ({type(exc).__name__})") from None
        return Playing(process)


class Playing:
    """A line being played."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.started = time.perf_counter()

    def finished(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds; True once the player has ended (DeviceError if it failed)."""
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        if code not in (0, -15):
            said = self.process.stderr.read().decode(errors="replace").strip()[:200] if self.process.stderr else ""
            raise DeviceError(f"audio playback failed: {said or f'exit code {code}'}")
        return True

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=5)


def find_player() -> Player:
    """A player that can reach an output device, or DeviceError saying there is none."""
    if sys.platform == "darwin" and shutil.which("afplay"):
        return Player(["afplay"])
    if sys.platform.startswith("win"):
        return Player([sys.executable, "-c", "import sys, winsound; winsound.PlaySound(sys.argv[1], 0)"])
    if shutil.which("paplay") and _pulse_running():
        return Player(["paplay"])
    if shutil.which("aplay") and _alsa_has_output():
        return Player(["aplay", "-q"])
    raise DeviceError("no audio output device found")


def _pulse_running() -> bool:
    if not shutil.which("pactl"):
        return False
    done = subprocess.run(["pactl", "info"], capture_output=True, timeout=5, check=False, env=os.environ.copy())
    return done.returncode == 0


def _alsa_has_output() -> bool:
    done = subprocess.run(["aplay", "-l"], capture_output=True, timeout=5, check=False)
    return done.returncode == 0 and b"card " in done.stdout
