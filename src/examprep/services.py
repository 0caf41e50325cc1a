"""Application services: start, resume and finish attempts by wiring the core to the store.

The UI and the CLI both go through :class:`Exams`; it holds no Textual and no SQL.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from examprep.core import models
from examprep.core.catalog import Catalog, Item
from examprep.core.clock import Clock
from examprep.core.draw import (
    Form,
    ShortfallError,
    draw_mock,
    draw_pool,
    least_overlap,
    new_seed,
    parse_form_code,
)
from examprep.core.profiles import Profile
from examprep.core.session import ExamSession, SessionEvent, Submitted
from examprep.errors import UserError
from examprep.store.repository import Store

#: How many candidate seeds a new form considers to avoid recently seen questions.
SEED_CANDIDATES = 12


@dataclass(frozen=True)
class Filters:
    """What a drill or custom exam draws from. Empty means no restriction."""

    profile: str | None = None
    domains: tuple[int, ...] = ()
    steps: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    only: str | None = None
    """'missed', 'flagged', 'unseen', 'due' or None."""
    item_ids: tuple[str, ...] = ()

    def describe(self) -> str:
        """A title fragment such as 'PCEP-30-02 domain 2, missed'."""
        parts = [self.profile or "all banks"]
        if self.domains:
            parts.append("domain " + ", ".join(map(str, self.domains)))
        if self.steps:
            parts.append("step " + ", ".join(map(str, self.steps)))
        if self.tags:
            parts.append("tag " + ", ".join(self.tags))
        if self.objectives:
            parts.append("objective " + ", ".join(self.objectives))
        if self.only:
            parts.append(self.only)
        return " ".join(parts)


@dataclass
class Exams:
    """Everything needed to run attempts: catalog, profiles, store, clock and a seed source."""

    catalog: Catalog
    profiles: dict[str, Profile]
    store: Store
    clock: Clock
    rng: random.Random = field(default_factory=random.Random)
    due_items: Any = None
    """Optional callable returning ids of items due for spaced review (wired by the composition root)."""
    finished_on_start: list[int] = field(default_factory=list)
    """Attempts whose time had run out, scored when the app started."""

    # -- drawing ---------------------------------------------------------------------------
    def profile(self, profile_id: str) -> Profile:
        try:
            return self.profiles[profile_id]
        except KeyError:
            raise UserError(f"unknown exam or step '{profile_id}'", "choose one listed by `examprep banks`") from None

    def mock_form(self, profile_id: str, code: str | None = None) -> Form:
        """A full-length mock: from a form code, or a fresh one avoiding recently seen items."""
        profile = self.profile(profile_id)
        try:
            if code:
                code_profile, seed = parse_form_code(code)
                if code_profile != profile.id:
                    raise UserError(f"form code {code} is for {code_profile}, not {profile.id}")
                return draw_mock(self.catalog, profile, seed)
            seen = self.store.seen_items()
            seeds = [new_seed(self.rng) for _ in range(SEED_CANDIDATES)]
            return least_overlap(lambda s: draw_mock(self.catalog, profile, s), seeds, seen)
        except ShortfallError as exc:
            raise UserError(str(exc), "add questions to those domains, or take a practice or drill instead") from None
        except ValueError as exc:
            raise UserError(str(exc)) from None

    def pool(self, filters: Filters) -> list[Item]:
        """Items matching the filters."""
        items: Sequence[Item] = list(self.catalog.items.values())
        if filters.item_ids:
            wanted = set(filters.item_ids)
            items = [i for i in items if i.id in wanted]
        if filters.profile:
            items = [i for i in items if i.in_profile(filters.profile) is not None]
            if filters.domains:
                items = [i for i in items if i.in_profile(filters.profile) in filters.domains]
        if filters.steps:
            items = [i for i in items if set(i.steps) & set(filters.steps)]
        if filters.tags:
            items = [i for i in items if set(i.tags) & set(filters.tags)]
        if filters.objectives:
            items = [i for i in items if i.objective and any(i.objective.startswith(o) for o in filters.objectives)]
        if filters.only:
            items = self._only(items, filters.only)
        return list(items)

    def _only(self, items: Sequence[Item], only: str) -> list[Item]:
        history = self.store.item_history()
        if only == "missed":
            return [i for i in items if i.id in history and (history[i.id][2] or 0) < 1.0]
        if only == "unseen":
            return [i for i in items if i.id not in history]
        if only == "flagged":
            flagged = self.store.flagged_items()
            return [i for i in items if i.id in flagged]
        if only == "due":
            due = set(self.due_items() if self.due_items else [])
            return [i for i in items if i.id in due]
        raise UserError(f"unknown filter '{only}'", "use missed, flagged, unseen or due")

    def custom_form(
        self, filters: Filters, count: int, minutes: float | None, mode: str, seed: int | None = None
    ) -> Form:
        """A drill, practice or custom form from filtered items."""
        pool = self.pool(filters)
        if not pool:
            raise UserError(f"no questions match: {filters.describe()}", "widen the filters")
        profile_id = filters.profile or "custom"
        title = f"{mode.title()}: {filters.describe()}"
        seen = self.store.seen_items()
        seeds = [seed] if seed is not None else [new_seed(self.rng) for _ in range(SEED_CANDIDATES)]
        try:
            return least_overlap(
                lambda s: draw_pool(self.catalog, pool, count, s, mode, profile_id, minutes, title), seeds, seen
            )
        except ValueError as exc:
            raise UserError(str(exc), "widen the filters") from None

    def weak_drill_form(self, profile_id: str, domains: Sequence[int], count: int = 20) -> Form:
        """A practice drill of weak domains: due reviews first (up to half), then questions never
        seen, then the rest of those domains."""
        pool = self.pool(Filters(profile=profile_id, domains=tuple(domains)))
        if not pool:
            raise UserError(f"no questions in those domains of {profile_id}")
        due_order = {item_id: n for n, item_id in enumerate(self.due_items() if self.due_items else [])}
        history = self.store.item_history()
        due = sorted((i for i in pool if i.id in due_order), key=lambda i: due_order[i.id])[: count // 2]
        rest = [i for i in pool if i.id not in due_order]
        unseen = [i for i in rest if i.id not in history]
        seen = [i for i in rest if i.id in history]
        self.rng.shuffle(unseen)
        self.rng.shuffle(seen)
        chosen = [*due, *unseen, *seen][:count]
        names = ", ".join(str(d) for d in domains)
        title = f"Weak-area drill: {profile_id} domain{'s' if len(domains) > 1 else ''} {names}"
        return draw_pool(self.catalog, chosen, len(chosen), new_seed(self.rng), "drill", profile_id, None, title)

    def retake_form(self, attempt_id: int) -> Form:
        """The items missed in a finished attempt, as a new untimed practice form."""
        missed = [
            r["item_id"]
            for r in self.store.responses(attempt_id)
            if (r["credit"] or 0) < 1.0 and r["item_id"] in self.catalog.items
        ]
        if not missed:
            raise UserError(f"attempt {attempt_id} has no missed questions to retake")
        row = self.store.attempt(attempt_id)
        profile = row.profile if row else "custom"
        return self.custom_form(
            Filters(profile=profile if profile in self.profiles else None, item_ids=tuple(missed)),
            len(missed),
            None,
            "retake",
        )

    # -- sessions --------------------------------------------------------------------------
    def _profile_for(self, form: Form) -> Profile:
        if form.profile in self.profiles:
            return self.profiles[form.profile]
        # Custom pools across exams are scored one point per item with no pass mark.
        base = self.profiles["step-1"]
        return replace(
            base,
            id=form.profile,
            name="Custom selection",
            pass_mark=replace(base.pass_mark, kind="none", value=None),
        )

    def _session(self, attempt_id: int, form: Form, feedback: bool, saved: Any = None) -> ExamSession:
        missing = [i for i in form.items if i not in self.catalog.items]
        if missing:
            raise UserError(
                f"attempt {attempt_id} uses questions no longer in the banks ({', '.join(missing[:3])})",
                "restore those banks, or abandon the attempt",
            )
        profile = self._profile_for(form)
        item_models = {i: self.catalog.model(i) for i in form.items}
        domains = {
            i: self.catalog.items[i].in_profile(form.profile) or self.catalog.items[i].domain for i in form.items
        }
        steps = {i: self.catalog.items[i].steps for i in form.items}

        def persist(event: SessionEvent) -> None:
            self.store.record(attempt_id, event, self.clock.now())
            if isinstance(event, Submitted):
                self._after_submit(attempt_id, item_models, session)

        session = ExamSession(
            form,
            profile,
            item_models,
            domains,
            steps,
            self.clock,
            feedback=feedback,
            saved=saved,
            listener=persist,
            attempt_id=attempt_id,
        )
        return session

    def start(self, form: Form, feedback: bool = False) -> ExamSession:
        """Persist a new attempt for ``form`` and return its live session."""
        attempt_id = self.store.start_attempt(
            form, [self.catalog.items[i] for i in form.items], self.clock.now(), feedback
        )
        return self._session(attempt_id, form, feedback)

    def resume(self, attempt_id: int) -> ExamSession:
        """The live session of an unfinished attempt, from what was persisted."""
        row = self.store.attempt(attempt_id)
        if row is None or row.status != "open":
            raise UserError(f"attempt {attempt_id} is not open")
        return self._session(attempt_id, self.store.form(attempt_id), row.feedback, self.store.saved_state(attempt_id))

    def finish_expired(self) -> list[int]:
        """Score open attempts whose time is already used up (e.g. killed at the buzzer)."""
        done = []
        for row in self.store.attempts(status="open", limit=1000):
            if row.minutes is not None and row.elapsed >= row.minutes * 60:
                try:
                    self.resume(row.id).submit(expired=True)
                    done.append(row.id)
                except UserError:
                    continue
        return done

    def _after_submit(self, attempt_id: int, item_models: dict[str, models.ItemModel], session: ExamSession) -> None:
        wrong: dict[str, list[str]] = {}
        for item_id, model in item_models.items():
            response = session.responses.get(item_id)
            if isinstance(model, models.SingleChoice | models.CodeOutput | models.MultipleResponse) and response:
                picked = [response] if isinstance(response, str) else list(response)
                bad = [p for p in picked if not any(o.id == p and o.correct for o in model.options)]
                if bad:
                    wrong[item_id] = bad
        if wrong:
            self.store.record_confusions(attempt_id, wrong, self.clock.now())
        if self.on_submitted is not None:
            self.on_submitted(attempt_id, session)

    on_submitted: Any = None
    """Optional hook (spaced review) called after an attempt is scored and stored."""
