"""History of practice sessions: recorded in order, listed with their scores, rebuilt from the session
folders when the index is missing or damaged."""

from __future__ import annotations

import json

from interviewer.sessions.log import data_root

from .cli_helpers import run_cli

ANSWERS = [
    "I sold copiers.",
    "I've sold software for five years, which will help me with the buyers you sell to. Does that help?",
    "I want this job. What's the next step?",
]


def practice_ten_times(capsys):
    for number in range(10):
        answers = "\n".join(ANSWERS[: 1 + number % 3]) + "\n"
        result = run_cli(capsys, "practice", "--text", "--mute", "--seed", str(number), stdin=answers)
        assert result.code == 0


def history_rows(capsys):
    result = run_cli(capsys, "history", "--json")
    assert result.code == 0
    return [json.loads(line) for line in result.out.splitlines()], result.err


def test_ten_sessions_in_order_then_rebuilt_after_the_database_is_deleted(capsys):
    practice_ten_times(capsys)
    rows, err = history_rows(capsys)
    assert err == ""
    assert len(rows) == 10
    assert [r["started"] for r in rows] == sorted(r["started"] for r in rows)
    folders = [r["session"] for r in rows]
    expected = [json.loads((__import__("pathlib").Path(f) / "report.json").read_text())["score"] for f in folders]
    assert [r["score"] for r in rows] == expected
    assert len(set(r["score"] for r in rows)) > 1
    assert set(rows[0]["dimensions"]) == {"soft_closing", "benefit", "future", "feedback", "ask_job"}

    (data_root() / "history.sqlite3").unlink()
    rebuilt, err = history_rows(capsys)
    assert rebuilt == rows
    assert err == (
        f"note: the history database {data_root() / 'history.sqlite3'} was missing; "
        f"rebuilt it from 10 sessions in {data_root() / 'sessions'}\n"
    )


def test_a_damaged_database_is_rebuilt_with_one_line(capsys):
    practice_ten_times(capsys)
    (data_root() / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    rows, err = history_rows(capsys)
    assert len(rows) == 10
    assert err.count("\n") == 1 and "was unreadable; rebuilt it from 10 sessions" in err


def test_terminal_history_shows_the_trend_and_an_html_chart(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    practice_ten_times(capsys)
    result = run_cli(capsys, "history", "--html", str(tmp_path / "history.html"))
    assert "Trend: " in result.out and "over 10 sessions" in result.out
    page = (tmp_path / "history.html").read_text()
    assert page.count("<circle") == 10 and "<polyline" in page


def test_no_sessions_yet(capsys):
    result = run_cli(capsys, "history")
    assert (result.code, result.err) == (0, "")
    assert "No practice sessions yet" in result.out
