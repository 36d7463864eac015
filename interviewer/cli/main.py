"""The `interviewer` command: parse arguments, call the library, report. Nothing else lives here.

Every InterviewerError becomes one line on stderr, `error: ...`, and exit code 2; so does a usage mistake.
"""

from __future__ import annotations

import json
import sys
import webbrowser
from importlib import resources
from pathlib import Path

import click
from rich.console import Console

from .. import __version__
from ..reports import html as html_report
from .persona_commands import persona as persona_commands
from .terminal import TypedListener
from .devices import connect_barge_in, open_listener, open_speaker
from ..errors import InterviewerError
from ..judge.grading import grade as grade_transcript
from ..sessions.history import History
from ..interview.engine import Interview
from ..personas.format import load_persona
from ..ports import SystemClock
from .progress import progress_bar
from ..reports.text import grade_dict, history_table, markdown, terminal
from ..reports.rerender import render_report
from ..interview.scenario import ScriptedListener, check, load_scenario
from ..sessions.log import SessionLog
from ..judge.tagging import default_tagger
from ..transcript import read_transcript

EXAMPLE = "data/example_interview.txt"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="interviewer")
def cli() -> None:
    """Practise sales interviews out loud, graded on Always Be Soft Closing."""


@cli.command()
@click.argument("texts", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per utterance (JSON Lines).")
@click.option("--why", is_flag=True, help="Show the rule or phrase behind each tag.")
def tag(texts: tuple[str, ...], as_json: bool, why: bool) -> int:
    """Tag utterances: the arguments, or each line of standard input."""
    tagger = default_tagger()
    lines = texts or (line.rstrip("\r\n") for line in sys.stdin)
    for text in lines:
        result = tagger.tag(text)
        reasons = [{"tag": m.tag, "rule": m.rule, "words": m.words, "score": m.score} for m in result.matches]
        if as_json:
            row = {"text": text, "tags": list(result.tags)}
            if why:
                row["why"] = reasons
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        click.echo(f"{', '.join(result.tags) or '-'}\t{text}")
        if why:
            for reason in reasons:
                click.echo(f"    {reason['tag']}: {reason['rule']} [{reason['words']}] {reason['score']:g}")
    return 0


@cli.command()
@click.argument("transcripts", nargs=-1, type=click.Path(path_type=Path, dir_okay=True))
@click.option("--candidate", default="Candidate", show_default=True, help="The candidate's speaker label.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per transcript (JSON Lines).")
@click.option("--example", is_flag=True, help="Grade the bundled example interview.")
def grade(transcripts: tuple[Path, ...], candidate: str, as_json: bool, example: bool) -> int:
    """Grade finished interviews: plain text (Speaker: words), WebVTT or SRT."""
    paths = list(transcripts)
    if example:
        paths.insert(0, Path(str(resources.files("interviewer.cli").joinpath(EXAMPLE))))
    if not paths:
        raise click.UsageError("give at least one transcript file, or --example")
    failed = 0
    console = Console()
    with progress_bar(len(paths), "Grading") as advance:
        for path in paths:
            advance()
            try:
                result = grade_transcript(read_transcript(path, candidate=candidate))
            except InterviewerError as exc:
                _error(str(exc))
                failed += 1
                continue
            if as_json:
                click.echo(json.dumps({"file": str(path), **grade_dict(result)}, ensure_ascii=False))
            else:
                console.print(terminal(result, title=str(path)))
    return 2 if failed else 0


ENGINES = click.Choice(["whisper", "sphinx", "google"])
VOICE_ENGINES = click.Choice(["piper", "espeak", "pyttsx3"])


@cli.command()
@click.option(
    "--persona",
    "persona_name",
    default="default",
    show_default=True,
    help="A built-in persona's name or a persona file.",
)
@click.option("--text", is_flag=True, help="Type answers instead of speaking them.")
@click.option("--mute", is_flag=True, help="Print questions instead of speaking them.")
@click.option(
    "--engine",
    type=ENGINES,
    default="whisper",
    show_default=True,
    help="Speech recognizer; google sends audio over the network.",
)
@click.option("--model", default=None, help="A larger Whisper model (name or folder) for --engine whisper.")
@click.option(
    "--voice-engine",
    type=VOICE_ENGINES,
    default=None,
    help="The interviewer's voice: piper (natural, the default), espeak or pyttsx3 (the system voices).",
)
@click.option(
    "--end-silence",
    type=click.FloatRange(0.5, 10.0),
    default=1.2,
    show_default=True,
    help="Seconds of silence that end an answer.",
)
@click.option("--input-device", default=None, help="Microphone by index or part of its name.")
@click.option(
    "--save",
    type=click.Path(path_type=Path, file_okay=False),
    help="Save the session in this folder (default: a new folder under your data folder).",
)
@click.option("--seed", type=int, default=None, help="Fix the interviewer's choices among variants.")
def practice(
    persona_name: str,
    text: bool,
    mute: bool,
    engine: str,
    model: str | None,
    voice_engine: str | None,
    end_silence: float,
    input_device: str | None,
    save: Path | None,
    seed: int | None,
) -> int:
    """A mock interview: questions asked, answers heard, a grade at the end."""
    persona = load_persona(persona_name)
    clock = SystemClock()
    speaker = open_speaker(persona, mute=mute, engine=voice_engine)
    listener = open_listener(
        typed=text, engine=engine, model=model, end_silence=end_silence, clock=clock, device=input_device
    )
    connect_barge_in(speaker, listener)
    spoken = not isinstance(listener, TypedListener)
    session = SessionLog.create(
        save,
        persona.name,
        {"persona": persona.name, "source": persona.source, "mode": f"spoken ({engine})" if spoken else "typed"},
    )
    interview = Interview(
        persona, speaker=speaker, listener=listener, seed=seed or 0, session=session, clock=clock if spoken else None
    )
    try:
        result = interview.run()
    finally:
        session.close()
        getattr(getattr(listener, "primary", None), "close", lambda: None)()
        getattr(speaker, "close", lambda: None)()
    History().record(session.folder)
    if interview.interrupted and sys.stdin.isatty():
        click.echo()  # Ctrl-C left the cursor after the prompt
    ended = " (ended early)" if interview.state == "ended" else ""
    Console().print(terminal(result, title=f"Interview with {persona.name}{ended}"))
    click.echo(f"Transcript and report saved in {session.folder} (report.html opens in a browser)")
    return 130 if interview.interrupted else 0


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--candidate", default="Candidate", show_default=True, help="The candidate's speaker label.")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "json"]), default="html", show_default=True)
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write it (html default: report.html in a session, else beside the transcript).",
)
@click.option("--open", "open_it", is_flag=True, help="Open the HTML report in the browser.")
def report(source: Path, candidate: str, fmt: str, output: Path | None, open_it: bool) -> int:
    """Re-render the report of a practice session (its folder) or of a transcript file."""
    rendered = render_report(source, candidate=candidate)
    if fmt == "json":
        text = json.dumps({"file": str(source), **grade_dict(rendered.grade)}, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        text = markdown(rendered.grade, rendered.title)
    else:
        text = rendered.html()
        output = output or rendered.default_html_path
    if output is None:
        click.echo(text, nl=False)
        return 0
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InterviewerError(f"{output}: cannot write ({exc.strerror})") from None
    Console().print(terminal(rendered.grade, title=rendered.title))
    click.echo(f"Report written to {output}")
    if open_it:
        webbrowser.open(output.resolve().as_uri())
    return 0


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per session, oldest first (JSON Lines).")
@click.option(
    "--html",
    "html_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the history as an HTML page with a chart.",
)
def history(as_json: bool, html_path: Path | None) -> int:
    """Past practice sessions, their scores per dimension, and the trend."""
    sessions = History().all()
    if as_json:
        for session in sessions:
            click.echo(json.dumps(session.as_dict(), ensure_ascii=False))
    else:
        Console().print(history_table(sessions))
    if html_path:
        html_path.write_text(html_report.render_history(sessions), encoding="utf-8")
        click.echo(f"History written to {html_path}", err=as_json)
    return 0


@cli.command()
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per scenario (JSON Lines).")
@click.option("--voice", is_flag=True, help="Send every line through synthesis and the speech recognizer.")
@click.option(
    "--engine",
    type=ENGINES,
    default="whisper",
    show_default=True,
    help="Speech recognizer for --voice and audio replies.",
)
def run(scenarios: tuple[Path, ...], as_json: bool, voice: bool, engine: str) -> int:
    """Play scenario scripts (scripted candidates) and check their expectations."""
    failed = bad = 0
    console = Console()
    with progress_bar(len(scenarios), "Running scenarios", always=voice) as advance:
        for path in scenarios:
            advance()
            try:
                scenario = load_scenario(path)
                persona = load_persona(scenario.persona, base=scenario.path.parent)
                interview = _scripted_interview(scenario, persona, voice=voice, engine=engine)
                result = interview.run()
            except InterviewerError as exc:
                _error(str(exc))
                bad += 1
                continue
            failed += _report_scenario(path, scenario, persona, interview, result, as_json, console)
    return 2 if bad else (1 if failed else 0)


def _report_scenario(path, scenario, persona, interview, result, as_json, console) -> bool:
    """Print one scenario's outcome; True when an expectation failed."""
    outcome = check(scenario.expect, interview)
    if as_json:
        row = {
            "scenario": str(path),
            "passed": outcome.passed,
            "failures": outcome.failures,
            "final_state": interview.state,
            **grade_dict(result),
            "transcript": [{"speaker": t.speaker, "stage": t.stage, "text": t.text} for t in interview.turns],
        }
        click.echo(json.dumps(row, ensure_ascii=False))
        return not outcome.passed
    for turn in interview.turns:
        who = persona.name if turn.speaker == "interviewer" else "Candidate"
        click.echo(f"[{turn.stage}] {who}: {turn.text}")
    console.print(terminal(result, title=str(path)))
    click.echo(f"{'PASS' if outcome.passed else 'FAIL'} {path}")
    for failure in outcome.failures:
        click.echo(f"  - {failure}")
    return not outcome.passed


def _scripted_interview(scenario, persona, *, voice: bool, engine: str) -> Interview:
    """The scenario's candidate against the persona: word for word, or through real audio with --voice."""
    needs_audio = voice or any(r.audio is not None for r in scenario.replies)
    speaker, clock, hear = _Quiet(), None, None
    if needs_audio:
        from ..voice.recognizers import load_recognizer
        from ..voice.scripted import AudioClock, SpokenCandidate, SynthesizedSpeaker

        clock = AudioClock() if voice else None
        hear = SpokenCandidate(load_recognizer(engine), clock).hear
        if voice:
            speaker = SynthesizedSpeaker(clock, persona.voice.rate, persona.voice.hint or "en-us")
    listener = ScriptedListener(scenario.replies, hear=hear, voice=voice)
    return Interview(persona, speaker=speaker, listener=listener, seed=scenario.seed, clock=clock)


@cli.command()
@click.argument("audio", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--engine", type=ENGINES, default="whisper", show_default=True, help="Speech recognizer.")
@click.option("--model", default=None, help="A larger Whisper model (name or folder) for --engine whisper.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file (JSON Lines).")
def transcribe(audio: tuple[Path, ...], engine: str, model: str | None, as_json: bool) -> int:
    """Print what the speech recognizer hears in audio files (WAV, AIFF, FLAC)."""
    from ..voice.audio_files import read_samples
    from ..voice.recognizers import load_recognizer

    recognizer = load_recognizer(engine, model)
    bad = 0
    for path in audio:
        try:
            text = recognizer.recognize(read_samples(path))
        except InterviewerError as exc:
            _error(str(exc))
            bad += 1
            continue
        click.echo(json.dumps({"file": str(path), "text": text}, ensure_ascii=False) if as_json else f"{path}: {text}")
    return 2 if bad else 0


class _Quiet:
    """A speaker for scripted runs: the transcript is printed afterwards."""

    def say(self, text: str) -> None:
        pass


cli.add_command(persona_commands)


def _error(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def main(argv: list[str] | None = None) -> None:
    """The console script. Turns the project's errors and usage mistakes into one line and exit code 2."""
    try:
        code = cli.main(args=argv, prog_name="interviewer", standalone_mode=False)
    except click.UsageError as exc:
        hint = f" (see 'interviewer {exc.ctx.info_name} --help')" if exc.ctx and exc.ctx.parent else ""
        _error(f"{exc.format_message()}{hint}")
        code = 2
    except click.Abort:
        _error("interrupted")
        code = 130
    except click.ClickException as exc:
        _error(exc.format_message())
        code = exc.exit_code
    except InterviewerError as exc:
        _error(str(exc))
        code = 2
    except BrokenPipeError:
        code = 0  # output piped into `head` and the like
    sys.exit(code if isinstance(code, int) else 0)
