"""Transcript readers: plain text, WebVTT (voice tags and Name: payloads), SRT; stages; bad files."""

from __future__ import annotations

import pytest

from interviewer.errors import TranscriptError
from interviewer.transcript import read_transcript

from .conftest import TEST_DATA


def _speakers_and_stages(transcript):
    return [(t.speaker, t.stage) for t in transcript.turns]


def test_webvtt_voice_tags_merge_consecutive_cues():
    transcript = read_transcript(TEST_DATA / "meeting.vtt", candidate="Sam Ortiz")
    candidate = [t for _, t in transcript.candidate_turns()]
    assert len(transcript.turns) == 6
    assert candidate[0].text == (
        "Sure. I've sold restaurant software for five years, "
        "so I already know the owners your team calls on. Does that help?"
    )
    assert (candidate[0].start, candidate[0].end) == (5.2, 14.0)
    assert [t.stage for t in candidate] == ["opening", "role_fit", "closing"]


def test_webvtt_name_prefix_payloads():
    transcript = read_transcript(TEST_DATA / "zoom_style.vtt", candidate="sam ortiz")
    assert [t.label for t in transcript.turns] == ["Dana Reyes", "Sam Ortiz", "Dana Reyes", "Sam Ortiz"]
    assert transcript.turns[1].text == "I've run a sales floor for six years, which means I can coach myself here."


def test_srt_with_speaker_prefixes():
    transcript = read_transcript(TEST_DATA / "interview.srt")
    assert _speakers_and_stages(transcript) == [
        ("interviewer", "opening"),
        ("candidate", "opening"),
        ("interviewer", "closing"),
        ("candidate", "closing"),
    ]
    assert transcript.turns[3].text == "What days should I keep open for our next interview?"
    assert transcript.turns[3].start == 10.4


def test_stage_markers_are_kept():
    transcript = read_transcript(TEST_DATA / "staged.txt")
    assert [t.stage for t in transcript.turns] == ["opening"] * 2 + ["role_fit"] * 2 + ["closing"] * 2


def test_closing_starts_at_the_last_invitation_for_questions(dev_data):
    transcript = read_transcript(dev_data / "dev_transcripts" / "d09.txt")
    closing = [t for t in transcript.turns if t.stage == "closing"]
    assert closing[0].text == "Good. Any questions for me?"
    assert all(t.stage != "closing" for t in transcript.turns[: transcript.turns.index(closing[0])])


def test_without_an_invitation_the_final_exchange_is_the_closing(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text(
        "Interviewer: Tell me about you.\nCandidate: I sell.\n"
        "Interviewer: Thanks, we'll be in touch.\nCandidate: What's the next step?\n"
    )
    assert [t.stage for t in read_transcript(path).turns] == ["opening", "opening", "closing", "closing"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "{p}: empty transcript; expected lines like 'Candidate: words'"),
        ("   \n\n", "{p}: empty transcript; expected lines like 'Candidate: words'"),
        (
            "Interviewer: Hi.\nthis line has no speaker\n",
            "{p}:2: expected 'Speaker: words', got 'this line has no speaker'",
        ),
        (
            "Interviewer: Hi.\nRecruiter: Bye.\n",
            "{p}: no turns by the candidate 'Candidate' (speakers: Interviewer, Recruiter); "
            "name the candidate with --candidate NAME",
        ),
    ],
)
def test_bad_text_files_name_the_file_and_line(tmp_path, content, message):
    path = tmp_path / "t.txt"
    path.write_text(content)
    with pytest.raises(TranscriptError) as raised:
        read_transcript(path)
    assert str(raised.value) == message.format(p=path)


def test_binary_and_missing_files(tmp_path):
    binary = tmp_path / "audio.txt"
    binary.write_bytes(b"RIFF\x00\x01\x02WAVEfmt ")
    with pytest.raises(TranscriptError, match="not a text transcript"):
        read_transcript(binary)
    with pytest.raises(TranscriptError, match="no such file"):
        read_transcript(tmp_path / "missing.txt")


def test_vtt_without_cues(tmp_path):
    path = tmp_path / "x.vtt"
    path.write_text("WEBVTT\n\nNOTE nothing here\n")
    with pytest.raises(TranscriptError, match="no timed cues found"):
        read_transcript(path)
