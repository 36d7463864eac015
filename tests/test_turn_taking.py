"""When the candidate's turn is over: a short pause after a hand-back, and after a finished statement when
the interview can take its reply back; the end silence otherwise; longer after a sentence left hanging."""

from __future__ import annotations

import pytest

from interviewer.interview.turn_taking import FINISHED_PAUSE, HAND_BACK_PAUSE, UNFINISHED_EXTRA, TurnTaking
from interviewer.judge.tagging import default_tagger

END = 1.2
COMPLETE = (
    "I sold scheduling software for five years. Last year I finished at a hundred and twenty percent of quota, "
    "top of a team of nine."
)


@pytest.mark.parametrize(
    ("said", "pause"),
    [
        ("I've sold payroll software for five years. Does that answer your question?", HAND_BACK_PAUSE),
        ("I am the right fit here, does that make sense", HAND_BACK_PAUSE),  # a soft close without its "?"
        ("What does the team look like?", HAND_BACK_PAUSE),  # a question to the interviewer
        (COMPLETE, FINISHED_PAUSE),
        ("I sold scheduling software to hospitals and hotels for five years, mostly outbound.", FINISHED_PAUSE),
        ("I sold software for five years.", END),  # finished, but too short to be a complete answer
        ("and then I", END + UNFINISHED_EXTRA),
        ("So what I'd do is...", END + UNFINISHED_EXTRA),
        ("My first step would be to call every account,", END + UNFINISHED_EXTRA),
        ("", END + UNFINISHED_EXTRA),  # nothing recognized yet
    ],
)
def test_the_pause_that_ends_a_turn(said, pause):
    assert TurnTaking(default_tagger(), END, yields=True).pause_to_end(said) == pytest.approx(pause)


def test_a_listener_that_cannot_yield_ends_statements_only_at_the_end_silence():
    policy = TurnTaking(default_tagger(), END)
    assert policy.pause_to_end(COMPLETE) == END
    assert policy.pause_to_end("Does that answer your question?") == HAND_BACK_PAUSE


def test_no_cue_waits_longer_than_a_short_configured_end_silence():
    policy = TurnTaking(default_tagger(), 0.5, yields=True)
    assert policy.pause_to_end(COMPLETE) == 0.5
    assert policy.pause_to_end("Does that answer your question?") == HAND_BACK_PAUSE
