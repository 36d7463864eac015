"""Options and argument types that several commands share, written once."""

from __future__ import annotations

from pathlib import Path

import click

from ..voice import RECOGNIZERS

FILE = click.Path(path_type=Path, dir_okay=False)  # a file to write
FOLDER = click.Path(path_type=Path, file_okay=False)  # a folder to write into


def engine_option(help_text: str):
    """--engine, the speech recognizer, as every command that hears audio offers it."""
    return click.option(
        "--engine", type=click.Choice(RECOGNIZERS), default="whisper", show_default=True, help=help_text
    )
