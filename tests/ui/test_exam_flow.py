"""End-to-end flows driven with Pilot; assertions on the session state and the database."""

from __future__ import annotations

from examprep.core import models
from examprep.services import Filters
from examprep.ui.app import ExamPrepApp, make_app
from examprep.ui.screens.exam import ExamScreen
from examprep.ui.screens.home import HomeScreen
from examprep.ui.screens.results import ResultsScreen
from tests.ui.conftest import SIZE


async def test_mock_from_home_to_results_is_persisted(app: ExamPrepApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("m")  # PCEP-30-02 is the first row
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        session = screen.session
        assert len(session.form.items) == 30 and session.form.minutes == 40
        first = session.current_id
        await pilot.press("1", "m", "n")
        await pilot.pause()
        assert session.position == 1 and first in session.flags and session.is_answered(first)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        row = app.exams.store.attempt(session.attempt_id)
        assert row.status == "finished" and row.mode == "mock" and row.items == 30
        stored = {r["item_id"]: r for r in app.exams.store.responses(session.attempt_id)}
        assert stored[first]["flagged"] == 1 and stored[first]["response"] is not None


async def test_every_item_type_can_be_answered_by_keyboard(app: ExamPrepApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = app.exams.custom_form(
            Filters(
                profile="PCEP-30-02",
                tags=(
                    "operators",
                    "else-clause",
                    "tuples",
                    "functions",
                    "hierarchy",
                    "numeral-systems",
                    "conditionals",
                ),
            ),
            7,
            None,
            "custom",
        )
        app.start_form(form, False)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        session = screen.session
        for _ in form.items:
            model = session.models[session.current_id]
            if isinstance(model, models.MultipleResponse):
                await pilot.press("1", "2", "3")  # the third is refused: select 2
            elif isinstance(model, models.Ordering):
                await pilot.press("shift+down", "enter")
            elif isinstance(model, models.Matching):
                await pilot.press("a", "b", "c")
            elif isinstance(model, models.FillIn):
                await pilot.press(*"return")
            else:
                await pilot.press("1")
            await pilot.pause()
            assert session.is_answered(model.id), model.type
            await pilot.press("pagedown")
            await pilot.pause()
        responses = session.responses
        by_type = {session.models[i].type: responses[i] for i in form.items}
        assert len(by_type["multiple_response"]) == 2
        assert isinstance(by_type["true_false"], bool)
        assert by_type["fill_in"] == {"kw": "return"}
        assert len(by_type["matching"]) == 3 and len(by_type["ordering"]) == 4
        stored = {r["item_id"]: r["response"] for r in app.exams.store.responses(session.attempt_id)}
        assert stored == {i: responses[i] for i in form.items}


async def test_timer_expiry_submits_automatically(app: ExamPrepApp, clock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.start_form(app.exams.custom_form(Filters(profile="PCEP-30-02"), 5, 2, "custom"), False)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        await pilot.press("1")
        clock.advance(61)
        screen.tick()
        await pilot.pause()
        assert any("1 minute left" in n.message for n in app._notifications)
        clock.advance(60)
        screen.tick()
        await pilot.pause()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "NoticeScreen"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        row = app.exams.store.attempt(screen.session.attempt_id)
        assert row.status == "finished" and row.expired and row.elapsed == 120


async def test_pause_and_resume_keep_answers_and_time(app: ExamPrepApp, clock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.start_form(app.exams.custom_form(Filters(profile="PCEP-30-02"), 5, 30, "custom"), False)
        await pilot.pause()
        session = app.screen.session
        await pilot.press("2")
        clock.advance(90)
        await pilot.press("n", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#resume-banner").display
        await pilot.press("c")
        await pilot.pause()
        resumed = app.screen
        assert isinstance(resumed, ExamScreen) and resumed.session is not session
        assert resumed.session.responses == session.responses
        assert resumed.session.position == 1 and resumed.session.elapsed == 90


async def test_practice_shows_feedback_with_every_rationale(app: ExamPrepApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.start_form(app.exams.custom_form(Filters(item_ids=("pcep-st-ctrl-001",)), 1, None, "practice"), True)
        await pilot.pause()
        screen = app.screen
        await pilot.press("k")  # nothing answered: a hint, no feedback
        await pilot.pause()
        assert not screen.query_one("#feedback").display
        model = screen.session.models["pcep-st-ctrl-001"]
        await pilot.press("1", "k")
        await pilot.pause()
        feedback = screen.query_one("#feedback")
        text = feedback.source
        assert all(o.rationale in text for o in model.options) and model.explanation.strip() in text
        assert "pcep-st-ctrl-001" in screen.session.locked


async def test_bank_text_is_shown_literally_never_as_markup(ui_exams, clock) -> None:
    import yaml

    from examprep.core.catalog import load_catalog
    from tests.factories import bank, single

    q = single("markup-q-001", 1, stem="Is [bold]this[/bold] bold? [link=https://x.invalid]click[/link]")
    q["options"][0]["text"] = "[red]not red[/red]"
    folder = ui_exams.catalog.banks[0].path.rsplit("/", 1)[0]
    with open(f"{folder}/markup.yaml", "w") as fh:
        fh.write(yaml.safe_dump(bank("markup-bank", "PCEP-30-02", [q])))
    ui_exams.catalog = load_catalog([__import__("pathlib").Path(folder)], ui_exams.profiles)
    app = make_app(ui_exams, crash_safe=False)
    async with app.run_test(size=SIZE) as pilot:
        app.start_form(ui_exams.custom_form(Filters(item_ids=("markup-q-001",)), 1, None, "custom"), False)
        await pilot.pause()
        screen = app.screen
        rendered = str(screen.query_one("#answer").render())
        assert "[red]not red[/red]" in rendered
        assert "[bold]this[/bold]" in screen.query_one("#stem").source


async def test_an_unexpected_error_becomes_a_notification(ui_exams) -> None:
    app = make_app(ui_exams, crash_safe=True)
    async with app.run_test(size=SIZE) as pilot:
        app.start_form(ui_exams.custom_form(Filters(profile="PCEP-30-02"), 3, None, "custom"), False)
        await pilot.pause()
        session = app.screen.session

        def boom() -> None:
            raise RuntimeError("simulated bug")

        app.screen.action_flag = boom  # type: ignore[method-assign]
        await pilot.press("1", "m")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ExamScreen)
        assert any("simulated bug" in n.message for n in app._notifications)
        assert app.exams.store.responses(session.attempt_id)[0]["response"] is not None


async def test_keys_typed_right_after_next_are_not_lost(app: ExamPrepApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.start_form(
            app.exams.custom_form(Filters(profile="PCEP-30-02", tags=("topic-1",)), 5, None, "custom"), False
        )
        await pilot.pause()
        session = app.screen.session
        await pilot.press("n", "1", "n", "2")  # no pause: typed as fast as keys arrive
        await pilot.pause()
        assert set(session.responses) == {session.form.items[1], session.form.items[2]}


async def test_command_palette_starts_a_mode(app: ExamPrepApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"weak areas pcep")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        from examprep.ui.screens.report import ReportScreen

        assert isinstance(app.screen, ReportScreen) and app.screen.profile_id == "PCEP-30-02"


async def test_text_gaps_enter_checks_and_escape_only_leaves_the_field(app: ExamPrepApp) -> None:
    from textual.widgets import Input

    items = ("pcep-st-func-001", "pcep-st-ctrl-001")
    async with app.run_test(size=SIZE) as pilot:
        app.start_form(app.exams.custom_form(Filters(item_ids=items), 2, None, "practice", seed=1), True)
        await pilot.pause()
        screen = app.screen
        session = screen.session
        if session.current_id != "pcep-st-func-001":
            await pilot.press("n")
            await pilot.pause()
        await pilot.press(*"ret", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen) and not isinstance(app.focused, Input)
        assert session.responses["pcep-st-func-001"] == {"kw": "ret"}
        screen.query_one(Input).focus()
        await pilot.press("end", *"urn", "enter")
        await pilot.pause()
        assert "pcep-st-func-001" in session.locked and screen.query_one("#feedback").display
        assert session.check("pcep-st-func-001").correct


async def test_the_navigator_redraws_the_cells_that_change(app: ExamPrepApp) -> None:
    """It repaints only changed rows: what it draws must still match the session after each key."""
    from textual.geometry import Region

    from examprep.ui.widgets.navigator import Navigator

    def cells(nav: Navigator) -> dict[str, str]:
        """Each number's look: 'current', or its colour, plus '+marked' for a flag."""
        strips = nav.render_lines(Region(0, 0, nav.size.width, nav.size.height))
        out = {}
        for seg in (seg for strip in strips for seg in strip if seg.text.strip()):
            look = "current" if seg.style.reverse else str(seg.style.color)
            out[seg.text.strip().rstrip("⚑").strip()] = look + ("+marked" if "⚑" in seg.text else "")
        return out

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.ask_mock("PCEP-30-02")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        nav = app.screen.query_one(Navigator)
        before = cells(nav)
        unseen = before["30"]
        assert before["1"] == "current" and before["2"] == before["3"] == unseen
        await pilot.press("1", "n", "m", "n")  # answer 1; mark 2; on to 3
        await pilot.pause()
        drawn = cells(nav)
        assert drawn["1"] not in (unseen, "current")  # answered
        assert drawn["2"].endswith("+marked") and drawn["2"].removesuffix("+marked") not in (unseen, drawn["1"])
        assert drawn["3"] == "current" and drawn["30"] == unseen
        await pilot.press("p")
        await pilot.pause()
        drawn = cells(nav)
        assert drawn["2"] == "current+marked" and drawn["3"] == unseen
        await app.screen.go(20)  # a jump to another row of the grid repaints the row left behind
        await pilot.pause()
        drawn = cells(nav)
        assert drawn["21"] == "current" and drawn["2"].endswith("+marked") and drawn["2"] != "current+marked"


async def test_keys_typed_faster_than_a_frame_answer_the_question_on_screen(app: ExamPrepApp) -> None:
    """A key typed right after 'n' belongs to the next question, never to the one just left.

    Keys are posted straight to the app, all at once, as a terminal delivers fast typing:
    Pilot's press() would wait for the app to go idle between keys and hide the race.
    """
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        form = app.exams.custom_form(Filters(profile="PCEP-30-02", tags=("topic-1",)), 5, None, "custom")
        app.start_form(form, False)
        await pilot.pause()
        session = app.screen.session
        orders = [session.form.orders[i] for i in form.items]
        for key in "1n2n3":
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert [session.responses.get(i) for i in form.items[:3]] == [orders[0][0], orders[1][1], orders[2][2]]


async def test_the_next_answer_widget_has_focus_as_soon_as_next_returns(app: ExamPrepApp) -> None:
    """Focus is not deferred to a later message, so the very next key already reaches the new
    question's widget, whatever its type (a list, a matching table, a text gap)."""
    async with app.run_test(size=SIZE) as pilot:
        tags = ("operators", "else-clause", "tuples", "functions", "hierarchy", "numeral-systems", "conditionals")
        form = app.exams.custom_form(Filters(profile="PCEP-30-02", tags=tags), 7, None, "custom")
        app.start_form(form, False)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        kinds = set()
        for _ in form.items[1:]:
            await screen.action_next()  # no pause before looking
            widget = next(w for w in screen.query_one("#answer-box").children if w.can_focus)
            assert screen.focused is widget
            kinds.add(type(widget).__name__)
        assert {"ChoiceList", "MatchList", "OrderList"} <= kinds
