"""The home screen's tables: keyboard and mouse reach every exam, step and past attempt."""

from __future__ import annotations

from textual import events

from examprep.services import Filters
from examprep.ui.app import ExamPrepApp
from examprep.ui.screens.home import HomeScreen
from examprep.ui.screens.results import ResultsScreen
from examprep.ui.screens.start import StartScreen
from examprep.ui.widgets.row_table import RowTable
from tests.ui.conftest import SIZE


def detail(app: ExamPrepApp) -> str:
    return str(app.screen.query_one("#profile-detail").render())


async def test_arrows_and_tab_move_between_exams_and_steps(app: ExamPrepApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        certs = app.screen.query_one("#certs", RowTable)
        assert app.focused is certs and certs.cursor_key == "PCEP-30-02"
        assert detail(app).startswith("PCEP-30-02")
        await pilot.press("down")
        assert certs.cursor_key == "PCAP-31-03" and detail(app).startswith("PCAP-31-03")
        await pilot.press("tab")
        steps = app.screen.query_one("#steps", RowTable)
        assert app.focused is steps and detail(app).startswith("step-1")
        await pilot.press("end")
        assert steps.cursor_key == "step-6" and detail(app).startswith("step-6")
        await pilot.press("w")  # the weak-area report of the highlighted step
        await pilot.pause()
        assert getattr(app.screen, "profile_id", None) == "step-6"


async def test_a_past_attempt_opens_from_the_recent_table(app: ExamPrepApp) -> None:
    form = app.exams.custom_form(Filters(profile="PCEP-30-02"), 3, 10, "custom")
    session = app.exams.start(form)
    session.submit()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        recent = app.screen.query_one("#recent", RowTable)
        assert recent.row_count == 1 and recent.cursor_key == str(session.attempt_id)
        for key in ("h", "enter"):  # h focuses the history table; typed fast, as a terminal delivers them
            app.post_message(events.Key(key, None if key == "enter" else key))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.click("#certs", offset=(3, 2))  # a click on the second exam opens its practice dialog
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.screen.profile.id == "PCAP-31-03"
