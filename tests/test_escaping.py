"""Text from users reaches the terminal and files as text: rich markup, terminal control sequences,
Markdown and HTML in transcripts, typed answers and personas are shown, never obeyed; invalid UTF-8 on
standard input is replaced, never a crash."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from interviewer.personas.format import builtin_dir

from .cli_helpers import run_cli

MARKUP = "I want this job [/bold] [link=https://evil.example]click[/link], so what's the next step? [/]"
CONTROL = "I want this job \x1b[2J\x1b]0;owned\x07, so what's the next step?"
HTML = 'I want this job <script>alert(1)</script> <img src=x onerror="alert(2)">, so what\'s the next step?'
ESCAPES = ("\x1b", "\x07", "\x9b")


def transcript(tmp_path, answer: str):
    path = tmp_path / "hostile.txt"
    path.write_text(f"Interviewer: Tell me about yourself.\nCandidate: {answer}\n", encoding="utf-8")
    return path


def assert_no_control(text: str) -> None:
    assert not any(code in text for code in ESCAPES), repr(text[:400])


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # no quote wraps


def test_markup_in_a_transcript_is_shown_as_text_by_grade_and_report(capsys, tmp_path):
    path = transcript(tmp_path, MARKUP)
    for command in (["grade", str(path)], ["report", str(path)]):
        result = run_cli(capsys, *command)
        assert result.code == 0, result.err
        assert "[/bold] [link=https://evil.example]click[/link]" in result.out
        assert "\x1b]8;" not in result.out  # no terminal hyperlink


def test_markup_in_a_file_name_is_shown_as_text(capsys, tmp_path):
    path = transcript(tmp_path, MARKUP).rename(tmp_path / "[link=https:evil]call[bold].txt")
    result = run_cli(capsys, "grade", str(path))
    assert result.code == 0, result.err
    assert "[link=https:evil]call[bold].txt" in result.out


def test_control_sequences_in_a_transcript_are_made_visible(capsys, tmp_path):
    path = transcript(tmp_path, CONTROL)
    for command in (["grade", str(path)], ["report", str(path)], ["report", str(path), "--format", "markdown"]):
        result = run_cli(capsys, *command)
        assert result.code == 0, result.err
        assert_no_control(result.out)
        assert "x1b" in result.out  # shown as its code


def test_markdown_report_escapes_html_and_markdown(capsys, tmp_path):
    path = transcript(tmp_path, HTML.replace("job", "job **bold** | `code`"))
    result = run_cli(capsys, "report", str(path), "--format", "markdown")
    assert result.code == 0, result.err
    assert not re.search(r"(?<!\\)<(script|img)", result.out)
    assert "\\<script\\>alert(1)\\</script\\>" in result.out
    assert "\\*\\*bold\\*\\* \\| \\`code\\`" in result.out


def scenario(tmp_path, say: str):
    path = tmp_path / "hostile.toml"
    path.write_text(f"[[reply]]\nsay = {json.dumps(say)}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("say", [MARKUP, CONTROL])
def test_run_prints_a_hostile_scripted_answer_as_text(capsys, tmp_path, say):
    result = run_cli(capsys, "run", str(scenario(tmp_path, say)))
    assert result.code == 0, result.err
    assert_no_control(result.out)
    assert "Candidate: I want this job" in result.out


@pytest.mark.parametrize("answer", [MARKUP, CONTROL])
def test_practice_with_a_hostile_typed_answer(capsys, tmp_path, answer):
    result = run_cli(capsys, "practice", "--text", "--mute", "--save", str(tmp_path / "s"), stdin=answer + "\n")
    assert result.code == 0, result.err
    assert_no_control(result.out)
    assert "[/bold] [link=https://evil.example]" in result.out or "\\x1b[2J" in result.out


def hostile_persona(tmp_path, name: str, greeting: str):
    text = (builtin_dir() / "default.toml").read_text(encoding="utf-8")
    text = text.replace('name = "Morgan Reyes"', f"name = {json.dumps(name)}", 1)
    text = text.replace("greeting = ", f"greeting = {json.dumps(greeting)}\nold_greeting = ", 1)
    text = text.replace("old_greeting = ", "# ", 1)
    folder = tmp_path / "personas"
    folder.mkdir(exist_ok=True)
    path = folder / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_persona_with_markup_and_control_sequences(capsys, tmp_path, monkeypatch):
    path = hostile_persona(tmp_path, "Dana [/] \x1b[31mRed", "Hello \x1b]0;owned\x07 [bold]there[/].")
    monkeypatch.setenv("INTERVIEWER_PERSONAS", str(path.parent))
    result = run_cli(capsys, "practice", "--text", "--mute", "--persona", "hostile", stdin="I want this job.\n")
    assert result.code == 0, result.err
    assert_no_control(result.out)
    assert "Hello \\x1b]0;owned\\x07 [bold]there[/]." in result.out
    for command in (["history"], ["persona", "list"], ["persona", "show", "hostile"]):
        result = run_cli(capsys, *command)
        assert result.code == 0, result.err
        assert_no_control(result.out)
        assert "Dana [/] \\x1b[31mRed" in result.out


def test_control_sequences_in_tag_output_and_errors(capsys, tmp_path):
    result = run_cli(capsys, "tag", CONTROL)
    assert result.code == 0
    assert_no_control(result.out)
    result = run_cli(capsys, "grade", str(tmp_path / "missing\x1b]0;owned\x07.txt"))
    assert result.code == 2
    assert_no_control(result.err)


def practice_process(tmp_path, stdin: bytes):
    return subprocess.run(
        [sys.executable, "-m", "interviewer", "practice", "--text", "--mute", "--save", str(tmp_path / "s")],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_invalid_utf8_typed_answers_are_replaced_not_fatal(tmp_path):
    done = practice_process(tmp_path, b"I sold caf\xe9 machines \xff\xfe for years.\nI want this job.\n")
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    rows = [json.loads(line) for line in (tmp_path / "s" / "transcript.jsonl").read_text("utf-8").splitlines()]
    answers = [r["text"] for r in rows if r["speaker"] == "candidate"]
    assert answers[0] == "I sold caf\ufffd machines \ufffd\ufffd for years."
    assert (tmp_path / "s" / "report.json").exists()


def test_tag_json_never_writes_invalid_utf8(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "interviewer", "tag", "--json"],
        input=b"Does that help caf\xe9?\n",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8"))["text"] == "Does that help caf\ufffd?"


def test_json_lines_stay_one_line_for_any_reader(capsys):
    result = run_cli(capsys, "tag", "--json", "one\u2028two\x85three\u2029four")
    assert result.code == 0
    (line,) = result.out.splitlines()  # Python's splitlines breaks on U+2028, U+0085 and U+2029 too
    assert json.loads(line)["text"] == "one\u2028two\x85three\u2029four"
