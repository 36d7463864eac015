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
from .going_on import Checkpoint, WentOn
from .reactions import (
    FollowUpChoice,
    asks_about_concerns,
    choose_follow_up,
    concern_answer,
    feedback_answer,
    is_off_topic,
    question_answer,
    spoken_summary,
    topic_words_of,
)
from .record import TurnRecord
from .variety import draw

_PAUSE_LISTENS = 5  # silent listens while paused before picking up again by itself


@dataclass(frozen=True)
class Prompt:
    text: str
    kind: str  # question, objection, invitation, nudge, follow_up
    follows_up: bool = True  # may get a follow-up question
    reasked: bool = False  # asked again after a greeting or an off-topic reply


class Interview(TurnRecord):
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
        heard: frozenset[str] = frozenset(),
    ):
        self.persona = persona
        self.speaker, self.listener = speaker, listener
        self.clock = clock  # None: no timings (typed and scripted answers say nothing about delivery)
        self.rng = random.Random(seed)
        self.heard = heard  # what the candidate heard in recent sessions: drawn last
        self.session = session
        self.tagger = tagger or tagger_for(persona.tag_phrases)
        self.lines = (lines or default_lines()).with_overrides(persona.reactions)
        self.turns: list[Turn] = []
        self.tagged: list[Tagged | None] = []
        self.queue: deque[Prompt] = deque()
        self.nudged = False
        self.used_follow_ups: set[int] = set()
        self.last_answer: tuple[int, Prompt] | None = None  # (turn index, what it answered): what a retry redoes
        self.result: Grade | None = None
        self.interrupted = False
        self.taken_early: Checkpoint | None = None  # the last answer, while the candidate may still go on
        self.machine = build_machine(self)

    # -- predicates the machine asks -------------------------------------------------------------
    def is_stage_done(self) -> bool:
        return not self.queue and not self.needs_closing_nudge()

    def needs_closing_nudge(self) -> bool:
        return self.state == "closing" and not self.nudged and not self.asked_for_job_in_closing()

    def asked_for_job_in_closing(self) -> bool:
        return any(
            tags is not None and "ask_job" in tags.tags and turn.stage == "closing"
            for turn, tags in self.graded_turns()
        )

    # -- stage callbacks -------------------------------------------------------------------------
    def on_enter_qualifications(self) -> None:
        self._load("qualifications")

    def on_enter_role_fit(self) -> None:
        first, *rest = self._questions("role_fit")
        self.queue.append(Prompt(first, "question"))
        objections = self.persona.objections
        count = self.persona.objections_sample or len(objections)
        self.queue.extend(Prompt(text, "objection") for text in draw(objections, count, self.rng, self.heard))
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
            went_on = None
            while self.state in STAGES:
                try:
                    if went_on is not None:
                        self._hear_the_rest(went_on)
                        went_on = None
                    elif (prompt := self._next_prompt()) is None:
                        self.advance()
                    else:
                        self._ask(prompt)
                except WentOn:
                    went_on, self.taken_early = self.taken_early, None
                    went_on.restore(self)
        except KeyboardInterrupt:
            self.interrupted = True
            if self.state in STAGES:
                self.stop()
        return self.result

    def live_grade(self) -> Grade:
        """The grade so far; answers the candidate took back are left out, their retries count."""
        kept = self.graded_turns()
        return grade(
            Transcript("live", tuple(turn for turn, _ in kept)),
            tagger=self.tagger,
            pass_score=self.persona.pass_score,
            tagged=[tags for _, tags in kept],
            weights=self.persona.weights,
        )

    def _load(self, stage: str) -> None:
        self.queue.extend(Prompt(q, "question") for q in self._questions(stage))

    def _questions(self, stage: str) -> list[str]:
        """The stage's questions in order, or the persona's `sample` of them drawn with the seed (those the
        candidate has not heard lately first)."""
        questions = list(self.persona.questions[stage])
        count = self.persona.sample.get(stage)
        return draw(questions, count, self.rng, self.heard) if count else questions

    def _next_prompt(self) -> Prompt | None:
        if self.queue:
            return self.queue.popleft()
        if self.needs_closing_nudge():
            self.nudged = True
            return Prompt(self.persona.nudge, "nudge", follows_up=False)
        return None

    def _ask(self, prompt: Prompt, answering: Prompt | None = None) -> None:
        """Say `prompt` and react to the answer as an answer to `answering` (the prompt itself unless it is
        that question asked again in other words)."""
        self._say(prompt.text)
        answering = answering or prompt
        self._answered(answering, self._hear(answering, may_go_on=True))

    def _answered(self, prompt: Prompt, index: int | None) -> None:
        if index is not None:
            self.last_answer = (index, prompt)
            self._react(index, prompt)

    def _hear_the_rest(self, taken: Checkpoint) -> None:
        """The candidate went on after their answer was taken early: hear the rest, and answer the whole."""
        heard = taken.heard.then(self.listener.listen())
        self._answered(taken.prompt, self._record_answer(heard, self.tagger.tag(heard.text), taken.prompt))

    def _hear(self, prompt: Prompt, may_go_on: bool = False) -> int | None:
        """Listen until there is an answer (its turn index), or the prompt is given up on (None).
        `may_go_on`: the answer may be taken back if the candidate goes on (only where nothing but
        reacting to it follows)."""
        silences = unclear = 0
        while self.state in STAGES:
            self._settle()
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
                return self._record_answer(heard, tagged, prompt if may_go_on else None)
            if command == "repeat":
                self._say(prompt.text)
            elif command == "skip":
                self._say(self.lines.pick("skipped", self.rng))
                return None
            elif command == "pause":
                self._pause(prompt)
            elif command == "retry" and self._retry(prompt):
                return None  # the prompt followed up the withdrawn answer: nothing left to ask
            elif command == "stop":
                self._say(self.lines.pick("stopping", self.rng))
                self.stop()
        return None

    def _retry(self, current: Prompt) -> bool:
        """ "Let me try that again": the last answer is withdrawn (kept in the transcript, left out of the
        grade), its question asked again and the new answer reacted to; then back to the current prompt,
        unless that was a follow-up to the withdrawn answer (True: it is dropped)."""
        if self.last_answer is None:
            self._say(self.lines.pick("nothing_to_retry", self.rng, question=current.text))
            return False
        index, answered = self.last_answer
        self.last_answer = None
        self._withdraw(index)
        self._say(self.lines.pick("retry", self.rng, question=answered.text))
        again = self._hear(answered)
        if again is not None:
            self.last_answer = (again, answered)
            self._react(again, answered)
        if current.kind == "follow_up":
            return True
        if answered is not current and self.state in STAGES:
            self._say(current.text)
        return False

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
        """React to the answer at turn `index`: the replies a real interviewer would give, if any; else the
        question again after a greeting or an off-topic reply; else maybe a follow-up question."""
        turn, tags = self.turns[index], self.tagged[index].tags
        limit = self.persona.max_answer_words
        if limit and len(turn.text.split()) > limit:
            self._say(self.lines.pick("cut_off", self.rng))
            return
        replies = self._replies(turn.text, index)
        if not replies and "confirm" in tags:
            replies = [self.lines.pick("acknowledge", self.rng)]
        if replies:
            self._say(" ".join(replies))
        elif not prompt.reasked and prompt.kind != "follow_up" and self._reask(index, prompt):
            return
        elif prompt.follows_up:
            choice = FollowUpChoice(self.used_follow_ups, self.rng, self.heard)
            found = choose_follow_up(self.persona, self.state, turn.text, tags, choice)
            if found is not None:
                self.used_follow_ups.add(found[0])
                self._ask(Prompt(found[1], "follow_up", follows_up=False))

    def _replies(self, text: str, index: int) -> list[str]:
        """What answers the candidate's moves in this turn: each of their questions, a request for feedback
        or concerns (from the live grade), an ask for the next step."""
        tags = self.tagged[index].tags
        replies = []
        if asks_about_concerns(text, self.tagged[index], self.lines):
            replies.append(concern_answer(self.live_grade(), self.state, self.lines, self.rng))
        elif "feedback" in tags:
            replies.append(feedback_answer(self.live_grade(), self.lines, self.rng))
        if "ask_job" in tags:
            replies.append(
                self.persona.next_step if self.state == "closing" else self.lines.pick("too_early", self.rng)
            )
        answer = question_answer(text, self.tagged[index], self.persona, self.lines, self.rng)
        return replies + [answer] * bool(answer)

    def _reask(self, index: int, prompt: Prompt) -> bool:
        """Ask the question again after a reply that was only a greeting or had nothing to do with it."""
        if self.lines.is_greeting(self.turns[index].text):
            line = "reask_greeting"
        elif prompt.kind == "question" and is_off_topic(
            self.tagged[index], topic_words_of(self.persona, self.lines, prompt.text)
        ):
            line = "reask_off_topic"
        else:
            return False
        again = Prompt(prompt.text, prompt.kind, prompt.follows_up, reasked=True)
        self._ask(Prompt(self.lines.pick(line, self.rng, question=prompt.text), prompt.kind, reasked=True), again)
        return True

    # -- the transcript --------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self._check_went_on()
        start = self._now()
        self.speaker.say(text)
        self._append(Turn(INTERVIEWER, text, stage=self.state, start=start, end=self._now(), label="Interviewer"), None)
        self._check_went_on()

    def _check_went_on(self, wait: bool = False) -> None:
        """Raise WentOn when the candidate went on with the answer taken early (checked around each line,
        so the line they talk over is stopped and taken back)."""
        went_on = getattr(self.listener, "went_on", None)
        if self.taken_early is not None and went_on is not None and went_on(wait):
            raise WentOn
        if wait:
            self.taken_early = None

    def _settle(self) -> None:
        """Before listening for something new, or keeping the grade: the last answer is over."""
        self._check_went_on(wait=True)

    def _record_answer(self, heard: Heard, tagged: Tagged, prompt: Prompt | None = None) -> int:
        if prompt is not None:  # what to come back to if the candidate goes on
            self.taken_early = Checkpoint.of(self, prompt, heard)
        timing = {"start": heard.start, "end": heard.end, "longest_gap": heard.longest_gap}
        turn = Turn(CANDIDATE, heard.text.strip(), stage=self.state, label="Candidate", **timing)
        self._append(turn, tagged)
        return len(self.turns) - 1

    def _now(self) -> float | None:
        return self.clock.now() if self.clock else None

    def _finish(self) -> None:
        if not self.interrupted:
            self._settle()
        self.result = self.live_grade()
        self._finish_session(self.result, ended_early=self.state == "ended")
