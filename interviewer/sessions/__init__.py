"""Practice sessions on disk: the append-only session log (a turn is on disk before the interview goes on)
and the history index, a SQLite file rebuilt from the session folders, which stay the source of truth.

Never imports a renderer: reports are rendered by interviewer/reports and handed to the log as text.
May import only the foundation modules.
"""
