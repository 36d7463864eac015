"""The real microphone path: SpeechRecognition's Microphone over PyAudio over a virtual PulseAudio
microphone fed from WAV files; phrases recognized as they close; silence and device failures."""

from __future__ import annotations

import pytest

from interviewer.errors import DeviceError
from interviewer.ports import SystemClock
from scripts.evaluation import word_error_rate

from .conftest import require_tool
from .voice_helpers import concatenate, silence_wav, speak, voice_stack

FIRST = "I have sold scheduling software for five years."
SECOND = "In my first month I would call every account in the territory."


@pytest.fixture(scope="module", autouse=True)
def _voice():
    require_tool(voice_stack())


@pytest.fixture
def microphone(virtual_audio, whisper):
    from interviewer.voice.microphone import MicrophoneListener

    listener = MicrophoneListener(whisper, clock=SystemClock(), start_timeout=4.0)
    listener.open()
    yield listener
    listener.close()


def test_an_answer_in_two_phrases_is_heard_whole(tmp_path, virtual_audio, microphone):
    answer = concatenate(
        [speak(FIRST, tmp_path / "1.wav"), speak(SECOND, tmp_path / "2.wav")], tmp_path / "answer.wav", gap=0.7
    )
    player = virtual_audio.play_into_microphone(answer, delay=0.3)
    heard = microphone.listen()
    player.wait(timeout=30)
    assert heard.kind == "speech"
    assert word_error_rate(f"{FIRST} {SECOND}", heard.text) <= 0.25, heard.text
    assert 5.0 < heard.end - heard.start < 12.0
    assert 0.7 <= heard.longest_gap <= 1.4  # 0.7 s added between the clips, plus flite's own padding: ~1.0 s


def test_nothing_said_is_silence(tmp_path, virtual_audio, microphone):
    player = virtual_audio.play_into_microphone(silence_wav(tmp_path / "quiet.wav", 1.0))
    assert microphone.listen().kind == "silence"
    player.wait(timeout=30)


def test_a_recognizer_error_is_heard_as_unintelligible(tmp_path, virtual_audio, whisper):
    from interviewer.voice.microphone import MicrophoneListener

    class Failing:
        """Fault injection around the real recognizer: its first call fails."""

        def __init__(self):
            self.calls = 0

        def recognize(self, samples):
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("decoder crashed")
            return whisper.recognize(samples)

    listener = MicrophoneListener(Failing(), clock=SystemClock(), start_timeout=4.0)
    listener.open()
    try:
        clip = speak("I want this job.", tmp_path / "ask.wav")
        player = virtual_audio.play_into_microphone(clip, delay=0.3)
        assert listener.listen().kind == "unintelligible"
        player.wait(timeout=30)
        player = virtual_audio.play_into_microphone(clip, delay=0.3)
        assert "job" in listener.listen().text.lower()
        player.wait(timeout=30)
    finally:
        listener.close()


def test_no_input_device_is_a_device_error(virtual_audio, whisper):
    from interviewer.voice.microphone import MicrophoneListener

    listener = MicrophoneListener(whisper, clock=SystemClock(), device=999)
    with pytest.raises(DeviceError, match="^no microphone found"):
        listener.open()


def test_a_spoken_session_reports_the_longest_pause_inside_an_answer(tmp_path, virtual_audio, microphone):
    """Through the virtual microphone into a live interview: the pause inside the first answer reaches
    the grade's delivery figures and the session's transcript on disk."""
    from interviewer.interview.engine import Interview
    from interviewer.personas.format import load_persona
    from interviewer.reports.session_reports import ReportedSession
    from interviewer.sessions.log import SessionLog

    from .fakes import RecordingSpeaker

    # 0.6 s added between the clips plus flite's own padding: about a second of quiet, inside the 1.2 s
    answer = concatenate(
        [speak(FIRST, tmp_path / "1.wav"), speak(SECOND, tmp_path / "2.wav")], tmp_path / "answer.wav", gap=0.6
    )
    stop = speak("Stop the interview.", tmp_path / "stop.wav")
    replies = iter([answer, stop])

    class SpeakThenListen(RecordingSpeaker):
        """After each question, the candidate's next recording starts playing into the microphone."""

        def say(self, text: str) -> None:
            super().say(text)
            if text.endswith("?"):
                recording = next(replies, None)
                if recording is not None:
                    virtual_audio.play_into_microphone(recording, delay=0.3)

    persona = load_persona("default")
    session = ReportedSession(SessionLog.create(tmp_path / "s", persona.name, {}), persona)
    interview = Interview(
        persona, speaker=SpeakThenListen(), listener=microphone, session=session, clock=microphone.clock
    )
    result = interview.run()
    session.close()
    assert interview.state == "ended"
    assert 0.9 <= result.delivery.longest_pause_in_answer <= 1.6
    assert "inside an answer" in (tmp_path / "s" / "report.md").read_text()
