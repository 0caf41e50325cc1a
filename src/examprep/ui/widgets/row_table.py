"""A small read-only table: a header, rows, a row cursor. Drawn line by line.

The home screen shows three short tables on every start. Textual's DataTable (virtual
scrolling, cell cursors, sorting) cost about 50 ms of start-up for them; this widget draws the
same rows in a few milliseconds and keeps what home uses: arrows, Enter, clicks and zebra rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from examprep.ui.guard import Guarded

Cell = str | Text
GAP = 2
_CONSOLE = Console(width=1000, legacy_windows=False, force_terminal=False)


class RowTable(Guarded, Widget, can_focus=True):
    """Rows of cells under a header; the cursor row is highlighted while focused."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("home", "to(0)", show=False),
        Binding("end", "to(-1)", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--even"}
    DEFAULT_CSS = """
    RowTable { height: auto; background: $surface; color: $foreground; }
    RowTable > .row-table--header { text-style: bold; background: $panel; color: $foreground; }
    RowTable > .row-table--even { background: $surface-lighten-1 50%; }
    RowTable > .row-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    RowTable:focus > .row-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    class _RowMessage(Message):
        def __init__(self, table: RowTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> RowTable:
            return self.table

    class Highlighted(_RowMessage):
        """The cursor is on the row with ``key`` (also sent when rows are set)."""

    class Selected(_RowMessage):
        """Enter or a click on the row with ``key``."""

    cursor_row = reactive(0)

    def __init__(self, *columns: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self._header = [Text(c) for c in columns]
        self._keys: list[str] = []
        self._rows: list[list[Text]] = []
        self._widths = [cell_len(c) for c in columns]
        self._styles: dict[str, Style] = {}
        self._fitted = self._widths

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_key(self) -> str | None:
        """The key of the cursor row, or None when the table is empty."""
        return self._keys[self.cursor_row] if self._rows else None

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Cell]]]) -> None:
        """Show ``rows`` (key, cells), keeping the cursor on the same row number where possible."""
        self._keys = [key for key, _ in rows]
        self._rows = [[c if isinstance(c, Text) else Text(c) for c in cells] for _, cells in rows]
        self._widths = [
            max([cell_len(name), *(row[n].cell_len for row in self._rows if n < len(row))])
            for n, name in enumerate(self.columns)
        ]
        row = min(self.cursor_row, max(len(self._rows) - 1, 0))
        if row != self.cursor_row:
            self.cursor_row = row  # announces the row
        elif self._rows:
            self.post_message(self.Highlighted(self, self._keys[row]))
        self.refresh(layout=True)

    # -- drawing -------------------------------------------------------------------------------
    def _natural_width(self) -> int:
        """Cells wide enough for every column, with the gaps and the one-cell margins."""
        return sum(self._widths) + GAP * (len(self._widths) - 1) + 2

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._natural_width()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + len(self._rows)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Once per draw, not once per line: component styles walk the DOM, and the column fit.
        self._fitted = self._fit(self.size.width)
        base = self.rich_style
        self._styles = {
            "base": base,
            **{name: base + self.get_component_rich_style(name) for name in self.COMPONENT_CLASSES},
        }
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            cells = self._header
            style = self._styles["row-table--header"]
        elif y - 1 < len(self._rows):
            cells = self._rows[y - 1]
            if y - 1 == self.cursor_row:
                style = self._styles["row-table--cursor"]
            else:
                style = self._styles["row-table--even" if (y - 1) % 2 else "base"]
        else:
            return Strip.blank(width, self._styles["base"])
        segments = [Segment(" ", style)]
        for n, (cell, cell_width) in enumerate(zip(cells, self._fitted, strict=False)):
            text = cell.copy()
            text.truncate(cell_width, overflow="ellipsis", pad=True)
            # Text.render draws the spans; the cell's own style (green "ready") is laid under them here.
            cell_style = style + _CONSOLE.get_style(text.style) if text.style else style
            segments.extend(
                Segment(seg.text, cell_style + seg.style if seg.style else cell_style) for seg in text.render(_CONSOLE)
            )
            if n < len(cells) - 1:
                segments.append(Segment(" " * GAP, style))
        return Strip(segments).crop_extend(0, width, style)

    def _fit(self, width: int) -> list[int]:
        """Column widths for ``width`` cells: when the table is too wide, the widest column gives way."""
        widths = list(self._widths)
        excess = self._natural_width() - width
        if excess > 0:
            widest = widths.index(max(widths))
            widths[widest] = max(widths[widest] - excess, 6)
        return widths

    # -- input ---------------------------------------------------------------------------------
    def watch_cursor_row(self) -> None:
        self.refresh()
        if self._rows:
            self.post_message(self.Highlighted(self, self._keys[self.cursor_row]))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, delta: int) -> None:
        if self._rows:
            self.cursor_row = min(max(self.cursor_row + delta, 0), len(self._rows) - 1)

    def action_to(self, row: int) -> None:
        if self._rows:
            self.cursor_row = row % len(self._rows)

    def action_select(self) -> None:
        if self._rows:
            self.post_message(self.Selected(self, self._keys[self.cursor_row]))

    def on_click(self, event: events.Click) -> None:
        row = event.y - 1
        if 0 <= row < len(self._rows):
            self.cursor_row = row
            self.post_message(self.Selected(self, self._keys[row]))
