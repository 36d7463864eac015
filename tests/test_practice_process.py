"""`interviewer practice` as a real process: piped answers; SIGKILL, SIGINT, SIGTERM and SIGHUP mid-way;
twenty sessions started at once; a disk that is full or read-only at the start, mid-interview or at the
report."""

from __future__ import annotations

import json
import multiprocessing
import os
import select
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from interviewer.personas.format import load_persona
from interviewer.sessions.log import SessionLog, sessions_root

from .cli_helpers import run_cli
from .disks import fill, read_only, small_disk

PERSONA = load_persona("default")
QUESTION_2 = PERSONA.questions["qualifications"][0]
QUESTION_3 = PERSONA.questions["qualifications"][1]


@contextmanager
def running(folder):
    """A practice session in a child process, killed at the end whatever happened."""
    process = start(folder)
    try:
        yield process
    finally:
        process.kill()


def start(folder):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "interviewer", "practice", "--text", "--mute", "--save", str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def practice_into(folder, answers: str) -> subprocess.CompletedProcess:
    """A whole piped practice session saved in `folder`."""
    command = [sys.executable, "-m", "interviewer", "practice", "--text", "--mute", "--save", str(folder)]
    return subprocess.run(command, input=answers, capture_output=True, text=True, timeout=120, check=False)


def wait_for(process, words, seconds=30.0):
    """Read the process's output until a line contains `words`. Reads the pipe itself: a line already
    buffered by a text reader would never make select() report the pipe ready."""
    deadline = time.monotonic() + seconds
    seen = getattr(process, "unread_output", "")
    while words not in seen:
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, min(0.5, remaining)))
        chunk = os.read(process.stdout.fileno(), 65536).decode("utf-8", "replace") if ready else ""
        if remaining <= 0 or (ready and not chunk):
            pytest.fail(f"never saw {words!r}; output was: {seen[-2000:]}")
        seen += chunk
    end = seen.find("\n", seen.index(words))
    process.unread_output = seen[end + 1 :] if end >= 0 else ""


def answer(process, text):
    process.stdin.write(text + "\n")
    process.stdin.flush()


def transcript_rows(folder):
    """Every line of the session's transcript, each of which must be whole JSON."""
    return [json.loads(line) for line in (folder / "transcript.jsonl").read_text("utf-8").splitlines()]


def candidate_lines_of(rows):
    return [row["text"] for row in rows if row["speaker"] == "candidate"]


def candidate_lines(folder):
    return candidate_lines_of(transcript_rows(folder))


ANSWERS = [
    "I've sold scheduling software for five years, 120 percent of quota last year.",
    "Outbound mostly: sixty calls a day, and forty percent of my pipeline is self-sourced every quarter.",
]


def test_piped_answers_run_a_whole_interview(tmp_path):
    done = practice_into(tmp_path / "session", "\n".join(ANSWERS) + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert candidate_lines(tmp_path / "session") == ANSWERS
    report = json.loads((tmp_path / "session" / "report.json").read_text())
    assert report["ended_early"] is False and report["hire"] is False
    assert f"Transcript and report saved in {tmp_path / 'session'}" in done.stdout


def practice_env(tmp_path):
    """The user's folders for a child process: the ones this test's in-process commands use too."""
    return {**os.environ, "PYTHONUNBUFFERED": "1"}


def interrupt_after_first_answer(folder, signum):
    with running(folder) as process:
        wait_for(process, PERSONA.questions["opening"][0])
        answer(process, ANSWERS[0])
        wait_for(process, QUESTION_2)
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    return process.returncode, out, err


def test_sigkill_mid_interview_keeps_every_finished_turn_and_history_lists_it(tmp_path, capsys):
    folder = tmp_path / "session"
    with running(folder) as process:
        wait_for(process, PERSONA.questions["opening"][0])
        answer(process, ANSWERS[0])
        wait_for(process, QUESTION_2)
        answer(process, ANSWERS[1])
        wait_for(process, QUESTION_3)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert candidate_lines(folder) == ANSWERS
    assert not (folder / "report.json").exists()
    listed = run_cli(capsys, "history", "--json")
    assert listed.code == 0, listed.err
    rows = [json.loads(line) for line in listed.out.splitlines()]
    assert [(r["session"], r["ended_early"]) for r in rows] == [(str(folder), True)]
    report = run_cli(capsys, "report", str(folder), "--format", "markdown")
    assert report.code == 0, report.err
    assert report.out.startswith("# Interview with Morgan Reyes, Regional Sales Manager (ended early)\n")


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_mid_interview_ends_it_cleanly_with_a_partial_report(tmp_path, signum, code):
    folder = tmp_path / "session"
    returncode, out, err = interrupt_after_first_answer(folder, signum)
    assert returncode == code
    assert "Traceback" not in err and "Traceback" not in out
    assert candidate_lines(folder) == ANSWERS[:1]
    report = json.loads((folder / "report.json").read_text())
    assert report["ended_early"] is True
    assert "(ended early)" in (folder / "report.md").read_text()


def _start_a_session(barrier, folders) -> None:
    barrier.wait()  # all twenty create their folders at the same instant
    try:
        folders.put(str(SessionLog.create(None, PERSONA.name, {}).folder))
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
        folders.put(f"failed: {exc!r}")


def start_sessions_at_once(count: int) -> list[str]:
    context = multiprocessing.get_context("fork")
    barrier, folders = context.Barrier(count), context.Queue()
    workers = [context.Process(target=_start_a_session, args=(barrier, folders)) for _ in range(count)]
    for worker in workers:
        worker.start()
    created = [folders.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    return created


def test_twenty_sessions_started_at_once_get_twenty_folders():
    created = [folder for _ in range(5) for folder in start_sessions_at_once(20)]  # a race: five rounds
    assert len(set(created)) == 100, [c for c in created if created.count(c) > 1 or c.startswith("failed")]
    on_disk = sorted(p for p in sessions_root().iterdir() if p.is_dir())
    assert [str(p) for p in on_disk] == sorted(created)
    assert all(json.loads((p / "session.json").read_text())["started_at"] for p in on_disk)


def one_error_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert "Traceback" not in err
    assert all(word in err for word in words), err


def test_save_into_a_read_only_folder(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        (disk / "existing").mkdir()
        read_only(disk)
        done = practice_into(disk / "existing", "I sold copiers.\n")
    assert done.returncode == 2
    one_error_line(done.stderr, str(disk / "existing"), "Read-only file system")


def test_disk_full_at_the_start(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        fill(disk)
        done = practice_into(disk / "s", "I sold copiers.\n")
    assert done.returncode == 2
    one_error_line(done.stderr, str(disk / "s"), "No space left on device")


LONG_ANSWER = "I sold scheduling software to operations directors for five years, every quarter. " * 12


def test_disk_full_mid_interview_keeps_every_finished_turn_as_valid_json_lines(tmp_path):
    with small_disk(tmp_path / "disk") as disk, running(disk / "s") as process:
        folder = disk / "s"
        wait_for(process, PERSONA.questions["opening"][0])
        answer(process, ANSWERS[0])
        wait_for(process, QUESTION_2)
        fill(disk)
        _, err = process.communicate((LONG_ANSWER + "\n") * 12, timeout=60)
        rows = transcript_rows(folder)  # every line whole
        assert not (folder / "report.json").exists()
    assert process.returncode == 2
    one_error_line(err, str(folder / "transcript.jsonl"), "No space left on device")
    answers = candidate_lines_of(rows)
    assert answers[0] == ANSWERS[0] and all(a == LONG_ANSWER.strip() for a in answers[1:])
    assert PERSONA.farewell not in [r["text"] for r in rows]


def test_disk_full_at_the_report_keeps_the_whole_transcript(tmp_path):
    with small_disk(tmp_path / "disk") as disk, running(disk / "s") as process:
        folder = disk / "s"
        wait_for(process, PERSONA.questions["opening"][0])
        fill(disk, leave=12 * 1024)
        _, err = process.communicate(ANSWERS[0] + "\n", timeout=60)
        rows = transcript_rows(folder)
        assert not (folder / "report.json").exists()
        assert not list(folder.glob("*.tmp"))
    assert process.returncode == 2
    one_error_line(err, str(folder), "No space left on device", "interviewer report")
    assert candidate_lines_of(rows) == ANSWERS[:1] and rows[-1]["stage"] == "closing"  # asked to the end
