"""Playing a WAV file to the speakers with a blocking player, after checking that there is somewhere to
play it: pyttsx3's own playback on Linux shells out to aplay and never reports a missing sound card."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
