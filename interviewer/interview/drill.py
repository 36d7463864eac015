"""A drill: short rounds aimed at one rubric dimension. Each round asks a question, says what it heard,
whether the move the dimension counts was there (quoting it) or not (with the method's own pattern to
try), and offers one retry. At the end: how many answers made the move on the first try, and how many
after the retry. Asks through a Speaker, hears through a Listener, keeps its record in a SessionSink,
like the interview; what it says lives in interviewer/personas/data/lines.toml."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..judge.grading import Grade, default_rubric, grade
from ..judge.tagger_cache import tagger_for
from ..judge.tagging import Tagged, Tagger
from ..personas.format import Persona
from ..personas.lines import Lines, default_lines
from ..ports import SILENCE, UNINTELLIGIBLE, Listener, SessionSink, Speaker
from ..stages import QUESTION_STAGES
from ..transcript import CANDIDATE, INTERVIEWER, Transcript, Turn
from .record import TurnRecord
from .variety import draw

FOCUSES = tuple(d["name"] for d in default_rubric().dimensions)
ROUNDS = 3
_STOP, _SKIP = "stop", "skip"


@dataclass
class DrillResult:
    focus: str
    first_tries: list[bool] = field(default_factory=list)  # per round: the move made on the first try
    finals: list[bool] = field(default_factory=list)  # per round: made by the end of the round
    stopped: bool = False

    @property
    def before(self) -> int:
        return sum(self.first_tries)

    @property
    def after(self) -> int:
        return sum(self.finals)


class Drill(TurnRecord):
    """Rounds aimed at `focus` (a rubric dimension's name). Collaborators come in keyword-only."""

    def __init__(
        self,
        persona: Persona,
        focus: str,
        *,
        speaker: Speaker,
        listener: Listener,
        seed: int = 0,
        rounds: int = ROUNDS,
        heard: frozenset[str] = frozenset(),
        session: SessionSink | None = None,
        tagger: Tagger | None = None,
        lines: Lines | None = None,
    ):
        self.persona, self.focus = persona, focus
        self.speaker, self.listener, self.session = speaker, listener, session
        self.rng, self.rounds, self.heard = random.Random(seed), rounds, heard
        self.tagger = tagger or tagger_for(persona.tag_phrases)
        self.lines = (lines or default_lines()).with_overrides(persona.reactions)
        self.spec = next(d for d in default_rubric().dimensions if d["name"] == focus)
        self.stage = "closing" if focus == "ask_job" else "role_fit"  # the job is asked for in the closing
        self.turns: list[Turn] = []
        self.tagged: list[Tagged | None] = []
        self.drilled = DrillResult(focus)
        self.result: Grade | None = None  # the rubric over the answers that stand (retried ones left out)

    @property
    def state(self) -> str:
        """As an interview's: "ended" when stopped early, else "graded" once run."""
        return "ended" if self.drilled.stopped else "graded"

    def run(self) -> Grade:
        """The rounds, then the before and after; returns the grade of the answers that stand (the counts
        are in `drilled`)."""
        title = self.spec["title"].lower()
        self._say(self.lines.pick("drill_intro", self.rng, dimension=title, tip=self.spec["tip"]))
        try:
            for question in self._questions():
                if not self._round(question):
                    self.drilled.stopped = True
                    break
        except KeyboardInterrupt:
            self.drilled.stopped = True
        total = str(len(self.drilled.finals))
        fields = {"dimension": title, "before": str(self.drilled.before), "after": str(self.drilled.after)}
        self._say(self.lines.pick("drill_summary", self.rng, total=total, **fields))
        self._finish()
        return self.result

    def _questions(self) -> list[str]:
        if self.focus == "ask_job":
            return [self.persona.invitation] * self.rounds
        pool = [q for stage in QUESTION_STAGES for q in self.persona.questions[stage]] + list(self.persona.objections)
        return draw(pool, self.rounds, self.rng, self.heard)

    def _round(self, question: str) -> bool:
        """One question, feedback, and one retry when the move was missing. False when told to stop."""
        self._say(question)
        first = self._answer(question)
        if first in (_STOP, None):
            return first is None
        made = self._made_move(first)
        self.drilled.first_tries.append(made)
        if not made:
            self._say(self.lines.pick("drill_retry", self.rng, question=question))
            again = self._answer(question)
            if again == _STOP:
                self.drilled.finals.append(False)
                return False
            if isinstance(again, int):
                self._withdraw(first)
                made = self._made_move(again)
        self.drilled.finals.append(made)
        return True

    def _answer(self, question: str) -> int | str | None:
        """The turn index of an answer, _STOP, or None (skipped, or nothing heard after a re-prompt)."""
        misses = 0
        while misses < 3:
            heard = self.listener.listen()
            if heard.kind in (SILENCE, UNINTELLIGIBLE):
                misses += 1
                line = "reprompt" if heard.kind == SILENCE else "say_again"
                self._say(self.lines.pick(line, self.rng, question=question))
                continue
            tagged = self.tagger.tag(heard.text)  # the reply's one canonical form, shared from here on
            command = self.lines.command_of(" ".join(tagged.words))
            if command == _STOP:
                self._say(self.lines.pick("stopping", self.rng))
                return _STOP
            if command == _SKIP:
                self._say(self.lines.pick("skipped", self.rng))
                return None
            if command in ("repeat", "retry", "pause", "resume"):  # a drill has no pause: the question again
                self._say(question)
                continue
            return self._record(heard.text, tagged)
        self._say(self.lines.pick("moving_on", self.rng))
        return None

    def _made_move(self, index: int) -> bool:
        """Say what was heard and whether it made the move, quoting it, or how it could."""
        tagged = self.tagged[index]
        self._say(self.lines.pick("drill_heard", self.rng, heard=self.turns[index].text))
        evidence = next((m.sentence for m in tagged.matches if m.tag == self.spec["tag"]), None)
        title = self.spec["title"].lower()
        if evidence is None:
            self._say(self.lines.pick("drill_missed", self.rng, dimension=title, tip=self.spec["tip"]))
            return False
        self._say(self.lines.pick("drill_made", self.rng, dimension=title, evidence=evidence))
        return True

    def _record(self, text: str, tagged: Tagged) -> int:
        turn = Turn(CANDIDATE, text.strip(), stage=self.stage, label="Candidate")
        self._append(turn, tagged)
        return len(self.turns) - 1

    def _say(self, text: str) -> None:
        self.speaker.say(text)
        self._append(Turn(INTERVIEWER, text, stage=self.stage, label="Interviewer"), None)

    def _finish(self) -> None:
        kept = self.graded_turns()
        turns, tagged = [t for t, _ in kept], [g for _, g in kept]
        transcript = Transcript("drill", tuple(turns))
        self.result = grade(transcript, tagger=self.tagger, tagged=tagged, pass_score=self.persona.pass_score)
        self._finish_session(self.result, ended_early=self.drilled.stopped)
