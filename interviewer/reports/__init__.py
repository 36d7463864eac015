"""Renderings of a grade: the JSON shape, Markdown, the terminal (rich), and the self-contained HTML report;
the report files of a finished session; re-grading a session or transcript for `interviewer report`.

May import judge, personas, sessions and the foundation modules.
"""
