"""The question navigator: a grid of numbers showing answered, unanswered, flagged and current."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from examprep.ui.guard import Guarded

CELL = 5
_STYLES = {
    "current": Style(bold=True, reverse=True),
    "marked": Style(bold=True, color="yellow"),
    "answered": Style(bold=True, color="green"),
    "open": Style(dim=True),
}
_UNDERLINE = Style(underline=True)


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
        self._base = Style()

    def update_state(self, current: int, answered: set[int], flagged: set[int]) -> None:
        """Show the session's state, redrawing only the rows whose cells changed."""
        changed = {self.current, current} | (self.answered ^ answered) | (self.flagged ^ flagged)
        self.current, self.answered, self.flagged = current, set(answered), set(flagged)
        if not self.has_focus:
            changed.add(self.cursor)
            self.set_reactive(Navigator.cursor, current)  # the cursor is only drawn while focused
        width = self.size.width
        if not width:
            self.refresh()
            return
        rows = {n // self.per_row for n in changed}
        self.refresh(*(Region(0, row, width, 1) for row in sorted(rows)))

    @property
    def per_row(self) -> int:
        return max(1, (self.size.width or 20) // CELL)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return -(-self.total // max(1, width // CELL))

    def cell_style(self, n: int) -> Style:
        """How question ``n`` is drawn: current, marked, answered or open; underlined under the cursor."""
        if n == self.current:
            name = "current"
        elif n in self.flagged:
            name = "marked"
        elif n in self.answered:
            name = "answered"
        else:
            name = "open"
        style = _STYLES[name]
        return style + _UNDERLINE if self.has_focus and n == self.cursor else style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style  # walks the ancestors: once per draw, not once per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        # Drawn line by line from segments: a Rich Text of 65 styled cells took 4 ms to lay out
        # on every "next question", most of a frame.
        base = self._base
        first = y * self.per_row
        segments = [
            Segment(f"{n + 1:>3}{'⚑' if n in self.flagged else ' '} ", base + self.cell_style(n))
            for n in range(first, min(first + self.per_row, self.total))
        ]
        return Strip(segments).extend_cell_length(self.size.width, base)

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
