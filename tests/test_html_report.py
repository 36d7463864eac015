"""The HTML report in a real browser: it shows the score, the chart and the transcript, logs no errors,
and renders hostile transcript text as text."""

from __future__ import annotations

import json

from interviewer.reports.rerender import render_report

from .cli_helpers import run_cli
from .conftest import TEST_DATA

HOSTILE = """Interviewer: Tell me about yourself. <b>bold?</b>
Candidate: <script>document.title = "pwned"; console.error("xss")</script> I sold &amp; won &lt;big&gt; deals.
Interviewer: Any questions for me?
Candidate: I want this job <img src=x onerror="console.error('img')">. What's the next step?
"""


def test_report_in_chromium_shows_score_chart_and_transcript(tmp_path, browser):
    page_file = tmp_path / "report.html"
    rendered = render_report(TEST_DATA / "meeting.vtt", candidate="Sam Ortiz")
    page_file.write_text(rendered.html())
    page = browser.open(page_file)
    text = page.evaluate("document.body.innerText")
    assert page.evaluate("document.getElementById('score').innerText").startswith(str(rendered.grade.score))
    assert page.evaluate("document.getElementById('decision').innerText") == (
        "Hire" if rendered.grade.hire else "No hire"
    )
    assert page.evaluate("document.querySelectorAll('#chart rect.bar').length") == 5
    assert page.evaluate("document.querySelector('#chart').getBoundingClientRect().width") > 300
    assert "Does that help?" in text and "Sam Ortiz" in text
    assert page.evaluate("document.querySelectorAll('#transcript mark').length") >= 3
    assert page.problems == []


def test_script_and_entities_render_as_text(tmp_path, browser):
    transcript = tmp_path / "hostile.txt"
    transcript.write_text(HOSTILE)
    html = render_report(transcript).html()
    assert "<script>document" not in html and "<img src" not in html and "<b>bold" not in html
    page_file = tmp_path / "hostile.html"
    page_file.write_text(html)
    page = browser.open(page_file)
    text = page.evaluate("document.getElementById('transcript').innerText")
    assert '<script>document.title = "pwned"; console.error("xss")</script>' in text
    assert "I sold &amp; won &lt;big&gt; deals." in text
    assert "<b>bold?</b>" in text
    assert page.evaluate("document.title") == "Interview: hostile.txt"
    assert page.problems == []


def test_report_command_writes_html_beside_a_transcript(capsys, tmp_path):
    transcript = tmp_path / "call.srt"
    transcript.write_bytes((TEST_DATA / "interview.srt").read_bytes())
    result = run_cli(capsys, "report", str(transcript))
    assert result.code == 0 and f"Report written to {tmp_path / 'call.html'}" in result.out
    assert '<svg id="chart"' in (tmp_path / "call.html").read_text()
    as_json = json.loads(run_cli(capsys, "report", str(transcript), "--format", "json").out)
    assert as_json["hire"] is True


def test_report_command_rerenders_a_session(capsys, tmp_path):
    folder = tmp_path / "session"
    run_cli(
        capsys,
        "practice",
        "--text",
        "--mute",
        "--save",
        str(folder),
        stdin="I've sold software for 5 years.\nI want this job.\n",
    )
    (folder / "report.html").unlink()
    result = run_cli(capsys, "report", str(folder), "--format", "html")
    assert result.code == 0
    page = (folder / "report.html").read_text()
    assert "Interview with Morgan Reyes, Regional Sales Manager" in page
    assert "I&#x27;ve sold software for 5 years." in page
