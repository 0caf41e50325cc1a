"""A yes/no question in a modal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class ConfirmScreen(ModalScreen[bool]):
    """Returns True for yes, False for no or escape."""

    BINDINGS = [Binding("escape,n", "answer(False)", "No"), Binding("y", "answer(True)", "Yes")]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.detail, self.yes, self.no = question, detail, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, id="dialog-title", markup=False)
            if self.detail:
                yield Label(self.detail, id="dialog-detail", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class NoticeScreen(ModalScreen[None]):
    """A message the candidate acknowledges (time is up)."""

    BINDINGS = [Binding("escape,enter,space", "dismiss_notice", "OK")]

    def __init__(self, title: str, detail: str) -> None:
        super().__init__()
        self.title_text, self.detail = title, detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title", markup=False)
            yield Label(self.detail, id="dialog-detail", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button("See results (Enter)", variant="primary", id="ok")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_dismiss_notice(self) -> None:
        self.dismiss(None)
