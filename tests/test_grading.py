"""The grader on whole interviews: hire decisions, ranking against rated quality, evidence, tips, delivery."""

from __future__ import annotations

import json
import random

from interviewer.interview.reactions import spoken_summary
from interviewer.judge.grading import grade
from interviewer.personas.lines import default_lines
from interviewer.reports.text import grade_dict, markdown
from interviewer.transcript import read_transcript
from scripts.evaluation import spearman

from .conftest import TEST_DATA


def _dev_grades(dev_data):
    folder = dev_data / "dev_transcripts"
    expected = json.loads((folder / "expected.json").read_text())
    return expected, {name: grade(read_transcript(folder / f"{name}.txt")) for name in expected}


def test_every_dev_hire_decision_is_right(dev_data):
    expected, grades = _dev_grades(dev_data)
    wrong = {name: grades[name].score for name in expected if grades[name].hire != expected[name]["hire"]}
    assert wrong == {}


def test_scores_rank_like_the_rated_quality(dev_data):
    expected, grades = _dev_grades(dev_data)
    names = sorted(expected)
    rho = spearman([grades[n].score for n in names], [expected[n]["quality"] for n in names])
    assert rho >= 0.8


def test_no_ask_in_the_closing_is_no_hire_whatever_the_score(dev_data):
    _, grades = _dev_grades(dev_data)
    strong_but_silent = grades["d03"]
    assert strong_but_silent.score > strong_but_silent.pass_score
    assert not strong_but_silent.hire
    assert strong_but_silent.verdict.startswith("No hire: never asked for the job")
    asked_too_early = grades["d09"]
    assert not asked_too_early.hire
    assert asked_too_early.dimension("ask_job").evidence[0].stage == "qualifications"


def test_evidence_quotes_words_and_stage():
    result = grade(read_transcript(TEST_DATA / "interview.srt"))
    benefit = result.dimension("benefit")
    assert benefit.evidence[0].quote == (
        "I placed nurses for four years, so I already know the hospitals in your territory."
    )
    assert benefit.evidence[0].stage == "opening"
    assert result.dimension("ask_job").evidence[0].stage == "closing"
    assert result.dimension("feedback").tip.startswith("Before it is over, ask how you did")


def test_delivery_from_timed_turns():
    result = grade(read_transcript(TEST_DATA / "meeting.vtt", candidate="Sam Ortiz"))
    delivery = result.delivery
    # 46 words in 8.8 + 6 + 4.4 = 19.2 s of speech; one "Um"; the longest wait is 2.0 s before the plan.
    assert delivery.speaking_seconds == 19.2
    assert delivery.words_per_minute == round(46 * 60 / 19.2, 1)
    assert delivery.fillers_per_minute == round(60 / 19.2, 1)
    assert delivery.longest_pause == 2.0


def test_plain_text_has_no_delivery_figures(dev_data):
    assert grade(read_transcript(dev_data / "dev_transcripts" / "d01.txt")).delivery is None


def test_reports_carry_score_verdict_and_tips():
    result = grade(read_transcript(TEST_DATA / "zoom_style.vtt", candidate="Sam Ortiz"))
    as_json = grade_dict(result)
    assert as_json["hire"] is False
    assert set(as_json["dimensions"]) == {"soft_closing", "benefit", "future", "feedback", "ask_job"}
    assert as_json["dimensions"]["benefit"]["evidence"][0]["stage"] == "opening"
    text = markdown(result, "zoom_style")
    assert "**Score" in text and "## Tips" in text and "I want this job." in text
    said = " ".join(spoken_summary(result, default_lines(), random.Random(0)))
    assert f"You scored {result.score} out of 100" in said and "not move you forward" in said


def test_pass_score_can_be_raised():
    transcript = read_transcript(TEST_DATA / "interview.srt")
    assert grade(transcript).hire
    assert not grade(transcript, pass_score=100).hire
