"""The live interview: the model the state machine drives. It asks through a Speaker, hears through a
Listener, tags each reply as it arrives, reacts like an interviewer, and keeps the transcript.

What it says lives in data (the persona and interviewer/personas/data/lines.toml); how it reacts lives in
interviewer/interview/reactions.py; the stages and their order in interviewer/interview/flow.py.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass

from ..judge.grading import Grade, grade
from ..judge.tagger_cache import tagger_for
from ..judge.tagging import Tagged, Tagger
from ..personas.format import Persona
from ..personas.lines import Lines, default_lines
from ..ports import SILENCE, UNINTELLIGIBLE, Clock, Heard, Listener, SessionSink, Speaker
from ..stages import STAGES
from ..transcript import CANDIDATE, INTERVIEWER, Transcript, Turn
from .flow import build_machine
from .reactions import choose_follow_up, feedback_answer, question_answer, spoken_summary

_PAUSE_LISTENS = 5  # silent listens while paused before picking up again by itself


@dataclass(frozen=True)
class Prompt:
    text: str
    kind: str  # question, objection, invitation, nudge, follow_up
    follows_up: bool = True  # may get a follow-up question


class Interview:
    """One interview, from greeting to grade. Collaborators come in keyword-only."""

    def __init__(
        self,
        persona: Persona,
        *,
        speaker: Speaker,
        listener: Listener,
        clock: Clock | None = None,
        seed: int = 0,
        session: SessionSink | None = None,
        tagger: Tagger | None = None,
        lines: Lines | None = None,
    ):
        self.persona = persona
        self.speaker, self.listener = speaker, listener
        self.clock = clock  # None: no timings (typed and scripted answers say nothing about delivery)
        self.rng = random.Random(seed)
        self.session = session
        self.tagger = tagger or tagger_for(persona.tag_phrases)
        self.lines = (lines or default_lines()).with_overrides(persona.reactions)
        self.turns: list[Turn] = []
        self.tagged: list[Tagged | None] = []
        self.queue: deque[Prompt] = deque()
        self.nudged = False
        self.used_follow_ups: set[int] = set()
        self.result: Grade | None = None
        self.interrupted = False
        build_machine(self)

    # -- predicates the machine asks -------------------------------------------------------------
    def is_stage_done(self) -> bool:
        return not self.queue and not self.needs_closing_nudge()

    def needs_closing_nudge(self) -> bool:
        return self.state == "closing" and not self.nudged and not self.asked_for_job_in_closing()

    def asked_for_job_in_closing(self) -> bool:
        return any(
            tags is not None and "ask_job" in tags.tags and turn.stage == "closing"
            for turn, tags in zip(self.turns, self.tagged, strict=True)
        )

    # -- stage callbacks -------------------------------------------------------------------------
    def on_enter_qualifications(self) -> None:
        self._load("qualifications")

    def on_enter_role_fit(self) -> None:
        first, *rest = self._questions("role_fit")
        self.queue.append(Prompt(first, "question"))
        self.queue.extend(Prompt(text, "objection") for text in self.persona.objections)
        self.queue.extend(Prompt(text, "question") for text in rest)

    def on_enter_closing(self) -> None:
        self.queue.append(Prompt(self.persona.invitation, "invitation", follows_up=False))
        self.queue.extend(Prompt(q, "question", follows_up=False) for q in self.persona.questions["closing"])

    def on_enter_graded(self) -> None:
        self._finish()
        self._say(self.lines.pick("summary_intro", self.rng))
        self._say(" ".join(spoken_summary(self.result, self.lines, self.rng)))
        self._say(self.persona.farewell)

    def on_enter_ended(self) -> None:
        self._finish()

    # -- running ---------------------------------------------------------------------------------
    def run(self) -> Grade:
        """Run to the end (or an early stop, or Ctrl-C) and return the grade. The transcript is on disk
        after every turn when a session log is attached."""
        try:
            if not self.turns:
                self._say(self.persona.greeting)
                self._load("opening")
            while self.state in STAGES:
                prompt = self._next_prompt()
                if prompt is None:
                    self.advance()
                else:
                    self._ask(prompt)
        except KeyboardInterrupt:
            self.interrupted = True
            if self.state in STAGES:
                self.stop()
        return self.result

    def live_grade(self) -> Grade:
        transcript = Transcript("live", tuple(self.turns))
        return grade(
            transcript,
            tagger=self.tagger,
            pass_score=self.persona.pass_score,
            tagged=self.tagged,
            weights=self.persona.weights,
        )

    def _load(self, stage: str) -> None:
        self.queue.extend(Prompt(q, "question") for q in self._questions(stage))

    def _questions(self, stage: str) -> list[str]:
        """The stage's questions in order, or the persona's `sample` of them drawn with the seed."""
        questions = list(self.persona.questions[stage])
        count = self.persona.sample.get(stage)
        return self.rng.sample(questions, count) if count else questions

    def _next_prompt(self) -> Prompt | None:
        if self.queue:
            return self.queue.popleft()
        if self.needs_closing_nudge():
            self.nudged = True
            return Prompt(self.persona.nudge, "nudge", follows_up=False)
        return None

    def _ask(self, prompt: Prompt) -> None:
        self._say(prompt.text)
        index = self._hear(prompt)
        if index is not None:
            self._react(index, prompt)

    def _hear(self, prompt: Prompt) -> int | None:
        """Listen until there is an answer (its turn index), or the prompt is given up on (None)."""
        silences = unclear = 0
        while self.state in STAGES:
            heard = self.listener.listen()
            if heard.kind == SILENCE:
                if silences:
                    self._say(self.lines.pick("moving_on", self.rng))
                    return None
                silences += 1
                self._say(self.lines.pick("reprompt", self.rng, question=prompt.text))
                continue
            if heard.kind == UNINTELLIGIBLE:
                if unclear == 2:
                    self._say(self.lines.pick("moving_on", self.rng))
                    return None
                unclear += 1
                self._say(self.lines.pick("say_again", self.rng))
                continue
            tagged = self.tagger.tag(heard.text)  # the reply's one canonical form, shared from here on
            command = self.lines.command_of(" ".join(tagged.words))
            if command is None:
                return self._record_answer(heard, tagged)
            if command == "repeat":
                self._say(prompt.text)
            elif command == "skip":
                self._say(self.lines.pick("skipped", self.rng))
                return None
            elif command == "pause":
                self._pause(prompt)
            elif command == "stop":
                self._say(self.lines.pick("stopping", self.rng))
                self.stop()
        return None

    def _pause(self, prompt: Prompt) -> None:
        self._say(self.lines.pick("paused", self.rng))
        for _ in range(_PAUSE_LISTENS):
            heard = self.listener.listen()
            command = self.lines.command_in(heard.text) if heard.text else None
            if command == "stop":
                self._say(self.lines.pick("stopping", self.rng))
                self.stop()
                return
            if command == "resume":
                break
        self._say(self.lines.pick("resumed", self.rng, question=prompt.text))

    def _react(self, index: int, prompt: Prompt) -> None:
        """React to the answer at turn `index`: the reply a real interviewer would give, if any, else maybe
        a follow-up question."""
        turn, tags = self.turns[index], self.tagged[index].tags
        reacted = False
        limit = self.persona.max_answer_words
        if limit and len(turn.text.split()) > limit:
            self._say(self.lines.pick("cut_off", self.rng))
            return
        if "feedback" in tags:
            self._say(feedback_answer(self.live_grade(), self.lines, self.rng))
            reacted = True
        if "ask_job" in tags:
            self._say(self.persona.next_step if self.state == "closing" else self.lines.pick("too_early", self.rng))
            reacted = True
        answer = question_answer(self.tagged[index], self.persona, self.lines, self.rng)
        if answer:
            self._say(answer)
            reacted = True
        if not reacted and "confirm" in tags:
            self._say(self.lines.pick("acknowledge", self.rng))
            reacted = True
        if not reacted and prompt.follows_up:
            found = choose_follow_up(self.persona, self.state, turn.text, tags, self.used_follow_ups)
            if found is not None:
                self.used_follow_ups.add(found[0])
                self._ask(Prompt(found[1].say, "follow_up", follows_up=False))

    # -- the transcript --------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        start = self._now()
        self.speaker.say(text)
        self._append(Turn(INTERVIEWER, text, stage=self.state, start=start, end=self._now(), label="Interviewer"), None)

    def _record_answer(self, heard: Heard, tagged: Tagged) -> int:
        timing = {"start": heard.start, "end": heard.end, "longest_gap": heard.longest_gap}
        turn = Turn(CANDIDATE, heard.text.strip(), stage=self.state, label="Candidate", **timing)
        self._append(turn, tagged)
        return len(self.turns) - 1

    def _now(self) -> float | None:
        return self.clock.now() if self.clock else None

    def _append(self, turn: Turn, tags: Tagged | None) -> None:
        self.turns.append(turn)
        self.tagged.append(tags)
        if self.session:
            self.session.append(turn, tags.tags if tags else None)

    def _finish(self) -> None:
        self.result = self.live_grade()
        if self.session:
            self.session.finish(self.result, ended_early=self.state == "ended", turns=self.turns, tagged=self.tagged)
