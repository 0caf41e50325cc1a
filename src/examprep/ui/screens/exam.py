"""The exam screen: one question at a time, navigator, countdown, flags, practice feedback."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from examprep.core import models
from examprep.core.session import ExamSession
from examprep.ui import render
from examprep.ui.guard import Guarded
from examprep.ui.widgets.choices import ChoiceList, CursorList, MatchList, OrderList
from examprep.ui.widgets.countdown import Countdown
from examprep.ui.widgets.key_footer import KeyFooter
from examprep.ui.widgets.markdown_text import MarkdownText
from examprep.ui.widgets.navigator import Navigator

CHECKPOINT_EVERY_S = 15
ANSWER_KEYS = "123456789abcdefghij"


class BlankInput(Input):
    """A text gap of a fill-in question, or a numeric answer."""


class ExamScreen(Guarded, Screen[None]):
    """Takes a live :class:`ExamSession`; shows what it says and sends it every action."""

    # Priority: the app runs these before it hands the next key to the answer widget. Otherwise
    # a digit typed right after "n" reached the list first and answered the question being left.
    # In a text gap or a dropdown, Textual leaves out the keys the field types (n, m, 1...).
    BINDINGS = [
        Binding("n", "next", "Next", priority=True),
        Binding("p", "previous", "Prev", priority=True),
        Binding("pagedown", "next", show=False, priority=True),
        Binding("pageup", "previous", show=False, priority=True),
        Binding("m", "flag", "Mark", priority=True),
        Binding("x", "clear", "Clear", priority=True),
        Binding("g", "navigator", "Go to", priority=True),
        Binding("k", "check", "Check", show=False, priority=True),
        Binding("r", "review", "Submit…", tooltip="Review your answers, then submit", priority=True),
        Binding("escape", "leave", "Pause"),
        # Answer keys too, so that they are handled in the order typed, between the moves.
        *(Binding(key, f"answer('{key}')", show=False, priority=True) for key in ANSWER_KEYS),
    ]

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session
        self._ticks = 0
        self._shown: str | None = None
        self._submitting = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":  # only when the focused list has that choice; else the key goes on
            focused = self.focused
            return isinstance(focused, CursorList) and focused.key_index(str(parameters[0])) is not None
        return True

    @property
    def practice(self) -> bool:
        return self.session.feedback

    def compose(self) -> ComposeResult:
        form = self.session.form
        with Horizontal(id="exam-bar"):
            yield Label(form.title, id="exam-title", markup=False)
            yield Label("", id="exam-position")
            yield Label("", id="exam-progress")
            yield Countdown(id="countdown")
        with Horizontal(id="exam-body"):
            with VerticalScroll(id="question-pane"):
                yield MarkdownText(id="scenario")
                yield Label("", id="item-meta", markup=False)
                yield MarkdownText(id="stem")
                yield Label("", id="instruction", markup=False)
                yield Vertical(id="answer-box")
                yield Label("Press k to check your answer.", id="check-hint")
                yield MarkdownText(id="feedback")
            with Vertical(id="side"):
                yield Label("Questions", classes="side-title")
                yield Navigator(len(form.items), id="navigator")
                yield Static(
                    "[b green]■[/] answered  [dim]■[/] open\n[b yellow]⚑[/] marked  [reverse] n [/] current",
                    id="legend",
                )
        yield KeyFooter()

    async def on_mount(self) -> None:
        # Sized once for the longest text they will show, so updating them never re-lays out the bar.
        total = len(self.session.form.items)
        self.query_one("#exam-position").styles.width = cell_len(_position(total, total)) + 4
        self.query_one("#exam-progress").styles.width = cell_len(_progress(total, total)) + 4
        if self.practice:
            self.query_one(Countdown).tooltip = "Practice: untimed unless you chose a time"
        self._refresh_bar()
        await self.show_item()
        self.set_interval(1.0, self.tick)

    # -- time ------------------------------------------------------------------------------
    def tick(self) -> None:
        """Called every second: countdown, warnings, checkpoint, expiry."""
        if self.session.result is not None:
            return
        s = self.session
        self.query_one(Countdown).show(s.remaining, s.elapsed, s.limit_seconds)
        for minutes in s.due_warnings():
            self.notify(
                f"{minutes} minute{'s' if minutes != 1 else ''} left",
                title="Time warning",
                severity="warning",
                timeout=8,
            )
        self._ticks += 1
        if self._ticks % CHECKPOINT_EVERY_S == 0:
            s.checkpoint()
        if s.expired and not self._submitting:
            self._submitting = True
            self.app.call_later(self.app.finish_attempt, s, True)  # type: ignore[attr-defined]

    # -- showing ---------------------------------------------------------------------------
    def _refresh_bar(self) -> None:
        s = self.session
        total = len(s.form.items)
        _set(self.query_one("#exam-position", Label), _position(s.position + 1, total))
        _set(self.query_one("#exam-progress", Label), _progress(s.answered_count, len(s.flags)))
        self.query_one(Countdown).show(s.remaining, s.elapsed, s.limit_seconds)
        nav = self.query_one(Navigator)
        nav.update_state(s.position, {n for n, i in enumerate(s.form.items) if s.is_answered(i)}, set(s.flagged()))

    def _marks(self, model: models.ItemModel) -> dict[str, bool] | None:
        if not (self.practice and self.session.current_id in self.session.locked):
            return None
        if isinstance(model, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
            return {
                o.id: o.correct
                for o in model.options
                if o.correct or o.id in _as_list(self.session.responses.get(model.id))
            }
        response = self.session.responses.get(model.id)
        if isinstance(model, models.Ordering) and isinstance(response, list):
            key = [i.id for i in model.items]
            return {item: n < len(key) and key[n] == item for n, item in enumerate(response)}
        if isinstance(model, models.Matching) and isinstance(response, dict):
            return {p.left: response.get(p.left) == p.right for p in model.pairs}
        return None

    def _answer_widget(self, model: models.ItemModel) -> list[Widget]:
        s = self.session
        response = s.responses.get(model.id)
        order = s.form.orders.get(model.id, ())
        locked = model.id in s.locked
        if isinstance(model, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
            multi = isinstance(model, models.MultipleResponse)
            return [
                ChoiceList(
                    render.option_entries(model, order),
                    multi,
                    model.select if isinstance(model, models.MultipleResponse) else None,
                    set(_as_list(response)),
                    self.response_changed,
                    locked,
                    self._marks(model),
                    id="answer",
                )
            ]
        if isinstance(model, models.TrueFalse):
            chosen = set() if response is None else {"true" if response else "false"}
            return [
                ChoiceList(
                    [("true", "True"), ("false", "False")],
                    False,
                    None,
                    chosen,
                    self.response_changed,
                    locked,
                    id="answer",
                )
            ]
        if isinstance(model, models.Ordering):
            texts = {i.id: i.text for i in model.items}
            current = response if isinstance(response, list) else list(order)
            return [
                OrderList(
                    [(i, texts[i]) for i in current if i in texts],
                    response is not None,
                    self.response_changed,
                    locked,
                    self._marks(model),
                    id="answer",
                )
            ]
        if isinstance(model, models.Matching):
            return [
                MatchList(
                    [p.left for p in model.pairs],
                    list(order),
                    response if isinstance(response, dict) else {},
                    self.response_changed,
                    locked,
                    self._marks(model),
                    id="answer",
                )
            ]
        if isinstance(model, models.FillIn):
            widgets: list[Widget] = []
            given = response if isinstance(response, dict) else {}
            for name, blank in model.blanks.items():
                widgets.append(Label(f"[ {name} ]", classes="blank-label", markup=False))
                if blank.choices:
                    widgets.append(
                        Select(
                            [(c, c) for c in blank.choices],
                            value=given.get(name, Select.NULL),
                            id=f"blank-{name}",
                            disabled=locked,
                            prompt="choose...",
                        )
                    )
                else:
                    widgets.append(
                        BlankInput(
                            value=given.get(name, ""),
                            placeholder=f"type the {name} gap",
                            id=f"blank-{name}",
                            disabled=locked,
                        )
                    )
            return widgets
        if isinstance(model, models.Numeric):
            return [BlankInput(value=str(response or ""), placeholder="a number", id="blank-number", disabled=locked)]
        return []

    async def show_item(self) -> None:
        """Render the current item (scenario, stem, answer widget, practice feedback).

        The text widgets stay mounted and are updated; only the answer widget is replaced.
        """
        s = self.session
        item_id = s.current_id
        model = s.models[item_id]
        scenario = self.app.exams.catalog.scenario(item_id)  # type: ignore[attr-defined]
        scenario_box = self.query_one("#scenario", MarkdownText)
        scenario_box.display = scenario is not None
        if scenario is not None:
            scenario_box.show("**Case study.** " + scenario.scenario.strip())
        domain = s.profile.domain(s.domains[item_id])
        meta = f"Q{s.position + 1}"
        if domain and s.profile.kind == "certification":
            meta += f" · {domain.name}"
        if item_id in s.flags:
            meta += " · ⚑ marked for review"
        _set(self.query_one("#item-meta", Label), meta)
        self.query_one("#stem", MarkdownText).show(render.stem_markdown(model))
        _set(self.query_one("#instruction", Label), render.instruction(model, s.responses.get(item_id)))
        box = self.query_one("#answer-box", Vertical)
        fresh = self._answer_widget(model)
        current = list(box.children)
        if (
            len(fresh) == 1
            and len(current) == 1
            and isinstance(fresh[0], ChoiceList)
            and isinstance(current[0], ChoiceList)
        ):
            current[0].reset(fresh[0])
        else:
            await box.remove_children()
            await box.mount_all(fresh)
        feedback = self.query_one("#feedback", MarkdownText)
        hint = self.query_one("#check-hint", Label)
        checked = self.practice and item_id in s.locked
        feedback.display = checked
        hint.display = self.practice and not checked
        if checked:
            result = s.check(item_id)
            feedback.show(
                render.feedback_markdown(model, s.responses.get(item_id), result.credit, s.form.orders.get(item_id, ()))
            )
        self.query_one("#question-pane", VerticalScroll).scroll_home(animate=False)
        self._shown = item_id
        self._refresh_bar()
        self._focus_answer()

    def _focus_answer(self) -> None:
        # Focus is set here and now, not by Widget.focus(), which defers it: a key typed right after
        # "next" must find the new question's answer widget already focused.
        for widget in self.query_one("#answer-box").children:
            if widget.can_focus and not widget.disabled:
                self.set_focus(widget)
                if self.focused is not widget:
                    widget.focus()
                return
        self.set_focus(self.query_one("#question-pane"))

    # -- input from widgets ------------------------------------------------------------------
    def response_changed(self, response: Any) -> None:
        """An answer widget's new response for the current item."""
        model = self.session.models[self.session.current_id]
        if isinstance(model, models.TrueFalse):
            response = None if response is None else response == "true"
        self.session.answer(model.id, response)
        self._after_answer(model)

    @on(Input.Changed, "BlankInput")
    def blank_typed(self, event: Input.Changed) -> None:
        self._collect_blanks()

    @on(Input.Submitted, "BlankInput")
    async def blank_submitted(self, event: Input.Submitted) -> None:
        """Enter in a gap: check it (practice) or go on to the next question."""
        if self.practice and self.session.current_id not in self.session.locked:
            await self.action_check()
        else:
            await self.action_next()

    @on(Select.Changed)
    def blank_chosen(self, event: Select.Changed) -> None:
        self._collect_blanks()

    def _collect_blanks(self) -> None:
        model = self.session.models[self.session.current_id]
        if isinstance(model, models.Numeric):
            value = self.query_one("#blank-number", Input).value.strip()
            self.session.answer(model.id, value or None)
        elif isinstance(model, models.FillIn):
            given: dict[str, str] = {}
            for name in model.blanks:
                widget = self.query_one(f"#blank-{name}")
                typed = self._gap_value(widget)
                if typed.strip():
                    given[name] = typed
            self.session.answer(model.id, given or None)
        self._after_answer(model)

    @staticmethod
    def _gap_value(widget: Widget) -> str:
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, Select) and widget.value is not Select.NULL:
            return str(widget.value)
        return ""

    def _after_answer(self, model: models.ItemModel) -> None:
        _set(self.query_one("#instruction", Label), render.instruction(model, self.session.responses.get(model.id)))
        self._refresh_bar()

    @on(Navigator.Jump)
    async def jump(self, event: Navigator.Jump) -> None:
        await self.go(event.position)

    # -- actions ---------------------------------------------------------------------------
    async def go(self, position: int) -> None:
        """Show the item at ``position``."""
        self.session.go_to(position)
        if self.session.current_id != self._shown:
            await self.show_item()

    async def action_next(self) -> None:
        if self.session.position == len(self.session.form.items) - 1:
            self.notify("That was the last question. Press r to review and submit.", timeout=3)
            return
        await self.go(self.session.position + 1)

    async def action_previous(self) -> None:
        await self.go(self.session.position - 1)

    def action_answer(self, key: str) -> None:
        focused = self.focused
        if isinstance(focused, CursorList):
            focused.press(key)

    async def action_flag(self) -> None:
        flagged = self.session.toggle_flag(self.session.current_id)
        self.notify("Marked for review" if flagged else "Mark removed", timeout=1.5)
        meta = self.query_one("#item-meta", Label)
        text = str(meta.content).replace(" · ⚑ marked for review", "")
        _set(meta, text + (" · ⚑ marked for review" if flagged else ""))
        self._refresh_bar()

    async def action_clear(self) -> None:
        item_id = self.session.current_id
        if item_id in self.session.locked:
            return
        self.session.clear(item_id)
        await self.show_item()

    def action_navigator(self) -> None:
        side = self.query_one("#side")
        if self.has_class("narrow"):
            side.display = not side.display
        nav = self.query_one(Navigator)
        if side.display:
            nav.cursor = self.session.position
            nav.focus()

    async def action_check(self) -> None:
        if not self.practice:
            self.notify("Feedback comes at the end in exam mode.", timeout=2)
            return
        if not self.session.is_answered(self.session.current_id):
            self.notify("Answer first, then check.", timeout=2)
            return
        self.session.check(self.session.current_id)
        await self.show_item()
        self.query_one("#question-pane", VerticalScroll).scroll_end(animate=False)

    def action_review(self) -> None:
        from examprep.ui.screens.review import ReviewScreen

        def chosen(position: int | None) -> None:
            if position == -1:
                self.app.call_later(self.app.finish_attempt, self.session, False)  # type: ignore[attr-defined]
            elif position is not None:
                self.app.call_later(self.go, position)

        self.session.checkpoint()
        self.app.push_screen(ReviewScreen(self.session), chosen)

    def action_leave(self) -> None:
        """Pause: the attempt stays open and can be resumed from home.

        In a text gap or the navigator, Esc only leaves that field, so the exam keys work again.
        """
        if self.query_one(Navigator).has_focus:
            self._focus_answer()
            return
        if isinstance(self.focused, Input | Select):
            self.query_one("#question-pane").focus()
            return
        self.session.checkpoint()
        self.notify("Attempt saved. Resume it from the home screen.", timeout=3)
        self.app.pop_screen()

    def on_resize(self) -> None:
        narrow = self.size.width < 100
        self.set_class(narrow, "narrow")
        self.query_one("#side").display = not narrow


def _as_list(response: Any) -> list[str]:
    if response is None:
        return []
    return list(response) if isinstance(response, list) else [response]


def _position(position: int, total: int) -> str:
    return f"Question {position} of {total}"


def _progress(answered: int, marked: int) -> str:
    return f"{answered} answered · {marked} marked"


def _set(label: Label, text: str) -> None:
    """Update a label, re-laying out the screen only when the label's size can change.

    A re-layout is a second pass that reaches the terminal a frame later than the rest of a
    key press; a label whose width is set by CSS and whose text fits on one line keeps its size.
    """
    old = str(label.content)
    if old == text:
        return
    width = label.styles.width
    fixed = width is not None and not width.is_auto and max(cell_len(old), cell_len(text)) <= label.content_size.width
    label.update(text, layout=not (fixed or cell_len(old) == cell_len(text)))
