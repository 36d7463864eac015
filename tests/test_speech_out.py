"""Speech out, made reliable: fifty lines in a row through the real synthesizer and player, and every one
of them reaches the (virtual) speakers whole."""

from __future__ import annotations

import subprocess
import time

import pytest

from .conftest import require_tool
from .voice_helpers import voice_stack


@pytest.fixture(scope="module", autouse=True)
def _voice():
    require_tool(voice_stack())


def _bursts(samples, quiet_ms: int = 150) -> list[float]:
    """Lengths in seconds of the stretches of sound separated by at least `quiet_ms` of quiet."""
    import numpy as np

    frame = 160  # 10 ms at 16 kHz
    loud = [
        np.sqrt(np.mean(samples[i : i + frame].astype(float) ** 2)) > 200 for i in range(0, len(samples) - frame, frame)
    ]
    bursts, quiet, length = [], quiet_ms, 0
    for is_loud in loud:
        if is_loud:
            if quiet >= quiet_ms // 10 and length:
                bursts.append(length / 100)
                length = 0
            length += 1 + (quiet if quiet < quiet_ms // 10 else 0)
            quiet = 0
        else:
            quiet += 1
    if length:
        bursts.append(length / 100)
    return bursts


def test_fifty_lines_in_a_row_are_all_heard(tmp_path, virtual_audio):
    from interviewer.voice.audio_files import read_samples
    from interviewer.voice.playback import Player
    from interviewer.voice.speaker import VoiceSpeaker
    from interviewer.voice.synthesis import EspeakSynthesizer

    recording = tmp_path / "speakers.wav"
    recorder = subprocess.Popen(
        ["parecord", "-d", "micfeed.monitor", "--file-format=wav", "--rate=16000", "--channels=1", str(recording)],
        env=virtual_audio.env,
    )
    time.sleep(1.5)  # the recorder is connected before the first line
    speaker = VoiceSpeaker(EspeakSynthesizer(170, "en-us"), Player(["paplay", "-d", "micfeed"]))
    for number in range(1, 51):
        speaker.say(f"Line {number}.")
    time.sleep(3)  # the last line leaves the sink's buffer
    recorder.terminate()
    recorder.wait(timeout=10)
    assert speaker.failed is None and len(speaker.started) == 50
    heard = _bursts(read_samples(recording))
    assert len(heard) == 50
    assert min(heard) >= 0.2  # each line a whole word or two, not a click
