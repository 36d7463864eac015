"""The README documents every command, and the data files the project ships all load."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from interviewer.cli.main import cli
from interviewer.judge.grading import default_rubric
from interviewer.judge.rules import RuleTagger, shipped_rules
from interviewer.judge.tagging import TAGS
from interviewer.tomlio import load_toml_text

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_command_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = [name for name in cli.commands if not re.search(rf"`interviewer {name}\b", text)]
    assert missing == []


def test_readme_quick_start_is_two_commands():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quick start\n.*?```(?:sh|bash)?\n(.*?)```", text, re.S)
    commands = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert commands == ["./scripts/demo", "./scripts/test"]


def test_every_shipped_toml_file_loads():
    shipped = list(Path(str(resources.files("interviewer"))).rglob("data/*.toml"))
    assert len(shipped) >= 4
    for entry in shipped:
        assert isinstance(load_toml_text(entry.read_text(encoding="utf-8"), entry.name), dict)


def test_tag_rules_compile_and_cover_every_tag():
    rules = shipped_rules()
    RuleTagger(rules)
    assert {rule["tag"] for rule in rules["rule"]} == set(TAGS)


def test_rubric_weights_add_up_and_cover_every_tag():
    rubric = default_rubric()
    assert abs(sum(d["weight"] for d in rubric.dimensions) - 1.0) < 1e-9
    assert sorted(d["tag"] for d in rubric.dimensions) == sorted(TAGS)
    assert all(d["tip"] for d in rubric.dimensions)


def test_every_persona_key_is_in_the_coaches_guide():
    from interviewer.personas.format import _SCHEMA
    from interviewer.personas.lines import default_lines

    guide = (README.parent / "docs" / "personas.md").read_text(encoding="utf-8")
    keys = {key for table in _SCHEMA.values() for key in table} | {t for t in _SCHEMA if t}
    keys |= set(default_lines().lines)  # the [reactions] line names
    missing = sorted(key for key in keys if f"`{key}`" not in guide and f"[{key}]" not in guide)
    assert missing == []


def _spoken_pieces(persona) -> list[str]:
    """Patterns of everything the interviewer may say with this persona: its own lines, and the stock lines
    (its [reactions] or lines.toml) with their {placeholders} open."""
    import re as regex

    from interviewer.personas.lines import default_lines

    lines = default_lines().with_overrides(persona.reactions)
    own = [persona.greeting, persona.invitation, persona.nudge, persona.next_step, persona.farewell]
    own += [q for stage in persona.questions.values() for q in stage] + list(persona.objections)
    own += [f.say for f in persona.follow_ups] + [a.say for a in persona.answers]
    pieces = [regex.escape(text) for text in own]
    for variants in lines.lines.values():
        pieces += [".+?".join(map(regex.escape, regex.split(r"\{\w+\}", v))) for v in variants]
    return pieces


def test_every_spoken_line_comes_from_data(capsys):
    """Run every shipped scenario: each line the interviewer speaks is made of its persona's lines and the
    stock lines, so no spoken English lives in the code."""
    import json as jsonlib
    import re as regex

    from interviewer.personas.format import load_persona
    from interviewer.interview.scenario import load_scenario

    from .cli_helpers import run_cli

    scenarios = sorted((README.parent / "scenarios").glob("*.toml"))
    rows = [jsonlib.loads(line) for line in run_cli(capsys, "run", "--json", *map(str, scenarios)).out.splitlines()]
    unexplained = []
    for path, row in zip(scenarios, rows, strict=True):
        persona = load_persona(load_scenario(path).persona)
        piece = "(?:" + "|".join(_spoken_pieces(persona)) + ")"
        whole = regex.compile(f"{piece}(?: {piece})*", regex.S)
        said = [t["text"] for t in row["transcript"] if t["speaker"] == "interviewer"]
        unexplained += [(path.name, text) for text in said if not whole.fullmatch(text)]
    assert unexplained == []
