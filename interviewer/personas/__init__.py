"""Interviewer personas: the TOML format and its checks, the JSON Schema generated from the loader's own
table, the coach's tools, the stock lines every interviewer says (personas/data/lines.toml), and the
built-in personas (personas/builtin/). Content only: a persona never runs code.

May import judge (tag names, the rubric's dimensions) and the foundation modules.
"""
