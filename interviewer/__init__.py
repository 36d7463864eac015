"""interviewer: an offline, voice-driven practice interviewer for sales candidates."""

__version__ = "0.1.0"
