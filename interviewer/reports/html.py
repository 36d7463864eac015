"""A self-contained HTML report: score and decision, a chart of the dimensions, a stage-by-stage timeline,
the transcript with the tagged sentences highlighted, the evidence behind each score, delivery and tips.

No scripts, fonts or images are fetched: styles are inline and the chart is inline SVG, so the file opens
offline and can be mailed to a coach. Every piece of transcript text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from string import Template

from ..judge.grading import Grade
from ..judge.tagging import TAGS, Tagged
from ..stages import STAGES, TITLES
from ..transcript import Transcript
from .escape import for_html as escape

_TAG_TITLES = {
    "confirm": "soft close",
    "benefit": "benefit",
    "future": "how I'll do it",
    "ask_job": "asks for the job",
    "feedback": "asks for feedback",
}
_BAR_WIDTH = 420


def render(grade: Grade, transcript: Transcript, tagged: Sequence[Tagged | None], *, title: str) -> str:
    template = Template(resources.files("interviewer.reports").joinpath("data/report.html").read_text(encoding="utf-8"))
    return template.substitute(
        title=escape(title),
        decision_class="hire" if grade.hire else "nohire",
        decision="Hire" if grade.hire else "No hire",
        score=grade.score,
        pass_score=grade.pass_score,
        verdict=escape(grade.verdict),
        chart=_chart(grade),
        timeline=_timeline(transcript, tagged),
        evidence=_evidence(grade),
        delivery=_delivery(grade),
        tips=_tips(grade),
        transcript=_transcript(transcript, tagged),
        legend="".join(f'<span class="tag tag-{t}">{_TAG_TITLES[t]}</span>' for t in TAGS),
    )


def _chart(grade: Grade) -> str:
    rows = []
    for i, d in enumerate(grade.dimensions):
        y, width = 8 + i * 34, round(_BAR_WIDTH * d.score)
        rows.append(
            f'<text x="0" y="{y + 15}" class="label">{escape(d.title)}</text>'
            f'<rect x="210" y="{y}" width="{_BAR_WIDTH}" height="22" class="track"/>'
            f'<rect x="210" y="{y}" width="{width}" height="22" class="bar" data-dimension="{d.name}"/>'
            f'<text x="{220 + _BAR_WIDTH}" y="{y + 15}" class="value">{round(d.score * 100)}</text>'
        )
    height = 16 + 34 * len(grade.dimensions)
    return (
        f'<svg id="chart" role="img" aria-label="Score per dimension" viewBox="0 0 680 {height}" '
        f'width="680" height="{height}">{"".join(rows)}</svg>'
    )


def _timeline(transcript: Transcript, tagged: Sequence[Tagged | None]) -> str:
    cells = []
    for stage in STAGES:
        indexes = [i for i, t in enumerate(transcript.turns) if t.stage == stage and t.speaker == "candidate"]
        seen = [tag for tag in TAGS if any(tagged[i] and tag in tagged[i].tags for i in indexes)]
        marks = (
            "".join(f'<span class="tag tag-{t}">{_TAG_TITLES[t]}</span>' for t in seen) or '<span class="none">—</span>'
        )
        cells.append(f"<li><h3>{TITLES[stage]}</h3><p>{len(indexes)} answer{'s' * (len(indexes) != 1)}</p>{marks}</li>")
    return f'<ol class="timeline">{"".join(cells)}</ol>'


def _evidence(grade: Grade) -> str:
    blocks = []
    for d in grade.dimensions:
        quotes = (
            "".join(
                f"<li>“{escape(e.quote)}” <em>({escape(TITLES.get(e.stage, str(e.stage)))})</em></li>"
                for e in d.evidence
            )
            or '<li class="none">Nothing yet.</li>'
        )
        blocks.append(
            f'<section class="dimension"><h3>{escape(d.title)} <span>{round(d.score * 100)}</span></h3>'
            f"<ul>{quotes}</ul></section>"
        )
    return "".join(blocks)


def _delivery(grade: Grade) -> str:
    if grade.delivery is None:
        return '<p class="none">No timings: delivery figures come from spoken sessions and timed transcripts.</p>'
    d = grade.delivery
    return (
        f'<dl class="delivery"><dt>Words per minute</dt><dd>{d.words_per_minute:.0f}</dd>'
        f"<dt>Filler words per minute</dt><dd>{d.fillers_per_minute:.1f}</dd>"
        f"<dt>Longest pause</dt><dd>{d.longest_pause:.1f} s</dd>"
        f"<dt>Longest pause inside an answer</dt><dd>{d.longest_pause_in_answer:.1f} s</dd></dl>"
    )


def _tips(grade: Grade) -> str:
    items = "".join(f"<li>{escape(d.tip)}</li>" for d in grade.dimensions if d.tip)
    return f"<ul>{items}</ul>" if items else '<p class="none">Nothing to add: keep doing exactly this.</p>'


def _transcript(transcript: Transcript, tagged: Sequence[Tagged | None]) -> str:
    rows, stage = [], None
    for turn, tags in zip(transcript.turns, tagged, strict=True):
        if turn.stage != stage:
            stage = turn.stage
            rows.append(f'<li class="stage">{escape(TITLES.get(stage, str(stage)))}</li>')
        who = "candidate" if turn.speaker == "candidate" else "interviewer"
        rows.append(f'<li class="{who}"><b>{escape(turn.label or who.title())}</b> {_highlight(turn.text, tags)}</li>')
    return f'<ol class="transcript">{"".join(rows)}</ol>'


def _highlight(text: str, tags: Tagged | None) -> str:
    """The turn's text, escaped, with each tagged sentence marked by its tags."""
    if tags is None or not tags.matches:
        return escape(text)
    by_sentence: dict[str, list[str]] = {}
    for match in tags.matches:
        by_sentence.setdefault(match.sentence, []).append(match.tag)
    out, rest = [], text
    for sentence, names in sorted(by_sentence.items(), key=lambda item: text.find(item[0])):
        at = rest.find(sentence)
        if at < 0:
            continue
        classes = " ".join(f"tag-{n}" for n in names)
        label = ", ".join(_TAG_TITLES[n] for n in names)
        out += [escape(rest[:at]), f'<mark class="{classes}" title="{escape(label)}">{escape(sentence)}</mark>']
        rest = rest[at + len(sentence) :]
    return "".join(out) + escape(rest)


def render_history(sessions) -> str:
    """Every session's score over time as an inline SVG line chart, and a table."""
    width, height, pad = 640, 220, 30
    points = []
    for i, s in enumerate(sessions):
        x = pad + (width - 2 * pad) * (i / max(1, len(sessions) - 1))
        y = height - pad - (height - 2 * pad) * s.score / 100
        points.append((round(x, 1), round(y, 1), s))
    line = " ".join(f"{x},{y}" for x, y, _ in points)
    dots = "".join(
        f'<circle cx="{x}" cy="{y}" r="4"><title>{escape(s.started)}: {s.score}</title></circle>' for x, y, s in points
    )
    rows = "".join(
        f"<tr><td>{escape(s.started[:16].replace('T', ' '))}</td><td>{escape(s.persona)}</td>"
        f"<td>{s.score}</td><td>{'yes' if s.hire else 'no'}</td></tr>"
        for s in sessions
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Practice history</title>'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<style>body{font:15px system-ui,sans-serif;margin:24px;color:#1d2330}polyline{fill:none;stroke:#2563eb;"
        "stroke-width:2}circle{fill:#2563eb}td,th{padding:4px 12px;text-align:left}</style></head><body>"
        f'<h1>Practice history</h1><svg id="trend" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}"><line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        f'stroke="#d1d5db"/><polyline points="{line}"/>{dots}</svg>'
        f"<table><tr><th>when</th><th>persona</th><th>score</th><th>hire</th></tr>{rows}</table></body></html>"
    )
