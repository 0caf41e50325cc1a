"""Home: certifications, roadmap steps with progress, recent attempts, resume and review-due."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from examprep.core.coverage import coverage
from examprep.core.vocabulary import ROADMAP_STEPS
from examprep.ui.guard import Guarded
from examprep.ui.widgets.bars import bar
from examprep.ui.widgets.countdown import clock_text
from examprep.ui.widgets.key_footer import KeyFooter
from examprep.ui.widgets.row_table import RowTable


class HomeScreen(Guarded, Screen[None]):
    """Where every mode starts."""

    # Priority, so a key typed right after one of these (h, then Enter) is handled after it:
    # the app runs priority bindings in the order typed, before the focused table sees the next key.
    BINDINGS = [
        Binding("m", "mock", "Mock", tooltip="A full-length timed mock of the highlighted exam", priority=True),
        Binding("p", "practice", "Practice", priority=True),
        Binding(
            "d",
            "drill",
            "Drill",
            tooltip="A drill or custom exam: choose domains, steps, tags, count and time",
            priority=True,
        ),
        Binding("c", "resume", "Resume", priority=True),
        Binding("v", "review_due", "Review", tooltip="Spaced review of the questions due today", priority=True),
        Binding("w", "report", "Weak areas", priority=True),
        Binding("f", "form_code", "Form code", show=False, priority=True),
        Binding("h", "history", "History", show=False, priority=True),
        Binding("tab", "app.focus_next", "Next table", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected: str | None = None

    @property
    def exams(self) -> Any:
        return self.app.exams  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="home"):
            yield Static(id="resume-banner")
            yield Label("Certifications", classes="section-title")
            yield RowTable("Exam", "Name", "Qs", "Full mock", "Format", "Status", id="certs")
            yield Static(id="profile-detail")
            with Horizontal(id="home-lower"):
                with Vertical(id="roadmap-box"):
                    yield Label("Roadmap steps (your accuracy)", classes="section-title")
                    yield RowTable("Step", "Qs", "Accuracy", id="steps")
                with Vertical(id="recent-box"):
                    yield Label("Recent attempts", classes="section-title")
                    yield RowTable("#", "Exam", "Mode", "Score", "Result", id="recent")
            yield Static(id="home-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#certs", RowTable).focus()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: the one place the data is (re)loaded.
        self.refresh_data()

    def refresh_data(self) -> None:
        """Reload everything shown (after an attempt ends)."""
        exams = self.exams
        cert_rows: list[tuple[str, list[str | Text]]] = []
        step_rows: list[tuple[str, list[str | Text]]] = []
        recent_rows: list[tuple[str, list[str | Text]]] = []
        for p in exams.profiles.values():
            cov = coverage(exams.catalog, p)
            if p.kind == "certification":
                forms = cov.distinct_forms
                ready = (
                    Text(f"ready ×{forms}", style="green")
                    if forms
                    else Text(f"needs {sum(cov.missing.values())}", style="yellow")
                )
                status = Text(
                    p.lifecycle.badge() or "active",
                    style="red"
                    if p.lifecycle.status == "retired"
                    else ("yellow" if p.lifecycle.status == "retiring" else "green"),
                )
                fmt = f"{p.questions}q/{p.minutes}m"
                width = self.app.size.width
                if width < 120:  # the successor is in the detail line below the table
                    label = (
                        p.lifecycle.status if width < 100 else f"{p.lifecycle.status} {p.lifecycle.date or ''}".strip()
                    )
                    status = Text(label, style=status.style)
                # The table gives the name column whatever room is left, and ends it with "…".
                cert_rows.append((p.id, [p.id, _short(p.name), str(cov.total), ready, fmt, status]))
        accuracy = exams.store.step_accuracy()
        for n, name in ROADMAP_STEPS.items():
            count = len(exams.catalog.by_step(n))
            acc = accuracy.get(n)
            if acc is None:
                shown = Text("—", style="dim")
            else:
                figure = Text(f"{acc[0]:.0f}% of {acc[1]}")
                # The bar only fits beside the figure when the half-width box is wide enough.
                shown = bar(acc[0], 8) + " " + figure if self.app.size.width >= 120 else figure
            step_rows.append((f"step-{n}", [f"{n}. {name}", str(count), shown]))
        for a in exams.store.attempts(limit=8):
            if a.status == "open":
                result = Text("open", style="yellow")
            elif a.passed is None:
                result = Text("—", style="dim")
            else:
                result = Text("pass", style="green") if a.passed else Text("fail", style="red")
            score = f"{a.scaled}" if a.scaled is not None else (f"{a.percent:.0f}%" if a.percent is not None else "")
            recent_rows.append((str(a.id), [str(a.id), a.profile, a.mode, score, result]))
        self.query_one("#certs", RowTable).set_rows(cert_rows)
        self.query_one("#steps", RowTable).set_rows(step_rows)
        self.query_one("#recent", RowTable).set_rows(recent_rows)
        self._banner()

    def _banner(self) -> None:
        exams = self.exams
        open_attempts = exams.store.attempts(status="open", limit=1)
        banner = self.query_one("#resume-banner", Static)
        if open_attempts:
            a = open_attempts[0]
            left = f", {clock_text(max(0.0, a.minutes * 60 - a.elapsed))} left" if a.minutes else ""
            banner.update(
                Text.assemble(("▶ Unfinished: ", "bold"), (f"{a.title}{left}. ", ""), ("Press c to resume.", "bold"))
            )
            banner.display = True
        else:
            banner.display = False
        due = len(exams.due_items()) if exams.due_items else 0
        problems = len(exams.catalog.problems)
        status = Text(f"{len(exams.catalog.items)} questions loaded")
        if due:
            status.append(f" · {due} due for review (v)", style="bold")
        if problems:
            status.append(f" · {problems} bank problems: run `examprep lint` to see them", style="yellow")
        self.query_one("#home-status", Static).update(status)

    # -- selection ---------------------------------------------------------------------------
    def on_row_table_highlighted(self, event: RowTable.Highlighted) -> None:
        # Both tables announce their first row when filled; only the focused one selects.
        if event.table.id in ("certs", "steps") and event.table.has_focus:
            self.selected = event.key
            self._detail(self.selected)

    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        if isinstance(focused, RowTable) and focused.id in ("certs", "steps") and focused.cursor_key:
            self.selected = focused.cursor_key
            self._detail(self.selected)

    def _detail(self, profile_id: str) -> None:
        p = self.exams.profiles.get(profile_id)
        if p is None:
            return
        unscored = f" ({p.scored} scored)" if p.unscored else ""
        text = Text.assemble(
            (f"{p.id} ", "bold"),
            f"{p.name} · {p.vendor} · {p.questions} questions{unscored} in {p.minutes} min · pass {p.pass_mark.describe()}",
        )
        if p.lifecycle.status != "active":
            text.append(
                f"\n{p.lifecycle.status.title()}"
                + (f" {p.lifecycle.date}" if p.lifecycle.date else "")
                + (f", successor {p.lifecycle.successor}" if p.lifecycle.successor else "")
                + ". ",
                style="yellow",
            )
        if p.lifecycle.note:
            text.append(("" if p.lifecycle.status != "active" else "\n") + p.lifecycle.note, style="dim")
        self.query_one("#profile-detail", Static).update(text)

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        if event.table.id == "recent":
            attempt_id = int(event.key)
            row = self.exams.store.attempt(attempt_id)
            if row and row.status == "open":
                self.app.resume_attempt(attempt_id)  # type: ignore[attr-defined]
            else:
                self.app.show_results(attempt_id)  # type: ignore[attr-defined]
        else:
            self.selected = event.key
            self.action_practice()

    def _selected_profile(self) -> str:
        focused = self.focused
        if isinstance(focused, RowTable) and focused.id in ("certs", "steps") and focused.cursor_key:
            return focused.cursor_key
        return self.selected or next(iter(self.exams.profiles))

    # -- actions -----------------------------------------------------------------------------
    def action_mock(self) -> None:
        self.app.ask_mock(self._selected_profile())  # type: ignore[attr-defined]

    def action_practice(self) -> None:
        self.app.ask_start(self._selected_profile(), "practice")  # type: ignore[attr-defined]

    def action_drill(self) -> None:
        self.app.ask_start(self._selected_profile(), "drill")  # type: ignore[attr-defined]

    def action_form_code(self) -> None:
        self.app.ask_form_code()  # type: ignore[attr-defined]

    def action_resume(self) -> None:
        self.app.resume_latest()  # type: ignore[attr-defined]

    def action_review_due(self) -> None:
        self.app.start_review()  # type: ignore[attr-defined]

    def action_report(self) -> None:
        self.app.show_report(self._selected_profile())  # type: ignore[attr-defined]

    def action_history(self) -> None:
        self.set_focus(self.query_one("#recent", RowTable))


def _short(name: str) -> str:
    """'AWS Certified AI Practitioner' -> 'AI Practitioner': the code column already says whose."""
    for prefix in ("PCEP - ", "PCAP - ", "PCPP1 - ", "PCED - ", "PCAD - ", "AWS ", "Google Cloud ", "Databricks "):
        name = name.removeprefix(prefix)
    return name.removeprefix("Certified ").split(" (a.k.a.")[0]
