"""`interviewer persona list | show | check | new | schema`, as a coach uses them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interviewer.interview.flow import STATES
from interviewer.personas.format import builtin_dir, builtin_names
from interviewer.personas.schema import schema_text

from .cli_helpers import run_cli
from .conftest import require_tool

HERE = Path(__file__).resolve().parent
BROKEN = sorted((HERE / "broken_personas").glob("*.toml"))
SCENARIOS = sorted((HERE.parent / "scenarios").glob("*.toml"))


def _expected(path: Path) -> str:
    line = path.read_text().splitlines()[1]
    assert line.startswith("# expect: ")
    return line.removeprefix("# expect: ").replace("{file}", str(path))


def test_there_are_many_kinds_of_broken_persona():
    assert len(BROKEN) >= 15


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_each_broken_persona_gets_its_exact_line(capsys, path):
    result = run_cli(capsys, "persona", "check", str(path))
    assert result.code == 2
    assert result.err.splitlines()[0] == _expected(path)
    assert "Traceback" not in result.err + result.out


def test_check_reports_every_problem_of_every_file_and_the_good_ones(capsys):
    good = builtin_dir() / "default.toml"
    result = run_cli(capsys, "persona", "check", str(BROKEN[0]), str(good), str(BROKEN[1]))
    assert result.code == 2
    assert result.out == f"{good}: ok\n"
    assert [line.split(":", 1)[0] for line in result.err.splitlines()] == [str(BROKEN[0])] * 2 + [str(BROKEN[1])]


@pytest.mark.parametrize("name", builtin_names())
def test_builtin_persona_passes_check_and_has_three_passing_scenarios(capsys, name):
    assert run_cli(capsys, "persona", "check", str(builtin_dir() / f"{name}.toml")).code == 0
    own = [p for p in SCENARIOS if f'persona = "{name}"' in p.read_text()]
    assert len(own) >= 3
    rows = [json.loads(line) for line in run_cli(capsys, "run", "--json", *map(str, own)).out.splitlines()]
    assert [r["failures"] for r in rows] == [[] for _ in own]


@pytest.mark.parametrize("name", builtin_names())
def test_show_summarizes_and_draws_the_flow(capsys, name):
    result = run_cli(capsys, "persona", "show", name)
    assert result.code == 0
    diagram = result.out.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "stateDiagram-v2" in diagram
    assert all(state in diagram for state in STATES)
    assert "note right of role_fit:" in diagram


def test_show_draws_an_svg_with_graphviz(capsys, tmp_path):
    if not shutil.which("dot"):
        require_tool("Graphviz is not installed (apt-get install graphviz)")
    result = run_cli(capsys, "persona", "show", "default", "--diagram", str(tmp_path / "flow.svg"))
    assert result.code == 0
    svg = (tmp_path / "flow.svg").read_text()
    assert "<svg" in svg and all(state in svg for state in STATES)


def test_without_dot_the_diagram_is_one_line_and_exit_2(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot on the path
    result = run_cli(capsys, "persona", "show", "default", "--diagram", str(tmp_path / "flow.svg"))
    assert result.code == 2
    assert (
        result.err == f"error: {tmp_path / 'flow.svg'}: drawing needs Graphviz's dot program; install it "
        "(sudo apt-get install graphviz) or use the Mermaid text\n"
    )
    assert not (tmp_path / "flow.svg").exists()


def test_an_unknown_picture_format_is_refused(capsys, tmp_path):
    result = run_cli(capsys, "persona", "show", "default", "--diagram", str(tmp_path / "flow.txt"))
    assert result.code == 2 and "cannot draw a .txt file; use .svg, .png or .pdf" in result.err


def test_list_shows_builtins_and_the_coaches_own(capsys, tmp_path, monkeypatch):
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(builtin_dir() / "recruiter.toml", mine / "friendly.toml")
    monkeypatch.setenv("INTERVIEWER_PERSONAS", str(mine))
    rows = [json.loads(line) for line in run_cli(capsys, "persona", "list", "--json").out.splitlines()]
    by_name = {r["name"]: r for r in rows}
    assert set(builtin_names()) < set(by_name)
    assert by_name["friendly"]["from"] == str(mine / "friendly.toml")
    assert by_name["default"]["from"] == "built-in"
    assert by_name["skeptical_vp"]["interviewer"] == "Dan Whitaker"


def test_new_persona_checks_and_runs_as_written(capsys, tmp_path):
    result = run_cli(capsys, "persona", "new", "my-vp", "--dir", str(tmp_path))
    path = tmp_path / "my-vp.toml"
    assert result.code == 0 and f"Wrote {path}" in result.out
    assert run_cli(capsys, "persona", "check", str(path)).out == f"{path}: ok\n"
    scenario = tmp_path / "closer.toml"
    scenario.write_text(
        'persona = "my-vp.toml"\n'
        '[[reply]]\nsay = "I have sold software for 5 years, so I already know the buyers you sell to."\n'
        '[[reply]]\nsay = "120 percent of a 900 thousand dollar quota."\n'
        '[[reply]]\nsay = "A 200 thousand dollar deal with a bank, won with a pilot."\n'
        '[[reply]]\nsay = "In my first month I would call every account in the territory. Does that help?"\n'
        '[[reply]]\nsay = "I would run a pilot with each new buyer. Are we on the same page?"\n'
        '[[reply]]\nsay = "How did I do? I want this job. What is the next step?"\n'
        '[expect]\nhire = true\ninterviewer_says = ["The next step is a panel"]\n'
    )
    outcome = json.loads(run_cli(capsys, "run", "--json", str(scenario)).out)
    assert outcome["failures"] == []


def test_new_refuses_to_overwrite_and_odd_names(capsys, tmp_path):
    run_cli(capsys, "persona", "new", "dana", "--dir", str(tmp_path))
    again = run_cli(capsys, "persona", "new", "dana", "--dir", str(tmp_path))
    assert (again.code, again.err) == (
        2,
        f"error: {tmp_path / 'dana.toml'}: already exists; choose another name or edit that file\n",
    )
    odd = run_cli(capsys, "persona", "new", "Dana Cole", "--dir", str(tmp_path))
    assert odd.code == 2 and "a persona name is lowercase letters" in odd.err


def test_shipped_schema_is_the_loaders_own(capsys):
    shipped = (builtin_dir().parent / "data" / "persona.schema.json").read_text()
    assert shipped == schema_text()
    assert run_cli(capsys, "persona", "schema").out == shipped


def test_schema_and_loader_agree():
    jsonschema = pytest.importorskip("jsonschema")
    import tomllib

    schema = json.loads(schema_text())
    for path in builtin_dir().glob("*.toml"):
        jsonschema.validate(tomllib.loads(path.read_text()), schema)
    # Mistakes of shape (unknown keys, wrong types, missing keys) are rejected by both.
    for name in (
        "01-typo-in-key",
        "03-missing-table",
        "04-string-not-list",
        "06-no-schema",
        "07-unknown-table",
        "08-bad-trigger",
        "09-follow-up-not-array",
        "10-rate-too-fast",
        "15-unknown-weight",
        "17-missing-required-key",
        "18-unknown-reaction",
        "20-number-for-text",
    ):
        data = tomllib.loads((HERE / "broken_personas" / f"{name}.toml").read_text())
        assert not jsonschema.Draft202012Validator(schema).is_valid(data), name
