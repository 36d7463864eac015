"""The project's own exceptions. The CLI turns any of them into one line on stderr and exit code 2."""


class InterviewerError(Exception):
    """A mistake in the user's input or environment, explained in one line that names the fix."""


class TranscriptError(InterviewerError):
    """A transcript file that cannot be read or has no candidate turns."""


class RulesError(InterviewerError):
    """A tag rule file (the shipped one or a persona's extra phrases) that does not load."""


class DeviceError(InterviewerError):
    """A microphone, speaker, synthesizer or recognizer that is missing or failed."""


class PersonaError(InterviewerError):
    """One or more problems in a persona file, each one line in `problems` (what `persona check` prints);
    str() is the first, with how to see the rest."""

    def __init__(self, problems: list[str] | str, source: str = ""):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        more = len(self.problems) - 1
        hint = f" (and {more} more; see them all with: interviewer persona check {source})" if more else ""
        super().__init__(self.problems[0] + hint)


class ScenarioError(InterviewerError):
    """A scenario script that cannot be played."""
