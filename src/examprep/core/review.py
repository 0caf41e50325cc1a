"""Spaced review: which answers become review cards, and when each is due (py-fsrs).

py-fsrs is a small pure-Python scheduler with no I/O, so it lives in the core; its optimizer is
not used. Fuzzing is off so schedules are deterministic for a given history and time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: a start that schedules nothing need not load it
    from fsrs import Rating, Scheduler


@cache
def _scheduler() -> Scheduler:
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=False)


#: An answer slower than this multiple of the exam's pace counts as "slow".
SLOW_FACTOR = 2.0


@dataclass(frozen=True)
class Outcome:
    """How one item went in an attempt, as far as review cares."""

    item_id: str
    key_hash: str
    credit: float
    flagged: bool
    seconds: float
    changed: bool


def rating_for(outcome: Outcome, pace_seconds: float) -> tuple[Rating, str] | None:
    """The review rating and reason an outcome earns; None when it needs no card of its own.

    Missed (or changed, then wrong) is Again; right but marked or slow is Hard; right and
    confident is Good, which only updates an existing card.
    """
    from fsrs import Rating

    if outcome.credit < 1.0:
        return Rating.Again, "changed, then wrong" if outcome.changed else "missed"
    if outcome.flagged:
        return Rating.Hard, "marked for review"
    if pace_seconds > 0 and outcome.seconds > SLOW_FACTOR * pace_seconds:
        return Rating.Hard, "slow"
    return Rating.Good, "right"


@dataclass(frozen=True)
class CardState:
    """A stored card: its JSON, due time and the answer key it belongs to."""

    item_id: str
    key_hash: str
    card_json: str
    due: dt.datetime
    reason: str


def schedule(outcome: Outcome, existing: CardState | None, pace_seconds: float, now: dt.datetime) -> CardState | None:
    """The item's card after this outcome (None: no card needed and none exists).

    A card whose answer key changed (a new revision with a different key) starts over; a reworded
    question keeps its schedule.
    """
    from fsrs import Card, Rating

    decided = rating_for(outcome, pace_seconds)
    if decided is None:
        return existing
    rating, reason = decided
    if existing is not None and existing.key_hash == outcome.key_hash:
        card = Card.from_json(existing.card_json)
    elif rating == Rating.Good:
        return None  # right and confident, never missed: nothing to review
    else:
        card = Card(due=now)
    card, _log = _scheduler().review_card(card, rating, review_datetime=now)
    if rating == Rating.Good and existing is not None:
        reason = existing.reason
    return CardState(outcome.item_id, outcome.key_hash, card.to_json(), card.due, reason)
