"""Scoring by each vendor's rules, with hand-worked examples."""

from __future__ import annotations

import pytest

from examprep.core import models
from examprep.core.profiles import Profile
from examprep.core.scoring import credit, scaled_estimate, score_attempt, tallies


def opts(*correct: bool) -> list[dict]:
    return [{"id": f"o{n}", "text": f"option {n}", "correct": c, "rationale": "r"} for n, c in enumerate(correct)]


BASE = {"difficulty": "easy", "explanation": "e", "domain": 1}
MR = models.MultipleResponse.model_validate(
    {
        **BASE,
        "id": "mr-1",
        "type": "multiple_response",
        "stem": "s",
        "select": 2,
        "options": opts(True, True, False, False, False),
    }
)
SC = models.SingleChoice.model_validate(
    {**BASE, "id": "sc-1", "type": "single_choice", "stem": "s", "options": opts(False, True, False)}
)
ORD = models.Ordering.model_validate(
    {**BASE, "id": "or-1", "type": "ordering", "stem": "s", "items": [{"id": x, "text": x} for x in "abcd"]}
)
MAT = models.Matching.model_validate(
    {
        **BASE,
        "id": "ma-1",
        "type": "matching",
        "stem": "s",
        "pairs": [{"left": left, "right": right} for left, right in ["x1", "y2", "z3"]],
    }
)
FILL = models.FillIn.model_validate(
    {
        **BASE,
        "id": "fi-1",
        "type": "fill_in",
        "stem": "{{a}} and {{b}}",
        "blanks": {"a": {"accept": ["len"]}, "b": {"accept": ["Sum", "total"], "case_sensitive": False}},
    }
)
NUM = models.Numeric.model_validate(
    {**BASE, "id": "nu-1", "type": "numeric", "stem": "s", "answer": 0.1667, "tolerance": 0.001}
)
TF = models.TrueFalse.model_validate(
    {
        **BASE,
        "id": "tf-1",
        "type": "true_false",
        "stem": "s",
        "answer": False,
        "rationale_true": "a",
        "rationale_false": "b",
    }
)


def test_single_choice() -> None:
    assert credit(SC, "o1", partial=True) == 1.0
    assert credit(SC, "o0", partial=True) == 0.0
    assert credit(SC, None, partial=True) == 0.0


def test_multiple_response_aws_is_all_or_nothing() -> None:
    assert credit(MR, ["o0", "o1"], partial=False) == 1.0
    assert credit(MR, ["o0"], partial=False) == 0.0
    assert credit(MR, ["o0", "o2"], partial=False) == 0.0


def test_multiple_response_partial_credit_python_institute() -> None:
    # +1/2 per right pick, -1/2 per wrong pick, floored at zero
    assert credit(MR, ["o0"], partial=True) == 0.5
    assert credit(MR, ["o0", "o2"], partial=True) == 0.0
    assert credit(MR, ["o2", "o3"], partial=True) == 0.0


def test_ordering_and_matching() -> None:
    assert credit(ORD, ["a", "b", "c", "d"], partial=False) == 1.0
    assert credit(ORD, ["a", "b", "d", "c"], partial=False) == 0.0
    assert credit(ORD, ["a", "b", "d", "c"], partial=True) == 0.5
    assert credit(MAT, {"x": "1", "y": "2", "z": "3"}, partial=False) == 1.0
    assert credit(MAT, {"x": "1", "y": "3", "z": "2"}, partial=True) == pytest.approx(1 / 3)


def test_fill_in_respects_case_rules_and_whitespace() -> None:
    assert credit(FILL, {"a": " len ", "b": "TOTAL"}, partial=False) == 1.0
    assert credit(FILL, {"a": "Len", "b": "sum"}, partial=True) == 0.5


def test_numeric_tolerance_and_true_false() -> None:
    assert credit(NUM, "0.167", partial=False) == 1.0
    assert credit(NUM, "1/6", partial=False) == 0.0
    assert credit(NUM, "0.17", partial=False) == 0.0
    assert credit(TF, False, partial=False) == 1.0
    assert credit(TF, True, partial=False) == 0.0


def test_scaled_estimate_anchors_pass_mark_at_seventy_percent(aws: Profile) -> None:
    mark = aws.pass_mark
    assert scaled_estimate(0.0, mark) == 100
    assert scaled_estimate(0.70, mark) == 700
    assert scaled_estimate(1.0, mark) == 1000
    assert scaled_estimate(0.85, mark) == 850


def test_aws_attempt_ignores_unscored_and_counts_blank_as_wrong(aws: Profile) -> None:
    items = {f"q{n}": SC for n in range(10)}
    responses = {f"q{n}": "o1" for n in range(7)}  # 7 right, 3 unanswered
    responses["q9"] = "o0"  # wrong, but unscored
    result = score_attempt(
        aws, items, dict.fromkeys(items, 1), dict.fromkeys(items, (4,)), responses, frozenset({"q9"})
    )
    assert result.percent == pytest.approx(700 / 9)
    assert result.scaled == scaled_estimate(7 / 9, aws.pass_mark) and result.passed is True
    assert result.by_domain[1].total == 9


def test_percent_pass_mark_is_inclusive(pcep: Profile) -> None:
    items = {f"q{n}": SC for n in range(10)}
    responses = {f"q{n}": "o1" for n in range(7)}
    result = score_attempt(pcep, items, dict.fromkeys(items, 2), dict.fromkeys(items, (1,)), responses, frozenset())
    assert (result.percent, result.passed, result.verdict) == (70.0, True, "PASS")


def test_no_pass_mark_gives_no_verdict(profiles) -> None:
    google = profiles["GCP-PMLE"]
    result = score_attempt(google, {"q": SC}, {"q": 1}, {"q": (4,)}, {"q": "o1"}, frozenset())
    assert result.passed is None and result.verdict == "no published pass mark"


def test_tallies_from_stored_rows() -> None:
    rows = [
        {"domain": 1, "steps": [1], "credit": 1.0, "scored": 1},
        {"domain": 1, "steps": [1, 3], "credit": 0.0, "scored": 1},
        {"domain": 2, "steps": [3], "credit": 0.5, "scored": 1},
        {"domain": 2, "steps": [3], "credit": 1.0, "scored": 0},
    ]
    by_domain, by_step = tallies(rows)
    assert by_domain[1].percent == 50.0 and by_domain[2].total == 1
    assert by_step[3].earned == 0.5 and by_step[3].total == 2
