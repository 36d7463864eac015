"""`interviewer persona ...`: the coach's commands. Parses and reports; the work is in persona_tools."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..interview.diagram import draw, mermaid
from ..personas import tools as persona_tools
from ..personas.format import load_persona, user_personas_dir
from ..personas.schema import schema_text
from ..reports.escape import for_json_line, for_rich, for_terminal
from .options import FILE, FOLDER


@click.group()
def persona() -> None:
    """Coach tooling: list, show, check and create interviewer personas."""


@persona.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per persona (JSON Lines).")
def persona_list(as_json: bool) -> int:
    """Built-in personas and your own (your personas folder, and folders in $INTERVIEWER_PERSONAS)."""
    rows = persona_tools.listing()
    if as_json:
        for row in rows:
            click.echo(for_json_line(row))
        return 0
    table = Table(show_header=True, header_style="bold")
    for column in ("name", "interviewer", "title", "style", "from"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(for_rich(row[c]) for c in ("name", "interviewer", "title", "style", "from")))
    Console().print(table)
    click.echo(f"Your own personas go in {user_personas_dir()}")
    return 0


@persona.command("show")
@click.argument("name")
@click.option("--diagram", type=FILE, help="Also draw the flow to this file (.svg, .png, .pdf; needs Graphviz).")
def persona_show(name: str, diagram: Path | None) -> int:
    """A persona's summary and its interview flow as a Mermaid diagram."""
    chosen = load_persona(name)
    click.echo(for_terminal(persona_tools.summary(chosen)))
    click.echo("```mermaid")
    click.echo(mermaid(chosen).rstrip())
    click.echo("```")
    if diagram:
        click.echo(f"Flow drawn to {draw(diagram)}")
    return 0


@persona.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def persona_check(files: tuple[Path, ...]) -> int:
    """Validate persona files: every problem as file:line: key: what is wrong; how to fix it."""
    problems = persona_tools.check(list(files))
    for problem in problems:
        click.echo(for_terminal(problem), err=True)
    bad = {p.split(":", 1)[0] for p in problems}
    for path in files:
        if str(path) not in bad:
            click.echo(f"{path}: ok")
    return 2 if problems else 0


@persona.command("new")
@click.argument("name")
@click.option("--dir", "folder", type=FOLDER, help="Where to write NAME.toml (default: your personas folder).")
def persona_new(name: str, folder: Path | None) -> int:
    """Write a complete, commented persona to edit; it passes `check` as written."""
    path = persona_tools.new(name, folder)
    click.echo(f"Wrote {path}")
    click.echo(f"Check it:  interviewer persona check {path}")
    click.echo(f"Try it:    interviewer practice --persona {path}")
    return 0


@persona.command("schema")
def persona_schema() -> int:
    """Print the persona format as a JSON Schema, for editors with TOML schema support."""
    click.echo(schema_text(), nl=False)
    return 0
