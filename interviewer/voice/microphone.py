"""The candidate's voice through a real microphone, heard as a conversation partner would hear it.

The microphone is captured without a break (interviewer/voice/capture.py) and every 32 ms frame goes
through a voice-activity detector (Silero, interviewer/voice/vad.py). An answer is cut into segments at
the candidate's own pauses, never mid-word, and each segment is recognized on a worker thread while the
candidate goes on speaking, so the end of an answer leaves only its last few words to recognize. The
pause that ends the turn is measured from the last frame of speech, wherever it falls: the end silence
holds after every segment alike. How long that pause must be comes from the turn-taking policy
(interviewer/interview/turn_taking.py): short after a soft close or a question, the full end silence
otherwise, longer after a sentence left hanging.

While the interviewer speaks, the listener is the speaker's watcher: frames that are the interviewer's
own voice coming back (interviewer/voice/echo.py) are not speech; the candidate starting to talk stops
the line (barge-in), and what they say from its first syllable is kept for the answer.

An answer whose turn was taken before the full end silence passed stays open until it has: a candidate
who goes on within it "went on" (went_on()), and the interview takes its reply back and hears the rest
as the same answer, so no pause up to the end silence cuts an answer off.
"""

from __future__ import annotations

import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from ..errors import DeviceError, InterviewerError
from ..ports import Clock, Heard
from .audio_files import read_samples
from .capture import MicrophoneStream
from .echo import EchoReference
from .vad import FRAME_SECONDS, SpeechDetector

PHRASE_GAP = 0.3  # a pause this long closes a segment
EARLY_LOOK = 0.064  # a pause this long starts recognizing the open segment, in case it is the last one
END_SILENCE = 1.2  # a pause this long ends the answer, whatever was said
START_TIMEOUT = 10.0  # seconds of silence before an answer starts: the candidate said nothing
MAX_SEGMENT = 20.0  # seconds; a longer run with no pause is cut at its quietest frame
ONSET_FRAMES = 3  # speech frames in a row that start an answer (96 ms): a click or a cough does not
BARGE_IN_FRAMES = 4  # candidate frames in a row over the interviewer's line that stop it (128 ms)
PAD_FRAMES = 8  # frames of quiet kept before each segment's speech (256 ms): soft onsets are not clipped
ECHO_SHARE = 0.7  # a frame whose energy is more than this share the interviewer's echo is not the candidate
PURE_ECHO = 0.9  # a frame this much echo is before the candidate started talking over it
ONSET_LAG = 0.25  # seconds from a candidate's first syllable to the frame that marks their run of speech
OVERLAP_KEPT = 1.5  # seconds looked back for where the candidate started talking over the interviewer


@dataclass
class Frame:
    arrived: float  # perf_counter when it arrived
    samples: np.ndarray
    speech: bool  # the candidate speaking (not the interviewer's echo)
    echo: float = 0.0  # the share of its energy that was the interviewer's echo


@dataclass
class _Answer:
    frames: list[Frame] = field(default_factory=list)
    segments: list[Future] = field(default_factory=list)
    segment_start: int | None = None  # frame index where the open segment starts
    closed_until: int = 0  # frames before this index are in closed segments
    quiet: float = 0.0  # seconds since the last speech frame
    longest_gap: float = 0.0
    last_speech: int = 0  # index of the last speech frame
    early: tuple[int, Future] | None = None  # the open segment recognized up to this frame, ahead of its close
    judged: tuple[str, float] | None = None  # the text so far and the pause that ends the turn after it


class MicrophoneListener:
    def __init__(
        self,
        recognizer,
        *,
        clock: Clock,
        device: int | str | None = None,
        end_silence: float = END_SILENCE,
        phrase_gap: float = PHRASE_GAP,
        start_timeout: float = START_TIMEOUT,
        turn_taking=None,
    ):
        if end_silence <= phrase_gap:
            raise ValueError("end_silence must be longer than phrase_gap")
        self.recognizer, self.clock = recognizer, clock
        self.end_silence, self.phrase_gap, self.start_timeout = end_silence, phrase_gap, start_timeout
        self.turn_taking = turn_taking  # .pause_to_end(text) -> seconds; None: always the end silence
        self.stream = MicrophoneStream(device)
        self.answer_ended: list[float] = []  # perf_counter at each end-of-answer decision
        self.speech_ended: list[float] = []  # perf_counter when the last speech frame of each answer arrived
        self._detector: SpeechDetector | None = None
        self._echo: EchoReference | None = None
        self._held: list[Frame] = []  # the candidate's frames since they talked over the interviewer
        self._recent: deque[Frame] = deque(maxlen=round(OVERLAP_KEPT / FRAME_SECONDS))  # heard while it speaks
        self._run = 0  # candidate speech frames in a row while the interviewer speaks
        self._open_until: float | None = None  # the last answer's turn was taken early: open until then
        self._opened = False
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recognizer")

    def open(self) -> None:
        """Open the stream once per session; it captures until close()."""
        if not self._opened:
            self._detector = SpeechDetector()
            self.stream.open()
            self._opened = True

    def close(self) -> None:
        self.stream.close()
        self._opened = False
        self._worker.shutdown(wait=False, cancel_futures=True)
        getattr(self.recognizer, "settle", lambda: None)()  # one still loading is let finish before exit

    # -- listening ---------------------------------------------------------------------------------
    def listen(self) -> Heard:
        self.open()
        answer = self._start()
        if answer is None:
            return Heard.silence()
        while not self._turn_over(answer):
            self._add(answer, self._take(1.0))
        self.answer_ended.append(time.perf_counter())
        self.speech_ended.append(answer.frames[answer.last_speech].arrived)
        early = answer.quiet < self.end_silence
        self._open_until = self.speech_ended[-1] + self.end_silence + ONSET_LAG if early else None
        self._recent.clear()
        self._run = 0
        self._close_segment(answer, len(answer.frames))
        text = " ".join(t for t in (_result(f) for f in answer.segments) if t).strip()
        if not text:
            return Heard.unintelligible()
        start = self._clock_time(next((f for f in answer.frames if f.speech), answer.frames[0]).arrived)
        end = self._clock_time(answer.frames[answer.last_speech].arrived)
        return Heard("speech", text, start=start, end=end, longest_gap=round(answer.longest_gap, 2))

    def _start(self) -> _Answer | None:
        """Wait for the candidate to start (or keep what they said over the interviewer); None when the
        start timeout passes in silence."""
        if self._held:
            held, self._held = self._held, []
            answer = _Answer()
            for frame in held:
                self._add(answer, frame)
            return answer
        # Frames already looked at between lines (too few to hold) are where an answer may begin.
        before: deque[Frame] = deque(self._recent, maxlen=PAD_FRAMES + ONSET_FRAMES)
        run, self._run = self._run, 0
        self._recent.clear()
        deadline = time.perf_counter() + self.start_timeout
        while run < ONSET_FRAMES and time.perf_counter() < deadline:
            frame = self._take(0.5)
            if frame is None:
                continue
            before.append(frame)
            run = run + 1 if frame.speech else 0
        if run < ONSET_FRAMES:
            return None
        answer = _Answer()
        for kept in before:
            self._add(answer, kept)
        return answer

    def _add(self, answer: _Answer, frame: Frame | None) -> None:
        if frame is None:
            return
        answer.frames.append(frame)
        index = len(answer.frames) - 1
        if frame.speech:
            answer.early = None  # the candidate went on: the early look is out of date
            if answer.segment_start is None:
                answer.segment_start = max(answer.closed_until, index - PAD_FRAMES)
            if answer.quiet and answer.last_speech:
                answer.longest_gap = max(answer.longest_gap, answer.quiet)
            answer.quiet, answer.last_speech = 0.0, index
            return
        answer.quiet += FRAME_SECONDS
        if answer.segment_start is not None and answer.early is None and answer.quiet >= EARLY_LOOK:
            self._look_early(answer, index + 1)
        if answer.segment_start is not None and answer.quiet >= self.phrase_gap:
            self._close_segment(answer, index + 1)
        elif answer.segment_start is not None and (index - answer.segment_start) * FRAME_SECONDS > MAX_SEGMENT:
            answer.early = None  # the cut falls before this frame: the early look would hear past it
            self._close_segment(answer, _quietest(answer.frames, index))

    def _look_early(self, answer: _Answer, end: int) -> None:
        """Recognize the open segment now, when the recognizer is idle: if the pause turns out to end the
        answer, its text is ready sooner; if the candidate goes on, the look is dropped."""
        if all(f.done() for f in answer.segments):
            answer.early = (end, self._recognize(answer.frames[answer.segment_start : end]))

    def _close_segment(self, answer: _Answer, end: int) -> None:
        if answer.segment_start is None or end <= answer.segment_start:
            return
        if answer.early is not None:  # quiet since the early look: the frames after it add nothing to hear
            answer.segments.append(answer.early[1])
        else:
            answer.segments.append(self._recognize(answer.frames[answer.segment_start : end]))
        answer.closed_until, answer.segment_start, answer.early = end, None, None
        if any(f.speech for f in answer.frames[end:]):
            answer.segment_start = end

    def _recognize(self, frames: list[Frame]) -> Future:
        return self._worker.submit(self.recognizer.recognize, np.concatenate([f.samples for f in frames]))

    def _turn_over(self, answer: _Answer) -> bool:
        """Whether the pause since the last speech ends the turn, given what has been said."""
        if answer.segment_start is not None or answer.quiet < min(self.phrase_gap, self.end_silence):
            return False
        if answer.quiet >= self.end_silence + 1.0:  # the longest any policy waits
            return True
        if self.turn_taking is None or not all(f.done() for f in answer.segments):
            return answer.quiet >= self.end_silence
        text = " ".join(t for t in (_result(f) for f in answer.segments) if t)
        if answer.judged is None or answer.judged[0] != text:  # judged once per text, not once per frame
            answer.judged = (text, self.turn_taking.pause_to_end(text))
        return answer.quiet >= answer.judged[1]

    # -- frames, echo and barge-in -----------------------------------------------------------------
    def _take(self, timeout: float) -> Frame | None:
        taken = self.stream.next_frame(timeout)
        if taken is None:
            return None
        arrived, samples = taken
        speech, share = self._detector.is_speech(samples), 0.0
        if self._echo is not None and self._echo.active(arrived):
            share, samples = self._echo.split(samples, arrived)
            speech = speech and share < ECHO_SHARE
        return Frame(arrived, samples, speech, share)

    def speaking(self, line, started: float) -> None:
        """The interviewer's line (a WAV file) started playing at `started`."""
        self.open()
        path = self._echo.path if self._echo is not None else None  # the echo path stays much the same
        self._echo = EchoReference(read_samples(line), started, path)

    def candidate_talking(self) -> bool:
        """Whether the candidate has the floor: they started talking over the interviewer (judged on the
        frames that arrived since the last look)."""
        if self._held:
            return True
        try:
            return self._watch()
        except DeviceError:  # the microphone failed: the next listen() says so; the line plays on
            return False

    def _watch(self) -> bool:
        while (frame := self._take(0)) is not None:
            if self._watched(frame):
                return True
        return False

    def _watched(self, frame: Frame) -> bool:
        """One frame heard outside an answer; True when it makes a run of the candidate's speech long
        enough to hold (from where they started)."""
        self._recent.append(frame)
        self._run = self._run + 1 if frame.speech else 0
        if self._run >= BARGE_IN_FRAMES:
            self._held, self._run = _overlap(list(self._recent)), 0
            self._recent.clear()
            return True
        return False

    def went_on(self, wait: bool = False) -> bool:
        """Whether the candidate went on with the last answer: started talking again before its end
        silence passed, after the turn was taken early. `wait`: listen until the end silence has passed.
        The rest of the answer is what the next listen() hears."""
        if self._open_until is None:
            return False
        try:
            while not self._held:
                remaining = self._open_until - time.perf_counter()
                frame = self._take(max(0.0, remaining) if wait else 0)
                if frame is not None:
                    self._watched(frame)
                elif not wait or remaining <= 0:
                    break
        except DeviceError:  # the microphone failed: the next listen() says so
            return False
        went_on = bool(self._held) and self._held[-BARGE_IN_FRAMES].arrived < self._open_until
        if went_on or self._held or time.perf_counter() >= self._open_until:
            self._open_until = None
        return went_on

    def done_speaking(self) -> None:
        """The line ended or was stopped: its echo may still arrive for a moment, no longer."""
        if self._echo is not None:
            self._echo.stopped(time.perf_counter())

    def _clock_time(self, arrived: float) -> float:
        return self.clock.now() - (time.perf_counter() - arrived)


def _overlap(recent: list[Frame]) -> list[Frame]:
    """The frames from where the candidate started talking over the interviewer: back from the frames that
    stopped it to the last frame that was nothing but echo or quiet, with a little quiet before."""
    start = len(recent) - BARGE_IN_FRAMES
    while start > 0 and recent[start - 1].echo < PURE_ECHO:
        start -= 1
    return recent[max(0, start - 2) :]


def _quietest(frames: list[Frame], end: int) -> int:
    """Where to cut a long run of speech: after its quietest frame in the last three seconds."""
    window = range(max(0, end - int(3 / FRAME_SECONDS)), end)
    return min(window, key=lambda i: float(np.abs(frames[i].samples).mean())) + 1


def _result(future: Future) -> str:
    """A segment the recognizer failed on counts as not understood; the interview asks again."""
    try:
        return future.result()
    except InterviewerError:  # no recognizer at all (a model that did not load): say so, do not guess
        raise
    except Exception:
        return ""
