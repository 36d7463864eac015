"""Pictures of the interview flow, through transitions' diagrams extension: Mermaid text always (it pastes
into GitHub and Markdown), and PNG or SVG when Graphviz is installed."""

from __future__ import annotations

from pathlib import Path

from ..errors import InterviewerError
from ..personas.format import Persona
from ..stages import STAGES
from .flow import TABLE


class _Model:
    def is_stage_done(self) -> bool:  # the diagram only names the predicate
        return True


def _graph(engine: str):
    from transitions.extensions import GraphMachine

    model = _Model()
    GraphMachine(model=model, graph_engine=engine, show_conditions=True, title="Interview flow", **TABLE)
    return model.get_graph()


def mermaid(persona: Persona | None = None) -> str:
    """The flow as Mermaid; with a persona, a note on each stage says what it asks there."""
    text = _graph("mermaid").draw(None).rstrip()
    # transitions writes the title as bare front matter; Mermaid wants it as `title: ...`.
    text = text.replace("---\nInterview flow\n---", "---\ntitle: Interview flow\n---", 1)
    if persona is None:
        return text + "\n"
    notes = [f"  note right of {stage}: {_stage_note(persona, stage)}" for stage in STAGES]
    return text + "\n" + "\n".join(notes) + "\n"


def draw(path: Path) -> Path:
    """Draw the flow to an image file; the format follows the suffix (.png, .svg, .pdf)."""
    try:
        graph = _graph("graphviz")
        graph.draw(str(path), prog="dot", format=path.suffix.lstrip(".") or "png")
    except (ImportError, OSError) as exc:
        raise InterviewerError(
            f"{path}: drawing needs Graphviz ({exc}); install it (sudo apt-get install graphviz; pip install "
            "graphviz) or use the Mermaid text"
        ) from None
    return path


def _stage_note(persona: Persona, stage: str) -> str:
    questions = persona.questions[stage]
    asked = persona.sample.get(stage, len(questions))
    parts = [
        f"{asked} of {len(questions)} questions" if asked != len(questions) else _count(len(questions), "question")
    ]
    if stage == "role_fit" and persona.objections:
        parts.append(_count(len(persona.objections), "objection"))
    if stage == "closing":
        parts = ["invitation, nudge if no ask", *([_count(len(questions), "question")] if questions else [])]
    return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
