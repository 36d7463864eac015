"""How the interviewer answers what the candidate just said: their questions, their requests for
feedback, and what an answer lacked. Pure: decides words, never speaks them."""

from __future__ import annotations

import random
import re

from rapidfuzz import fuzz, process

from ..judge.grading import Grade
from ..judge.normalize import canonical
from ..judge.tagging import Tagged
from ..personas.format import FollowUp, Persona
from ..personas.lines import Lines

_QUESTION_START = re.compile(
    r"^(?:so |and |but |okay |also )?(?:what|how|who|when|where|why|which|is|are|does|do|can|could|will|would)\b"
)
# "Does that work?", "Is that clear?": a check on the answer just given, never a question for the interviewer.
_ABOUT_THE_ANSWER = re.compile(r"^(?:so |and |but )?(?:does|did|is|was|would|will|can|could|do) (?:that|this|it)\b")
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion|percent|dozen|half|double|triple)\b",
    re.IGNORECASE,
)
_STOPWORDS = set(
    "a an the is are was were do does did what how who when where why which i you your we our it its of to in on "
    "for with and or so this that there here can could would will be like look looks me my about any".split()
)
_ANSWER_CUTOFF = 70.0
_SHORT_ANSWER_WORDS = 12


def candidate_questions(tagged: Tagged) -> list[tuple[str, str]]:
    """The questions the candidate asked the interviewer (a soft close or an ask is not one), each as
    (sentence, its canonical words)."""
    moves = {m.sentence for m in tagged.matches}
    found = []
    for sentence, words in zip(tagged.sentences, tagged.words, strict=True):
        is_question = sentence.rstrip().endswith("?") or (
            not re.search(r"[.?!]", sentence) and _QUESTION_START.match(words)
        )
        if is_question and sentence not in moves and not _ABOUT_THE_ANSWER.match(words):
            found.append((sentence, words))
    return found


def question_answer(tagged: Tagged, persona: Persona, lines: Lines, rng: random.Random) -> str | None:
    """The persona's answers to the candidate's questions; a polite deferral when it has none of them."""
    questions = candidate_questions(tagged)
    if not questions:
        return None
    keys = [_content(canonical(a.question)) for a in persona.answers]
    answers: list[str] = []
    for _, words in questions:
        asked = _content(words)
        best = (
            process.extractOne(asked, keys, scorer=fuzz.token_set_ratio, score_cutoff=_ANSWER_CUTOFF) if asked else None
        )
        if best is not None and persona.answers[best[2]].say not in answers:
            answers.append(persona.answers[best[2]].say)
    return " ".join(answers) if answers else lines.pick("unknown_question", rng)


def feedback_answer(live: Grade, lines: Lines, rng: random.Random) -> str:
    """Answer "How am I doing?" from the grade so far: the best dimension and the weakest, in words."""
    specs = {d["name"]: d for d in _rubric_dimensions()}
    weakest = live.weakest()
    if weakest.score >= 1.0:
        return lines.pick("feedback_all_good", rng)
    # Asking for feedback is what the candidate is doing right now; it is no strength to report back.
    others = [d for d in live.dimensions if d.name != "feedback"]
    best = max(others, key=lambda d: (d.score * d.weight, d.weight))
    strength = specs[best.name]["strength"] if best.score > 0 else lines.pick("answered_everything", rng)
    return lines.pick("feedback", rng, strength=strength, gap=specs[weakest.name]["gap"])


def spoken_summary(result: Grade, lines: Lines, rng: random.Random) -> list[str]:
    """What the interviewer says at the end: the score, the decision and why, and the one thing to fix first."""
    said = [lines.pick(f"summary_{result.outcome}", rng, score=str(result.score), threshold=str(result.pass_score))]
    weakest = result.weakest()
    if weakest.tip:
        said.append(lines.pick("biggest_gain", rng, dimension=weakest.title.lower(), tip=weakest.tip))
    return said


def choose_follow_up(
    persona: Persona, stage: str, text: str, tags: tuple[str, ...], used: set[int]
) -> tuple[int, FollowUp] | None:
    """The first unused follow-up whose trigger this answer meets (each is asked once per interview)."""
    lacks = {
        "no_number": not _NUMBER.search(text),
        "no_benefit": "benefit" not in tags,
        "no_plan": "future" not in tags,
        "short": len(text.split()) < _SHORT_ANSWER_WORDS,
    }
    for index, follow in enumerate(persona.follow_ups):
        if index in used or (follow.stage and follow.stage != stage) or stage == "closing":
            continue
        if lacks[follow.when]:
            return index, follow
    return None


def _content(words: str) -> str:
    """Canonical words less the words every question shares."""
    return " ".join(w for w in words.split() if w not in _STOPWORDS)


def _rubric_dimensions():
    from ..judge.grading import default_rubric

    return default_rubric().dimensions
