"""Which of a persona's lines to say this time: drawn with the seed, lines the candidate has not heard in
their recent sessions first, so practising twice in a row is not the same interview twice."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence


def draw(lines: Sequence[str], count: int, rng: random.Random, heard: Collection[str]) -> list[str]:
    """`count` of `lines` in a random order: unheard ones first, heard ones only when too few are left."""
    fresh = [line for line in lines if line not in heard]
    stale = [line for line in lines if line in heard]
    rng.shuffle(fresh)
    rng.shuffle(stale)
    return (fresh + stale)[:count]


def pick_one(lines: Sequence[str], rng: random.Random, heard: Collection[str]) -> str:
    """One of `lines`, an unheard one when there is one."""
    return draw(lines, 1, rng, heard)[0]
