"""Every statistic against hand-computed values, plus properties of the intervals."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examprep.core.analytics import MIN_SAMPLE, areas, classify, readiness, target_of, trend, wilson
from examprep.core.itemstats import item_statistics, pearson
from examprep.core.review import Outcome, rating_for, schedule


def test_wilson_matches_hand_computation() -> None:
    # 8 of 10, z = 1.96: centre (0.8 + 0.19208) / 1.38416 = 0.71674; half-width 0.23723
    low, high = wilson(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4)
    assert high == pytest.approx(0.9433, abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == pytest.approx(1.0)


@given(st.integers(min_value=1, max_value=500), st.floats(min_value=0, max_value=1))
def test_interval_contains_the_point_estimate(n: int, p: float) -> None:
    k = round(p * n)
    low, high = wilson(k, n)
    assert low - 1e-12 <= k / n <= high + 1e-12


@given(st.integers(min_value=1, max_value=200), st.floats(min_value=0.05, max_value=0.95))
def test_interval_narrows_with_more_data(n: int, p: float) -> None:
    low1, high1 = wilson(p * n, n)
    low4, high4 = wilson(p * 4 * n, 4 * n)
    assert high4 - low4 < high1 - low1


def test_classify_needs_a_minimum_sample_and_a_confident_interval() -> None:
    assert classify(0.0, 0.3, MIN_SAMPLE - 1, 0.7) == "too few answers"
    assert classify(0.2, 0.6, 20, 0.7) == "weak"
    assert classify(0.5, 0.8, 20, 0.7) == "below target?"
    assert classify(0.6, 0.9, 20, 0.7) == "on track"
    assert classify(0.75, 0.95, 20, 0.7) == "strong"


def test_areas_rank_weakest_first_and_name_domains(pcep) -> None:
    rows = [("1", 20, 18.0, 600.0), ("2", 20, 8.0, 1200.0), ("3", 3, 0.0, 90.0)]
    ranked = areas(pcep, "domain", rows)
    assert [a.key for a in ranked] == ["2", "1", "3"]
    assert ranked[0].label == "2. Control Flow - Conditional Blocks and Loops"
    assert ranked[0].status == "weak" and ranked[0].seconds_per_answer == 60
    assert ranked[2].status == "too few answers"


def test_targets_per_scoring_family(profiles) -> None:
    assert target_of(profiles["PCAD-31-02"])[0] == 0.75
    assert target_of(profiles["MLA-C01"])[0] == 0.70 and "assumed" in target_of(profiles["MLA-C01"])[1]
    assert "no pass mark" in target_of(profiles["GCP-PMLE"])[1]


def test_readiness_says_nothing_without_enough_data(pcep) -> None:
    r = readiness(pcep, [("1", 10, 9.0, 0.0), ("2", 10, 9.0, 0.0), ("3", 2, 2.0, 0.0)], random.Random(1))
    assert not r.known and "domain 3" in r.missing and "domain 4" in r.missing


def test_readiness_on_a_tiny_known_case(pcep) -> None:
    # Right on all 200 answers: passes almost surely. At 50%: needing 21 of 30, P(Bin(30, .5) >= 21)
    # = 0.0214 by hand (normal approximation with continuity correction: 0.0223); the posterior
    # spread of 200 answers widens that a little.
    strong = readiness(pcep, [(str(d), 50, 50.0, 0.0) for d in range(1, 5)], random.Random(1))
    weak = readiness(pcep, [(str(d), 50, 25.0, 0.0) for d in range(1, 5)], random.Random(1))
    assert strong.probability is not None and strong.probability > 0.99
    assert weak.probability is not None and 0.015 < weak.probability < 0.05
    # At the pass mark exactly, the chance is near one half and the interval is wide.
    edge = readiness(pcep, [(str(d), 10, 7.0, 0.0) for d in range(1, 5)], random.Random(1))
    assert edge.low is not None and edge.high is not None and edge.low < edge.probability < edge.high
    assert 0.2 < edge.probability < 0.6 and edge.high - edge.low > 0.3
    assert edge.more_to_halve == 120


def test_readiness_narrows_with_more_answers(pcep) -> None:
    few = readiness(pcep, [(str(d), 10, 7.5, 0.0) for d in range(1, 5)], random.Random(2))
    many = readiness(pcep, [(str(d), 160, 120.0, 0.0) for d in range(1, 5)], random.Random(2))
    assert (many.high - many.low) < (few.high - few.low)


def test_trend_slope() -> None:
    assert trend([50, 60, 70]).slope == pytest.approx(10.0)
    assert trend([70]).slope is None


def test_pearson_and_discrimination_by_hand() -> None:
    assert pearson([0, 1, 1, 0], [1, 3, 3, 1]) == pytest.approx(1.0)
    assert pearson([1, 1], [2, 3]) is None
    # Three attempts: strong ones get item q right, the weak one wrong -> positive discrimination.
    rows = [
        (1, "q", 1.0, "a"),
        (1, "r", 1.0, "x"),
        (1, "s", 1.0, "x"),
        (2, "q", 1.0, "a"),
        (2, "r", 1.0, "x"),
        (2, "s", 0.0, "y"),
        (3, "q", 0.0, "b"),
        (3, "r", 0.0, "y"),
        (3, "s", 0.0, "y"),
    ]
    stats = {s.item_id: s for s in item_statistics(rows, {"q": {"a"}}, {"q": ["a", "b", "c"]})}
    q = stats["q"]
    assert q.facility == pytest.approx(2 / 3)
    # rest-of-test scores 2, 1, 0 against item credits 1, 1, 0: r = 0.866
    assert q.discrimination == pytest.approx(math.sqrt(3) / 2)
    assert q.chosen == {"a": 2, "b": 1, "c": 0} and q.flags == []  # too few responses to judge


def test_item_flags_for_broken_items() -> None:
    rows = []
    for attempt in range(30):
        strong = attempt < 15
        rows.append((attempt, "other", 1.0 if strong else 0.0, "x"))
        rows.append((attempt, "bad", 0.0 if strong else 1.0, "b" if strong else "a"))
    (bad,) = [s for s in item_statistics(rows, {"bad": {"a"}}, {"bad": ["a", "b", "c"]}) if s.item_id == "bad"]
    assert any("negative discrimination" in f for f in bad.flags)
    assert any("strong candidates choose 'b'" in f for f in bad.flags)
    assert any("'c' was never chosen" in f for f in bad.flags)


NOW = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)


def test_ratings_by_outcome() -> None:
    assert rating_for(Outcome("q", "k", 0.0, False, 10, False), 60)[1] == "missed"
    assert rating_for(Outcome("q", "k", 0.5, False, 10, True), 60)[1] == "changed, then wrong"
    assert rating_for(Outcome("q", "k", 1.0, True, 10, False), 60)[1] == "marked for review"
    assert rating_for(Outcome("q", "k", 1.0, False, 200, False), 60)[1] == "slow"


def test_right_answers_never_create_cards() -> None:
    assert schedule(Outcome("q", "k", 1.0, False, 10, False), None, 60, NOW) is None


def test_schedule_survives_rewording_but_not_a_new_key() -> None:
    missed = schedule(Outcome("q", "key1", 0.0, False, 10, False), None, 60, NOW)
    assert missed is not None and missed.due > NOW
    later = missed.due + dt.timedelta(minutes=1)
    kept = schedule(Outcome("q", "key1", 1.0, False, 10, False), missed, 60, later)
    assert kept is not None and kept.due > missed.due and kept.reason == "missed"
    reset = schedule(Outcome("q", "key2", 0.0, False, 10, False), kept, 60, later)
    fresh = schedule(Outcome("q", "key2", 0.0, False, 10, False), None, 60, later)
    assert reset is not None and fresh is not None and reset.due == fresh.due
