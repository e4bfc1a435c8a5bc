"""Random strings for the tests that pin a fast path to the exact one it replaces."""

from __future__ import annotations

import random


def random_strings(seed: int, alphabet: str, count: int, longest: int) -> list[str]:
    """`count` strings of 1 to `longest` characters drawn from `alphabet`, the same for the same seed."""
    r = random.Random(seed)
    return ["".join(r.choice(alphabet) for _ in range(r.randint(1, longest))) for _ in range(count)]
