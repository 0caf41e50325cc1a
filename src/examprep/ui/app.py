"""The Textual app and its composition root, :func:`make_app`."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from examprep.core.session import ExamSession
from examprep.errors import UserError
from examprep.memory import freeze_heap
from examprep.services import Exams, Filters
from examprep.ui.commands import ExamCommands
from examprep.ui.guard import Guarded
from examprep.ui.screens.confirm import ConfirmScreen, NoticeScreen
from examprep.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from examprep.ui.screens.start import StartRequest

# The other screens are imported when first shown, and in the background once home is up
# (preload): importing them all before the first frame cost 70 ms of start-up, mostly Markdown.


class ExamPrepApp(Guarded, App[None]):
    """examprep in the terminal. Holds no exam logic: it shows sessions and sends them actions."""

    CSS_PATH = "examprep.tcss"
    TITLE = "examprep"
    COMMANDS = App.COMMANDS | {ExamCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, exams: Exams, error_log: Path | None = None, crash_safe: bool = True) -> None:
        super().__init__()
        self.exams = exams
        self.error_log = error_log
        self.crash_safe = crash_safe
        self.theme = "textual-dark"

    def get_default_screen(self) -> HomeScreen:
        # Home is the bottom screen itself, not pushed over a blank default one, which would be
        # composed and drawn first for nothing (a frame and about 40 ms of start-up).
        return HomeScreen()

    def on_mount(self) -> None:
        self.set_timer(0.3, self._settle)  # once home is on screen and the user is reading it
        finished = self.exams.finished_on_start
        if finished:
            self.notify(f"Scored {len(finished)} attempt(s) whose time had run out.", timeout=6)

    def _settle(self) -> None:
        """Work that can wait until home is drawn: freeze the catalog out of the GC's way, and
        import what the first exam needs in the background."""
        freeze_heap(everything=True)
        self.run_worker(preload, thread=True, group="preload", exit_on_error=False)

    # -- navigation helpers used by screens --------------------------------------------------
    def go_home(self) -> None:
        """Back to the home screen (the bottom one), refreshed as it resumes."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def _run(self, session: ExamSession) -> None:
        from examprep.ui.screens.exam import ExamScreen

        freeze_heap()  # the form just drawn, and its models, stay out of collections during the exam
        self.push_screen(ExamScreen(session))

    def start_form(self, form: object, feedback: bool) -> None:
        """Start a new attempt on ``form``."""
        try:
            session = self.exams.start(form, feedback)  # type: ignore[arg-type]
        except UserError as exc:
            self.notify(exc.message + (f"\n{exc.hint}" if exc.hint else ""), severity="error", timeout=8)
            return
        self._run(session)

    def ask_mock(self, profile_id: str) -> None:
        profile = self.exams.profiles[profile_id]
        try:
            form = self.exams.mock_form(profile_id)
        except UserError as exc:
            self.notify(
                exc.message + (f"\n{exc.hint}" if exc.hint else ""),
                title="Cannot draw a full mock",
                severity="error",
                timeout=10,
            )
            return
        unscored = f", {profile.unscored} unscored" if profile.unscored else ""
        detail = (
            f"{len(form.items)} questions{unscored}, {form.minutes or 0:g} minutes, pass mark {profile.pass_mark.describe()}. "
            f"No feedback until you submit. Form code {form.code}."
        )

        def go(yes: bool | None) -> None:
            if yes:
                self.start_form(form, False)

        self.push_screen(ConfirmScreen(f"Start a full {profile.id} mock exam?", detail, "Start", "Cancel"), go)

    def ask_start(self, profile_id: str, mode: str) -> None:
        from examprep.ui.screens.start import StartScreen

        profile = self.exams.profiles[profile_id]
        tags = sorted({t for i in self.exams.catalog.for_profile(profile_id) for t in i.tags})

        def go(request: StartRequest | None) -> None:
            if request is None:
                return
            try:
                form = self.exams.custom_form(request.filters, request.count, request.minutes, request.mode)
            except UserError as exc:
                self.notify(exc.message, severity="error", timeout=6)
                return
            self.start_form(form, request.feedback)

        self.push_screen(StartScreen(profile, mode, tags), go)

    def ask_form_code(self) -> None:
        from examprep.ui.screens.start import FormCodeScreen

        def go(code: str | None) -> None:
            if not code:
                return
            try:
                profile_id = code.rpartition(":")[0]
                match = next((p for p in self.exams.profiles if p.lower() == profile_id.lower()), profile_id)
                form = self.exams.mock_form(match, code.replace(profile_id, match, 1))
            except UserError as exc:
                self.notify(exc.message, severity="error", timeout=6)
                return
            self.start_form(form, False)

        self.push_screen(FormCodeScreen(), go)

    def resume_attempt(self, attempt_id: int) -> None:
        try:
            session = self.exams.resume(attempt_id)
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=6)
            return
        self._run(session)

    def resume_latest(self) -> None:
        """Resume the most recent unfinished attempt, if any."""
        open_attempts = self.exams.store.attempts(status="open", limit=1)
        if not open_attempts:
            self.notify("No unfinished attempt.", timeout=2)
            return
        self.resume_attempt(open_attempts[0].id)

    def start_retake(self, attempt_id: int) -> None:
        try:
            form = self.exams.retake_form(attempt_id)
        except UserError as exc:
            self.notify(exc.message, severity="error")
            return
        self.start_form(form, True)

    def start_review(self) -> None:
        try:
            form = self.exams.custom_form(Filters(only="due"), 20, None, "review")
        except UserError:
            self.notify(
                "Nothing is due for review. Missed and marked questions are scheduled here after each attempt.",
                timeout=5,
            )
            return
        self.start_form(form, True)

    def show_results(self, attempt_id: int) -> None:
        from examprep.ui.screens.results import ResultsScreen

        self.push_screen(ResultsScreen(attempt_id))

    def show_report(self, profile_id: str) -> None:
        from examprep.ui.screens.report import ReportScreen

        self.push_screen(ReportScreen(profile_id))

    async def finish_attempt(self, session: ExamSession, expired: bool) -> None:
        """Score and store the attempt, then show its results."""
        from examprep.ui.screens.exam import ExamScreen
        from examprep.ui.screens.results import ResultsScreen

        session.submit(expired=expired)
        attempt_id = session.attempt_id
        while isinstance(self.screen, ExamScreen) or len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ResultsScreen(attempt_id))
        if expired:
            self.push_screen(NoticeScreen("Time is up", "Your answers were submitted automatically and scored."))

    # -- app-wide actions ------------------------------------------------------------------
    def action_help(self) -> None:
        from examprep.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def report_error(self, error: Exception) -> None:
        """Show an unexpected error as a notification and log its traceback; the app carries on."""
        if isinstance(error, UserError):
            self.notify(error.message, severity="error", timeout=8)
            return
        if self.error_log is not None:
            try:
                self.error_log.parent.mkdir(parents=True, exist_ok=True)
                with self.error_log.open("a", encoding="utf-8") as log:
                    log.write("".join(traceback.format_exception(error)))
            except OSError:
                pass
        where = f" Details: {self.error_log}" if self.error_log else ""
        self.notify(
            f"Something went wrong: {type(error).__name__}: {error}. Your answers are saved.{where}",
            severity="error",
            timeout=12,
        )


def preload() -> None:
    """Import what the first exam needs and render a code block once, off screen.

    Run in a thread while the user reads the home screen, so neither the first exam screen nor
    its first code question waits for Markdown, Pygments, pydantic or fsrs (about 170 ms
    together). The bank models themselves are built on the main thread, at first use: the lazy
    module that holds them must not be loaded from two threads at once.
    """
    import fsrs  # noqa: F401
    import pydantic  # noqa: F401

    import examprep.ui.screens.exam
    import examprep.ui.screens.help
    import examprep.ui.screens.report
    import examprep.ui.screens.results
    import examprep.ui.screens.review
    import examprep.ui.screens.start  # noqa: F401
    from examprep.ui.widgets.markdown_text import warm_up

    warm_up()


def make_app(exams: Exams, error_log: Path | None = None, crash_safe: bool = True) -> ExamPrepApp:
    """The composition root: every UI, test and the CLI build the app here.

    ``crash_safe`` turns unexpected exceptions into notifications (tests turn it off to see them).
    """
    return ExamPrepApp(exams, error_log, crash_safe)
