"""Where the shared labelled data lives: $INTERVIEWER_DEV_DATA, else ../shared/data beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path


def dev_data_dir() -> Path:
    configured = os.environ.get("INTERVIEWER_DEV_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"
