#!/usr/bin/env python3
"""Render the bundled example interview's HTML report and screenshot it in headless Chromium, for the
README (docs/report.png by default).   Usage: scripts/screenshot_report.py [OUTPUT.png]"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.reports.rerender import render_report  # noqa: E402
from scripts.headless import Browser  # noqa: E402

EXAMPLE = ROOT / "interviewer" / "data" / "examples" / "example_interview.txt"


def main() -> int:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "report.png"
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "report.html"
        page_file.write_text(render_report(EXAMPLE).html(), encoding="utf-8")
        with Browser() as browser:
            page = browser.open(page_file)
            page.screenshot(output)
            problems = page.problems
    print(f"screenshot: {output}" + (f"; page problems: {problems}" if problems else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
