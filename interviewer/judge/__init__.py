"""The judge: canonical text, the tagger (rules, fuzzy phrases, the sentence encoder and its trained head),
the grader and the delivery figures. Pure: no I/O beyond loading its own data (judge/data/).

May import only the foundation modules (errors, tomlio, transcript); every other part may import it.
"""
