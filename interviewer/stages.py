"""The interview's stages, in order: the one table that the state machine, the persona format, the transcript
readers and the reports all read. A stage's key is what files and JSON carry; its title is what people read."""

from __future__ import annotations

import re

# (key, title, asks the persona's own question list). The closing opens with the persona's invitation for
# questions instead, so a persona may leave its question list empty.
_TABLE = (
    ("opening", "opening", True),
    ("qualifications", "qualifications", True),
    ("role_fit", "role fit", True),
    ("closing", "closing", False),
)

STAGES: tuple[str, ...] = tuple(key for key, _, _ in _TABLE)
QUESTION_STAGES: tuple[str, ...] = tuple(key for key, _, asks in _TABLE if asks)
TITLES: dict[str | None, str] = {key: title for key, title, _ in _TABLE} | {None: "unknown stage"}

# A stage marker line in a transcript: "[role fit]" or "[role_fit]", any case.
MARKER = re.compile(r"^\s*\[\s*(" + "|".join(k.replace("_", "[ _]") for k in STAGES) + r")\s*\]\s*$", re.IGNORECASE)


def key_of(marker_text: str) -> str:
    """The stage key for a marker's text: "Role Fit" -> "role_fit"."""
    return marker_text.strip().lower().replace(" ", "_")
