"""The command line: parse arguments, build the real adapters (terminal, microphone, speakers, scripted
candidates), call the library, and report. Each InterviewerError becomes one line on stderr and exit 2.

The top of the house: it may import every other part. Nothing imports it but `python -m interviewer`.
"""
