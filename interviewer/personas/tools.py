"""Coach tooling behind `interviewer persona`: listing, summaries, checking files, and new personas from
the commented template."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from string import Template

from ..errors import InterviewerError
from ..stages import STAGES, TITLES
from .format import (
    Persona,
    PersonaError,
    builtin_dir,
    known_personas,
    load_persona_file,
    user_personas_dir,
)

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


def listing() -> list[dict]:
    """Every persona reachable by name, with where it comes from."""
    rows = []
    for name, path in sorted(known_personas().items()):
        origin = "built-in" if path.parent == builtin_dir() else str(path)
        try:
            persona = load_persona_file(path)
            rows.append(
                {
                    "name": name,
                    "interviewer": persona.name,
                    "title": f"{persona.title}, {persona.company}",
                    "style": persona.style,
                    "from": origin,
                }
            )
        except InterviewerError as exc:
            rows.append(
                {
                    "name": name,
                    "interviewer": "-",
                    "title": "-",
                    "style": f"broken: {exc}".split("\n")[0],
                    "from": origin,
                }
            )
    return rows


def summary(persona: Persona) -> str:
    lines = [
        f"{persona.name}, {persona.title} at {persona.company}",
        f"Style: {persona.style}" if persona.style else "",
        f"Hiring for: {persona.role_title}" + (f" ({persona.role_summary})" if persona.role_summary else ""),
        f"Voice: {persona.voice.rate} words/min, hint {persona.voice.hint or 'none'}, volume {persona.voice.volume:g}",
        f"Pass score: {persona.pass_score if persona.pass_score is not None else 'rubric default'}"
        + (f"; weights {', '.join(f'{k} {v:g}' for k, v in persona.weights.items())}" if persona.weights else "")
        + (f"; cuts off answers over {persona.max_answer_words} words" if persona.max_answer_words else ""),
        "",
        f"Greeting: {persona.greeting}",
    ]
    for stage in STAGES:
        sampled = persona.sample.get(stage)
        heading = TITLES[stage].capitalize() + (f" (asks {sampled} at random)" if sampled else "")
        questions = list(persona.questions[stage])
        if stage == "closing":
            questions = [persona.invitation, *questions, f"(nudge) {persona.nudge}"]
        lines.append(f"{heading}:")
        lines += [f"  - {q}" for q in questions]
        if stage == "role_fit":
            lines += [f"  - (objection) {o}" for o in persona.objections]
    lines += [
        f"Follow-ups: {len(persona.follow_ups)}; answers to candidate questions: {len(persona.answers)}; "
        f"extra tag phrases: {sum(len(p) for p in persona.tag_phrases.values())}"
    ]
    return "\n".join(line for line in lines if line is not None) + "\n"


def check(paths: list[Path]) -> list[str]:
    """Every problem in every file, one line each."""
    problems: list[str] = []
    for path in paths:
        try:
            load_persona_file(path)
        except PersonaError as exc:
            problems += exc.problems
        except InterviewerError as exc:
            problems.append(str(exc))
    return problems


def new(name: str, folder: Path | None = None) -> Path:
    """Write a complete, commented persona that passes `check` as written."""
    if not _NAME.match(name):
        raise InterviewerError(f"{name!r}: a persona name is lowercase letters, digits, - and _ (e.g. vp-sales)")
    folder = folder or user_personas_dir()
    path = folder / f"{name}.toml"
    if path.exists():
        raise InterviewerError(f"{path}: already exists; choose another name or edit that file")
    template = resources.files("interviewer.personas").joinpath("data", "persona_template.toml").read_text("utf-8")
    text = Template(template).substitute(name=name, title=name.replace("-", " ").replace("_", " ").title())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InterviewerError(f"{path}: cannot write ({exc.strerror})") from None
    return path
