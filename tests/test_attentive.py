"""The attentive interviewer, through the real engine, tagger and grader with fakes at the device seam:
a stated number picked up in the candidate's words, follow-ups for the missing benefit and plan, a
greeting or an off-topic reply asked again, every question of a turn answered, a question about concerns
answered from the live grade, and a retry that the grade follows."""

from __future__ import annotations

import dataclasses
import json

import pytest

from interviewer.errors import PersonaError
from interviewer.interview.claims import stated_claim
from interviewer.interview.engine import Interview
from interviewer.personas.format import FollowUp, load_persona, parse_persona
from interviewer.reports.session_reports import ReportedSession
from interviewer.sessions.log import SessionLog
from interviewer.transcript import read_transcript

from .fakes import QueueListener, RecordingSpeaker

BUILT_IN = load_persona("default")
# One question per stage and no objection, so each test knows which prompt an answer meets.
PERSONA = dataclasses.replace(
    BUILT_IN,
    questions={stage: questions[:1] for stage, questions in BUILT_IN.questions.items()},
    sample={},
    objections=(),
    objections_sample=0,
)
OPENING_Q, QUAL_Q, ROLE_Q = (PERSONA.questions[s][0] for s in ("opening", "qualifications", "role_fit"))
STRONG = "I've sold scheduling software for five years, which will help me here. Does that answer your question?"


def interview(replies, persona=PERSONA, seed=1, **kwargs):
    speaker = RecordingSpeaker()
    session = Interview(persona, speaker=speaker, listener=QueueListener().enqueue(replies), seed=seed, **kwargs)
    session.run()
    return session, speaker.lines


def said_after(lines, line):
    return lines[lines.index(line) + 1]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("I hit a hundred and twenty percent of quota last year", "a hundred and twenty percent"),
        ("I closed 45 deals in 2023", "45 deals"),
        ("I was 130% to plan", "130%"),
        ("then a two hundred thousand dollar order", "two hundred thousand dollar order"),
        ("I sold copiers for five years", None),  # experience, not a claim
        ("by day ninety I'd have a pipeline", None),  # a date
        ("in 2023 I moved to software", None),
        ("hello there", None),
    ],
)
def test_the_claim_is_the_number_as_the_candidate_said_it(text, claim):
    assert stated_claim(text) == claim


CLAIM_OR_SHORT = (FollowUp("short", "Say more about that."), FollowUp("claim", "You said {claim}. Of what quota?"))


def test_a_stated_number_is_picked_up_in_the_candidates_words():
    persona = dataclasses.replace(PERSONA, follow_ups=CLAIM_OR_SHORT)
    _, lines = interview(["I finished at a hundred and twenty percent last year."], persona=persona)
    assert said_after(lines, OPENING_Q) == "You said a hundred and twenty percent. Of what quota?"


def test_a_claim_is_picked_up_only_in_place_of_a_follow_up_the_answer_would_get():
    persona = dataclasses.replace(PERSONA, follow_ups=CLAIM_OR_SHORT)
    long_answer = (
        "I finished at a hundred and twenty percent of a nine hundred thousand quota last year, mostly outbound."
    )
    _, lines = interview([long_answer], persona=persona)
    assert not any(line.startswith("You said") for line in lines)
    only_claims = dataclasses.replace(PERSONA, follow_ups=CLAIM_OR_SHORT[1:])
    _, lines = interview(["I finished at a hundred and twenty percent last year."], persona=only_claims)
    assert not any(line.startswith("You said") for line in lines)


def test_an_answer_with_no_link_to_the_role_gets_the_benefit_follow_up():
    ask = "How would that experience help you sell to operations leaders here at Brightline?"
    _, lines = interview([STRONG, "I mostly worked inbound leads from marketing and some referrals from customers."])
    assert said_after(lines, QUAL_Q) == ask


def test_an_answer_with_no_plan_gets_the_how():
    plan_asks = {f.say for f in PERSONA.follow_ups if f.when == "no_plan"}
    _, lines = interview([STRONG, STRONG, "I'd work really hard and get to know everyone on the team, honestly."])
    assert said_after(lines, ROLE_Q) in plan_asks


def test_a_greeting_gets_the_question_again_once():
    _, lines = interview(["Hello!", "Hi there."])
    assert said_after(lines, PERSONA.greeting) == OPENING_Q
    assert lines[2] == f"Hello to you too. Let me ask again: {OPENING_Q}"
    assert lines.count(f"Hello to you too. Let me ask again: {OPENING_Q}") == 1


def test_an_off_topic_reply_gets_the_question_again_and_a_terse_one_does_not():
    _, lines = interview(["My cat likes tuna."])
    assert lines[2] == f"Let's stay on the interview. {OPENING_Q}"
    _, lines = interview(["Sales, mostly."])
    assert not lines[2].startswith("Let's stay on the interview.")


def test_every_question_of_a_turn_is_answered():
    _, lines = interview(
        [STRONG + " What does the team look like? How is the commission structured? Is there parking?"]
    )
    reply = said_after(lines, OPENING_Q)
    assert "nine account executives" in reply and "fifty-fifty split" in reply
    assert reply.endswith(PERSONA.reactions.get("unknown_question", (None,))[0] or "the recruiter can get it to you.")


def test_a_question_about_concerns_is_answered_from_the_live_grade_and_counts_as_feedback():
    asked = "Mostly outbound. How am I doing so far? Is there anything that concerns you about my background?"
    session, lines = interview([STRONG.replace(" Does that answer your question?", ""), asked])
    reply = said_after(lines, QUAL_Q)
    assert reply.startswith("Fair question, and I'm glad you asked. My concern so far is ")
    assert "you checking whether your answers land with me" in reply  # no soft close yet: the weakest
    assert "recruiter" not in reply  # never taken for a question about the company
    assert session.result.dimension("feedback").score > 0


def test_a_soft_closer_hears_a_different_concern():
    asked = "How am I doing? Any concerns about my fit?"
    _, lines = interview([STRONG, asked])
    reply = said_after(lines, QUAL_Q)
    assert "My concern so far is" in reply and "answers land" not in reply


def test_a_retry_withdraws_the_answer_and_the_grade_uses_the_new_one(tmp_path):
    with_feedback = "Mostly outbound, sixty calls a day. How am I doing so far?"
    plain = "Mostly outbound, sixty calls a day, which is how I'd fill this territory."
    log = ReportedSession(SessionLog.create(tmp_path / "s", PERSONA.name, {}), PERSONA)
    retried, lines = interview([STRONG, with_feedback, "Let me try that again.", plain], session=log)
    log.close()
    kept, _ = interview([STRONG, with_feedback])
    assert f"Sure, take it again. {QUAL_Q}" in lines
    assert [t.text for t in retried.turns if t.withdrawn] == [with_feedback]
    assert retried.result.dimension("feedback").score == 0 < kept.result.dimension("feedback").score
    rows = [json.loads(line) for line in (tmp_path / "s" / "transcript.jsonl").read_text().splitlines()]
    withdrawn_at = next(i for i, t in enumerate(retried.turns) if t.withdrawn)
    assert with_feedback in [r.get("text") for r in rows] and {"withdraws": withdrawn_at} in rows
    reread = read_transcript(tmp_path / "s")
    assert with_feedback not in [t.text for t in reread.turns] and plain in [t.text for t in reread.turns]


def test_a_retry_before_any_answer_says_so_and_asks_again():
    _, lines = interview(["Let me try that again."])
    assert lines[2] == f"There's no answer to redo yet. {OPENING_Q}"


def test_a_claim_follow_up_may_only_say_its_claim():
    text = (load_persona("default").source and open(load_persona("default").source, encoding="utf-8").read()) + (
        '\n[[follow_up]]\nwhen = "claim"\nsay = "You said {amount}."\n'
    )
    with pytest.raises(PersonaError) as raised:
        parse_persona(text, "coach.toml")
    assert "follow_up[" in str(raised.value) and "unknown placeholder {amount}" in str(raised.value)


@pytest.mark.parametrize(
    "asked",
    [
        "Do you have any reservations about me?",
        "how am i doing so far is there anything that concerns you about my background",  # as a recognizer writes
    ],
)
def test_a_concern_question_is_answered_however_it_is_put(asked):
    _, lines = interview([STRONG, asked])
    assert "My concern so far is" in said_after(lines, QUAL_Q)


def test_mentioning_concerns_is_not_asking_about_them():
    _, lines = interview([STRONG, "My last customer had concerns about price, so I ran a pilot and won the deal."])
    assert not any("My concern so far" in line for line in lines)
