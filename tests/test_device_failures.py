"""Every device failure ends in a usable interview: no microphone, no speakers, a synthesizer that stops
working mid-interview. The interview goes on on the terminal and the transcript is on disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer.interview.engine import Interview
from interviewer.personas.format import load_persona
from interviewer.reports.session_reports import ReportedSession
from interviewer.sessions.log import SessionLog

from .conftest import require_tool
from .fakes import QueueListener
from .voice_helpers import voice_stack

PERSONA = load_persona("default")


@pytest.fixture(scope="module", autouse=True)
def _voice():
    require_tool(voice_stack())


def _no_audio_env(tmp_path: Path) -> dict:
    """No sound server and no audio players on the PATH (the synthesizers stay)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in ("espeak-ng", "flite"):
        os.symlink(shutil.which(program), bin_dir / program)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE")}
    return {**env, "PATH": f"{bin_dir}:{Path(sys.executable).parent}", "PULSE_SERVER": "unix:/nonexistent"}


def test_no_microphone_and_no_speakers_fall_back_to_the_terminal(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "interviewer",
            "practice",
            "--input-device",
            "no-such-microphone",
            "--save",
            str(tmp_path / "s"),
        ],
        input="I've sold software for five years, 120 percent of quota last year.\n",
        capture_output=True,
        text=True,
        timeout=180,
        env=_no_audio_env(tmp_path),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    notes = done.stderr.splitlines()
    assert notes[0] == "note: no audio output device found; printing the questions"
    assert notes[1].startswith("note: no microphone named 'no-such-microphone' (devices: ")
    assert notes[1].endswith("); type your answers")
    assert len(notes) == 2
    rows = [json.loads(line) for line in (tmp_path / "s" / "transcript.jsonl").read_text().splitlines()]
    assert rows[2]["text"].startswith("I've sold software")
    assert json.loads((tmp_path / "s" / "session.json").read_text())["mode"] == "typed"


def test_a_synthesizer_that_fails_mid_interview_leaves_the_printed_interview(tmp_path, capsys):
    from interviewer.cli.terminal import PrintSpeaker
    from interviewer.voice.speaker import VoiceSpeaker
    from interviewer.voice.synthesis import EspeakSynthesizer

    class NullPlayer:  # this machine has no speakers; the synthesizer is the part under test
        played = 0

        def play(self, path):
            assert path.stat().st_size > 44
            NullPlayer.played += 1

    speaker = VoiceSpeaker(EspeakSynthesizer(170, "en-us"), NullPlayer(), PrintSpeaker("Morgan"))
    listener = QueueListener().enqueue(["I've sold software for five years, 120 percent of quota last year."])
    original = listener.listen

    def listen_then_break_the_disk():
        shutil.rmtree(speaker._folder.name, ignore_errors=True)  # the synthesizer can no longer write its audio
        return original()

    listener.listen = listen_then_break_the_disk
    log = ReportedSession(SessionLog.create(tmp_path / "s", "Morgan", {}), PERSONA)
    interview = Interview(PERSONA, speaker=speaker, listener=listener, session=log)
    interview.run()
    log.close()
    err = capsys.readouterr()
    assert interview.state == "graded"
    assert NullPlayer.played == 2  # greeting and first question, before the failure
    assert err.err.count("note: espeak-ng failed to synthesize speech") == 1
    assert PERSONA.farewell in err.out  # every line still printed to the end
    assert (tmp_path / "s" / "report.json").exists()
