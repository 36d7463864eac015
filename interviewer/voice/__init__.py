"""Speech in and out: the only package that imports audio libraries (SpeechRecognition, PyAudio,
faster-whisper and its Silero VAD, pocketsphinx, Piper, pyttsx3) or runs audio programs (espeak-ng,
flite, paplay, aplay).

Everything here stands behind the Speaker and Listener ports of interviewer/ports.py.
"""
