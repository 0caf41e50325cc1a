"""The weak-area report screen: figures from history, and one key to a drill."""

from __future__ import annotations

from examprep.review import wire_review
from examprep.services import Exams, Filters
from examprep.ui.app import ExamPrepApp, make_app
from examprep.ui.screens.exam import ExamScreen
from examprep.ui.screens.report import ReportScreen, pct
from tests.ui.conftest import SIZE


def history(exams: Exams) -> None:
    for _ in range(3):
        session = exams.start(exams.custom_form(Filters(profile="PCEP-30-02", domains=(2, 4)), 10, None, "custom"))
        for item_id in session.form.items[:5]:
            session.answer(item_id, "a")  # the synthetic bank's key is option a
        session.submit()


def test_percent_never_claims_certainty() -> None:
    assert (pct(0.0), pct(0.004), pct(0.5), pct(0.996), pct(None)) == ("<1%", "<1%", "50%", ">99%", "-")


async def test_report_ranks_areas_and_drills_the_weakest(ui_exams: Exams) -> None:
    wire_review(ui_exams)
    history(ui_exams)
    app: ExamPrepApp = make_app(ui_exams, crash_safe=False)
    async with app.run_test(size=SIZE) as pilot:
        app.show_report("PCEP-30-02")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportScreen) and screen.report is not None
        assert {a.key for a in screen.report.areas} == {"2", "4"}
        assert sum(a.answers for a in screen.report.areas) == 30
        assert not screen.report.readiness.known  # domains 1 and 3 have no answers
        await pilot.press("2")
        await pilot.pause()
        assert screen.dimension == "step" and [a.key for a in screen.report.areas] == ["1"]
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen) and exam.session.feedback
        weakest = int(screen.report.areas[0].key)
        assert {exam.session.domains[i] for i in exam.session.form.items} == {weakest}


def test_report_snapshot(ui_exams: Exams, snap_compare) -> None:
    """You should see readiness 'not enough data' (domains 1 and 3 unanswered), domains 2 and 4
    with about half right and their intervals, a flat trend of three attempts and the review queue."""
    wire_review(ui_exams)
    history(ui_exams)
    app = make_app(ui_exams, crash_safe=False)

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.show_report("PCEP-30-02")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
