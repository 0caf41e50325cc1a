"""Horizontal score bars drawn with block characters."""

from __future__ import annotations

from rich.text import Text

FULL, EMPTY = "█", "░"


def bar(percent: float, width: int = 20, mark: float | None = None) -> Text:
    """A bar ``width`` cells wide; ``mark`` (a percent) draws the pass line."""
    filled = round(width * max(0.0, min(percent, 100.0)) / 100)
    cut = None if mark is None else min(width - 1, round(width * mark / 100))
    style = "green" if mark is None or percent >= mark else "red"
    out = Text()
    for n in range(width):
        ch = FULL if n < filled else EMPTY
        out.append("│" if n == cut and n >= filled else ch, style=style if n < filled else "dim")
    return out


def bar_rows(rows: list[tuple[str, float, int]], label_width: int, mark: float | None, width: int = 20) -> Text:
    """One line per (label, percent, count): ``label  ████░░  62% (13)``."""
    out = Text()
    for label, percent, count in rows:
        name = label if len(label) <= label_width else label[: label_width - 1] + "…"
        out.append(f"{name:<{label_width}} ")
        out.append_text(bar(percent, width, mark))
        out.append(f" {percent:5.1f}%  ({count})\n")
    out.rstrip()
    return out
