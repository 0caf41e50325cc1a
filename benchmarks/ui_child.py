"""The app side of the terminal benchmark: run by ``run.py ui`` inside a pseudo-terminal.

    python benchmarks/ui_child.py bare-start          # a bare Textual app: Label, Markdown, Footer
    python benchmarks/ui_child.py bare-exam STATS     # a bare app with the exam screen's widgets
    python benchmarks/ui_child.py exam BANKS STATS    # examprep on BANKS, straight into a 65-question mock

Both exam apps draw to the real terminal (Textual's Linux driver), so the figures include
rendering, which a headless run skips. Each measures its own event loop (the longest gap
between 1 ms sleeps) and writes it to STATS as JSON when it exits.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import Horizontal, Vertical, VerticalScroll  # noqa: E402
from textual.widgets import Footer, Label, Markdown, Static  # noqa: E402

MONITOR_AFTER_S = 0.5
"""The loop is watched from this long after the first question is drawn: during the exam, not its start."""


class LoopMonitor:
    """Records how late a 1 ms sleep wakes up: the event loop's longest pause."""

    def __init__(self) -> None:
        self.lags: list[float] = []
        self.spikes: list[tuple[float, float]] = []
        self.running = False

    async def watch(self) -> None:
        self.running = True
        while self.running:
            before = time.perf_counter()
            await asyncio.sleep(0.001)
            lag = time.perf_counter() - before - 0.001
            self.lags.append(lag)
            if lag > 0.005:
                self.spikes.append((before, lag * 1000))

    def write(self, path: str) -> None:
        ordered = sorted(self.lags)
        stats = {
            "max_ms": ordered[-1] * 1000,
            "p99_ms": ordered[int(len(ordered) * 0.99)] * 1000,
            "over_10ms": sum(lag > 0.010 for lag in ordered),
            "spikes": self.spikes,
        }
        Path(path).write_text(json.dumps(stats))


class BareStart(App[None]):
    """The floor for start-up: what any Textual app costs to reach its first screen."""

    def compose(self) -> ComposeResult:
        yield Label("examprep")
        yield Markdown("# Question\n\nWhich option?")
        yield Footer()


class BareExam(App[None]):
    """The floor for key presses: the exam screen's widgets with none of examprep's logic."""

    CSS = """
    #bar { height: 1; } #bar Label { margin-right: 2; }
    #side { width: 24; }
    """
    BINDINGS = [("n", "next", "Next"), ("p", "next", "Prev"), ("m", "next", "Mark"), ("r", "next", "Review")]

    def __init__(self, stats: str) -> None:
        super().__init__()
        self.stats = stats
        self.monitor = LoopMonitor()
        self.shown = 0
        self.answers = 0

    def compose(self) -> ComposeResult:
        from examprep.ui.widgets.choices import ChoiceList

        with Horizontal(id="bar"):
            yield Label("Mock exam", id="title")
            yield Label("Question 1 of 65", id="position")
            yield Label("0 answered", id="progress")
            yield Label("89:59 left", id="clock")
        with Horizontal():
            with VerticalScroll():
                yield Static("Question 1: which option is right?", id="stem")
                yield ChoiceList(self.entries(), False, None, set(), self.answered, id="choices")
            with Vertical(id="side"):
                yield Static(" ".join(f"{n:>3}" for n in range(1, 66)), id="navigator")
        yield Footer()

    def entries(self) -> list[tuple[str, str]]:
        return [(c, f"Option {c} for question {self.shown + 1}") for c in "abcd"]

    def on_mount(self) -> None:
        from examprep.ui.widgets.choices import ChoiceList

        self.query_one(ChoiceList).focus()
        self.set_timer(MONITOR_AFTER_S, lambda: self.run_worker(self.monitor.watch()))

    def action_next(self) -> None:
        from examprep.ui.widgets.choices import ChoiceList

        self.shown += 1
        self.query_one("#stem", Static).update(f"Question {self.shown + 1}: which option is right?")
        self.query_one("#position", Label).update(f"Question {self.shown + 1} of 65")
        choices = self.query_one(ChoiceList)
        choices.reset(ChoiceList(self.entries(), False, None, set(), self.answered))

    def answered(self, response: object) -> None:
        """What the exam screen shows change on an answer: the progress line and the navigator."""
        self.answers += 1
        self.query_one("#progress", Label).update(f"{self.answers} answered")
        cells = [f"[b green]{n:>3}[/]" if n <= self.answers else f"{n:>3}" for n in range(1, 66)]
        self.query_one("#navigator", Static).update(" ".join(cells))

    def on_unmount(self) -> None:
        self.monitor.running = False
        self.monitor.write(self.stats)


def exam_app(banks: str, stats: str) -> App[Any]:
    """examprep as ``examprep run`` builds it, on ``banks``, starting a mock once home is up."""
    from examprep.core.catalog import load_catalog
    from examprep.core.clock import SystemClock
    from examprep.core.profiles import bundled_profiles
    from examprep.memory import hold_heap
    from examprep.services import Exams
    from examprep.store.repository import Store
    from examprep.ui.app import make_app

    profiles = bundled_profiles()
    catalog = load_catalog([Path(banks)], profiles)
    for item_id in list(catalog.items)[:2000]:
        catalog.model(item_id)  # resident models, as after a long session
    exams = Exams(catalog, profiles, Store.memory(), SystemClock(), random.Random(1))
    hold_heap()  # as run_app does
    app = make_app(exams, crash_safe=False)
    monitor = LoopMonitor()

    def begin() -> None:
        app.start_form(exams.mock_form("AIF-C01"), False)  # type: ignore[attr-defined]
        app.set_timer(MONITOR_AFTER_S, lambda: app.run_worker(monitor.watch()))

    app.call_later(lambda: app.set_timer(0.3, begin))
    original_exit = app.exit

    def exit_and_record(*args: Any, **kwargs: Any) -> None:
        monitor.running = False
        monitor.write(stats)
        original_exit(*args, **kwargs)

    app.exit = exit_and_record  # type: ignore[method-assign]
    return app


def main() -> None:
    mode = sys.argv[1]
    if mode == "bare-start":
        BareStart().run()
    elif mode == "bare-exam":
        BareExam(sys.argv[2]).run()
    elif mode == "exam":
        exam_app(sys.argv[2], sys.argv[3]).run()
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
