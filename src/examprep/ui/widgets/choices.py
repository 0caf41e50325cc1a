"""Answer widgets: one per item type, each calling its ``on_change`` when the answer moves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from examprep.ui.guard import Guarded

_CONSOLE = Console(width=200, legacy_windows=False, force_terminal=False)

LETTERS = "ABCDEFGHIJ"


def inline(text: str, style: str = "") -> Text:
    """Option text with Markdown inline code (`x`) styled; nothing else is interpreted."""
    out = Text(style=style)
    for n, part in enumerate(text.split("`")):
        out.append(part, style="bold cyan" if n % 2 and text.count("`") % 2 == 0 else "")
    if text.count("`") % 2:
        return Text(text, style=style)
    return out


def hanging(prefix: Text, body: Text, width: int) -> Text:
    """``prefix`` then ``body`` wrapped to ``width``, continuation lines indented under the body."""
    indent = prefix.cell_len
    room = max(width - indent, 10)
    lines: list[Text] = []
    for chunk in body.split("\n"):
        lines.extend(chunk.wrap(_CONSOLE, room) if chunk.plain else [Text("")])
    out = prefix.copy()
    for n, line in enumerate(lines):
        if n:
            out.append("\n" + " " * indent)
        line.rstrip()
        out.append_text(line)
    return out


OnChange = Callable[[Any], None]
"""Receives the item's new response (None: cleared)."""


class CursorList(Guarded, Widget, can_focus=True):
    """A focusable list with a cursor row; subclasses render rows and react to keys."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
    ]
    DEFAULT_CSS = """
    CursorList { height: auto; padding: 0 1; }
    """

    cursor = reactive(0)

    def __init__(self, rows: int, on_change: OnChange, locked: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows
        self.on_change = on_change
        self.locked = locked

    @property
    def keyed_choices(self) -> int:
        """How many choices number and letter keys can name (none, unless a subclass says so)."""
        return 0

    def choose(self, index: int) -> None:
        """Take the choice at ``index`` (the subclass's meaning of choosing)."""

    def key_index(self, key: str) -> int | None:
        """The choice a number or letter key names (1 or a: the first), or None."""
        return _key_index(key, self.keyed_choices)

    def press(self, key: str) -> bool:
        """Answer with a number or letter key; False when the key names no choice here."""
        index = self.key_index(key)
        if index is None:
            return False
        self.choose(index)
        return True

    def on_key(self, event: events.Key) -> None:
        if self.press(event.key):
            event.stop()
            event.prevent_default()

    def changed(self, response: Any) -> None:
        """Redraw and report ``response``.

        A direct call rather than a message: a message would reach the screen a few hops later,
        after this widget's own redraw had gone out, so the progress line and the navigator would
        follow one frame (up to 25 ms) behind the key press. Called directly, it is one frame.
        """
        self.on_change(response)
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        self.cursor = (self.cursor + delta) % max(self.rows, 1)

    # The cursor is only drawn while focused: redraw when focus or the cursor moves.
    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()


class ChoiceList(CursorList):
    """Options chosen by number, letter, or arrows and space/enter. Multi-select stops at ``select``."""

    BINDINGS = [
        Binding("space,enter", "choose", "Choose", show=False),
    ]

    def __init__(
        self,
        entries: list[tuple[str, str]],
        multi: bool,
        select: int | None,
        chosen: set[str],
        on_change: OnChange,
        locked: bool = False,
        marks: dict[str, bool] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(len(entries), on_change, locked, id)
        self.entries = entries
        self.multi = multi
        self.select = select
        self.chosen = set(chosen)
        self.marks = marks or {}
        self._drawn: tuple[tuple[object, ...], Text] | None = None

    def reset(self, other: ChoiceList) -> None:
        """Take over another (unmounted) list's options and state: a new question, same widget.

        Reusing the mounted widget means a key typed right after "next" is never lost between
        removing one answer widget and mounting the next.
        """
        self.entries, self.multi, self.select = other.entries, other.multi, other.select
        self.chosen, self.marks, self.locked, self.rows = set(other.chosen), other.marks, other.locked, other.rows
        self.cursor = 0
        self.refresh(layout=True)

    def render(self) -> Text:
        # Asked for twice per change (once to measure the height, once to draw): build it once.
        key = (
            self.content_size.width,
            tuple(self.entries),
            frozenset(self.chosen),
            self.multi,
            self.cursor,
            self.has_focus,
            tuple(self.marks.items()),
        )
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw())
        return self._drawn[1]

    def _draw(self) -> Text:
        out = Text()
        for n, (oid, text) in enumerate(self.entries):
            picked = oid in self.chosen
            box = ("[x]" if picked else "[ ]") if self.multi else ("(•)" if picked else "( )")
            pointer = "›" if n == self.cursor and self.has_focus else " "
            style = "bold" if picked else ""
            mark = ""
            if oid in self.marks:
                mark = " ✓" if self.marks[oid] else " ✗"
            line = hanging(
                Text(f"{pointer} {LETTERS[n]}. {box} ", style=style),
                inline(text.strip(), style),
                self.content_size.width or 80,
            )
            if mark:
                line.append(mark, style="bold green" if self.marks[oid] else "bold red")
            if n == self.cursor and self.has_focus:
                line.stylize("reverse")
            out.append_text(line)
            out.append("\n")
        out.rstrip()
        return out

    def on_resize(self) -> None:
        self.refresh(layout=True)

    def action_choose(self) -> None:
        self.pick(self.cursor)

    def pick(self, index: int) -> None:
        """Choose (or un-choose) the option at ``index``."""
        if self.locked or not 0 <= index < len(self.entries):
            return
        self.cursor = index
        oid = self.entries[index][0]
        if not self.multi:
            self.chosen = set() if oid in self.chosen else {oid}
        elif oid in self.chosen:
            self.chosen.discard(oid)
        elif self.select is None or len(self.chosen) < self.select:
            self.chosen.add(oid)
        else:
            self.app.bell()
            self.notify(f"Choose {self.select}: clear one first", severity="warning", timeout=2)
            return
        self.changed(self.response)

    @property
    def response(self) -> Any:
        if self.multi:
            return sorted(self.chosen) or None
        return next(iter(self.chosen), None)

    @property
    def keyed_choices(self) -> int:
        return len(self.entries)

    def choose(self, index: int) -> None:
        self.pick(index)

    def on_click(self, event: events.Click) -> None:
        row = event.y
        lines = 0
        for n, (_oid, text) in enumerate(self.entries):
            height = (
                hanging(Text("  A. ( ) "), inline(text.strip()), self.content_size.width or 80).plain.count("\n") + 1
            )
            if lines <= row < lines + height:
                self.pick(n)
                return
            lines += height


class OrderList(CursorList):
    """Items put in order by keyboard: arrows move the cursor, shift+arrows (or [ ]) move the item."""

    BINDINGS = [
        Binding("shift+up,left_square_bracket,u", "move(-1)", "Move up"),
        Binding("shift+down,right_square_bracket,d", "move(1)", "Move down"),
        Binding("enter", "confirm", "Confirm order"),
    ]

    def __init__(
        self,
        items: list[tuple[str, str]],
        answered: bool,
        on_change: OnChange,
        locked: bool = False,
        marks: dict[str, bool] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(len(items), on_change, locked, id)
        self.items = list(items)
        self.answered = answered
        self.marks = marks or {}

    def render(self) -> Text:
        out = Text()
        for n, (iid, text) in enumerate(self.items):
            focus = n == self.cursor and self.has_focus
            line = Text(f"{'›' if focus else ' '} {n + 1}. ", style="bold" if self.answered else "")
            line.append(text)
            if iid in self.marks:
                line.append(" ✓" if self.marks[iid] else " ✗", style="bold green" if self.marks[iid] else "bold red")
            if focus:
                line.stylize("reverse")
            out.append_text(line)
            out.append("\n")
        status = (
            "Order set (Enter confirms again)"
            if self.answered
            else "Not answered yet: move items, or press Enter to keep this order"
        )
        out.append(status, style="italic dim")
        return out

    def action_move(self, delta: int) -> None:
        if self.locked:
            return
        target = self.cursor + delta
        if 0 <= target < len(self.items):
            self.items[self.cursor], self.items[target] = self.items[target], self.items[self.cursor]
            self.cursor = target
            self.action_confirm()

    def action_confirm(self) -> None:
        if self.locked:
            return
        self.answered = True
        self.changed([iid for iid, _ in self.items])


class MatchList(CursorList):
    """Each prompt gets a response: up/down pick the prompt, a letter (or left/right) assigns."""

    BINDINGS = [
        Binding("left", "cycle(-1)", "Previous choice", show=False),
        Binding("right", "cycle(1)", "Next choice", show=False),
        Binding("backspace,delete", "unassign", "Unassign", show=False),
    ]

    def __init__(
        self,
        lefts: list[str],
        choices: list[str],
        assigned: dict[str, str],
        on_change: OnChange,
        locked: bool = False,
        marks: dict[str, bool] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(len(lefts), on_change, locked, id)
        self.lefts = lefts
        self.choices = choices
        self.assigned = dict(assigned)
        self.marks = marks or {}

    def render(self) -> Text:
        out = Text()
        width = max(len(x) for x in self.lefts)
        for n, left in enumerate(self.lefts):
            focus = n == self.cursor and self.has_focus
            right = self.assigned.get(left)
            letter = f"{LETTERS[self.choices.index(right)]}. {right}" if right in self.choices else "—"
            line = Text(f"{'›' if focus else ' '} {left:<{width}}  →  ")
            line.append(letter, style="bold" if right else "dim")
            if left in self.marks:
                line.append(" ✓" if self.marks[left] else " ✗", style="bold green" if self.marks[left] else "bold red")
            if focus:
                line.stylize("reverse")
            out.append_text(line)
            out.append("\n")
        out.append("\nChoices:\n", style="italic")
        for n, c in enumerate(self.choices):
            out.append(f"  {LETTERS[n]}. {c}\n")
        out.rstrip()
        return out

    def assign(self, choice_index: int) -> None:
        """Give the prompt under the cursor the choice at ``choice_index``."""
        if self.locked or not 0 <= choice_index < len(self.choices):
            return
        self.assigned[self.lefts[self.cursor]] = self.choices[choice_index]
        if self.cursor < len(self.lefts) - 1:
            self.cursor += 1
        self.changed(dict(self.assigned))

    def action_cycle(self, delta: int) -> None:
        current = self.assigned.get(self.lefts[self.cursor])
        index = self.choices.index(current) if current in self.choices else -1
        keep = self.cursor
        self.assign((index + delta) % len(self.choices))
        self.cursor = keep

    def action_unassign(self) -> None:
        if self.locked:
            return
        self.assigned.pop(self.lefts[self.cursor], None)
        self.changed(dict(self.assigned) or None)

    @property
    def keyed_choices(self) -> int:
        return len(self.choices)

    def choose(self, index: int) -> None:
        self.assign(index)


def _key_index(key: str, count: int) -> int | None:
    """1-9 or a-j (A-J) as a 0-based index below ``count``; None for any other key."""
    if len(key) == 1 and key.isdigit() and key != "0":
        index = int(key) - 1
    elif len(key) == 1 and key.upper() in LETTERS:
        index = LETTERS.index(key.upper())
    else:
        return None
    return index if index < count else None
