"""Property-based: whatever bytes or TOML a coach hands the persona and scenario loaders, the answer is a
persona (or scenario) or the project's own error with a message; never anything else."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewer.errors import InterviewerError
from interviewer.interview.scenario import Scenario, load_scenario
from interviewer.personas.format import _SCHEMA, Persona, builtin_dir, load_persona_file, parse_persona

KEYS = sorted({k for table in _SCHEMA.values() for k in table} | set(_SCHEMA) - {""}) + ["say", "reply", "expect"]
key = st.one_of(st.sampled_from(KEYS), st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=8))
scalar = st.one_of(
    st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30)
)
value = st.recursive(
    scalar, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(key, inner, max_size=4)), max_leaves=12
)
document = st.dictionaries(key, value, max_size=8)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def to_toml(data: dict) -> str:
    """A small TOML writer: every table inline, so any nesting stays valid."""
    return "".join(f"{_key(k)} = {_value(v)}\n" for k, v in data.items())


def _key(k: str) -> str:
    return (
        k if k and all(c.isalnum() or c in "_-" for c in k) else '"' + k.replace("\\", "\\\\").replace('"', '\\"') + '"'
    )


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in v) + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + "}"


def _persona_or_our_error(text: str) -> None:
    try:
        assert isinstance(parse_persona(text, "p.toml"), Persona)
    except InterviewerError as exc:
        assert str(exc).startswith("p.toml")


@SETTINGS
@given(document)
def test_any_toml_gives_a_persona_or_our_error(data):
    _persona_or_our_error(to_toml(data))


@SETTINGS
@given(document)
def test_any_toml_on_top_of_a_real_persona(data):
    base = (builtin_dir() / "default.toml").read_text()
    extra = to_toml({k: v for k, v in data.items() if k != "schema"})
    _persona_or_our_error(base + "\n" + extra)


def _loads_or_names_the_file(path: Path, blob: bytes, load, kind) -> None:
    path.write_bytes(blob)
    try:
        assert isinstance(load(path), kind)
    except InterviewerError as exc:
        assert str(exc).startswith(str(path))


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_as_a_persona_file(tmp_path, blob):
    _loads_or_names_the_file(tmp_path / "p.toml", blob, load_persona_file, Persona)


@SETTINGS
@given(st.one_of(document.map(to_toml).map(str.encode), st.binary(max_size=400)))
def test_any_bytes_or_toml_as_a_scenario(tmp_path, blob):
    _loads_or_names_the_file(tmp_path / "s.toml", blob, load_scenario, Scenario)
