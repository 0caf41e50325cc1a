"""The weak-area report: readiness with its interval, areas ranked weakest first, trend, pace,
confusion pairs and the review queue. Every row is one key away from a drill."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Sparkline, Static

from examprep.core.analytics import Report
from examprep.errors import UserError
from examprep.services import Filters
from examprep.ui.guard import Guarded
from examprep.ui.widgets.bars import bar
from examprep.ui.widgets.key_footer import KeyFooter

STATUS_STYLE = {
    "weak": "bold red",
    "below target?": "yellow",
    "on track": "green",
    "strong": "bold green",
    "too few answers": "dim",
}


def pct(x: float | None) -> str:
    """A probability as a whole percent, never claiming 0% or 100%."""
    if x is None:
        return "-"
    if x < 0.01:
        return "<1%"
    if x > 0.99:
        return ">99%"
    return f"{100 * x:.0f}%"


class ReportScreen(Guarded, Screen[None]):
    """Reached from home (`w`) and from results."""

    BINDINGS = [
        Binding("1", "by('domain')", "Domains"),
        Binding("2", "by('step')", "Steps"),
        Binding("3", "by('tag')", "Tags"),
        Binding("4", "by('objective')", "Objectives"),
        Binding("d", "drill_weakest", "Drill weakest"),
        Binding("v", "review", "Review due"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, profile_id: str) -> None:
        super().__init__()
        self.profile_id = profile_id
        self.dimension = "domain"
        self.report: Report | None = None

    @property
    def exams(self) -> Any:
        return self.app.exams  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report"):
            yield Static(id="report-title")
            yield Static(id="readiness")
            yield Label("", id="areas-title", classes="section-title")
            yield DataTable(id="areas", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="report-lower"):
                with Vertical(id="trend-box"):
                    yield Label("Trend (latest attempts)", classes="section-title")
                    yield Sparkline([], id="trend")
                    yield Static(id="trend-text")
                with Vertical(id="habits-box"):
                    yield Label("Habits", classes="section-title")
                    yield Static(id="habits")
            yield Label("Confusion pairs: wrong options you pick again and again", classes="section-title")
            yield DataTable(id="confusions", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#confusions", DataTable).add_columns("Times", "You chose", "Key", "Question")
        self.load()
        self.query_one("#areas", DataTable).focus()

    def load(self) -> None:
        """Recompute the report and show it."""
        from examprep.insights import weak_area_report

        report = weak_area_report(self.exams, self.profile_id, self.dimension)
        self.report = report
        self.query_one("#report-title", Static).update(
            Text.assemble(("Weak areas: ", "bold"), (f"{report.profile} ", "bold"), (report.name, ""))
        )
        self.query_one("#readiness", Static).update(self._readiness(report))
        self._areas(report)
        self._trend(report)
        self._confusions(report)

    def _readiness(self, report: Report) -> Text:
        r = report.readiness
        out = Text()
        if r.known:
            out.append("Readiness ", style="bold")
            out.append(f" {pct(r.probability)} ", style="bold reverse")
            out.append(
                f" chance of passing now · 95% interval {pct(r.low)} to {pct(r.high)} · from {r.answers} answers\n"
            )
            out.append(f"About {r.more_to_halve} more answers would halve that interval. ", style="dim")
        else:
            out.append("Readiness: ", style="bold")
            out.append(f"not enough data to say yet ({r.missing}).\n")
        out.append(r.assumption, style="italic dim")
        return out

    def _areas(self, report: Report) -> None:
        table = self.query_one("#areas", DataTable)
        table.clear(columns=True)
        wide = self.app.size.width >= 100
        label_width = 34 if wide else 26
        table.add_columns("Area", "n", "Accuracy", "95% CI", "Status", *(["Time/q"] if wide else []))
        for a in report.areas:
            accuracy = bar(100 * a.accuracy, 10 if wide else 6) + Text(f" {100 * a.accuracy:.0f}%")
            cells: list[object] = [
                Text(a.label if len(a.label) <= label_width else a.label[: label_width - 1] + "…"),
                str(a.answers),
                accuracy,
                f"{pct(a.low).rstrip('%')}-{pct(a.high)}",
                Text(a.status, style=STATUS_STYLE.get(a.status, "")),
            ]
            if wide:
                cells.append(f"{a.seconds_per_answer:.0f}s")
            table.add_row(*cells, key=a.key)
        names = {"domain": "exam domain", "step": "roadmap step (all exams)", "tag": "tag", "objective": "objective"}
        hint = "Enter drills the highlighted area · 1-4 switch view"
        self.query_one("#areas-title", Label).update(
            f"By {names[self.dimension]}, weakest first · {hint}"
            if report.areas
            else "No answers yet: take a practice or mock first."
        )

    def _trend(self, report: Report) -> None:
        t = report.trend
        sparkline = self.query_one("#trend", Sparkline)
        sparkline.data = t.percents
        sparkline.display = len(t.percents) >= 2
        text = Text()
        if t.percents:
            text.append(" -> ".join(f"{p:.0f}%" for p in t.percents[-6:]))
            if t.slope is not None:
                text.append(f"\n{t.slope:+.1f} points per attempt", style="green" if t.slope >= 0 else "red")
        else:
            text.append("No finished attempts yet.", style="dim")
        self.query_one("#trend-text", Static).update(text)
        habits = Text()
        if report.pace_yours is not None:
            slow = report.pace_yours > report.pace_allowed
            habits.append(
                f"Pace: {report.pace_yours:.0f}s per question; the exam allows {report.pace_allowed:.0f}s.\n",
                style="yellow" if slow else "",
            )
        habits.append(
            f"Changed answers: {report.changed_to_right} became right, {report.changed_to_wrong} became wrong.\n"
        )
        habits.append(f"Due for review: {report.due}" + (" (press v)" if report.due else ""))
        self.query_one("#habits", Static).update(habits)

    def _confusions(self, report: Report) -> None:
        table = self.query_one("#confusions", DataTable)
        table.clear()
        for c in report.confusions:
            table.add_row(
                str(c.times), Text(c.chosen_text[:28]), Text(c.key_text[:28]), Text(c.stem[:60]), key=f"{c.item_id}"
            )
        if not report.confusions:
            table.add_row("", Text("none yet", style="dim"), "", "")

    def action_by(self, dimension: str) -> None:
        self.dimension = dimension
        self.load()

    def action_drill_weakest(self) -> None:
        """Practice the two weakest domains, due reviews first."""
        from examprep.insights import weak_area_report

        report = weak_area_report(self.exams, self.profile_id, "domain")
        ranked = [a for a in report.areas if a.status != "too few answers"] or report.areas
        if not ranked:
            self.notify("No answers yet: take a practice or mock first.", severity="warning")
            return
        domains = [int(a.key) for a in ranked[:2]]
        try:
            form = self.exams.weak_drill_form(self.profile_id, domains)
        except UserError as exc:
            self.notify(exc.message, severity="warning")
            return
        self.app.start_form(form, True)  # type: ignore[attr-defined]

    def action_review(self) -> None:
        self.app.start_review()  # type: ignore[attr-defined]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value) if event.row_key.value is not None else ""
        if not key:
            return
        if event.data_table.id == "confusions":
            item = self.exams.catalog.items.get(key)
            if item is None:
                return
            filters = (
                Filters(item_ids=(key,)) if not item.tags else Filters(profile=self.profile_id, tags=item.tags[:1])
            )
        else:
            filters = self._area_filter(key)
        try:
            form = self.exams.custom_form(filters, 10, None, "drill")
        except UserError as exc:
            self.notify(exc.message, severity="warning")
            return
        self.app.start_form(form, True)  # type: ignore[attr-defined]

    def _area_filter(self, key: str) -> Filters:
        if self.dimension == "domain":
            return Filters(profile=self.profile_id, domains=(int(key),))
        if self.dimension == "step":
            return Filters(steps=(int(key),))
        if self.dimension == "tag":
            return Filters(profile=self.profile_id, tags=(key,))
        return Filters(profile=self.profile_id, objectives=(key.split("|", 1)[-1],))
