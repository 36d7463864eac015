"""Voice activity: Silero VAD, the model that ships inside faster-whisper, run frame by frame.

Each 32 ms frame (512 samples at 16 kHz) gets the probability that someone is speaking in it. The model
keeps its recurrent state between frames, so it follows speech as it streams in, at well under a
millisecond a frame on one core. Speech starts above START and goes on until the probability drops
below STOP (a hysteresis, so a soft syllable does not break a word in two)."""

from __future__ import annotations

import numpy as np

FRAME = 512  # samples per frame at 16 kHz: 32 ms
FRAME_SECONDS = FRAME / 16000
START, STOP = 0.5, 0.35
_CONTEXT = 64  # samples of the previous frame the model sees with each frame


class SpeechDetector:
    def __init__(self):
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session
        self.reset()

    def reset(self) -> None:
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(_CONTEXT, dtype=np.float32)
        self.speaking = False

    def probability(self, frame: np.ndarray) -> float:
        """Speech probability of one frame of int16 samples."""
        audio = frame.astype(np.float32) / 32768.0
        window = np.concatenate([self._context, audio])[None, :]
        out, self._h, self._c = self._session.run(None, {"input": window, "h": self._h, "c": self._c})
        self._context = audio[-_CONTEXT:]
        return float(out.ravel()[0])

    def is_speech(self, frame: np.ndarray) -> bool:
        """Whether this frame is speech, with hysteresis between START and STOP."""
        chance = self.probability(frame)
        self.speaking = chance >= (STOP if self.speaking else START)
        return self.speaking
