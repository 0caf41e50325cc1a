"""A handful of snapshot tests of the main screens, at a fixed size with a fixed clock and seed."""

from __future__ import annotations

from examprep.services import Filters
from examprep.ui.app import ExamPrepApp
from tests.ui.conftest import SIZE


def test_home(app: ExamPrepApp, snap_compare) -> None:
    """You should see the certifications table (PCEP-30-02 'ready ×2', the rest needing questions,
    MLS-C01 'retired 2026-03-31'), the six roadmap steps with a dash for accuracy (no answers yet),
    and the footer keys m Mock ... ? Help."""
    assert snap_compare(app, terminal_size=SIZE)


def _start(items: tuple[str, ...], feedback: bool = False, minutes: float | None = 40):
    async def run_before(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        app.start_form(app.exams.custom_form(Filters(item_ids=items), len(items), minutes, "custom", seed=7), feedback)
        await pilot.pause()

    return run_before


def test_exam_code_question(app: ExamPrepApp, snap_compare) -> None:
    """You should see a code_output question: the snippet highlighted, four lettered options with
    option B chosen, the 40:00 countdown, and the navigator with question 1 current."""
    assert snap_compare(
        app, terminal_size=SIZE, run_before=_start(("pcep-st-ops-001", "pcep-st-loop-001")), press=["2"]
    )


def test_exam_at_80_columns(app: ExamPrepApp, snap_compare) -> None:
    """You should see the multiple-response question at 80x24 with 'Choose 2 (1 of 2 selected)',
    nothing cut off, and the navigator hidden (g shows it)."""
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=_start(("pcep-st-loop-001", "pcep-st-ops-001")), press=["1"]
    )


def test_practice_feedback(app: ExamPrepApp, snap_compare) -> None:
    """You should see the true/false question answered True, marked Incorrect, with both
    rationales, the explanation and the reference below it."""
    assert snap_compare(
        app, terminal_size=SIZE, run_before=_start(("pcep-st-coll-001",), feedback=True, minutes=None), press=["1", "k"]
    )


def test_review_before_submit(app: ExamPrepApp, snap_compare) -> None:
    """You should see the review dialog listing 3 questions, the first answered and marked."""
    items = ("pcep-st-ctrl-001", "pcep-st-exc-001", "pcep-st-lit-001")
    assert snap_compare(app, terminal_size=SIZE, run_before=_start(items), press=["1", "m", "r"])


def test_results(app: ExamPrepApp, snap_compare) -> None:
    """You should see a FAIL verdict at 50.0% against 70%, domain and step bars, and the missed
    questions listed below."""
    items = ("pcep-st-ctrl-001", "pcep-st-coll-001")

    async def run_before(pilot) -> None:
        await _start(items, minutes=None)(pilot)
        session = pilot.app.screen.session
        session.answer("pcep-st-ctrl-001", "not-x")
        session.answer("pcep-st-coll-001", True)
        await pilot.app.finish_attempt(session, False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help(app: ExamPrepApp, snap_compare) -> None:
    """You should see the help overlay with the keys for every screen."""
    assert snap_compare(app, terminal_size=SIZE, press=["question_mark"])
