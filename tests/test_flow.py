"""The state machine table: order, guards, early end, no shortcuts."""

from __future__ import annotations

from interviewer.interview.diagram import mermaid
from interviewer.interview.flow import STATES, build_machine


class Model:
    def __init__(self):
        self.done = False

    def is_stage_done(self):
        return self.done


def test_advance_waits_for_the_stage_to_be_done():
    model = Model()
    build_machine(model)
    assert model.state == "opening"
    model.advance()
    assert model.state == "opening"
    model.done = True
    for expected in ("qualifications", "role_fit", "closing", "graded"):
        model.advance()
        assert model.state == expected
    model.advance()
    assert model.state == "graded"


def test_stop_ends_any_active_stage_but_not_a_finished_one():
    model = Model()
    build_machine(model)
    model.stop()
    assert model.state == "ended"
    finished = Model()
    finished.done = True
    build_machine(finished)
    for _ in range(4):
        finished.advance()
    finished.stop()
    assert finished.state == "graded"


def test_no_jumping_around_the_table():
    model = Model()
    build_machine(model)
    assert not hasattr(model, "to_closing")


def test_mermaid_names_every_state():
    text = mermaid()
    assert text.startswith("---\ntitle: Interview flow\n---\nstateDiagram-v2\n")
    assert all(state in text for state in STATES)
    assert "closing --> graded: advance [is_stage_done]" in text
    assert "closing --> ended: stop" in text
