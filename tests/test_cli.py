"""`interviewer tag` and `interviewer grade` as a user meets them: output, exit codes, exact error lines."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .cli_helpers import run_cli
from .conftest import TEST_DATA


def test_tag_arguments_as_json_lines(capsys):
    result = run_cli(capsys, "tag", "--json", "Does that help?", "I won't ask you for the job.")
    assert result.code == 0
    assert [json.loads(line) for line in result.out.splitlines()] == [
        {"text": "Does that help?", "tags": ["confirm"]},
        {"text": "I won't ask you for the job.", "tags": []},
    ]


def test_tag_reads_each_line_of_standard_input_in_order(capsys):
    result = run_cli(capsys, "tag", "--json", stdin="How did I do?\n\nwhat are the next steps four me\n")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [r["tags"] for r in rows] == [["feedback"], [], ["ask_job"]]
    assert rows[2]["text"] == "what are the next steps four me"


def test_tag_why_names_the_rule(capsys):
    result = run_cli(capsys, "tag", "--why", "What's the next step?")
    assert result.out.splitlines()[0] == "ask_job\tWhat's the next step?"
    assert "ask_job: what is the next step [what is the next step]" in result.out


def test_grade_json_per_transcript(capsys, dev_data):
    d01, d02 = dev_data / "dev_transcripts" / "d01.txt", dev_data / "dev_transcripts" / "d02.txt"
    result = run_cli(capsys, "grade", "--json", str(d01), str(d02))
    assert result.code == 0
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [(r["file"], r["hire"]) for r in rows] == [(str(d01), True), (str(d02), False)]
    assert all(0 <= r["score"] <= 100 and len(r["dimensions"]) == 5 for r in rows)


def test_grade_human_report_quotes_evidence_and_tips(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that no quote wraps
    result = run_cli(capsys, "grade", str(TEST_DATA / "interview.srt"))
    assert result.code == 0
    assert "HIRE" in result.out
    assert "What days should I keep open for our next interview?" in result.out
    assert "Tips:" in result.out


def test_grade_candidate_label(capsys):
    result = run_cli(capsys, "grade", "--json", "--candidate", "Sam Ortiz", str(TEST_DATA / "meeting.vtt"))
    row = json.loads(result.out)
    assert row["hire"] is True
    assert row["delivery"]["longest_pause"] == 2.0


def test_example_grades(capsys):
    result = run_cli(capsys, "grade", "--example", "--json")
    assert result.code == 0 and json.loads(result.out)["hire"] is True


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("empty.txt", b"", "empty transcript; expected lines like 'Candidate: words'"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "not a text transcript (binary data)"),
        (
            "nocandidate.txt",
            b"Interviewer: Hello.\nRecruiter: Hi.\n",
            "no turns by the candidate 'Candidate' (speakers: Interviewer, Recruiter); "
            "name the candidate with --candidate NAME",
        ),
        ("latin1.txt", "Candidate: caf\xe9\n".encode("latin-1"), "not UTF-8 text (bad byte at offset 14)"),
    ],
)
def test_bad_transcripts_give_one_line_and_exit_2(capsys, tmp_path, name, content, error):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli(capsys, "grade", str(path))
    assert result.code == 2
    assert result.err == f"error: {path}: {error}\n"


def test_missing_file_is_reported_and_the_rest_still_graded(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    result = run_cli(capsys, "grade", "--json", str(missing), str(TEST_DATA / "interview.srt"))
    assert result.code == 2
    assert result.err == f"error: {missing}: no such file\n"
    assert json.loads(result.out)["file"] == str(TEST_DATA / "interview.srt")


def test_usage_mistakes_are_one_line(capsys):
    result = run_cli(capsys, "grade")
    assert (result.code, result.err) == (
        2,
        "error: give at least one transcript file, or --example (see 'interviewer grade --help')\n",
    )
    result = run_cli(capsys, "tag", "--bogus")
    assert result.code == 2 and result.err.count("\n") == 1 and "--bogus" in result.err
    result = run_cli(capsys, "nosuchcommand")
    assert result.code == 2 and result.err == "error: No such command 'nosuchcommand'.\n"


def test_console_script_runs_as_a_module():
    done = subprocess.run(
        [sys.executable, "-m", "interviewer", "tag", "--json", "How'd I do?"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["tags"] == ["feedback"]
