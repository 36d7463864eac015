"""A private PulseAudio daemon: a virtual microphone fed from WAV files, and a virtual speaker sink.

For machines without sound hardware (containers, CI): the tests and scripts/bench_latency.py run the real
microphone path (PortAudio, SpeechRecognition's Microphone, the recognizers) against it. Needs Debian's
pulseaudio and pulseaudio-utils; clients find it through PULSE_SERVER."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

CONFIG = """
load-module module-native-protocol-unix auth-anonymous=1 socket={socket}
load-module module-null-sink sink_name=speakers sink_properties=device.description=speakers
load-module module-null-sink sink_name=micfeed sink_properties=device.description=micfeed
load-module module-remap-source source_name=virtmic master=micfeed.monitor
set-default-source virtmic
set-default-sink speakers
"""


class VirtualAudio:
    def __init__(self, folder: Path):
        self.folder = folder
        self.socket = folder / "native"
        self.server = f"unix:{self.socket}"
        self.env = {
            **os.environ,
            "PULSE_SERVER": self.server,
            "PULSE_RUNTIME_PATH": str(folder / "runtime"),
            "XDG_RUNTIME_DIR": str(folder / "runtime"),
            "HOME": str(folder),
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        (self.folder / "runtime").mkdir(parents=True, exist_ok=True)
        config = self.folder / "virtual.pa"
        config.write_text(CONFIG.format(socket=self.socket))
        self.process = subprocess.Popen(
            [
                "pulseaudio",
                "--daemonize=no",
                "--system=false",
                "-n",
                "-F",
                str(config),
                "--exit-idle-time=-1",
                "--log-target=stderr",
                "--log-level=error",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if subprocess.run(["pactl", "info"], env=self.env, capture_output=True, check=False).returncode == 0:
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the virtual PulseAudio daemon did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    def __enter__(self) -> VirtualAudio:
        """Start the daemon and point this process's audio clients at it until exit."""
        self.start()
        self._saved = {k: os.environ.get(k) for k in ("PULSE_SERVER", "PULSE_RUNTIME_PATH")}
        os.environ["PULSE_SERVER"] = self.server
        os.environ["PULSE_RUNTIME_PATH"] = self.env["PULSE_RUNTIME_PATH"]
        return self

    def __exit__(self, *_) -> None:
        for key, value in self._saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self.stop()

    def play_into_microphone(self, wav: Path, delay: float = 0.0) -> subprocess.Popen:
        """Start playing a WAV file into the virtual microphone (after `delay` seconds); returns at once."""
        command = f"sleep {delay}; exec paplay -d micfeed {wav}"
        return subprocess.Popen(["sh", "-c", command], env=self.env)

    def loop_speakers_into_microphone(self, volume: float = 0.5) -> str:
        """Route what the speakers play back into the microphone, quieter (speakers without headphones);
        returns the module to unload."""
        # Both devices run on this daemon's one clock, so there is no drift to follow: adjust_time=0 keeps the
        # loopback from resampling its own path (which real speakers and microphones never do that much).
        load = ["pactl", "load-module", "module-loopback", "source=speakers.monitor", "sink=micfeed"]
        options = ["latency_msec=60", "adjust_time=0"]
        done = subprocess.run([*load, *options], env=self.env, capture_output=True, text=True, check=True)
        module = done.stdout.strip()
        deadline = time.monotonic() + 5.0
        while not (inputs := self._sink_inputs_of(module)) and time.monotonic() < deadline:
            time.sleep(0.05)  # the loopback's stream appears a moment after its module loads
        for sink_input in inputs:
            volume_arg = f"{round(volume * 100)}%"
            subprocess.run(["pactl", "set-sink-input-volume", sink_input, volume_arg], env=self.env, check=True)
        return module

    def unload(self, module: str) -> None:
        subprocess.run(["pactl", "unload-module", module], env=self.env, check=True)

    def _sink_inputs_of(self, module: str) -> list[str]:
        listed = subprocess.run(
            ["pactl", "list", "sink-inputs"], env=self.env, capture_output=True, text=True, check=True
        )
        found, current = [], None
        for line in listed.stdout.splitlines():
            if line.startswith("Sink Input #"):
                current = line.split("#", 1)[1].strip()
            elif line.strip() == f"Owner Module: {module}" and current is not None:
                found.append(current)
        return found


def available() -> str | None:
    """Why the virtual microphone cannot run here, or None when it can."""
    for program in ("pulseaudio", "pactl", "paplay"):
        if not shutil.which(program):
            return f"{program} is not installed (apt-get install pulseaudio pulseaudio-utils)"
    return None


def _die_with_parent() -> None:
    """The daemon stops when the process that started it dies, even by SIGKILL (Linux): one left behind by
    a killed run keeps its players and recorders going and slows the next run's audio."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: a killed run may leave it behind
        pass
