"""History of practice sessions: recorded in order, listed with their scores, rebuilt from the session
folders (those saved with --save too) when the index is missing, emptied, damaged, a folder or read-only."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from interviewer.sessions.log import data_root

from .cli_helpers import run_cli
from .disks import read_only, small_disk

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


def practice_three_times(capsys, tmp_path):
    """Two sessions in the data folder and one saved with --save elsewhere."""
    saved = tmp_path / "saved"
    for number, extra in enumerate([(), ("--save", str(saved)), ()]):
        answers = "\n".join(ANSWERS[: 1 + number]) + "\n"
        result = run_cli(capsys, "practice", "--text", "--mute", "--seed", str(number), *extra, stdin=answers)
        assert result.code == 0, result.err
    return saved


def index() -> Path:
    return data_root() / "history.sqlite3"


def test_a_rebuild_keeps_the_sessions_saved_elsewhere(capsys, tmp_path):
    saved = practice_three_times(capsys, tmp_path)
    rows, _ = history_rows(capsys)
    index().unlink()
    rebuilt, err = history_rows(capsys)
    assert rebuilt == rows and str(saved) in [r["session"] for r in rebuilt]
    assert err == (
        f"note: the history database {index()} was missing; "
        f"rebuilt it from 2 sessions in {data_root() / 'sessions'} and 1 --save folder\n"
    )


def test_an_emptied_index_is_noticed(capsys, tmp_path):
    practice_three_times(capsys, tmp_path)
    rows, _ = history_rows(capsys)
    index().write_bytes(b"")
    assert history_rows(capsys) == (
        rows,
        f"note: the history database {index()} was unreadable; "
        f"rebuilt it from 2 sessions in {data_root() / 'sessions'} and 1 --save folder\n",
    )
    with sqlite3.connect(index()) as db:
        db.execute("delete from sessions")
    db.close()
    assert history_rows(capsys) == (rows, f"note: the history database {index()} did not list 3 sessions; added them\n")
    assert history_rows(capsys) == (rows, "")


@pytest.mark.parametrize(
    "damage",
    [
        "create table sessions (name text, score real)",
        "update sessions set dimensions = 'not json'",
        "insert into sessions values (1, 2, 3, 4, 5, 6, 7)",
        "drop table sessions",
    ],
    ids=["another layout", "a row of non-JSON", "a row of the wrong kinds", "no table"],
)
def test_a_damaged_index_is_rebuilt(capsys, tmp_path, damage):
    practice_three_times(capsys, tmp_path)
    rows, _ = history_rows(capsys)
    with sqlite3.connect(index()) as db:
        if damage.startswith("create"):
            db.execute("drop table sessions")
        db.execute(damage)
    db.close()
    rebuilt, err = history_rows(capsys)
    assert rebuilt == rows
    assert err.count("\n") == 1 and f"the history database {index()} " in err


def test_an_index_that_is_a_folder(capsys, tmp_path):
    practice_three_times(capsys, tmp_path)
    rows, _ = history_rows(capsys)
    index().unlink()
    index().mkdir()
    listed, err = history_rows(capsys)
    assert listed == rows
    assert err == f"note: cannot use the history database {index()} (is a folder); listed the session folders\n"


def test_a_read_only_data_folder(capsys, tmp_path, monkeypatch):
    with small_disk(tmp_path / "data") as disk:
        monkeypatch.setenv("XDG_DATA_HOME", str(disk))
        saved = practice_three_times(capsys, tmp_path)
        rows, _ = history_rows(capsys)
        index().unlink()
        read_only(disk)
        listed, err = history_rows(capsys)
        assert listed == rows
        assert err == (
            f"note: cannot use the history database {index()} (Read-only file system); listed the session folders\n"
        )
        result = run_cli(capsys, "practice", "--text", "--mute", "--save", str(saved.parent / "again"), stdin="Hi.\n")
        assert result.code == 0
        assert result.err == (
            f"note: cannot record the session in the history database {index()} (Read-only file system)\n"
        )
        assert (saved.parent / "again" / "report.json").exists()


def test_a_data_folder_that_is_a_file(capsys, tmp_path, monkeypatch):
    (tmp_path / "afile").write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "afile"))
    result = run_cli(capsys, "history")
    assert result.code == 0 and "No practice sessions yet" in result.out
    assert result.err == (
        f"note: cannot use the history database {index()} (Not a directory); listed the session folders\n"
    )
    result = run_cli(capsys, "practice", "--text", "--mute", stdin="Hi.\n")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Not a directory" in result.err


def test_history_html_into_a_missing_or_read_only_folder(capsys, tmp_path):
    missing = tmp_path / "nowhere" / "history.html"
    result = run_cli(capsys, "history", "--html", str(missing))
    assert (result.code, result.err) == (2, f"error: {missing}: cannot write (No such file or directory)\n")
    with small_disk(tmp_path / "disk") as disk:
        read_only(disk)
        result = run_cli(capsys, "history", "--html", str(disk / "history.html"))
        assert (result.code, result.err) == (
            2,
            f"error: {disk / 'history.html'}: cannot write (Read-only file system)\n",
        )
