"""The live interview: the state machine's table, the Interview model it drives, how the interviewer reacts
to a reply (claims picked up, lines drawn for variety), when the candidate's turn is over and how a reply
is taken back when they go on, the drill, scenario scripts, and pictures of the flow. It asks through a
Speaker and hears through a Listener (interviewer/ports.py), so it runs the same against devices, the
terminal, scripts and fakes.

May import judge, personas and the foundation modules; never cli, reports, sessions or voice.
"""
