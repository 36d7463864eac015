"""Pictures of the interview flow: Mermaid text through transitions' diagrams extension (it pastes into GitHub
and Markdown), and PNG, SVG or PDF drawn by Graphviz's `dot` program from the same table."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import InterviewerError
from ..personas.format import Persona
from ..stages import STAGES
from .flow import TABLE

_FORMATS = ("svg", "png", "pdf")


class _Model:
    def is_stage_done(self) -> bool:  # the diagram only names the predicate
        return True


def _mermaid_graph():
    from transitions.extensions import GraphMachine

    model = _Model()
    GraphMachine(model=model, graph_engine="mermaid", show_conditions=True, title="Interview flow", **TABLE)
    return model.get_graph()


def mermaid(persona: Persona | None = None) -> str:
    """The flow as Mermaid; with a persona, a note on each stage says what it asks there."""
    text = _mermaid_graph().draw(None).rstrip()
    # transitions writes the title as bare front matter; Mermaid wants it as `title: ...`.
    text = text.replace("---\nInterview flow\n---", "---\ntitle: Interview flow\n---", 1)
    if persona is None:
        return text + "\n"
    notes = [f"  note right of {stage}: {_stage_note(persona, stage)}" for stage in STAGES]
    return text + "\n" + "\n".join(notes) + "\n"


def dot_source() -> str:
    """The flow as Graphviz DOT, read from the same table as the state machine."""
    edges = []
    for move in TABLE["transitions"]:
        sources = move["source"] if isinstance(move["source"], list) else [move["source"]]
        label = move["trigger"] + (f" [{move['conditions']}]" if "conditions" in move else "")
        edges += [f'  "{source}" -> "{move["dest"]}" [label="{label}"];' for source in sources]
    initial = f'  "{TABLE["initial"]}" [penwidth=2];'
    head = 'digraph "Interview flow" {\n  label="Interview flow"; rankdir=LR; node [shape=box, style=rounded];'
    return "\n".join([head, initial, *edges, "}"]) + "\n"


def draw(path: Path) -> Path:
    """Draw the flow to an image file with `dot`; the format follows the suffix (.png, .svg, .pdf)."""
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in _FORMATS:
        raise InterviewerError(f"{path}: cannot draw a .{fmt} file; use .svg, .png or .pdf")
    dot = shutil.which("dot")
    if dot is None:
        raise InterviewerError(
            f"{path}: drawing needs Graphviz's dot program; install it (sudo apt-get install graphviz) "
            "or use the Mermaid text"
        )
    done = subprocess.run([dot, f"-T{fmt}", "-o", str(path)], input=dot_source(), capture_output=True, text=True)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise InterviewerError(f"{path}: dot could not draw the flow ({reason})")
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
