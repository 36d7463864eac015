"""`interviewer drill` through the real command, tagger and session folders: the dimension drilled (named,
or the weakest of the recent interviews), feedback after each answer, a retry that stands, the before and
after, and the session kept in the history."""

from __future__ import annotations

import json
from pathlib import Path

from interviewer.interview.drill import Drill
from interviewer.personas.format import load_persona
from interviewer.sessions.heard import weakest_recent
from interviewer.sessions.history import History
from interviewer.sessions.index import Session

from .cli_helpers import run_cli
from .fakes import QueueListener, RecordingSpeaker

PERSONA = load_persona("default")
PLAIN = "I've sold scheduling software to restaurant groups for five years."
LINKED = PLAIN.rstrip(".") + ", which will help me sell to your operations buyers from day one."


def session(persona: str, **dimensions: int) -> Session:
    scores = {"soft_closing": 50, "benefit": 50, "future": 50, "feedback": 50, "ask_job": 50} | dimensions
    return Session("/nowhere", "2026-01-01T00:00:00", persona, 50, False, False, scores)


def test_the_weakest_dimension_is_the_lowest_mean_over_the_last_three_interviews_drills_left_out():
    sessions = [session("Morgan Reyes", future=0)] + [session("Morgan Reyes", benefit=10)] * 3
    sessions.append(session("Morgan Reyes (drill: soft_closing)", soft_closing=0))
    assert weakest_recent(sessions) == "benefit"
    assert weakest_recent([]) is None


def test_a_missed_move_gets_the_pattern_and_a_retry_that_stands():
    speaker = RecordingSpeaker()
    drill = Drill(PERSONA, "benefit", speaker=speaker, listener=QueueListener().enqueue([PLAIN, LINKED]), rounds=1)
    grade = drill.run()
    assert f"I heard: {PLAIN}" in speaker.lines
    assert any(
        line.startswith("That didn't count for benefit translation yet. Turn every fact") for line in speaker.lines
    )
    assert f'That counts for benefit translation: "{LINKED}"' in speaker.lines
    assert [t.text for t in drill.turns if t.withdrawn] == [PLAIN]
    assert (drill.drilled.before, drill.drilled.after) == (0, 1)
    assert grade.dimension("benefit").score > 0


def test_a_move_made_at_once_gets_no_retry():
    speaker = RecordingSpeaker()
    drill = Drill(PERSONA, "benefit", speaker=speaker, listener=QueueListener().enqueue([LINKED]), rounds=1)
    drill.run()
    assert not any(line.startswith("Try it again.") for line in speaker.lines)
    assert (drill.drilled.before, drill.drilled.after) == (1, 1)


def test_the_ask_job_drill_asks_the_closing_invitation_and_grades_in_the_closing():
    speaker = RecordingSpeaker()
    ask = "I want this job. What days should I keep open for the next interview?"
    drill = Drill(PERSONA, "ask_job", speaker=speaker, listener=QueueListener().enqueue([ask]), rounds=1)
    grade = drill.run()
    assert speaker.lines[1] == PERSONA.invitation
    assert grade.dimension("ask_job").score == 1.0


def test_drill_by_default_aims_at_the_weakest_dimension_and_is_kept_in_the_history(capsys):
    interview_answers = "\n".join([LINKED + " Does that answer your question?"] * 8) + "\n"
    assert run_cli(capsys, "practice", "--text", "--mute", stdin=interview_answers).code == 0
    weakest = weakest_recent(History().all())
    done = run_cli(capsys, "drill", "--text", "--mute", "--rounds", "2", stdin="stop\n")
    assert done.code == 0, done.err
    assert f"{weakest}: 0/0 on the first try" in done.out
    sessions = History().all()
    assert len(sessions) == 2 and sessions[-1].persona == f"Morgan Reyes (drill: {weakest})"
    folder = Path(sessions[-1].folder)
    assert json.loads((folder / "session.json").read_text())["focus"] == weakest


def test_drill_with_a_focus_keeps_the_withdrawn_answer_in_its_transcript(capsys):
    done = run_cli(
        capsys, "drill", "--text", "--mute", "--focus", "benefit", "--rounds", "1", stdin=f"{PLAIN}\n{LINKED}\n"
    )
    assert done.code == 0, done.err
    assert "benefit: 0/1 on the first try, 1/1 by the end" in done.out
    folder = Path(History().all()[-1].folder)
    rows = [json.loads(line) for line in (folder / "transcript.jsonl").read_text().splitlines()]
    assert PLAIN in [r.get("text") for r in rows] and any("withdraws" in r for r in rows)
    assert json.loads((folder / "report.json").read_text())["dimensions"]["benefit"]["score"] > 0


def test_an_unknown_focus_is_one_line_and_exit_2(capsys):
    done = run_cli(capsys, "drill", "--text", "--focus", "closing")
    assert done.code == 2
    assert done.err.count("\n") == 1 and "closing" in done.err and "Traceback" not in done.err
