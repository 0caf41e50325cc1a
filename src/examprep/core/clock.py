"""Time, injected: the core never reads the wall clock itself."""

from __future__ import annotations

import datetime as dt
import time
from typing import Protocol


class Clock(Protocol):
    """Where the session gets the time from."""

    def now(self) -> dt.datetime:
        """The current time, timezone-aware UTC (for timestamps)."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin that never go backwards (for durations)."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock tests move by hand: ``advance(seconds)``."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self._start = start or dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
        self._elapsed = 0.0

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        if seconds < 0:
            raise ValueError("time does not run backwards")
        self._elapsed += seconds

    def now(self) -> dt.datetime:
        return self._start + dt.timedelta(seconds=self._elapsed)

    def monotonic(self) -> float:
        return self._elapsed
