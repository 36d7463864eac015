"""Persona checks on values whose type is right but that the interview could not use: each would otherwise
pass `persona check` and then crash or misbehave in `practice` or `run`.

- a required text left empty (an interviewer with no name, a greeting of nothing);
- `max_answer_words` below zero or so small every answer is cut off;
- rubric weights that are all 0 (no score can be computed);
- `objections_sample` above the number of objections;
- a `claim` follow-up with braces other than {claim};
- reaction lines: an empty list, an empty line, or braces that are not the line's own placeholders
  (the lines are templates: `reprompt` says `{question}`; any other brace would fail at the moment it is said);
- a voice engine that does not exist, or a Piper model file outside the persona's folder or missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from string import Formatter

Report = Callable[[str, str], None]  # (dotted key, what is wrong and how to fix it)
MIN_ANSWER_WORDS = 10
VOICE_ENGINES = ("piper", "espeak", "pyttsx3")
_BRACES = "(write {{ and }} for braces said aloud)"
# Lines said with the same fields whichever of them is picked: each may use any placeholder of the others.
_SAID_ALIKE = ("summary_hire", "summary_below_bar", "summary_asked_early", "summary_never_asked")


def check_values(raw: dict, schema: Mapping[str, Mapping[str, tuple]], report: Report) -> None:
    """Every check here, for a persona whose shape (`schema`: table -> key -> (kind, required)) is right."""
    required = {t: [k for k, (kind, need) in keys.items() if kind is str and need] for t, keys in schema.items()}
    check_texts(raw, required, report)
    check_answer_words(raw, report)
    check_weights(raw, _rubric_weights(), report)
    check_reactions(raw, _stock_lines(), report)
    check_objections_sample(raw["role_fit"], report)


def check_objections_sample(role_fit: dict, report: Report) -> None:
    count, objections = role_fit.get("objections_sample"), role_fit.get("objections", [])
    if count is not None and not 1 <= count <= max(len(objections), 1):
        report(
            "role_fit.objections_sample",
            f"must be between 1 and the number of objections ({len(objections)}); or leave it out to raise them all",
        )


def check_texts(raw: dict, required: Mapping[str, list[str]], report: Report) -> None:
    """Required texts hold words: `required` is table -> keys."""
    for table, keys in required.items():
        entries = raw.get(table, {})
        named = (
            [(f"{table}[{i}]", e) for i, e in enumerate(entries)] if isinstance(entries, list) else [(table, entries)]
        )
        for where, entry in named:
            for key in keys:
                value = entry.get(key)
                if isinstance(value, str) and not value.strip():
                    report(f"{where}.{key}", "must not be empty; write the words in the quotes")


def check_answer_words(raw: dict, report: Report) -> None:
    limit = raw["persona"].get("max_answer_words", 0)
    if limit < 0 or 0 < limit < MIN_ANSWER_WORDS:
        every = "every" if limit < 0 else "nearly every"
        report(
            "persona.max_answer_words",
            f"{limit} would cut off {every} answer; use 0 (never cut off) or at least {MIN_ANSWER_WORDS}",
        )


def check_weights(raw: dict, rubric: Mapping[str, float], report: Report) -> None:
    """The persona's weights replace the rubric's for the dimensions they name; something must weigh."""
    weights = raw.get("grading", {}).get("weights", {})
    if weights and set(weights) <= set(rubric) and sum({**rubric, **weights}.values()) <= 0:
        report("grading.weights", "every dimension would weigh 0; give at least one a weight above 0")


def check_reactions(raw: dict, stock: Mapping[str, tuple[str, ...]], report: Report) -> None:
    for name, value in raw.get("reactions", {}).items():
        lines = [value] if isinstance(value, str) else value
        if not lines:
            report(f"reactions.{name}", "is an empty list; give at least one line, or leave it out for the stock lines")
        elif not all(line.strip() for line in lines):
            report(f"reactions.{name}", "has an empty line; write what the interviewer says, or remove it")
        else:
            family = _SAID_ALIKE if name in _SAID_ALIKE else (name,)
            allowed = {field for kin in family for line in stock.get(kin, ()) for field, _ in _placeholders(line)}
            problem = next(filter(None, (_template_problem(line, allowed) for line in lines)), None)
            if problem:
                report(f"reactions.{name}", problem)


def check_follow_up_line(follow: dict, key: str, report: Report) -> None:
    """A `claim` follow-up may say {claim}; every other follow-up is said as written."""
    if follow.get("when") == "claim":
        problem = _template_problem(follow["say"], {"claim"})
        if problem:
            report(key, problem)


def _template_problem(line: str, allowed: set[str]) -> str | None:
    """What keeps `line.format(**fields)` from saying this line, or None."""
    try:
        fields = _placeholders(line)
    except ValueError:
        return "a lone { or }; write {{ or }} for a brace the interviewer says"
    for field, whole in fields:
        name = field.split(".")[0].split("[")[0].split("!")[0].split(":")[0]
        if name not in allowed:
            can = " and ".join(f"{{{f}}}" for f in sorted(allowed))
            return f"unknown placeholder {{{name}}}; " + (
                f"this line can use {can} {_BRACES}" if allowed else f"this line takes no placeholders {_BRACES}"
            )
        if whole != name:
            return f"write a placeholder as {{{name}}}, with nothing else inside the braces"
    return None


def _placeholders(line: str) -> list[tuple[str, str]]:
    """(name, everything between the braces) for each placeholder; ValueError on a lone brace."""
    found = []
    for _literal, field, spec, conversion in Formatter().parse(line):
        if field is not None:
            whole = field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            found.append((field, whole))
    return found


def _rubric_weights() -> dict[str, float]:
    from ..judge.grading import default_rubric  # late, as format.py does: grading imports the tagger

    return {d["name"]: float(d["weight"]) for d in default_rubric().dimensions}


def _stock_lines() -> Mapping[str, tuple[str, ...]]:
    from .lines import default_lines

    return default_lines().lines


def check_voice(voice: Mapping, source: Path, report: Report) -> None:
    """A known engine; a Piper model named by path sits beside the persona file, in its folder or below."""
    if "engine" in voice and voice["engine"] not in VOICE_ENGINES:
        report("voice.engine", f"unknown engine {voice['engine']!r}; use one of {', '.join(VOICE_ENGINES)}")
    model = voice.get("model", "")
    if not model.endswith(".onnx"):
        return
    folder = source.resolve().parent
    path = (folder / model).resolve()
    if not path.is_relative_to(folder):
        report("voice.model", f"{model!r} leaves the persona's folder; keep the model beside the persona")
    elif not path.is_file():
        report("voice.model", f"{model!r} does not exist; give the path of a Piper .onnx model file")
