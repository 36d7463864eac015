"""Every line an interviewer can be known to say before the interview starts, in the order it is likely
to be needed: the greeting and questions first, then the replies and stock lines. The speaker
synthesizes them ahead of time; only lines made from the live grade (feedback, the summary) are not
known in advance."""

from __future__ import annotations

import string

from ..personas.format import Persona
from ..personas.lines import Lines, default_lines


def known_lines(persona: Persona, lines: Lines | None = None) -> list[str]:
    lines = (lines or default_lines()).with_overrides(persona.reactions)
    questions = [q for stage in ("opening", "qualifications", "role_fit", "closing") for q in persona.questions[stage]]
    ordered = [persona.greeting, *questions, *persona.objections, persona.invitation, persona.nudge]
    ordered += [persona.next_step, persona.farewell]
    ordered += [f.say for f in persona.follow_ups] + [a.say for a in persona.answers]
    for variants in lines.lines.values():
        for variant in variants:
            ordered += _filled(variant, questions)
    return list(dict.fromkeys(ordered))


def _filled(template: str, questions: list[str]) -> list[str]:
    """A stock line as said: once if it has no fields, once per question if its one field is the
    question, and not at all when it is made from the grade."""
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    if not fields:
        return [template]
    if fields == {"question"}:
        return [template.format(question=q) for q in questions]
    return []
