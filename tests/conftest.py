"""Shared fixtures: the labelled data beside the checkout, and user folders kept out of the real home."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TEST_DATA = HERE / "data"


def dev_data_dir() -> Path:
    configured = os.environ.get("INTERVIEWER_DEV_DATA")
    return Path(configured) if configured else HERE.parent.parent / "shared" / "data"


@pytest.fixture(scope="session")
def dev_data() -> Path:
    """The shared labelled data. CI sets INTERVIEWER_DEV_DATA, and then it must exist."""
    folder = dev_data_dir()
    if not (folder / "dev_utterances.jsonl").exists():
        if os.environ.get("INTERVIEWER_DEV_DATA"):
            pytest.fail(f"INTERVIEWER_DEV_DATA={folder} has no dev_utterances.jsonl")
        pytest.skip(f"labelled data not found at {folder}; set INTERVIEWER_DEV_DATA")
    return folder


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path, monkeypatch):
    """No test reads or writes the real user's data or config folders."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv("INTERVIEWER_PERSONAS", raising=False)


def require_tool(reason: str | None) -> None:
    """Skip a test that needs a missing program (audio, Chromium), except where CI demands them all."""
    if reason is None:
        return
    if os.environ.get("INTERVIEWER_REQUIRE_TOOLS"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def virtual_audio(tmp_path_factory):
    """A private PulseAudio daemon with a virtual microphone, used by this process through PULSE_SERVER."""
    from scripts.virtual_audio import VirtualAudio, available

    require_tool(available())
    with VirtualAudio(tmp_path_factory.mktemp("pulse")) as audio:
        yield audio


@pytest.fixture(scope="session")
def whisper():
    from .voice_helpers import voice_stack

    require_tool(voice_stack())
    from interviewer.voice.recognizers import load_recognizer

    return load_recognizer("whisper")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium over the DevTools protocol (scripts/headless.py)."""
    import importlib.util

    from scripts.headless import Browser, chromium_path

    if chromium_path() is None:
        require_tool("chromium is not installed (apt-get install chromium)")
    if importlib.util.find_spec("websocket") is None:
        require_tool("websocket-client is not installed (pip install -e '.[test]')")
    with Browser() as running:
        yield running
