#!/usr/bin/env python3
"""Time to decide the interviewer's next line after a reply: tag + react + machine step.

Every `say` reply of the shipped scenarios is played through a real Interview with fakes at the device
seam; the clock runs from the moment the listener hands over a reply to the moment the next line is
given to the speaker. Beside it, in the same run, the baseline: tagging the same reply alone.
Usage: scripts/bench_turn.py [--rounds N]      Target: median <= 20 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.interview.engine import Interview  # noqa: E402
from interviewer.interview.scenario import load_scenario  # noqa: E402
from interviewer.judge.tagger_cache import tagger_for  # noqa: E402
from interviewer.personas.format import load_persona  # noqa: E402
from interviewer.ports import Heard  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


class TimedListener:
    def __init__(self, replies, timings):
        self.replies, self.timings, self.handed = list(replies), timings, None

    def listen(self) -> Heard:
        if not self.replies:
            return Heard.silence()
        heard = self.replies.pop(0)
        self.handed = time.perf_counter()
        return heard


class TimedSpeaker:
    def __init__(self, timings):
        self.timings, self.listener = timings, None

    def say(self, text: str) -> None:
        if self.listener and self.listener.handed is not None:
            self.timings.append(time.perf_counter() - self.listener.handed)
            self.listener.handed = None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="times to play every scenario")
    args = parser.parse_args()
    scenarios = [load_scenario(p) for p in sorted((ROOT / "scenarios").glob("*.toml"))]
    decide: list[float] = []
    tag_only: list[float] = []
    for _ in range(args.rounds):
        for scenario in scenarios:
            persona = load_persona(scenario.persona, base=scenario.path.parent)
            replies = [Heard.speech(r.say) for r in scenario.replies if r.say]
            speaker = TimedSpeaker(decide)
            listener = TimedListener(replies, decide)
            speaker.listener = listener
            Interview(persona, speaker=speaker, listener=listener, seed=scenario.seed).run()
            tagger = tagger_for(persona.tag_phrases)
            for reply in replies:
                start = time.perf_counter()
                tagger.tag(reply.text)
                tag_only.append(time.perf_counter() - start)

    def show(name: str, values: list[float]) -> None:
        ms = sorted(v * 1000 for v in values)
        p90 = ms[int(len(ms) * 0.9)]
        median = statistics.median(ms)
        print(f"{name:<28} median {median:6.2f} ms   p90 {p90:6.2f} ms   max {ms[-1]:6.2f} ms   n={len(ms)}")

    show("next line after a reply", decide)
    show("baseline: tagging the reply", tag_only)
    ratio = statistics.median(decide) / statistics.median(tag_only)
    print(
        f"deciding costs {ratio:.1f}x tagging alone; target median <= 20 ms: "
        f"{'met' if statistics.median(decide) <= 0.020 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
