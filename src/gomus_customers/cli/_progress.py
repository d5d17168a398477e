"""A progress bar for long commands on a terminal: label, bar, count, rate and time left.

It draws on one line of stderr, at most ten times a second and once more at the end, and only
when stderr is a terminal: a script or a log file sees no bar, only the command's result.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["ProgressBar", "progress_bar"]

_WIDTH = 24
_EVERY = 0.1  # seconds between redraws


class ProgressBar:
    """``bar(done, total)`` redraws ``label [#####.....] 12,500 / 100,000  4,210/s  0:21 left``."""

    def __init__(
        self, label: str, stream: TextIO, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._label = label
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        finished = done >= total
        if not finished and self._drawn_at is not None and now - self._drawn_at < _EVERY:
            return
        self._drawn_at = now
        end = "\n" if finished else ""
        self._stream.write(f"\r{self.line(done, total, now - self._started)}{end}")
        self._stream.flush()

    def line(self, done: int, total: int, elapsed: float) -> str:
        """The bar's text after ``elapsed`` seconds with ``done`` of ``total`` finished."""
        share = done / total if total else 1.0
        filled = round(share * _WIDTH)
        bar = "#" * filled + "." * (_WIDTH - filled)
        text = f"{self._label} [{bar}] {done:,} / {total:,}"
        if elapsed <= 0 or done == 0:
            return text
        rate = done / elapsed
        text += f"  {rate:,.0f}/s"
        if done < total:
            text += f"  {_clock_time((total - done) / rate)} left"
        else:
            text += f"  in {_clock_time(elapsed)}"
        return text


def _clock_time(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def progress_bar(label: str, stream: TextIO) -> ProgressBar | None:
    """A bar on ``stream`` when it is a terminal, else None (nothing is drawn)."""
    return ProgressBar(label, stream) if stream.isatty() else None
