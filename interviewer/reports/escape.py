"""User text (transcripts, typed answers, personas, file names) made safe for where it is shown: one
helper per medium, so text is always displayed and never obeyed.

- for_terminal: control characters (escape sequences, bells, carriage returns) become visible codes such as
  `\\x1b`, so a transcript cannot clear the screen, retitle the window or make links;
- for_rich: a Text, which rich never parses as markup (`[/]`, `[link=...]`) or emoji codes;
- for_markdown: Markdown and HTML syntax backslash-escaped, one line;
- for_html: the standard entities (`html.escape`);
- for_json_line: one JSON object on one line, whatever splits lines (U+0085, U+2028 and U+2029 escaped too,
  as a reader splitting with Python's str.splitlines would break on them).
"""

from __future__ import annotations

import html as _html
import json
import re

from rich.text import Text

# C0 controls but tab and newline, DEL, and the C1 controls (0x9b is a one-byte CSI on some terminals).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKERS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!~&])")


def for_terminal(text: str) -> str:
    """Text for a terminal: every control character but tab and newline shown as its code."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def for_rich(text: str, style: str = "") -> Text:
    """Text for a rich renderable (table cell, panel title): never read as markup."""
    return Text(for_terminal(text), style=style)


def for_markdown(text: str) -> str:
    """Text for one line of Markdown (a heading, a table cell): markup and HTML escaped, newlines spaces."""
    one_line = re.sub(r"\s*[\r\n]+\s*", " ", text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", for_terminal(one_line))


def for_html(text: str) -> str:
    return _html.escape(text)


def for_json_line(row: object) -> str:
    return json.dumps(row, ensure_ascii=False).translate(_LINE_BREAKERS)
