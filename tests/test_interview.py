"""The interview's reactions, through hand-written fakes at the device seam: what the interviewer says,
where the machine ends, what is kept."""

from __future__ import annotations

import dataclasses
import json

import pytest

from interviewer.interview.engine import Interview
from interviewer.personas.format import load_persona
from interviewer.ports import Heard
from interviewer.reports.session_reports import ReportedSession
from interviewer.sessions.log import SessionLog

from .fakes import GoesOn, QueueListener, RecordingSpeaker

BUILT_IN = load_persona("default")
# The built-in interviewer held still: the first questions of each stage in order, one objection, and the
# follow-ups for a missing number, plan or length only, so every test here knows what comes next. The draw
# and the claim and benefit follow-ups have their own tests (test_practice_variety.py, test_attentive.py).
_KEPT_FOLLOW_UPS = {"Can you put a number on that?", "What would you actually do differently here", "Say more about"}
PERSONA = dataclasses.replace(
    BUILT_IN,
    questions={
        "opening": BUILT_IN.questions["opening"][:1],
        "qualifications": BUILT_IN.questions["qualifications"][:2],
        "role_fit": BUILT_IN.questions["role_fit"][:1],
        "closing": BUILT_IN.questions["closing"],
    },
    objections=BUILT_IN.objections[:1],
    sample={},
    objections_sample=0,
    follow_ups=tuple(f for f in BUILT_IN.follow_ups if any(f.say.startswith(k) for k in _KEPT_FOLLOW_UPS)),
)
OPENING_Q = PERSONA.questions["opening"][0]
QUAL_1, QUAL_2 = PERSONA.questions["qualifications"]
ROLE_FIT_Q = PERSONA.questions["role_fit"][0]
OBJECTION = PERSONA.objections[0]

# Full answers that trigger no follow-up, one per prompt up to the closing.
SOLID = [
    "I've sold scheduling software for five years, about 120 percent of quota last year.",
    "Outbound mostly, sixty calls a day, and forty percent of my pipeline is self-sourced.",
    "A 200 thousand dollar hospital deal, won by running a pilot at one site first.",
    "In my first month I'd call every dormant account, and by day ninety I'd have 3x pipeline.",
    "I'd offer every skeptical director a two-week pilot on one site with their own schedules.",
]


def interview(replies, persona=PERSONA, **kwargs):
    speaker = RecordingSpeaker()
    listener = QueueListener().enqueue(replies)
    session = Interview(persona, speaker=speaker, listener=listener, seed=1, **kwargs)
    session.run()
    return session, speaker.lines


def said_after(lines, line):
    return lines[lines.index(line) + 1]


def test_stages_in_order_and_the_grade_spoken_at_the_end():
    session, lines = interview(SOLID + ["How did I do? What's the next step?"])
    stages = list(dict.fromkeys(t.stage for t in session.turns))
    assert stages == ["opening", "qualifications", "role_fit", "closing", "graded"]
    assert session.state == "graded"
    assert lines[0] == PERSONA.greeting
    assert lines[-2].startswith(f"You scored {session.result.score} out of 100.")
    assert lines[-1] == PERSONA.farewell


def test_the_objection_is_raised_in_role_fit():
    session, _ = interview(SOLID)
    objection = next(t for t in session.turns if t.text == OBJECTION)
    assert objection.stage == "role_fit"


def test_a_soft_close_is_acknowledged():
    _, lines = interview([SOLID[0] + " Does that answer your question?"])
    assert said_after(lines, OPENING_Q) in PERSONA.reactions["acknowledge"]


def test_a_candidate_question_gets_the_persona_answer_or_a_deferral():
    _, lines = interview([SOLID[0] + " How big is the team?"])
    assert said_after(lines, OPENING_Q).startswith("There are nine account executives")
    _, lines = interview([SOLID[0] + " Is there free parking?"])
    assert said_after(lines, OPENING_Q).startswith("Good question. I don't have the detail")


def test_follow_ups_when_an_answer_lacks_a_number_or_is_short():
    _, lines = interview(["I like people.", "Five years of it.", "Referrals, 30 partners."])
    assert (
        said_after(lines, OPENING_Q) == "Can you put a number on that? Quota, attainment, deal size, anything concrete."
    )
    assert said_after(lines, QUAL_1) == "Say more about that."


def test_each_follow_up_is_asked_once():
    _, lines = interview(["Sales.", "More sales.", "Referrals.", "Cold calls.", "A big one."])
    assert lines.count("Say more about that.") == 1
    assert lines.count("Can you put a number on that? Quota, attainment, deal size, anything concrete.") == 1


def test_feedback_request_is_answered_from_the_live_grade():
    replies = [
        "I've sold HR software for years, which will help me with the buyers you sell to. How am I doing so far?"
    ]
    _, lines = interview(replies)
    answer = said_after(lines, OPENING_Q)
    assert answer.startswith("Honest answer? So far you tie your experience to this role.")
    assert answer.endswith("What I haven't heard enough of is you checking whether your answers land with me.")


def test_closing_nudges_once_when_the_job_was_not_asked_for():
    _, lines = interview(SOLID + ["What does success look like in the first year?", "No, that's all."])
    assert lines.count(PERSONA.nudge) == 1
    assert said_after(lines, PERSONA.invitation).startswith("Hitting your ramped quota")


def test_no_nudge_when_the_job_was_asked_for_and_the_next_step_is_given():
    _, lines = interview(SOLID + ["I want this job. What's the next step?"])
    assert PERSONA.nudge not in lines
    assert said_after(lines, PERSONA.invitation) == PERSONA.next_step


def test_repeat_skip_pause_and_resume():
    _, lines = interview(["could you repeat the question i lost you four a second", "skip", "pause", "resume", "stop"])
    assert lines[1:3] == [OPENING_Q, OPENING_Q]
    assert lines[3] == "Sure, let's skip that one."
    assert lines[4] == QUAL_1
    assert lines[5] == "Sure, we can pause. Say resume when you're ready."
    assert lines[6] == f"Welcome back. Where were we? {QUAL_1}"
    assert lines[7] == "Okay, we'll stop here."


def test_stop_ends_the_interview_early_with_a_grade():
    session, lines = interview(["stop the interview"])
    assert session.state == "ended"
    assert session.result is not None and session.result.hire is False
    assert lines[-1] == "Okay, we'll stop here."


def test_answers_that_contain_command_words_are_answers():
    session, lines = interview(["I'd skip the small talk and stop by every site in person in my first week."])
    assert session.turns[2].speaker == "candidate"
    assert "Sure, let's skip that one." not in lines
    assert session.state == "graded"


def test_silence_reprompts_once_then_moves_on():
    _, lines = interview([Heard.silence(), Heard.silence()])
    assert lines[2] == f"Take your time. I'll ask again: {OPENING_Q}"
    assert lines[3] == "Let's move on."
    assert lines[4] == QUAL_1


def test_unintelligible_speech_is_asked_again_at_most_twice():
    _, lines = interview([Heard.unintelligible()] * 3)
    assert [line.startswith("Sorry") for line in lines[2:4]] == [True, True]
    assert lines[4] == "Let's move on."


def test_a_silent_candidate_still_gets_to_the_grade():
    session, _ = interview([])
    assert session.state == "graded"
    assert session.result.score == 0 and not session.result.hire


def test_rambling_is_cut_off_when_the_persona_says_so():
    terse = dataclasses.replace(PERSONA, max_answer_words=20)
    _, lines = interview([" ".join(["blah"] * 30)], persona=terse)
    assert said_after(lines, OPENING_Q) == "Let me stop you there. What's the short version?"


def test_ctrl_c_keeps_the_transcript_and_marks_the_report(tmp_path):
    session_log = ReportedSession(SessionLog.create(tmp_path / "s", "Morgan", {}), PERSONA)
    session, _ = interview([SOLID[0], KeyboardInterrupt], session=session_log)
    session_log.close()
    assert session.interrupted and session.state == "ended"
    rows = [json.loads(line) for line in (tmp_path / "s" / "transcript.jsonl").read_text().splitlines()]
    assert [r["text"] for r in rows if r["speaker"] == "candidate"] == [SOLID[0]]
    assert "(ended early)" in (tmp_path / "s" / "report.md").read_text()
    assert json.loads((tmp_path / "s" / "report.json").read_text())["ended_early"] is True


def test_every_turn_is_on_disk_as_it_happens(tmp_path):
    session_log = ReportedSession(SessionLog.create(tmp_path / "s", "Morgan", {"persona": "Morgan"}), PERSONA)
    listener = QueueListener().enqueue([SOLID[0]])
    seen = []
    original = listener.listen

    def listen_and_look():
        seen.append(len((tmp_path / "s" / "transcript.jsonl").read_text().splitlines()))
        return original()

    listener.listen = listen_and_look
    Interview(PERSONA, speaker=RecordingSpeaker(), listener=listener, session=session_log).run()
    assert seen[:2] == [2, 4]  # greeting + question; then answer + next question, before each listen


def test_same_seed_same_interview():
    first, _ = interview(SOLID + ["How did I do?"])
    second, _ = interview(SOLID + ["How did I do?"])
    assert [t.text for t in first.turns] == [t.text for t in second.turns]


@pytest.mark.parametrize("reply", ["repeat", "say that again"])
def test_short_repeat_commands(reply):
    _, lines = interview([reply])
    assert lines[2] == OPENING_Q


def _transcript_rows(folder):
    return [json.loads(line) for line in (folder / "transcript.jsonl").read_text().splitlines()]


def test_a_candidate_who_goes_on_keeps_the_answer_whole_and_the_reply_is_taken_back(tmp_path):
    """The turn was taken after "five years." and the interviewer started its follow-up; the candidate went
    on: the follow-up is taken back (in memory and on disk) and the whole answer answered."""
    speaker = RecordingSpeaker()
    listener = QueueListener(speaker).enqueue(
        ["I've sold scheduling software for five years.", GoesOn("About 120 percent of quota last year."), *SOLID[1:]]
    )
    session_log = ReportedSession(SessionLog.create(tmp_path / "s", "Morgan", {}), PERSONA)
    session = Interview(PERSONA, speaker=speaker, listener=listener, seed=1, session=session_log)
    session.run()
    session_log.close()
    whole = "I've sold scheduling software for five years. About 120 percent of quota last year."
    taken_back = said_after(speaker.lines, OPENING_Q)
    assert taken_back == "Say more about that."  # asked of the short first half, then stopped
    texts = [turn.text for turn in session.turns]
    assert texts[texts.index(OPENING_Q) + 1 : texts.index(OPENING_Q) + 3] == [whole, QUAL_1]
    assert taken_back not in texts
    assert [row["text"] for row in _transcript_rows(tmp_path / "s")] == texts


def test_going_on_after_the_last_answer_is_graded_whole():
    """The grade waits out the end silence of the last answer: what the candidate adds is in it."""
    speaker = RecordingSpeaker()
    last = GoesOn("I want this job. What's the next step?")
    listener = QueueListener(speaker).enqueue([*SOLID, "Thanks, this was a good talk.", "I enjoyed it.", last])
    session = Interview(PERSONA, speaker=speaker, listener=listener, seed=1)
    result = session.run()
    answers = [(turn.text, tags) for turn, tags in zip(session.turns, session.tagged, strict=True) if tags]
    assert answers[-1][0] == f"I enjoyed it. {last}"
    assert "ask_job" in answers[-1][1].tags and result.hire
    assert speaker.lines[-1] == PERSONA.farewell
