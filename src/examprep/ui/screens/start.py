"""Dialogs that set up an attempt: practice/drill/custom options, a full mock, a form code."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from examprep.core.profiles import Profile
from examprep.core.vocabulary import ROADMAP_STEPS
from examprep.services import Filters
from examprep.ui.guard import Guarded


@dataclass(frozen=True)
class StartRequest:
    """What the candidate asked for."""

    filters: Filters
    count: int
    minutes: float | None
    feedback: bool
    mode: str


class StartScreen(Guarded, ModalScreen[StartRequest | None]):
    """Practice, drill or custom exam over a profile (or a roadmap step) with filters."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, profile: Profile, mode: str, tags: list[str]) -> None:
        super().__init__()
        self.profile = profile
        self.mode = mode
        self.tags = tags

    def compose(self) -> ComposeResult:
        p = self.profile
        with Vertical(id="dialog", classes="wide"):
            yield Label(
                f"{'Practice' if self.mode == 'practice' else 'Drill or custom exam'}: {p.id}",
                id="dialog-title",
                markup=False,
            )
            with Horizontal(classes="field"):
                yield Label("Feedback", classes="field-label")
                yield Select(
                    [("after each answer (practice)", "practice"), ("at the end (exam conditions)", "exam")],
                    value="practice" if self.mode == "practice" else "exam",
                    allow_blank=False,
                    id="feedback",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Domain", classes="field-label")
                yield Select(
                    [(f"{d.number}. {d.name}", d.number) for d in p.domains],
                    prompt="any domain",
                    id="domain",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Step", classes="field-label")
                yield Select(
                    [(f"{n}. {name}", n) for n, name in ROADMAP_STEPS.items()],
                    prompt="any step",
                    id="step",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Tag", classes="field-label")
                yield Select([(t, t) for t in self.tags], prompt="any tag", id="tag", compact=True)
            with Horizontal(classes="field"):
                yield Label("Only", classes="field-label")
                yield Select(
                    [
                        ("questions I missed", "missed"),
                        ("questions I marked", "flagged"),
                        ("questions I never saw", "unseen"),
                        ("questions due for review", "due"),
                    ],
                    prompt="all questions",
                    id="only",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Questions", classes="field-label")
                yield Input("10" if self.mode == "practice" else "20", id="count", type="integer", compact=True)
            with Horizontal(classes="field"):
                yield Label("Minutes", classes="field-label")
                yield Input("", placeholder="blank: untimed", id="minutes", type="number", compact=True)
            with Horizontal(id="dialog-buttons"):
                yield Button("Start", variant="primary", id="start", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
            return
        self.submit()

    def on_input_submitted(self) -> None:
        self.submit()

    def _value(self, selector: str) -> object:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    def submit(self) -> None:
        """Validate the fields and dismiss with the request."""
        try:
            count = int(self.query_one("#count", Input).value or "10")
            minutes_text = self.query_one("#minutes", Input).value.strip()
            minutes = float(minutes_text) if minutes_text else None
        except ValueError:
            self.notify("Questions and minutes must be numbers.", severity="error")
            return
        if count < 1 or (minutes is not None and minutes <= 0):
            self.notify("Ask for at least one question and a positive time.", severity="error")
            return
        domain, step, tag, only = (
            self._value("#domain"),
            self._value("#step"),
            self._value("#tag"),
            self._value("#only"),
        )
        filters = Filters(
            profile=self.profile.id,
            domains=(int(str(domain)),) if domain is not None else (),
            steps=(int(str(step)),) if step is not None else (),
            tags=(str(tag),) if tag is not None else (),
            only=str(only) if only is not None else None,
        )
        feedback = self._value("#feedback") == "practice"
        mode = "practice" if feedback else ("drill" if any([domain, step, tag, only]) else "custom")
        self.dismiss(StartRequest(filters, count, minutes, feedback, mode))


class FormCodeScreen(ModalScreen[str | None]):
    """Type a form code (PROFILE:SEED) to take exactly that form again."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Take a form again from its code", id="dialog-title")
            yield Label(
                "The same code on the same banks gives the same questions in the same order.", id="dialog-detail"
            )
            yield Input(placeholder="e.g. PCEP-30-02:7K3M9QX", id="code")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
