"""Turns and transcripts, and readers for finished interviews: plain text, WebVTT and SRT.

Plain text is `Speaker: words` a line, `#` comments, and optional stage markers `[closing]`.
WebVTT and SRT are what meeting tools export: timed cues, the speaker as a `<v Name>` voice tag or a
`Name:` prefix. Consecutive cues by one speaker become one turn. Stages are inferred when not marked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import stages
from .errors import TranscriptError
from .userfiles import Limit, decode_utf8, read_bytes

INTERVIEWER, CANDIDATE = "interviewer", "candidate"

_SPEAKER_LINE = re.compile(r"^\s*([^:\[\]<>]{1,60}?)\s*:\s*(.*)$")
_TIMING = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAGS = re.compile(r"</?[^>]+>")
# The interviewer hands the floor to the candidate: the closing starts here.
_INVITATION = re.compile(
    r"\b(?:any|what|other) questions?\b.{0,25}\b(?:for me|you have|do you have)|\bquestions for me\b"
    r"|\banything (?:you(?:'d| would) like to|else you(?:'d| would) like to|you want to) ask\b"
    r"|\bwhat can i (?:answer|tell you)\b|\bdo you have any questions\b",
    re.IGNORECASE,
)
# Interviewer lines that move from the candidate's record to how they would fit this role.
_ROLE_FIT = re.compile(
    r"\b(?:concern|worr(?:y|ied)|hesitat|objection|push back|never sold|not sure you|why (?:this|our|us)"
    r"|first (?:\d+|thirty|sixty|ninety|month|week|quarter)|in this role|this role|here at"
    r"|our (?:buyers|customers|clients)"
    r"|how would you|what would you do)",
    re.IGNORECASE,
)


# An hour of talk is some 50 kB; grading takes about a second per megabyte.
TRANSCRIPT_LIMIT = Limit(2, "a transcript", "some 40 hours of talk", "split it")


@dataclass(frozen=True)
class Turn:
    speaker: str  # INTERVIEWER or CANDIDATE
    text: str
    stage: str | None = None
    start: float | None = None  # seconds from the start, when the source has timings
    end: float | None = None
    label: str = ""  # the speaker's name as the source wrote it
    longest_gap: float = 0.0  # seconds: the longest pause inside the turn, where a microphone measured it


@dataclass(frozen=True)
class Transcript:
    source: str
    turns: tuple[Turn, ...]

    def candidate_turns(self) -> list[tuple[int, Turn]]:
        return [(i, t) for i, t in enumerate(self.turns) if t.speaker == CANDIDATE]


def read_transcript(path: str | Path, candidate: str = "Candidate") -> Transcript:
    """Read a transcript file, pick out the candidate's turns, and give every turn a stage."""
    path = Path(path)
    if path.is_dir() and (path / "transcript.jsonl").exists():
        path = path / "transcript.jsonl"  # a practice session's folder
    text = _read_text(path)
    if not text.strip():
        raise TranscriptError(f"{path}: empty transcript; expected lines like 'Candidate: words'")
    if path.suffix.lower() == ".jsonl":
        return Transcript(str(path), tuple(_parse_session(path, text)))
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT") or path.suffix.lower() == ".vtt":
        raw = _parse_cues(path, text, webvtt=True)
    elif path.suffix.lower() == ".srt" or re.match(r"\d+\s*\r?\n\s*\d", head):
        raw = _parse_cues(path, text, webvtt=False)
    else:
        raw = _parse_plain(path, text)
    return assign_speakers(path, raw, candidate)


def assign_speakers(path: Path | str, raw: list[Turn], candidate: str) -> Transcript:
    """Mark the candidate's turns (by label, case-insensitively), the rest as the interviewer's."""
    wanted = candidate.strip().casefold()
    turns = [replace(t, speaker=CANDIDATE if t.label.casefold() == wanted else INTERVIEWER) for t in raw]
    if not any(t.speaker == CANDIDATE for t in turns):
        labels = ", ".join(dict.fromkeys(t.label for t in raw)) or "none"
        raise TranscriptError(
            f"{path}: no turns by the candidate {candidate!r} (speakers: {labels}); "
            "name the candidate with --candidate NAME"
        )
    return Transcript(str(path), tuple(infer_stages(turns)))


def _read_text(path: Path) -> str:
    data = read_bytes(path, "file", TranscriptError, TRANSCRIPT_LIMIT)
    if b"\0" in data[:4096]:
        raise TranscriptError(f"{path}: not a text transcript (binary data)")
    return decode_utf8(data, path, TranscriptError)


def _parse_plain(path: Path, text: str) -> list[Turn]:
    turns: list[Turn] = []
    stage = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        marker = stages.MARKER.match(line)
        if marker:
            stage = stages.key_of(marker.group(1))
            continue
        found = _SPEAKER_LINE.match(line)
        if not found or not found.group(2).strip():
            raise TranscriptError(f"{path}:{number}: expected 'Speaker: words', got {line.strip()[:40]!r}")
        turns.append(Turn(INTERVIEWER, found.group(2).strip(), stage=stage, label=found.group(1).strip()))
    return turns


def _parse_session(path: Path, text: str) -> list[Turn]:
    """A practice session's transcript.jsonl: one turn per line, speaker and stage already known."""
    turns = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            speaker, words = row["speaker"], row["text"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise TranscriptError(
                f"{path}:{number}: not a session transcript line (expected JSON with speaker and text)"
            ) from None
        if speaker not in (INTERVIEWER, CANDIDATE):
            raise TranscriptError(f"{path}:{number}: speaker must be interviewer or candidate, not {speaker!r}")
        label = "Candidate" if speaker == CANDIDATE else "Interviewer"
        gap = row.get("longest_gap") or 0.0
        timing = {"start": row.get("start"), "end": row.get("end"), "longest_gap": gap}
        turns.append(Turn(speaker, str(words), stage=row.get("stage"), label=label, **timing))
    return turns


def _parse_cues(path: Path, text: str, webvtt: bool) -> list[Turn]:
    """Timed cues -> turns; a cue without a speaker continues the previous speaker's turn."""
    turns: list[Turn] = []
    blocks = re.split(r"\r?\n\s*\r?\n", text.lstrip("\ufeff"))
    for block in blocks:
        lines = [line for line in block.strip().splitlines() if line.strip()]
        timing_at = next((i for i, line in enumerate(lines) if _TIMING.match(line)), None)
        if timing_at is None:
            continue  # the WEBVTT header, NOTE and STYLE blocks, stray numbers
        start, end = (_seconds(v) for v in _TIMING.match(lines[timing_at]).groups())
        payload = " ".join(lines[timing_at + 1 :]).strip()
        label, words = _cue_speaker(payload)
        if not words:
            continue
        if label is None:
            label = turns[-1].label if turns else "Unknown"
        if turns and turns[-1].label == label:
            last = turns[-1]
            turns[-1] = replace(last, text=f"{last.text} {words}", end=end)
        else:
            turns.append(Turn(INTERVIEWER, words, start=start, end=end, label=label))
    if not turns:
        kind = "WebVTT" if webvtt else "SRT"
        raise TranscriptError(f"{path}: no timed cues found; expected a {kind} file with 'start --> end' lines")
    return turns


def _cue_speaker(payload: str) -> tuple[str | None, str]:
    voice = _VOICE.search(payload)
    if voice:
        return voice.group(1).strip(), _TAGS.sub("", payload).strip()
    words = _TAGS.sub("", payload).strip()
    found = _SPEAKER_LINE.match(words)
    if found and len(found.group(1).split()) <= 4:
        return found.group(1).strip(), found.group(2).strip()
    return None, words


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    value = 0.0
    for part in parts:
        value = value * 60 + float(part)
    return value


def infer_stages(turns: list[Turn]) -> list[Turn]:
    """Give unmarked turns a stage: the closing from the interviewer's last invitation for questions
    (else the final exchange), the opening as the first exchange, role fit from the first role question."""
    if turns and all(t.stage for t in turns):
        return turns
    invitations = [i for i, t in enumerate(turns) if t.speaker == INTERVIEWER and _INVITATION.search(t.text)]
    asks = [i for i, t in enumerate(turns) if t.speaker == INTERVIEWER]
    closing_at = invitations[-1] if invitations else (asks[-1] if len(asks) > 1 else len(turns))
    first_answer = next((i for i, t in enumerate(turns) if t.speaker == CANDIDATE), 0)
    opening_end = first_answer + 1
    role_fit_at = next(
        (i for i in asks if opening_end <= i < closing_at and _ROLE_FIT.search(turns[i].text)),
        opening_end + (closing_at - opening_end) // 2,
    )
    staged = []
    for i, turn in enumerate(turns):
        if turn.stage:
            staged.append(turn)
            continue
        if i >= closing_at:
            stage = "closing"
        elif i < opening_end:
            stage = "opening"
        elif i >= role_fit_at:
            stage = "role_fit"
        else:
            stage = "qualifications"
        staged.append(replace(turn, stage=stage))
    return staged
