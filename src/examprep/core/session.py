"""The exam session: a pure state machine driven by the UI and timed by an injected clock.

Time used is the source of truth. It advances only while a session object is alive: when the app
is closed (or killed), the clock stops at the last persisted checkpoint and resumes from there, so
a crash never costs the candidate the time it was closed and time never runs backwards. At most one
checkpoint interval (see ``ExamApp``) of time is not charged after a kill.

Every change is reported to a listener as an event, which the composition root connects to the
store: each answer, flag and time checkpoint is written as it happens.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from examprep.core import models
from examprep.core.clock import Clock
from examprep.core.draw import Form
from examprep.core.profiles import Profile
from examprep.core.scoring import AttemptScore, credit, is_answered, score_attempt


def warning_thresholds(minutes: float) -> tuple[int, ...]:
    """Minutes-left marks at which to warn: 30/15/5, scaled down for exams under an hour."""
    if minutes >= 60:
        return (30, 15, 5)
    marks = {max(1, round(minutes * f)) for f in (0.5, 0.25, 0.1)}
    return tuple(sorted((m for m in marks if m < minutes), reverse=True))


@dataclass(frozen=True)
class Answered:
    """An item's response changed (or was cleared: ``response`` is None)."""

    item_id: str
    response: Any
    changes: int
    seconds: float
    locked: bool
    elapsed: float


@dataclass(frozen=True)
class Flagged:
    """An item was flagged or unflagged for review."""

    item_id: str
    flagged: bool
    elapsed: float


@dataclass(frozen=True)
class Checkpoint:
    """Time used so far, and the time on the current item."""

    elapsed: float
    item_id: str
    seconds: float
    position: int


@dataclass(frozen=True)
class Submitted:
    """The attempt ended and was scored (``expired``: by the clock, not the candidate)."""

    score: AttemptScore
    elapsed: float
    expired: bool


SessionEvent = Answered | Flagged | Checkpoint | Submitted
Listener = Callable[[SessionEvent], None]


@dataclass(frozen=True)
class Feedback:
    """Practice mode: what the candidate should see after answering."""

    item_id: str
    credit: float
    correct: bool


@dataclass
class SavedState:
    """What a resumed session starts from (as read back from the store)."""

    responses: dict[str, Any] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    changes: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    locked: set[str] = field(default_factory=set)
    elapsed: float = 0.0
    position: int = 0


class ExamSession:
    """Answer, clear, flag, go to, time left, warnings, expiry and submit for one form."""

    def __init__(
        self,
        form: Form,
        profile: Profile,
        item_models: Mapping[str, models.ItemModel],
        domains: Mapping[str, int],
        steps: Mapping[str, tuple[int, ...]],
        clock: Clock,
        *,
        feedback: bool = False,
        saved: SavedState | None = None,
        listener: Listener | None = None,
        attempt_id: int = 0,
    ) -> None:
        self.attempt_id = attempt_id
        """The stored attempt this session writes to (0 when not persisted)."""
        self.form = form
        self.profile = profile
        self.models = dict(item_models)
        self.domains = dict(domains)
        self.steps = dict(steps)
        self.feedback = feedback
        self._clock = clock
        self._listener = listener
        state = saved or SavedState()
        self.responses: dict[str, Any] = dict(state.responses)
        self.flags: set[str] = set(state.flags)
        self.changes: dict[str, int] = dict(state.changes)
        self.seconds: dict[str, float] = dict(state.seconds)
        self.locked: set[str] = set(state.locked)
        self._base_elapsed = state.elapsed
        self._started = clock.monotonic()
        self._entered = self._started
        self.position = min(max(state.position, 0), len(form.items) - 1)
        self.result: AttemptScore | None = None
        limit = self.limit_seconds
        self._warned: set[int] = set()
        if limit is not None:
            left = limit - self.elapsed
            self._warned = {m for m in warning_thresholds(limit / 60) if left <= m * 60}

    # -- time ------------------------------------------------------------------------------
    @property
    def limit_seconds(self) -> float | None:
        """The time limit, or None when untimed."""
        return None if self.form.minutes is None else self.form.minutes * 60

    @property
    def elapsed(self) -> float:
        """Seconds used, across resumes."""
        return self._base_elapsed + (self._clock.monotonic() - self._started)

    @property
    def remaining(self) -> float | None:
        """Seconds left (never negative), or None when untimed."""
        limit = self.limit_seconds
        return None if limit is None else max(0.0, limit - self.elapsed)

    @property
    def expired(self) -> bool:
        """Whether the time is up."""
        remaining = self.remaining
        return remaining is not None and remaining <= 0

    def due_warnings(self) -> list[int]:
        """Thresholds (minutes left) newly crossed since the last call; each is reported once."""
        limit, remaining = self.limit_seconds, self.remaining
        if limit is None or remaining is None:
            return []
        due = [m for m in warning_thresholds(limit / 60) if m not in self._warned and remaining <= m * 60]
        self._warned.update(due)
        return due

    def _settle_time(self) -> None:
        now = self._clock.monotonic()
        current = self.current_id
        self.seconds[current] = self.seconds.get(current, 0.0) + (now - self._entered)
        self._entered = now

    def checkpoint(self) -> Checkpoint:
        """Record time used (the UI calls this on a timer and on navigation)."""
        self._settle_time()
        event = Checkpoint(self.elapsed, self.current_id, self.seconds[self.current_id], self.position)
        self._emit(event)
        return event

    # -- navigation ------------------------------------------------------------------------
    @property
    def current_id(self) -> str:
        return self.form.items[self.position]

    def go_to(self, position: int) -> None:
        """Show the item at ``position`` (clamped to the form)."""
        target = min(max(position, 0), len(self.form.items) - 1)
        if target != self.position:
            self.checkpoint()  # the time spent on the item being left
            self.position = target
            self.checkpoint()  # the new position

    def next(self) -> None:
        self.go_to(self.position + 1)

    def previous(self) -> None:
        self.go_to(self.position - 1)

    # -- answers ---------------------------------------------------------------------------
    def _require_open(self, item_id: str) -> None:
        if self.result is not None:
            raise RuntimeError("the attempt has been submitted")
        if item_id not in self.models:
            raise KeyError(item_id)

    def answer(self, item_id: str, response: Any) -> None:
        """Set (or with None, clear) an item's response. Locked items (practice, checked) stay."""
        self._require_open(item_id)
        if item_id in self.locked:
            return
        old = self.responses.get(item_id)
        if response == old:
            return
        if is_answered(old) and is_answered(response):
            self.changes[item_id] = self.changes.get(item_id, 0) + 1
        if is_answered(response):
            self.responses[item_id] = response
        else:
            self.responses.pop(item_id, None)
        self._emit_answer(item_id, locked=False)

    def _emit_answer(self, item_id: str, locked: bool) -> None:
        if item_id == self.current_id:
            self._settle_time()
        answered = Answered(
            item_id,
            self.responses.get(item_id),
            self.changes.get(item_id, 0),
            self.seconds.get(item_id, 0.0),
            locked,
            self.elapsed,
        )
        self._emit(answered)

    def clear(self, item_id: str) -> None:
        """Remove an item's response."""
        self.answer(item_id, None)

    def toggle_flag(self, item_id: str) -> bool:
        """Flag or unflag an item for review; returns the new state."""
        self._require_open(item_id)
        flagged = item_id not in self.flags
        (self.flags.add if flagged else self.flags.discard)(item_id)
        self._emit(Flagged(item_id, flagged, self.elapsed))
        return flagged

    def check(self, item_id: str) -> Feedback:
        """Practice mode: lock the item's answer and say whether it is right."""
        self._require_open(item_id)
        if not self.feedback:
            raise RuntimeError("feedback is only given in practice mode")
        earned = credit(self.models[item_id], self.responses.get(item_id), self.profile.scoring.partial_credit)
        if item_id not in self.locked:
            self.locked.add(item_id)
            self._emit_answer(item_id, locked=True)
        return Feedback(item_id, earned, earned >= 1.0)

    # -- summary ---------------------------------------------------------------------------
    def is_answered(self, item_id: str) -> bool:
        return is_answered(self.responses.get(item_id))

    @property
    def answered_count(self) -> int:
        return sum(self.is_answered(i) for i in self.form.items)

    def unanswered(self) -> list[int]:
        """Positions of items with no answer."""
        return [n for n, i in enumerate(self.form.items) if not self.is_answered(i)]

    def flagged(self) -> list[int]:
        """Positions of flagged items."""
        return [n for n, i in enumerate(self.form.items) if i in self.flags]

    def submit(self, expired: bool = False) -> AttemptScore:
        """End the attempt and score it. Idempotent: a second call returns the same score."""
        if self.result is not None:
            return self.result
        self._settle_time()
        elapsed = self.elapsed if self.limit_seconds is None else min(self.elapsed, self.limit_seconds)
        self.result = score_attempt(
            self.profile, self.models, self.domains, self.steps, self.responses, self.form.unscored
        )
        self._emit(Submitted(self.result, elapsed, expired))
        return self.result

    def _emit(self, event: SessionEvent) -> None:
        if self._listener is not None:
            self._listener(event)
