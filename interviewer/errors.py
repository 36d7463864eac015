"""The project's own exceptions. The CLI turns any of them into one line on stderr and exit code 2."""


class InterviewerError(Exception):
    """A mistake in the user's input or environment, explained in one line that names the fix."""


class TranscriptError(InterviewerError):
    """A transcript file that cannot be read or has no candidate turns."""


class RulesError(InterviewerError):
    """A tag rule file (the shipped one or a persona's extra phrases) that does not load."""


class DeviceError(InterviewerError):
    """A microphone, speaker, synthesizer or recognizer that is missing or failed."""
