"""The package's plan, checked: imports run one way between the parts, and no module imports itself back."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "interviewer"

# What each part may import besides itself and the foundation modules (errors, ports, stages, transcript,
# userfiles, tomlio). Read top-down: cli builds everything; voice and judge stand on the foundation alone.
ALLOWED = {
    "cli": {"interview", "judge", "personas", "reports", "sessions", "voice"},
    "interview": {"judge", "personas"},
    "reports": {"judge", "personas", "sessions"},
    "sessions": set(),
    "personas": {"judge"},
    "judge": set(),
    "voice": set(),
}
FOUNDATION = {"errors", "ports", "stages", "transcript", "userfiles", "tomlio", "__init__", "__main__"}
AUDIO_LIBRARIES = {"pyttsx3", "piper", "speech_recognition", "faster_whisper", "pocketsphinx", "pyaudio"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module of ours that `path` imports, at any depth of the file (late imports count too)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "interviewer":
                continue
            for alias in node.names:  # `from . import html` names a module, `from .x import y` an attribute
                found.add(f"{target}.{alias.name}" if _is_module(f"{target}.{alias.name}") else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "interviewer"}
    return found - {name}


def _is_module(dotted: str) -> bool:
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _part(module: str) -> str:
    return module.split(".")[1] if "." in module else "__init__"


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, str] = {}
    circles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                circles.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return circles


def test_no_import_circle():
    assert _circles(_graph()) == []


def test_the_circle_check_finds_circles():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_parts_import_one_way():
    wrong = []
    for module, targets in _graph().items():
        part = _part(module)
        for target in targets:
            other = _part(target)
            if other == part or other in FOUNDATION:
                continue
            if module == "interviewer.__main__" and other == "cli":
                continue  # `python -m interviewer` runs the command line
            if part in FOUNDATION or other not in ALLOWED.get(part, set()):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_only_voice_imports_audio_libraries():
    importers = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            if any(n.split(".")[0] in AUDIO_LIBRARIES for n in names):
                importers.add(_part(_module_name(path)))
    assert importers == {"voice"}


def test_the_graph_is_read_whole():
    """The checks above see the real package: many edges, and every part is one the plan names."""
    graph = _graph()
    assert sum(len(t) for t in graph.values()) > 50
    assert {_part(m) for m in graph} - FOUNDATION == set(ALLOWED)
