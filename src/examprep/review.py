"""Wires spaced review into the exam services: schedule after each attempt, list what is due."""

from __future__ import annotations

from examprep.core.review import CardState, schedule
from examprep.core.session import ExamSession
from examprep.services import Exams


def reschedule(exams: Exams, attempt_id: int, pace_seconds: float) -> list[CardState]:
    """Update the review cards of every item of a scored attempt; returns the cards written."""
    outcomes = exams.store.outcomes(attempt_id)
    existing = exams.store.cards(o.item_id for o in outcomes)
    now = exams.clock.now()
    changed = []
    for outcome in outcomes:
        card = schedule(outcome, existing.get(outcome.item_id), pace_seconds, now)
        if card is not None and card != existing.get(outcome.item_id):
            changed.append(card)
    if changed:
        exams.store.save_cards(changed, now)
    return changed


def due_item_ids(exams: Exams) -> list[str]:
    """Items due for review now that are still in the banks, most overdue first."""
    return [c.item_id for c in exams.store.due_cards(exams.clock.now()) if c.item_id in exams.catalog.items]


def wire_review(exams: Exams) -> None:
    """Connect scheduling and the due queue to ``exams``."""

    def after_submit(attempt_id: int, session: ExamSession) -> None:
        profile = session.profile
        reschedule(exams, attempt_id, profile.minutes * 60 / profile.questions)

    exams.on_submitted = after_submit
    exams.due_items = lambda: due_item_ids(exams)
