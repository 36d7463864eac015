"""Render a Grade: as a dict for JSON, as Markdown, and as rich renderables for the terminal."""

from __future__ import annotations

from dataclasses import asdict

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..judge.delivery import Delivery
from ..judge.grading import Grade
from ..stages import TITLES
from .escape import for_markdown, for_rich

_MAX_QUOTES = 3


def grade_dict(grade: Grade) -> dict:
    """The stable JSON shape of a grade (see SPEC: grade --json)."""
    return {
        "hire": grade.hire,
        "score": grade.score,
        "pass_score": grade.pass_score,
        "verdict": grade.verdict,
        "dimensions": {
            d.name: {
                "title": d.title,
                "score": round(d.score * 100),
                "weight": d.weight,
                "evidence": [{"quote": e.quote, "turn": e.turn, "stage": e.stage} for e in d.evidence],
                "tip": d.tip,
            }
            for d in grade.dimensions
        },
        "delivery": asdict(grade.delivery) if grade.delivery else None,
    }


def delivery_line(dv: Delivery) -> str:
    """The delivery figures in one sentence, as the terminal and Markdown reports show them."""
    inside = f", inside an answer {dv.longest_pause_in_answer:.1f} s" if dv.longest_pause_in_answer else ""
    return (
        f"Delivery: {dv.words_per_minute:.0f} words/min, {dv.fillers_per_minute:.1f} fillers/min, "
        f"longest pause {dv.longest_pause:.1f} s{inside}"
    )


def tips(grade: Grade) -> list[str]:
    return [d.tip for d in grade.dimensions if d.tip]


def markdown(grade: Grade, title: str) -> str:
    lines = [
        f"# {for_markdown(title)}",
        "",
        f"**Score {grade.score}/100 — {'hire' if grade.hire else 'no hire'}.** {grade.verdict}",
        "",
        "| dimension | score | evidence |",
        "|---|---|---|",
    ]
    for d in grade.dimensions:
        quotes = "<br>".join(for_markdown(_quote_line(e)) for e in d.evidence[:_MAX_QUOTES]) or "—"
        lines.append(f"| {d.title} | {round(d.score * 100)} | {quotes} |")
    if grade.delivery:
        lines += ["", delivery_line(grade.delivery) + "."]
    if tips(grade):
        lines += ["", "## Tips", ""] + [f"- {tip}" for tip in tips(grade)]
    return "\n".join(lines) + "\n"


def terminal(grade: Grade, title: str) -> Group:
    colour = "green" if grade.hire else "red"
    headline = Text.assemble(
        (f"{grade.score}/100  ", "bold"), ("HIRE" if grade.hire else "NO HIRE", f"bold {colour}"), "  ", grade.verdict
    )
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("dimension", no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column("evidence (stage)", ratio=1)
    for d in grade.dimensions:
        quotes = "\n".join(_quote_line(e) for e in d.evidence[:_MAX_QUOTES]) or "—"
        table.add_row(d.title, str(round(d.score * 100)), for_rich(quotes))
    parts = [headline, table]
    if grade.delivery:
        parts.append(Text(delivery_line(grade.delivery)))
    if tips(grade):
        parts.append(Text("Tips:", style="bold"))
        parts += [Text(f" • {tip}") for tip in tips(grade)]
    return Group(Panel(Group(*parts), title=for_rich(title), title_align="left"))


def _quote_line(evidence) -> str:
    quote = evidence.quote if len(evidence.quote) <= 140 else evidence.quote[:137] + "..."
    return f"“{quote}” ({TITLES.get(evidence.stage, evidence.stage)})"


def history_table(sessions) -> Group:
    """Past sessions, a row each, and the score trend as a sparkline."""

    if not sessions:
        return Group(Text("No practice sessions yet. Start one with: interviewer practice"))
    table = Table(show_header=True, header_style="bold")
    names = list(sessions[0].dimensions)
    for column in ("when", "persona", "score", "hire", *names):
        table.add_column(column, justify="right" if column not in ("when", "persona") else "left")
    for s in sessions:
        when = s.started.replace("T", " ")[:16]
        marks = [str(s.dimensions.get(n, "")) for n in names]
        table.add_row(
            for_rich(when + (" (ended early)" if s.ended_early else "")),
            for_rich(s.persona),
            str(s.score),
            "yes" if s.hire else "no",
            *marks,
        )
    scores = [s.score for s in sessions]
    trend = Text(
        f"Trend: {sparkline(scores)}  first {scores[0]}, last {scores[-1]}, best {max(scores)} "
        f"over {len(scores)} session{'s' * (len(scores) != 1)}"
    )
    return Group(table, trend)


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(scores: list[int]) -> str:
    """Scores 0-100 as a row of block characters, one a session."""
    return "".join(SPARKS[min(len(SPARKS) - 1, max(0, s) * len(SPARKS) // 101)] for s in scores)
