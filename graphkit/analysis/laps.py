"""Seconds per phase of a run, for reports and benchmarks."""

from __future__ import annotations

import time

__all__ = ["Laps"]


class Laps:
    """``lap(phase)`` adds the seconds since the previous call (or since creation) to
    ``timings[phase]``; a phase named twice accumulates."""

    def __init__(self, timings: dict[str, float] | None = None) -> None:
        self.timings: dict[str, float] = timings if timings is not None else {}
        self.t = time.perf_counter()

    def __call__(self, phase: str) -> None:
        now = time.perf_counter()
        self.timings[phase] = round(self.timings.get(phase, 0.0) + now - self.t, 3)
        self.t = now
