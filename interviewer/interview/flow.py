"""The interview's stages as a state machine: a table of transitions and the predicates that guard them.

No speaking, listening or files here: the model (interviewer/interview/engine.py) does that in its
`on_enter_<stage>` callbacks and answers the predicates named below.
"""

from __future__ import annotations

from transitions import Machine

from ..stages import STAGES

STATES = (*STAGES, "graded", "ended")
ACTIVE = list(STAGES)

TRANSITIONS = [
    {"trigger": "advance", "source": "opening", "dest": "qualifications", "conditions": "is_stage_done"},
    {"trigger": "advance", "source": "qualifications", "dest": "role_fit", "conditions": "is_stage_done"},
    {"trigger": "advance", "source": "role_fit", "dest": "closing", "conditions": "is_stage_done"},
    {"trigger": "advance", "source": "closing", "dest": "graded", "conditions": "is_stage_done"},
    {"trigger": "stop", "source": ACTIVE, "dest": "ended"},
]


# What every machine of the interview shares, the live one and the diagram's.
TABLE = {"states": list(STATES), "transitions": TRANSITIONS, "initial": "opening", "auto_transitions": False}


def build_machine(model: object) -> Machine:
    """Attach the interview machine to a model that defines is_stage_done and on_enter_<state> callbacks.

    queued=True: a callback that fires another trigger runs it after the current transition completes.
    auto_transitions=False: no to_<state>() shortcuts around the table.
    """
    return Machine(model=model, queued=True, ignore_invalid_triggers=True, **TABLE)
