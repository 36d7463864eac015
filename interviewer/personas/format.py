"""Personas: who the interviewer is and everything they say, loaded from TOML and validated.

A persona is content only: questions, replies, phrases and settings; never code or state wiring. Every
problem is reported as `file:line: key: what is wrong; how to fix it`, all of them at once.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from platformdirs import user_config_dir

from ..errors import InterviewerError, PersonaError
from ..judge.tagging import TAGS
from ..stages import QUESTION_STAGES, STAGES
from ..tomlio import load_toml_text
from ..userfiles import Limit, decode_utf8, read_bytes
from . import checks

# What an answer claims or lacks, in the order an interviewer picks them up: a stated number first.
FOLLOW_UP_TRIGGERS = ("claim", "no_benefit", "no_plan", "no_number", "short")


@dataclass(frozen=True)
class FollowUp:
    when: str  # one of FOLLOW_UP_TRIGGERS: what the answer claimed or lacked
    say: str  # a `claim` follow-up may say {claim}: the number the candidate stated, in their words
    stage: str | None = None  # only after questions of this stage, when set


@dataclass(frozen=True)
class Answer:
    question: str  # words a candidate's question is matched against
    say: str


@dataclass(frozen=True)
class Voice:
    rate: int = 170  # words per minute
    hint: str = ""  # part of a voice's name or language, e.g. "en-us" or "Samantha" (espeak-ng, pyttsx3)
    volume: float = 1.0
    engine: str = ""  # one of VOICE_ENGINES; empty: Piper, unless --voice-engine says otherwise
    model: str = ""  # a Piper voice: an installed voice's name, or the path of an .onnx model file


@dataclass(frozen=True)
class Persona:
    name: str
    title: str
    company: str
    style: str
    role_title: str
    role_summary: str
    voice: Voice
    greeting: str
    questions: dict[str, tuple[str, ...]]  # stage -> questions in order
    objections: tuple[str, ...]
    invitation: str
    nudge: str
    next_step: str
    farewell: str
    follow_ups: tuple[FollowUp, ...] = ()
    answers: tuple[Answer, ...] = ()
    reactions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tag_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_answer_words: int = 0  # cut off longer answers; 0 never does
    pass_score: int | None = None
    sample: dict[str, int] = field(default_factory=dict)  # stage -> ask this many, drawn with the seed
    objections_sample: int = 0  # raise this many of the objections, drawn with the seed; 0 raises them all
    weights: dict[str, float] = field(default_factory=dict)  # rubric dimension -> weight
    source: str = ""


# The schema: table -> key -> (type, required). Types are Python types or "strings" for a list of str.
_SCHEMA: dict[str, dict[str, tuple[object, bool]]] = {
    "": {"schema": (int, True)},
    "persona": {
        "name": (str, True),
        "title": (str, True),
        "company": (str, True),
        "style": (str, False),
        "max_answer_words": (int, False),
    },
    "role": {"title": (str, True), "summary": (str, False)},
    "voice": {"rate": (int, False), "volume": (float, False)}
    | dict.fromkeys(("hint", "engine", "model"), (str, False)),
    "opening": {"greeting": (str, True), "questions": ("strings", True), "sample": (int, False)},
    "qualifications": {"questions": ("strings", True), "sample": (int, False)},
    "role_fit": {
        "questions": ("strings", True),
        "objections": ("strings", False),
        "sample": (int, False),
        "objections_sample": (int, False),
    },
    "closing": {
        "invitation": (str, True),
        "questions": ("strings", False),
        "nudge": (str, True),
        "next_step": (str, True),
        "farewell": (str, True),
    },
    "reactions": {},  # any line name from interviewer/personas/data/lines.toml, each a string or list of strings
    "follow_up": {"when": (str, True), "say": (str, True), "stage": (str, False)},
    "answer": {"question": (str, True), "say": (str, True)},
    "tags": {tag: ("strings", False) for tag in TAGS},
    "grading": {"pass_score": (int, False), "weights": ("numbers", False)},
}
_ARRAYS = {"follow_up", "answer"}  # [[follow_up]] and [[answer]] tables


def builtin_dir() -> Path:
    return Path(str(resources.files("interviewer.personas").joinpath("builtin")))


def builtin_names() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.toml"))


def persona_dirs() -> list[Path]:
    """Where personas are found by name, first match wins: each folder in $INTERVIEWER_PERSONAS, the
    user's personas folder, then the built-ins."""
    extra = [Path(p) for p in os.environ.get("INTERVIEWER_PERSONAS", "").split(os.pathsep) if p.strip()]
    return [*extra, user_personas_dir(), builtin_dir()]


def user_personas_dir() -> Path:
    return Path(user_config_dir("interviewer", appauthor=False)) / "personas"


def known_personas() -> dict[str, Path]:
    """Every persona reachable by name, name -> file (earlier folders hide later ones)."""
    found: dict[str, Path] = {}
    for folder in persona_dirs():
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            found.setdefault(path.stem, path)
    return found


def resolve(name_or_path: str, base: Path | None = None) -> Path:
    """A persona's name (see persona_dirs) or a path to a file (relative to base, when given)."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or "/" in name_or_path or "\\" in name_or_path:
        return (base / candidate) if base and not candidate.is_absolute() else candidate
    known = known_personas()
    if name_or_path in known:
        return known[name_or_path]
    raise InterviewerError(
        f"no persona named {name_or_path!r}; known personas are: {', '.join(sorted(known))} (or give a path)"
    )


def load_persona(name_or_path: str = "default", base: Path | None = None) -> Persona:
    return load_persona_file(resolve(name_or_path, base))


def load_persona_file(path: Path) -> Persona:
    text = decode_utf8(read_bytes(path, "persona file", PersonaError, Limit(1, "a persona file")), path, PersonaError)
    return parse_persona(text, str(path))


def parse_persona(text: str, source: str) -> Persona:
    raw = load_toml_text(text, source, PersonaError)
    problems = _Problems(source, text)
    _check_shape(raw, problems)
    if not problems.items:
        _check_content(raw, problems)
    if problems.items:
        raise PersonaError(problems.items, source)
    return _build(raw, source)


class _Problems:
    def __init__(self, source: str, text: str):
        self.source, self.lines, self.items = source, text.splitlines(), []

    def add(self, key: str, message: str) -> None:
        line = _line_of(self.lines, key)
        where = f"{self.source}:{line}" if line else self.source
        self.items.append(f"{where}: {key}: {message}")


def _line_of(lines: list[str], key: str) -> int | None:
    """The line where a dotted key is written: its table header (the n-th one for `answer[n]`), then the
    key inside that table."""
    table, _, leaf = key.rpartition(".")
    found = re.match(r"^(\w+)\[(\d+)\]$", table)
    name, nth = (found.group(1), int(found.group(2))) if found else (table, 0)
    start = 0
    if name:
        headers = [i for i, line in enumerate(lines) if line.strip() in (f"[{name}]", f"[[{name}]]")]
        if len(headers) <= nth:
            return None
        start = headers[nth]
    leaf = leaf.split("[")[0]
    for i in range(start, len(lines)):
        stripped = lines[i].strip()
        if stripped.startswith((f"{leaf} ", f"{leaf}=")) or stripped in (f"[{leaf}]", f"[[{leaf}]]"):
            return i + 1
        if i > start and stripped.startswith("[") and name:
            break
    return start + 1 if name else None


def _check_shape(raw: dict, problems: _Problems) -> None:
    for key, value in raw.items():
        if key in _SCHEMA[""]:
            if not _type_ok(value, _SCHEMA[""][key][0]):
                problems.add(key, f"must be a whole number, not {_toml_kind(value)}; write {key} = 1")
            continue
        if key not in _SCHEMA:
            problems.add(key, f"unknown table{_suggest(key, [k for k in _SCHEMA if k])}")
            continue
        entries = value if key in _ARRAYS else [value]
        if key in _ARRAYS and not isinstance(value, list):
            problems.add(key, f"must be a list of tables; write each one under its own [[{key}]] header")
            continue
        for index, entry in enumerate(entries):
            where = f"{key}[{index}]" if key in _ARRAYS else key
            if not isinstance(entry, dict):
                problems.add(where, "must be a table")
                continue
            _check_table(key, where, entry, problems)
    for key, (_, required) in _SCHEMA[""].items():
        if required and key not in raw:
            problems.add(key, f"missing; add {key} = 1 at the top of the file")
    for table, keys in _SCHEMA.items():
        if table and table not in _ARRAYS and table not in raw and any(req for _, req in keys.values()):
            problems.add(table, f"missing table; add [{table}]")


def _check_table(table: str, where: str, entry: dict, problems: _Problems) -> None:
    allowed = _SCHEMA[table]
    if table == "reactions":
        allowed = {name: ("strings", False) for name in _line_names()}
    for key, value in entry.items():
        if key not in allowed:
            problems.add(f"{where}.{key}", f"unknown key{_suggest(key, list(allowed))}")
            continue
        kind = allowed[key][0]
        if table == "reactions" and isinstance(value, str):
            value = [value]
        if not _type_ok(value, kind):
            problems.add(
                f"{where}.{key}",
                f"must be {_type_name(kind)}, not {_toml_kind(value)}; write {key} = {_EXAMPLES[kind]}",
            )
    for key, (_, required) in allowed.items():
        if required and key not in entry:
            problems.add(f"{where}.{key}", f"missing; add {key} = ... under [{table}]")


def _check_content(raw: dict, problems: _Problems) -> None:
    if raw["schema"] != 1:
        problems.add("schema", f"unsupported version {raw['schema']}; this interviewer reads schema = 1")
    checks.check_values(raw, _SCHEMA, problems.add)
    for stage in QUESTION_STAGES:
        if not [q for q in raw[stage]["questions"] if q.strip()]:
            problems.add(f"{stage}.questions", f'[{stage}] has no questions; add {stage}.questions = ["..."]')
    for index, follow in enumerate(raw.get("follow_up", [])):
        if follow["when"] not in FOLLOW_UP_TRIGGERS:
            problems.add(
                f"follow_up[{index}].when",
                f"unknown trigger {follow['when']!r}; use one of {', '.join(FOLLOW_UP_TRIGGERS)}",
            )
        checks.check_follow_up_line(follow, f"follow_up[{index}].say", problems.add)
        if follow.get("stage") is not None and follow["stage"] not in STAGES:
            problems.add(
                f"follow_up[{index}].stage", f"unknown stage {follow['stage']!r}; use one of {', '.join(STAGES)}"
            )
    seen: dict[str, int] = {}
    for index, answer in enumerate(raw.get("answer", [])):
        key = answer["question"].strip().lower()
        if key in seen:
            problems.add(f"answer[{index}].question", f"duplicates answer[{seen[key]}]; merge the two answers")
        seen[key] = index
    voice = raw.get("voice", {})
    if "rate" in voice and not 80 <= voice["rate"] <= 400:
        problems.add("voice.rate", f"{voice['rate']} words per minute is not speech; use 80 to 400")
    if "volume" in voice and not 0.0 <= voice["volume"] <= 1.0:
        problems.add("voice.volume", "must be between 0.0 and 1.0; e.g. volume = 0.8 for 80 percent")
    checks.check_voice(voice, Path(problems.source), problems.add)
    for stage in QUESTION_STAGES:
        sample = raw[stage].get("sample")
        if sample is not None and not 1 <= sample <= len(raw[stage]["questions"]):
            problems.add(
                f"{stage}.sample",
                f"must be between 1 and the number of questions "
                f"({len(raw[stage]['questions'])}); or leave it out to ask them all",
            )
    dimensions = _dimension_names()
    for name, weight in raw.get("grading", {}).get("weights", {}).items():
        if name not in dimensions:
            problems.add("grading.weights", f"unknown dimension {name!r}{_suggest(name, dimensions)}")
        elif not 0 <= weight <= 1:
            problems.add("grading.weights", f"{name} = {weight} must be between 0 and 1")
    score = raw.get("grading", {}).get("pass_score")
    if score is not None and not 0 <= score <= 100:
        problems.add("grading.pass_score", "must be between 0 and 100; e.g. pass_score = 45")
    for tag, phrases in raw.get("tags", {}).items():
        for phrase in phrases:
            if len(phrase.split()) < 2:
                problems.add(
                    f"tags.{tag}",
                    f"phrase {phrase!r} is a single word and would fire on keywords alone; use a whole phrase",
                )


def _voice(voice: dict, source: str) -> Voice:
    model = voice.get("model", "")
    if model.endswith(".onnx"):
        model = str(Path(source).resolve().parent / model)
    return Voice(
        rate=voice.get("rate", 170),
        hint=voice.get("hint", ""),
        volume=float(voice.get("volume", 1.0)),
        engine=voice.get("engine", ""),
        model=model,
    )


def _build(raw: dict, source: str) -> Persona:
    persona, closing, voice = raw["persona"], raw["closing"], raw.get("voice", {})
    reactions = {k: (v,) if isinstance(v, str) else tuple(v) for k, v in raw.get("reactions", {}).items()}
    return Persona(
        name=persona["name"],
        title=persona["title"],
        company=persona["company"],
        style=persona.get("style", ""),
        role_title=raw["role"]["title"],
        role_summary=raw["role"].get("summary", ""),
        voice=_voice(voice, source),
        greeting=raw["opening"]["greeting"],
        questions={
            "opening": tuple(raw["opening"]["questions"]),
            "qualifications": tuple(raw["qualifications"]["questions"]),
            "role_fit": tuple(raw["role_fit"]["questions"]),
            "closing": tuple(closing.get("questions", [])),
        },
        objections=tuple(raw["role_fit"].get("objections", [])),
        invitation=closing["invitation"],
        nudge=closing["nudge"],
        next_step=closing["next_step"],
        farewell=closing["farewell"],
        follow_ups=tuple(FollowUp(f["when"], f["say"], f.get("stage")) for f in raw.get("follow_up", [])),
        answers=tuple(Answer(a["question"], a["say"]) for a in raw.get("answer", [])),
        reactions=reactions,
        tag_phrases={tag: tuple(p) for tag, p in raw.get("tags", {}).items()},
        max_answer_words=persona.get("max_answer_words", 0),
        pass_score=raw.get("grading", {}).get("pass_score"),
        sample={stage: raw[stage]["sample"] for stage in QUESTION_STAGES if "sample" in raw[stage]},
        objections_sample=raw["role_fit"].get("objections_sample", 0),
        weights={k: float(v) for k, v in raw.get("grading", {}).get("weights", {}).items()},
        source=source,
    )


def _type_ok(value: object, kind: object) -> bool:
    if kind == "strings":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "numbers":
        return isinstance(value, dict) and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()
        )
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


_EXAMPLES = {
    "strings": '["...", "..."]',
    "numbers": "{ benefit = 0.3 }",
    str: '"..." (in quotes)',
    int: "3",
    float: "0.8",
}


def _toml_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {str: "text", int: "a whole number", float: "a number", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__
    )


def _type_name(kind: object) -> str:
    return {
        "strings": "a list of strings",
        "numbers": "a table of numbers",
        str: "a string",
        int: "a whole number",
        float: "a number",
    }[kind]


def _suggest(key: str, options: list[str]) -> str:
    close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else f"; known keys: {', '.join(sorted(options))}"


def _dimension_names() -> list[str]:
    from ..judge.grading import default_rubric  # late: grading imports tagging, which persona does not need

    return [d["name"] for d in default_rubric().dimensions]


def _line_names() -> list[str]:
    from .lines import default_lines  # late: lines imports nothing of ours, but keep persona light

    return list(default_lines().lines)
