"""The question navigator: a grid of numbers showing answered, unanswered, flagged and current."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from examprep.ui.guard import Guarded

CELL = 5


class Navigator(Guarded, Widget, can_focus=True):
    """Jump anywhere: arrows move, Enter jumps, or click a number."""

    BINDINGS = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("up", "move_row(-1)", show=False),
        Binding("down", "move_row(1)", show=False),
        Binding("enter,space", "jump", "Go to", show=False),
    ]
    DEFAULT_CSS = """
    Navigator { height: auto; }
    """

    class Jump(Message):
        """Go to the item at ``position``."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    cursor = reactive(0)

    def __init__(self, total: int, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = total
        self.current = 0
        self.answered: set[int] = set()
        self.flagged: set[int] = set()

    def update_state(self, current: int, answered: set[int], flagged: set[int]) -> None:
        """Show the session's state."""
        self.current, self.answered, self.flagged = current, answered, flagged
        if not self.has_focus:
            self.cursor = current
        self.refresh()

    @property
    def per_row(self) -> int:
        return max(1, (self.size.width or 20) // CELL)

    def render(self) -> Text:
        out = Text()
        for n in range(self.total):
            mark = "⚑" if n in self.flagged else " "
            label = f"{n + 1:>3}{mark} "
            if n == self.current:
                style = "bold reverse"
            elif n in self.answered:
                style = "bold green"
            else:
                style = "dim"
            if self.has_focus and n == self.cursor:
                style += " underline"
            if n in self.flagged and n != self.current:
                style = "bold yellow" + (" underline" if self.has_focus and n == self.cursor else "")
            out.append(label, style=style)
            if (n + 1) % self.per_row == 0 and n + 1 < self.total:
                out.append("\n")
        return out

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, delta: int) -> None:
        self.cursor = min(max(self.cursor + delta, 0), self.total - 1)

    def action_move_row(self, delta: int) -> None:
        self.action_move(delta * self.per_row)

    def action_jump(self) -> None:
        self.post_message(self.Jump(self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = event.y * self.per_row + event.x // CELL
        if 0 <= index < self.total:
            self.cursor = index
            self.post_message(self.Jump(index))
