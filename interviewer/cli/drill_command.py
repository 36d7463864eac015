"""`interviewer drill`: parses, builds the devices, reports. The rounds are interviewer/interview/drill.py."""

from __future__ import annotations

import dataclasses
import io

import click

from ..interview.drill import FOCUSES, ROUNDS, Drill
from ..personas.format import load_persona
from ..ports import SystemClock
from ..reports.escape import for_terminal
from ..reports.session_reports import ReportedSession
from ..sessions.heard import DRILL_MARK, recently_heard, weakest_recent
from ..sessions.history import History
from ..sessions.log import SessionLog
from ..voice import RECOGNIZERS
from .devices import open_listener, open_speaker
from .signals import signals_end_the_interview
from .terminal import TypedListener


@click.command()
@click.option("--focus", type=click.Choice(FOCUSES), help="The dimension to drill (default: your weakest lately).")
@click.option("--persona", "persona_name", default="default", show_default=True, help="A persona's name or file.")
@click.option("--rounds", type=click.IntRange(1, 10), default=ROUNDS, show_default=True, help="Questions to drill.")
@click.option("--text", is_flag=True, help="Type answers instead of speaking them.")
@click.option("--mute", is_flag=True, help="Print questions instead of speaking them.")
@click.option("--engine", type=click.Choice(RECOGNIZERS), default="whisper", show_default=True, help="Recognizer.")
@click.option("--seed", type=int, default=None, help="Fix the drill's choice of questions.")
def drill(
    focus: str | None, persona_name: str, rounds: int, text: bool, mute: bool, engine: str, seed: int | None
) -> int:
    """Short rounds on one dimension, with feedback and a retry after every answer."""
    persona = load_persona(persona_name)
    history = History(notice=io.StringIO()).all()  # the history's own notes are for `history`
    focus = focus or weakest_recent(history) or FOCUSES[0]
    clock = SystemClock()
    speaker = open_speaker(persona, mute=mute)
    listener = open_listener(typed=text, engine=engine, model=None, end_silence=1.2, clock=clock, device=None)
    spoken = not isinstance(listener, TypedListener)
    meta = {"persona": persona.name, "source": persona.source, "mode": f"drill {focus}", "focus": focus}
    meta["mode"] += f", spoken ({engine})" if spoken else ", typed"
    labelled = dataclasses.replace(persona, name=f"{persona.name}{DRILL_MARK}{focus})")
    session = ReportedSession(SessionLog.create(None, labelled.name, meta), labelled)
    runner = Drill(
        persona,
        focus,
        speaker=speaker,
        listener=listener,
        seed=seed or 0,
        rounds=rounds,
        heard=recently_heard(history),
        session=session,
    )
    with signals_end_the_interview():
        try:
            runner.run()
        finally:
            session.close()
            listener.close()
    History().record(session.folder)
    done = runner.drilled
    total = len(done.finals)
    click.echo(for_terminal(f"{focus}: {done.before}/{total} on the first try, {done.after}/{total} by the end"))
    click.echo(f"Transcript and report saved in {session.folder}")
    return 0
