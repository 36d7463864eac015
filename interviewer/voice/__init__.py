"""Speech in and out: the only package that imports audio libraries (SpeechRecognition, PyAudio,
faster-whisper and its Silero VAD, pocketsphinx, Piper, pyttsx3) or runs audio programs (espeak-ng,
flite, paplay, aplay).

Everything here stands behind the Speaker and Listener ports of interviewer/ports.py. May import only the
foundation modules (errors, ports); the command line builds its parts, nothing else imports it.
"""

# The recognizers `--engine` offers. Named here, not in recognizers.py, so the command line can list them
# without importing numpy or the audio libraries.
RECOGNIZERS = ("whisper", "sphinx", "google")
