"""The interviewer's echo in the microphone, worked out frame by frame on real speech (flite): the echo
path's delay is found and the echo taken out of what the candidate says over it, and a candidate heard
with no echo at all reaches the recognizer untouched (two seconds of a line explain much of any frame of
speech by chance; subtracting such a copy would garble the candidate's words)."""

from __future__ import annotations

import pytest

from .conftest import require_tool
from .voice_helpers import speak, voice_stack

LINE = "Honestly, I have heard that pitch from three vendors this quarter and none of them delivered."
ANSWER = "Sorry to jump in, I have sold to burned buyers before and I always lead with a pilot on one site."
DELAY = 1100  # samples from playing to hearing: about 70 ms
FRAME = 512
RATE = 16000


@pytest.fixture(scope="module")
def voices(tmp_path_factory):
    require_tool(voice_stack())
    from interviewer.voice.audio_files import read_samples

    folder = tmp_path_factory.mktemp("echo")
    line = read_samples(speak(LINE, folder / "line.wav", voice="rms")).astype(float)
    answer = read_samples(speak(ANSWER, folder / "answer.wav")).astype(float)
    return line, answer


def _heard(parts: list, length: int):
    import numpy as np

    heard = np.zeros(length)
    for samples, at in parts:
        heard[at : at + len(samples)] += samples[: length - at]
    return heard


def _frames(heard, reference, stop: int | None = None):
    """Each frame as the microphone delivers it to the reference: (its end, frame, its split), in order;
    the line stopped `stop` samples in."""
    import numpy as np

    out = []
    for end in range(FRAME, len(heard) + 1, FRAME):
        if stop is not None and end - FRAME < stop <= end:
            reference.stopped(reference.started + stop / RATE)
        frame = np.clip(heard[end - FRAME : end], -32768, 32767).astype(np.int16)
        out.append((end, frame, reference.split(frame, reference.started + end / RATE)))
    return out


def test_the_candidate_with_no_echo_reaches_the_recognizer_untouched(voices):
    from interviewer.voice.echo import EchoReference

    line, answer = voices
    reference = EchoReference(line, started=100.0)
    heard = _heard([(answer, RATE)], len(line))  # the line plays; only the candidate is heard
    for _, frame, (_, residual) in _frames(heard, reference):
        assert (residual == frame).all()
    assert reference.delay is None


def test_the_echo_is_found_and_taken_out_of_the_candidates_words(voices):
    import numpy as np

    from interviewer.voice.echo import EchoReference

    line, answer = voices
    echo = 0.6 * line
    reference = EchoReference(line, started=100.0)
    heard = _heard([(echo, DELAY), (answer, 2 * RATE)], len(line))
    frames = _frames(heard, reference)
    assert reference.delay is not None and abs(reference.delay - DELAY) <= 2
    alone = [share for end, frame, (share, _) in frames if 0.5 * RATE < end < 2 * RATE and np.abs(frame).mean() > 300]
    assert alone and min(alone) >= 0.9  # the echo alone is known as echo
    clean = _heard([(answer, 2 * RATE)], len(line))
    over = [(end, residual) for end, _, (_, residual) in frames if end > 3 * RATE]
    left = sum(float(((residual - clean[end - FRAME : end]) ** 2).sum()) for end, residual in over)
    removed = sum(float((_heard([(echo, DELAY)], len(line))[end - FRAME : end] ** 2).sum()) for end, _ in over)
    assert left < 0.1 * removed  # at most a tenth of the echo's energy is left in the candidate's words


def test_a_stopped_line_is_not_taken_out_of_what_follows(voices):
    """The candidate talks over the line and stops it; the rest of the line never played, so once its last
    echo has arrived every frame of theirs reaches the recognizer as heard."""
    from interviewer.voice.echo import EchoReference

    line, answer = voices
    stop = 3 * RATE
    reference = EchoReference(line, started=100.0)
    heard = _heard([(0.6 * line[:stop], DELAY), (answer, 2 * RATE)], len(line))
    frames = _frames(heard, reference, stop=stop)
    after = [(frame, residual) for end, frame, (_, residual) in frames if end - FRAME >= stop + DELAY]
    assert after and all((residual == frame).all() for frame, residual in after)
