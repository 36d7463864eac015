"""The `interviewer` command: parse arguments, call the library, report. Nothing else lives here.

Every InterviewerError becomes one line on stderr, `error: ...`, and exit code 2; so does a usage mistake.
"""

from __future__ import annotations

import io
import json
import sys
import webbrowser
from importlib import resources
from pathlib import Path

import click
from rich.console import Console

from .. import __version__
from ..errors import InterviewerError, PersonaError
from ..interview.drill import Drill
from ..interview.engine import Interview
from ..interview.scenario import ScriptedListener, check, load_scenario
from ..judge.grading import grade as grade_transcript
from ..judge.tagger_cache import tagger_for
from ..judge.tagging import default_tagger
from ..personas.checks import VOICE_ENGINES
from ..personas.format import load_persona
from ..ports import SystemClock
from ..reports import html as html_report
from ..reports.escape import for_json_line, for_terminal
from ..reports.rerender import killed_session, render_report
from ..reports.session_reports import ReportedSession
from ..reports.text import grade_dict, history_table, markdown, terminal
from ..sessions.heard import recently_heard
from ..sessions.history import History
from ..sessions.log import SessionLog
from ..transcript import read_transcript
from .background import InBackground
from .devices import connect_barge_in, open_listener, open_speaker, scripted_adapters, voice_required
from .drill_command import drill as drill_command
from .options import FILE, FOLDER, engine_option
from .persona_commands import persona as persona_commands
from .progress import progress_bar
from .signals import signals_end_the_interview
from .terminal import TypedListener

EXAMPLE = "data/example_interview.txt"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="interviewer")
def cli() -> None:
    """Practise sales interviews out loud, graded on Always Be Soft Closing."""


@cli.command()
@click.argument("texts", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per utterance (JSON Lines).")
@click.option("--why", is_flag=True, help="Show the evidence behind each tag: rule, phrase, or model and examples.")
def tag(texts: tuple[str, ...], as_json: bool, why: bool) -> int:
    """Tag utterances: the arguments, or each line of standard input."""
    tagger = default_tagger()
    lines = texts or (line.rstrip("\r\n") for line in sys.stdin)
    for text in lines:
        result = tagger.tag(text, why=why)
        if as_json:
            row = {"text": text, "tags": list(result.tags)}
            if why:
                row["why"] = [_reason(m) for m in result.matches]
            click.echo(for_json_line(row))
            continue
        click.echo(f"{', '.join(result.tags) or '-'}\t{for_terminal(text)}")
        if why:
            for match in result.matches:
                click.echo(f"    {match.tag}: {_evidence_line(match)}")
                for example in match.nearest:
                    click.echo(f"        like: {for_terminal(example)}")
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
                click.echo(for_json_line({"file": str(path), **grade_dict(result)}))
            else:
                console.print(terminal(result, title=str(path)))
    return 2 if failed else 0


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
@engine_option("Speech recognizer; google sends audio over the network.")
@click.option("--model", default=None, help="A larger Whisper model (name or folder) for --engine whisper.")
@click.option(
    "--voice-engine",
    type=click.Choice(VOICE_ENGINES),
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
@click.option("--save", type=FOLDER, help="Save the session in this folder (default: a new one in your data folder).")
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
    speaker = open_speaker(persona, mute=mute, engine=voice_engine)  # with the greeting's audio ready
    tagger = InBackground(lambda: tagger_for(persona.tag_phrases), "tagger")  # loads while the greeting plays
    listener = open_listener(
        typed=text,
        engine=engine,
        model=model,
        end_silence=end_silence,
        clock=clock,
        device=input_device,
        tagger=tagger,
        yields=True,  # the interview takes its reply back when the candidate goes on
    )
    connect_barge_in(speaker, listener)
    spoken = not isinstance(listener, TypedListener)
    meta = {"persona": persona.name, "source": persona.source, "mode": f"spoken ({engine})" if spoken else "typed"}
    session = ReportedSession(SessionLog.create(save, persona.name, meta), persona)
    interview = Interview(
        persona,
        speaker=speaker,
        listener=listener,
        seed=seed or 0,
        session=session,
        clock=clock if spoken else None,
        heard=recently_heard(History(notice=io.StringIO()).all()),  # the history's own notes are for `history`
        tagger=tagger,
    )
    with signals_end_the_interview() as ending:
        try:
            result = interview.run()
        finally:
            session.close()
            listener.close()
            getattr(speaker, "close", lambda: None)()
            tagger.settle()
    History().record(session.folder)
    if interview.interrupted and sys.stdin.isatty():
        click.echo()  # Ctrl-C left the cursor after the prompt
    ended = " (ended early)" if interview.state == "ended" else ""
    Console().print(terminal(result, title=f"Interview with {persona.name}{ended}"))
    click.echo(f"Transcript and report saved in {session.folder} (report.html opens in a browser)")
    return ending.exit_code if interview.interrupted else 0


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--candidate", default="Candidate", show_default=True, help="The candidate's speaker label.")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "json"]), default="html", show_default=True)
@click.option("--output", type=FILE, help="Where to write it (html: report.html in a session, else beside the file).")
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
    _write_output(output, text)
    Console().print(terminal(rendered.grade, title=rendered.title))
    click.echo(f"Report written to {output}")
    if open_it:
        webbrowser.open(output.resolve().as_uri())
    return 0


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per session, oldest first (JSON Lines).")
@click.option("--html", "html_path", type=FILE, help="Also write the history as an HTML page with a chart.")
def history(as_json: bool, html_path: Path | None) -> int:
    """Past practice sessions, their scores per dimension, and the trend."""
    sessions = History(recover=killed_session).all()
    if as_json:
        for session in sessions:
            click.echo(for_json_line(session.as_dict()))
    else:
        Console().print(history_table(sessions))
    if html_path:
        _write_output(html_path, html_report.render_history(sessions))
        click.echo(f"History written to {html_path}", err=as_json)
    return 0


@cli.command()
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per scenario (JSON Lines).")
@click.option("--voice", is_flag=True, help="Send every line through synthesis and the speech recognizer.")
@engine_option("Speech recognizer for --voice and audio replies.")
def run(scenarios: tuple[Path, ...], as_json: bool, voice: bool, engine: str) -> int:
    """Play scenario scripts (scripted candidates) and check their expectations."""
    failed = bad = 0
    console = Console()
    with progress_bar(len(scenarios), "Running scenarios", always=voice) as advance:
        for path in scenarios:
            advance()
            try:
                scenario = load_scenario(path)
                persona = _scenario_persona(scenario)
                interview = _scripted_interview(scenario, persona, voice=voice, engine=engine)
                result = interview.run()
            except InterviewerError as exc:
                message = str(exc)  # led by the scenario's file, so it is clear which of several failed
                _error(message if message.startswith(str(path)) else f"{path}: {message}")
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
            "transcript": [
                {"speaker": t.speaker, "stage": t.stage, "text": t.text, **({"withdrawn": True} if t.withdrawn else {})}
                for t in interview.turns
            ],
        }
        click.echo(for_json_line(row))
        return not outcome.passed
    for turn in interview.turns:
        who = persona.name if turn.speaker == "interviewer" else "Candidate" + " (withdrawn)" * turn.withdrawn
        click.echo(for_terminal(f"[{turn.stage}] {who}: {turn.text}"))
    console.print(terminal(result, title=str(path)))
    click.echo(for_terminal(f"{'PASS' if outcome.passed else 'FAIL'} {path}"))
    for failure in outcome.failures:
        click.echo(for_terminal(f"  - {failure}"))
    return not outcome.passed


def _scenario_persona(scenario):
    try:
        return load_persona(scenario.persona, base=scenario.path.parent)
    except PersonaError:
        raise  # names the persona's file and line
    except InterviewerError as exc:
        raise InterviewerError(f"persona: {exc}") from None


def _scripted_interview(scenario, persona, *, voice: bool, engine: str) -> Interview | Drill:
    """The scenario's candidate against the persona, in an interview or a drill: word for word, or through
    real audio with --voice."""
    needs_audio = voice or any(r.audio is not None for r in scenario.replies)
    speaker, hear, clock = scripted_adapters(persona, voice=voice, audio=needs_audio, engine=engine)
    listener = ScriptedListener(scenario.replies, hear=hear, voice=voice)
    if scenario.drill:
        return Drill(
            persona, scenario.drill, speaker=speaker, listener=listener, seed=scenario.seed, rounds=scenario.rounds
        )
    return Interview(persona, speaker=speaker, listener=listener, seed=scenario.seed, clock=clock)


@cli.command()
@click.argument("audio", nargs=-1, required=True, type=click.Path(path_type=Path))
@engine_option("Speech recognizer.")
@click.option("--model", default=None, help="A larger Whisper model (name or folder) for --engine whisper.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file (JSON Lines).")
def transcribe(audio: tuple[Path, ...], engine: str, model: str | None, as_json: bool) -> int:
    """Print what the speech recognizer hears in audio files (WAV, AIFF, FLAC)."""
    with voice_required():
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
        row = for_json_line({"file": str(path), "text": text})
        click.echo(row if as_json else for_terminal(f"{path}: {text}"))
    return 2 if bad else 0


cli.add_command(persona_commands)
cli.add_command(drill_command)


def _reason(match) -> dict:
    reason = {"tag": match.tag, "rule": match.rule, "words": match.words, "score": match.score}
    if match.rule == "model":
        reason["nearest"] = list(match.nearest)
    return reason


def _evidence_line(match) -> str:
    words = for_terminal(match.words)
    if match.rule == "model":
        return f"the model, probability {match.score / 100:.2f}, reading [{words}]"
    return f"{match.rule} [{words}] {match.score:g}"


def _write_output(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InterviewerError(f"{path}: cannot write ({exc.strerror})") from None


def _error(message: str) -> None:
    click.echo(f"error: {for_terminal(message)}", err=True)


def _forgiving_stdin() -> None:
    """Invalid UTF-8 typed or piped in becomes U+FFFD, instead of a crash or a bad byte written back out."""
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> None:
    """The console script. Turns the project's errors and usage mistakes into one line and exit code 2."""
    _forgiving_stdin()
    try:
        code = cli.main(args=argv, prog_name="interviewer", standalone_mode=False)
    except click.UsageError as exc:
        hint = f" (see 'interviewer {exc.ctx.info_name} --help')" if exc.ctx and exc.ctx.parent else ""
        _error(f"{exc.format_message()}{hint}")
        code = 2
    except (click.Abort, KeyboardInterrupt):
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
