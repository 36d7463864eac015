"""How the interviewer answers what the candidate just said: their questions, their requests for
feedback, and what an answer lacked. Pure: decides words, never speaks them."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..judge.grading import Grade
from ..judge.normalize import canonical
from ..judge.tagging import Tagged
from ..personas.format import FOLLOW_UP_TRIGGERS, Persona
from ..personas.lines import Lines
from .claims import stated_claim
from .variety import pick_one

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


def question_answer(text: str, tagged: Tagged, persona: Persona, lines: Lines, rng: random.Random) -> str | None:
    """The persona's answer to each of the candidate's questions, and one polite deferral for those it has no
    answer to. Questions about the interviewer's concerns are left to concern_answer when it answers them."""
    answered_elsewhere = asks_about_concerns(text, tagged, lines)
    questions = [
        (q, words)
        for q, words in candidate_questions(tagged)
        if not (answered_elsewhere and lines.asks_about_concerns(q))
    ]
    if not questions:
        return None
    keys = [_content(canonical(a.question)) for a in persona.answers]
    answers: list[str] = []
    unanswered = False
    for _, words in questions:
        asked = _content(words)
        best = (
            process.extractOne(asked, keys, scorer=fuzz.token_set_ratio, score_cutoff=_ANSWER_CUTOFF) if asked else None
        )
        if best is None:
            unanswered = True
        elif persona.answers[best[2]].say not in answers:
            answers.append(persona.answers[best[2]].say)
    return " ".join(answers + [lines.pick("unknown_question", rng)] * unanswered)


def asks_about_concerns(text: str, tagged: Tagged, lines: Lines) -> bool:
    """The candidate asked what concerns the interviewer (the soft close the method teaches): a question
    naming concerns, or, in text without question marks (a recognizer's), a turn tagged as asking for
    feedback that names them ("I had concerns about the product" is neither)."""
    sentences = tagged.sentences
    if "?" in text:
        return any(lines.asks_about_concerns(s) for s in sentences if s.rstrip().endswith("?"))
    return "feedback" in tagged.tags and any(lines.asks_about_concerns(s) for s in sentences)


def concern_answer(live: Grade, stage: str, lines: Lines, rng: random.Random) -> str:
    """Answer "Anything that concerns you?" from the grade so far: the weakest dimension, voiced as a concern.
    Asking is what the candidate is doing right now, and the job is asked for in the closing, so neither is
    a concern before then."""
    specs = {d["name"]: d for d in _rubric_dimensions()}
    skip = {"feedback"} | ({"ask_job"} if stage != "closing" else set())
    open_points = [d for d in live.dimensions if d.name not in skip and d.score < 1.0]
    if not open_points:
        return lines.pick("no_concern", rng)
    weakest = min(open_points, key=lambda d: (d.score, -d.weight))
    return lines.pick("concern", rng, gap=specs[weakest.name]["gap"])


def is_off_topic(tagged: Tagged, topic_words: frozenset[str]) -> bool:
    """A short reply that has nothing to do with the interview: no tag, no number, and not one word of the
    interview's (`topic_words`: see topic_words_of)."""
    text = tagged.text
    if tagged.tags or _NUMBER.search(text) or len(text.split()) >= _SHORT_ANSWER_WORDS:
        return False
    said = set(_content(" ".join(tagged.words)).split())
    return bool(said) and not said & topic_words


def topic_words_of(persona: Persona, lines: Lines, question: str) -> frozenset[str]:
    """The words an on-topic reply shares with the interview: the question's, the persona's and `on_topic`."""
    texts = [question, persona.role_title, persona.role_summary, *persona.objections, *lines.cues["on_topic"]]
    texts += [q for stage in persona.questions.values() for q in stage] + [a.say for a in persona.answers]
    return frozenset(_content(canonical(" ".join(texts))).split())


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


@dataclass(frozen=True)
class FollowUpChoice:
    used: set[int]  # follow-ups asked already: each is asked once per interview
    rng: random.Random
    heard: frozenset[str] = frozenset()  # lines the candidate heard in recent sessions


def choose_follow_up(persona: Persona, stage: str, text: str, tags: tuple[str, ...], choice: FollowUpChoice):
    """(index, words) of the follow-up for what this answer claims or lacks most, or None. A stated number
    is picked up instead of a follow-up the persona would ask for what the answer lacks, never on its own,
    so a strong answer is left alone whatever number it states. Triggers are tried in the persona format's
    order; among a trigger's unused follow-ups one is drawn, an unheard one first."""
    if stage == "closing":
        return None
    claim = stated_claim(text)
    met = {
        "claim": claim is not None and "future" not in tags,  # a number in a plan is no claim yet
        "no_benefit": "benefit" not in tags,
        "no_plan": "future" not in tags,
        "no_number": not _NUMBER.search(text),
        "short": len(text.split()) < _SHORT_ANSWER_WORDS,
    }
    open_ones = {
        follow.say: (index, follow.when)
        for index, follow in enumerate(persona.follow_ups)
        if met[follow.when] and index not in choice.used and follow.stage in (None, stage)
    }
    if set(when for _, when in open_ones.values()) <= {"claim"}:
        return None  # a claim is picked up instead of asking for what the answer lacks, never on its own
    for trigger in FOLLOW_UP_TRIGGERS:
        candidates = {say: index for say, (index, when) in open_ones.items() if when == trigger}
        if candidates:
            say = pick_one(list(candidates), choice.rng, choice.heard)
            return candidates[say], say.format(claim=claim) if trigger == "claim" else say
    return None


def _content(words: str) -> str:
    """Canonical words less the words every question shares."""
    return " ".join(w for w in words.split() if w not in _STOPWORDS)


def _rubric_dimensions():
    from ..judge.grading import default_rubric

    return default_rubric().dimensions
