"""Before submitting: every question with its status, filtered by all / unanswered / marked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from examprep.core.session import ExamSession
from examprep.ui.guard import Guarded
from examprep.ui.screens.confirm import ConfirmScreen
from examprep.ui.widgets.key_footer import KeyFooter


class ReviewScreen(Guarded, ModalScreen[int | None]):
    """Dismisses with a position to jump to, -1 to submit, or None to go back."""

    BINDINGS = [
        Binding("a", "filter('all')", "All"),
        Binding("u", "filter('unanswered')", "Unanswered"),
        Binding("m", "filter('marked')", "Marked"),
        Binding("s", "submit", "Submit"),
        Binding("escape", "dismiss(None)", "Back"),
    ]

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session
        self.mode = "all"

    def compose(self) -> ComposeResult:
        with Vertical(id="review"):
            yield Label("Review before you submit", id="review-title")
            with Horizontal(id="review-summary"):
                yield Label("", id="review-counts")
            yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            yield Label("Enter: go to question · a/u/m: all, unanswered, marked · s: submit", id="review-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Status", "Marked", "Question")
        self.action_filter("all")
        table.focus()

    def action_filter(self, mode: str) -> None:
        self.mode = mode
        s = self.session
        table = self.query_one(DataTable)
        table.clear()
        positions = {"all": range(len(s.form.items)), "unanswered": s.unanswered(), "marked": s.flagged()}[mode]
        # The dialog is 100 columns or 98% of the screen; the other columns and the frame take 31.
        room = max(20, min(100, int(self.app.size.width * 0.98)) - 31)
        for n in positions:
            item_id = s.form.items[n]
            stem = " ".join(s.models[item_id].stem.split())
            table.add_row(
                str(n + 1),
                "answered" if s.is_answered(item_id) else "—",
                "⚑" if item_id in s.flags else "",
                stem[:room] + ("…" if len(stem) > room else ""),
                key=str(n),
            )
        total = len(s.form.items)
        self.query_one("#review-counts", Label).update(
            f"Showing {mode}: {table.row_count} · {s.answered_count}/{total} answered · {len(s.unanswered())} unanswered · {len(s.flags)} marked"
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(str(event.row_key.value)))

    def action_submit(self) -> None:
        open_count = len(self.session.unanswered())
        detail = (
            f"{open_count} question{'s are' if open_count != 1 else ' is'} unanswered and will score zero."
            if open_count
            else "Every question is answered."
        )
        if self.session.flags:
            detail += f" {len(self.session.flags)} still marked for review."

        def decided(yes: bool | None) -> None:
            if yes:
                self.dismiss(-1)

        self.app.push_screen(
            ConfirmScreen("Submit this attempt for scoring?", detail, "Submit", "Keep working"), decided
        )
