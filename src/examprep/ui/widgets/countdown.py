"""The countdown: shows what the session says is left; colour changes as time runs short."""

from __future__ import annotations

from textual.widgets import Static


def clock_text(seconds: float) -> str:
    """``1:05:09`` or ``42:07``."""
    total = int(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02}:{s:02}" if h else f"{m:02}:{s:02}"


class Countdown(Static):
    """Time left (or used, when untimed)."""

    DEFAULT_CSS = """
    Countdown { width: auto; padding: 0 1; text-style: bold; }
    Countdown.low { background: $warning 40%; }
    Countdown.critical { background: $error 60%; }
    """

    def show(self, remaining: float | None, elapsed: float, limit: float | None) -> None:
        """Display the time; ``low`` under 15% (or 15 min), ``critical`` under 5% (or 5 min)."""
        if remaining is None or limit is None:
            self._show(f"⏱ {clock_text(elapsed)} used")
            return
        self._show(f"⏱ {clock_text(remaining)} left")
        self.set_class(remaining <= min(limit * 0.15, 15 * 60) and remaining > min(limit * 0.05, 5 * 60), "low")
        self.set_class(remaining <= min(limit * 0.05, 5 * 60), "critical")

    def _show(self, text: str) -> None:
        old = str(self.content)
        if old != text:
            self.update(text, layout=len(old) != len(text))  # ticks keep the width: no re-layout
