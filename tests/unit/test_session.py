"""The session state machine under a fake clock."""

from __future__ import annotations

import pytest

from examprep.core.clock import FakeClock
from examprep.core.draw import draw_pool
from examprep.core.session import Answered, Checkpoint, ExamSession, Flagged, SavedState, Submitted, warning_thresholds


@pytest.fixture
def form(starter_catalog):
    return draw_pool(starter_catalog, list(starter_catalog.items.values()), 7, 3, "mock", "PCEP-30-02", 90, "t")


def make(starter_catalog, profiles, form, clock, **kw) -> tuple[ExamSession, list]:
    events: list = []
    models_ = {i: starter_catalog.model(i) for i in form.items}
    session = ExamSession(
        form,
        profiles["PCEP-30-02"],
        models_,
        {i: starter_catalog.items[i].domain for i in form.items},
        {i: starter_catalog.items[i].steps for i in form.items},
        clock,
        listener=events.append,
        **kw,
    )
    return session, events


def test_warning_thresholds_scale_for_short_exams() -> None:
    assert warning_thresholds(90) == (30, 15, 5)
    assert warning_thresholds(40) == (20, 10, 4)
    assert warning_thresholds(5) == (2, 1)


def test_warnings_fire_once_each_and_expiry(starter_catalog, profiles, form, clock: FakeClock) -> None:
    session, _ = make(starter_catalog, profiles, form, clock)
    clock.advance(59 * 60)
    assert session.due_warnings() == []
    clock.advance(60)
    assert session.due_warnings() == [30]
    assert session.due_warnings() == []
    clock.advance(15 * 60)
    assert session.due_warnings() == [15]
    clock.advance(10 * 60)
    assert session.due_warnings() == [5]
    clock.advance(5 * 60 - 1)
    assert not session.expired
    clock.advance(1)
    assert session.expired and session.remaining == 0


def test_answers_changes_and_flags_are_events(starter_catalog, profiles, form, clock: FakeClock) -> None:
    session, events = make(starter_catalog, profiles, form, clock)
    first = session.current_id
    clock.advance(12)
    session.answer(first, "x")
    session.answer(first, "y")
    session.answer(first, "y")  # no change, no event
    session.toggle_flag(first)
    answers = [e for e in events if isinstance(e, Answered)]
    assert [a.response for a in answers] == ["x", "y"]
    assert answers[-1].changes == 1 and answers[0].seconds == 12
    assert any(isinstance(e, Flagged) and e.flagged for e in events)
    session.clear(first)
    assert not session.is_answered(first) and isinstance(events[-1], Answered) and events[-1].response is None


def test_time_on_question_accumulates_across_visits(starter_catalog, profiles, form, clock: FakeClock) -> None:
    session, events = make(starter_catalog, profiles, form, clock)
    first = session.current_id
    clock.advance(10)
    session.next()
    clock.advance(5)
    session.previous()
    clock.advance(7)
    session.checkpoint()
    assert session.seconds[first] == 17
    assert isinstance(events[-1], Checkpoint) and events[-1].elapsed == 22


def test_resume_continues_the_clock_where_it_stopped(starter_catalog, profiles, form) -> None:
    saved = SavedState(responses={form.items[0]: "a"}, flags={form.items[1]}, elapsed=30 * 60, position=2)
    later = FakeClock()
    later.advance(10_000)  # the app was closed for hours: that time is not charged
    session, _ = make(starter_catalog, profiles, form, later, saved=saved)
    assert session.elapsed == 30 * 60 and session.position == 2
    assert session.due_warnings() == []  # 60 min left: nothing crossed
    later.advance(31 * 60)
    assert session.due_warnings() == [30]


def test_resume_does_not_repeat_warnings_already_given(starter_catalog, profiles, form, clock: FakeClock) -> None:
    session, _ = make(starter_catalog, profiles, form, clock, saved=SavedState(elapsed=80 * 60))
    assert session.due_warnings() == []


def test_submit_is_idempotent_and_closes_the_session(starter_catalog, profiles, form, clock: FakeClock) -> None:
    session, events = make(starter_catalog, profiles, form, clock)
    clock.advance(100 * 60)
    first = session.submit(expired=True)
    assert session.submit() is first
    submitted = [e for e in events if isinstance(e, Submitted)]
    assert len(submitted) == 1 and submitted[0].expired and submitted[0].elapsed == 90 * 60
    with pytest.raises(RuntimeError):
        session.answer(form.items[0], "a")


def test_practice_check_locks_the_answer(starter_catalog, profiles, form, clock: FakeClock) -> None:
    session, _ = make(starter_catalog, profiles, form, clock, feedback=True)
    item = next(i for i in form.items if i == "pcep-st-ctrl-001")
    session.answer(item, "not-x")
    assert session.check(item).correct
    session.answer(item, "x")
    assert session.responses[item] == "not-x"
