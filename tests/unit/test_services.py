"""Starting attempts: filters, retakes and reproducible form codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from examprep.core.catalog import load_catalog
from examprep.errors import UserError
from examprep.services import Exams, Filters
from tests.factories import full_pool


def test_filters_by_domain_tag_and_step(exams: Exams) -> None:
    assert {i.domain for i in exams.pool(Filters(profile="PCEP-30-02", domains=(4,)))} == {4}
    assert [i.id for i in exams.pool(Filters(tags=("tuples",)))] == ["pcep-st-coll-001"]
    assert len(exams.pool(Filters(steps=(1,)))) == 7
    assert exams.pool(Filters(steps=(5,))) == []


def test_missed_and_unseen_come_from_history(exams: Exams) -> None:
    session = exams.start(
        exams.custom_form(Filters(item_ids=("pcep-st-ctrl-001", "pcep-st-coll-001")), 2, None, "custom")
    )
    session.answer("pcep-st-ctrl-001", "not-x")
    session.answer("pcep-st-coll-001", True)
    session.submit()
    assert [i.id for i in exams.pool(Filters(only="missed"))] == ["pcep-st-coll-001"]
    assert "pcep-st-ctrl-001" not in {i.id for i in exams.pool(Filters(only="unseen"))}


def test_retake_draws_exactly_the_missed_items(exams: Exams) -> None:
    session = exams.start(exams.custom_form(Filters(profile="PCEP-30-02"), 7, None, "custom"))
    session.answer("pcep-st-ctrl-001", "not-x")
    session.submit()
    retake = exams.retake_form(session.attempt_id)
    assert sorted(retake.items) == sorted(i for i in session.form.items if i != "pcep-st-ctrl-001")


def test_form_code_reproduces_the_mock(tmp_path: Path, exams: Exams, pcep, profiles) -> None:
    full_pool(tmp_path, pcep, per_domain_factor=3)
    exams.catalog = load_catalog([tmp_path], profiles)
    first = exams.mock_form("PCEP-30-02")
    again = exams.mock_form("PCEP-30-02", first.code)
    assert again == first


def test_unfillable_mock_is_a_user_error(exams: Exams) -> None:
    with pytest.raises(UserError) as info:
        exams.mock_form("PCEP-30-02")
    assert "need 7, have 2" in info.value.message


def test_missed_items_become_due_for_review(exams: Exams, clock) -> None:
    from examprep.review import due_item_ids, wire_review

    wire_review(exams)
    session = exams.start(
        exams.custom_form(Filters(item_ids=("pcep-st-ctrl-001", "pcep-st-coll-001")), 2, None, "custom")
    )
    session.answer("pcep-st-ctrl-001", "not-x")
    session.answer("pcep-st-coll-001", True)
    session.submit()
    assert due_item_ids(exams) == []  # due a minute later (fsrs learning step)
    clock.advance(120)
    assert due_item_ids(exams) == ["pcep-st-coll-001"]
    assert [i.id for i in exams.pool(Filters(only="due"))] == ["pcep-st-coll-001"]


def test_weak_area_report_from_history(exams: Exams) -> None:
    from examprep.insights import weak_area_report

    for _ in range(2):
        session = exams.start(exams.custom_form(Filters(profile="PCEP-30-02"), 7, None, "custom"))
        session.answer("pcep-st-ctrl-001", "x-eq")
        session.submit()
    report = weak_area_report(exams, "PCEP-30-02", "domain")
    assert sum(a.answers for a in report.areas) == 14
    assert [(c.item_id, c.chosen, c.times) for c in report.confusions] == [("pcep-st-ctrl-001", "x-eq", 2)]
    assert report.confusions[0].chosen_text == "`x == None`"
    assert not report.readiness.known
    data = report.as_dict()
    assert data["schema"] == 1 and data["by"] == "domain" and len(data["trend"]["percents"]) == 2


def test_weak_drill_puts_due_reviews_first_then_unseen(tmp_path: Path, exams: Exams, pcep, profiles, clock) -> None:
    from examprep.review import wire_review

    full_pool(tmp_path, pcep, per_domain_factor=2)
    exams.catalog = load_catalog([tmp_path], profiles)
    wire_review(exams)
    missed = [i.id for i in exams.catalog.for_profile("PCEP-30-02") if i.domain == 2][:4]
    session = exams.start(exams.custom_form(Filters(profile="PCEP-30-02", item_ids=tuple(missed)), 4, None, "custom"))
    for item_id in missed:
        session.answer(item_id, "b")  # wrong: the key is 'a'
    session.submit()
    clock.advance(120)
    form = exams.weak_drill_form("PCEP-30-02", [2], count=10)
    assert set(missed) <= set(form.items) and len(form.items) == 10
    assert {exams.catalog.items[i].domain for i in form.items} == {2}
    assert form.mode == "drill" and "domain 2" in form.title
