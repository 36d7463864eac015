"""`interviewer practice` as a real process: piped answers, SIGKILL mid-way, SIGINT mid-way."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time

import pytest

from interviewer.personas.format import load_persona

PERSONA = load_persona("default")
QUESTION_2 = PERSONA.questions["qualifications"][0]
QUESTION_3 = PERSONA.questions["qualifications"][1]


def start(tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "interviewer", "practice", "--text", "--mute", "--save", str(tmp_path / "session")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_for(process, words, seconds=30.0):
    """Read the process's output until a line contains `words`."""
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            seen.append(line)
            if words in line:
                return
    pytest.fail(f"never saw {words!r}; output was: {''.join(seen)[-2000:]}")


def answer(process, text):
    process.stdin.write(text + "\n")
    process.stdin.flush()


def candidate_lines(tmp_path):
    path = tmp_path / "session" / "transcript.jsonl"
    return [
        json.loads(line)["text"] for line in path.read_text().splitlines() if json.loads(line)["speaker"] == "candidate"
    ]


ANSWERS = [
    "I've sold scheduling software for five years, 120 percent of quota last year.",
    "Outbound mostly: sixty calls a day, and forty percent of my pipeline is self-sourced every quarter.",
]


def test_piped_answers_run_a_whole_interview(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "interviewer", "practice", "--text", "--mute", "--save", str(tmp_path / "session")],
        input="\n".join(ANSWERS) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert candidate_lines(tmp_path) == ANSWERS
    report = json.loads((tmp_path / "session" / "report.json").read_text())
    assert report["ended_early"] is False and report["hire"] is False
    assert f"Transcript and report saved in {tmp_path / 'session'}" in done.stdout


def test_sigkill_mid_interview_keeps_every_finished_turn(tmp_path):
    process = start(tmp_path)
    try:
        wait_for(process, PERSONA.questions["opening"][0])
        answer(process, ANSWERS[0])
        wait_for(process, QUESTION_2)
        answer(process, ANSWERS[1])
        wait_for(process, QUESTION_3)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        process.kill()
    assert candidate_lines(tmp_path) == ANSWERS
    assert not (tmp_path / "session" / "report.json").exists()


def test_sigint_mid_interview_exits_cleanly_with_a_partial_report(tmp_path):
    process = start(tmp_path)
    try:
        wait_for(process, PERSONA.questions["opening"][0])
        answer(process, ANSWERS[0])
        wait_for(process, QUESTION_2)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130
    assert "Traceback" not in err and "Traceback" not in out
    assert candidate_lines(tmp_path) == ANSWERS[:1]
    report = json.loads((tmp_path / "session" / "report.json").read_text())
    assert report["ended_early"] is True
    assert "(ended early)" in (tmp_path / "session" / "report.md").read_text()
