"""Results: verdict against the profile, bars per domain and step, and a question-by-question review."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Markdown, Static

from examprep.core.scoring import SCALED_CUT_ASSUMPTION, tallies
from examprep.core.vocabulary import ROADMAP_STEPS
from examprep.ui import render
from examprep.ui.guard import Guarded
from examprep.ui.widgets.bars import bar_rows
from examprep.ui.widgets.countdown import clock_text
from examprep.ui.widgets.key_footer import KeyFooter


class QuestionDetail(ModalScreen[None]):
    """One answered question: the stem, your answer, the key and every rationale."""

    BINDINGS = [Binding("escape,enter,q", "dismiss(None)", "Close")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Markdown(self.markdown)


class ResultsScreen(Guarded, Screen[None]):
    """Reads the stored attempt, so fresh and past results look the same."""

    BINDINGS = [
        Binding("w", "filter('wrong')", "Wrong"),
        Binding("f", "filter('marked')", "Marked"),
        Binding("a", "filter('all')", "All"),
        Binding("d", "drill", "Drill these"),
        Binding("i", "insights", "Weak areas"),
        Binding("escape", "home", "Home"),
    ]

    def __init__(self, attempt_id: int) -> None:
        super().__init__()
        self.attempt_id = attempt_id
        self.mode = "wrong"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results"):
            yield Static(id="verdict")
            with Vertical(id="result-bars"):
                yield Label("By domain", classes="section-title")
                yield Static(id="domain-bars")
                yield Label("By roadmap step", classes="section-title")
                yield Static(id="step-bars")
            yield Label("", id="questions-title", classes="section-title")
            yield DataTable(id="question-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    @property
    def exams(self) -> Any:
        return self.app.exams  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        store = self.exams.store
        row = store.attempt(self.attempt_id)
        self.row = row
        self.rows = store.responses(self.attempt_id)
        self.form = store.form(self.attempt_id)
        profile = self.exams.profiles.get(row.profile)
        self.query_one("#verdict", Static).update(self._verdict(row, profile))
        by_domain, by_step = tallies(self.rows)
        mark = profile.pass_mark.value if profile and profile.pass_mark.kind == "percent" else None
        domain_rows = []
        for number, tally in sorted(by_domain.items()):
            d = profile.domain(number) if profile else None
            domain_rows.append((f"{number}. {d.name}" if d else f"Domain {number}", tally.percent, tally.total))
        self.query_one("#domain-bars", Static).update(
            bar_rows(domain_rows, 40, mark, 20) if domain_rows else Text("No scored items.")
        )
        step_rows = [(f"{s}. {ROADMAP_STEPS[s]}", t.percent, t.total) for s, t in sorted(by_step.items())]
        self.query_one("#step-bars", Static).update(bar_rows(step_rows, 40, None, 20) if step_rows else Text("—"))
        table = self.query_one(DataTable)
        table.add_columns("#", "", "⚑", "Domain", "Question")
        self.action_filter("wrong" if any((r["credit"] or 0) < 1 for r in self.rows) else "all")
        table.focus()
        self.call_after_refresh(self.query_one("#results").scroll_home, animate=False)

    def _verdict(self, row: Any, profile: Any) -> Text:
        out = Text()
        if row.passed is None:
            out.append(f" {row.percent or 0:.1f}% ", style="bold reverse")
            out.append("  the vendor publishes no pass mark, so there is no pass/fail verdict.\n")
        else:
            style = "bold white on green" if row.passed else "bold white on red"
            out.append(f" {'PASS' if row.passed else 'FAIL'} ", style=style)
            if row.scaled is not None:
                out.append(
                    f"  estimated scaled score {row.scaled} (pass {profile.pass_mark.value:g} on 100-1000) · {row.percent:.1f}% of scored items\n"
                )
                out.append(
                    f"  Estimate: AWS equates forms and publishes no mapping; examprep assumes the pass mark sits at {SCALED_CUT_ASSUMPTION:.0%} correct.\n",
                    style="italic dim",
                )
            else:
                out.append(f"  {row.percent:.1f}% (pass mark {profile.pass_mark.describe() if profile else '?'})\n")
        scored = sum(1 for r in self.rows if r["scored"])
        unscored = len(self.rows) - scored
        # Only mock forms are reproducible from their code (f on home); drills depend on filters.
        code = f" · form code {row.form_code} (f on home takes it again)" if row.mode == "mock" else ""
        out.append(f"{row.title} · attempt #{row.id}{code}\n", style="dim")
        limit = f" of {clock_text(row.minutes * 60)}" if row.minutes else ""
        out.append(f"Time used {clock_text(row.elapsed)}{limit}" + (" (time ran out)" if row.expired else ""))
        out.append(
            f" · {scored} scored"
            + (f", {unscored} unscored pilot items (not identified, as on the real exam)" if unscored else "")
        )
        previous = [
            a
            for a in self.exams.store.attempts(status="finished", profile=row.profile, limit=20)
            if a.id < row.id and a.mode == row.mode
        ]
        if previous and previous[0].percent is not None and row.percent is not None:
            delta = row.percent - previous[0].percent
            out.append(
                f"\nCompared with attempt #{previous[0].id}: {delta:+.1f} points ({previous[0].percent:.1f}% then)",
                style="green" if delta >= 0 else "red",
            )
        return out

    def action_filter(self, mode: str) -> None:
        self.mode = mode
        table = self.query_one(DataTable)
        table.clear()
        catalog = self.exams.catalog
        shown = 0
        for r in self.rows:
            credit = r["credit"] or 0.0
            if mode == "wrong" and credit >= 1:
                continue
            if mode == "marked" and not r["flagged"]:
                continue
            model = catalog.model(r["item_id"]) if r["item_id"] in catalog.items else None
            stem = " ".join(model.stem.split()) if model else "(question no longer in the banks)"
            mark = (
                Text("✓", style="green")
                if credit >= 1
                else (Text("◐", style="yellow") if credit > 0 else Text("✗", style="red"))
            )
            if not r["scored"]:
                mark.append(" u", style="dim")
            table.add_row(
                str(r["position"] + 1),
                mark,
                "⚑" if r["flagged"] else "",
                str(r["domain"]),
                Text(stem[:80] + ("…" if len(stem) > 80 else "")),
                key=r["item_id"],
            )
            shown += 1
        labels = {"wrong": "Questions you missed", "marked": "Questions you marked", "all": "All questions"}
        self.query_one("#questions-title", Label).update(
            f"{labels[mode]} ({shown}) · Enter opens one · w/f/a filter · d drills the missed ones"
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        item_id = str(event.row_key.value)
        catalog = self.exams.catalog
        if item_id not in catalog.items:
            return
        row = next(r for r in self.rows if r["item_id"] == item_id)
        model = catalog.model(item_id)
        order = self.form.orders.get(item_id, ())
        scenario = catalog.scenario(item_id)
        parts = []
        if scenario is not None:
            parts.append("> **Case study.** " + " ".join(scenario.scenario.split()))
        parts += [
            f"## Question {row['position'] + 1}",
            render.stem_markdown(model),
            f"**Your answer:** {render.your_answer(model, row['response'], order)}",
        ]
        if row["changes"]:
            parts.append(f"*You changed this answer {row['changes']} time(s).*")
        parts.append(render.feedback_markdown(model, row["response"], row["credit"] or 0.0, order))
        self.app.push_screen(QuestionDetail("\n\n".join(parts)))

    def action_drill(self) -> None:
        missed = [
            r["item_id"] for r in self.rows if (r["credit"] or 0) < 1 and r["item_id"] in self.exams.catalog.items
        ]
        if not missed:
            self.notify("Nothing to drill: every question was right.")
            return
        self.app.start_retake(self.attempt_id)  # type: ignore[attr-defined]

    def action_insights(self) -> None:
        if self.row.profile in self.exams.profiles:
            self.app.show_report(self.row.profile)  # type: ignore[attr-defined]

    def action_home(self) -> None:
        self.app.go_home()  # type: ignore[attr-defined]
