"""Scoring by the vendor's rules: credit per item, then the attempt against the profile's mark.

Responses are JSON-shaped values, one per item type:

- single_choice / code_output: ``"option-id"``; multiple_response: ``["id", ...]``
- true_false: ``true``/``false``; ordering: ``["item-id", ...]`` in the chosen order
- matching: ``{"left text": "right text"}``; fill_in: ``{"blank": "typed"}``; numeric: ``"3.14"``
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from examprep.core import models
from examprep.core.profiles import PassMark, Profile

#: The raw proportion assumed to sit at a scaled pass mark. AWS equates forms and publishes no
#: mapping; examprep anchors the pass mark at this raw score and interpolates linearly.
SCALED_CUT_ASSUMPTION = 0.70


def is_answered(response: Any) -> bool:
    """Whether a response counts as an answer (an empty selection does not)."""
    if response is None:
        return False
    if isinstance(response, str | list | dict | tuple):
        return bool(response) and not (
            isinstance(response, dict) and not any(str(v).strip() for v in response.values())
        )
    return True


def _fraction(hits: int, total: int, partial: bool) -> float:
    if total == 0:
        return 0.0
    return hits / total if partial else float(hits == total)


def credit(model: models.ItemModel, response: Any, partial: bool) -> float:
    """Credit in [0, 1] for one item; ``partial`` allows fractional credit where defined."""
    if not is_answered(response):
        return 0.0
    if isinstance(model, models.SingleChoice | models.CodeOutput):
        return float(any(o.correct and o.id == response for o in model.options))
    if isinstance(model, models.MultipleResponse):
        chosen = set(response) if isinstance(response, list | tuple) else set()
        keys = {o.id for o in model.options if o.correct}
        if not partial:
            return float(chosen == keys)
        return max(0.0, (len(chosen & keys) - len(chosen - keys)) / model.select)
    if isinstance(model, models.TrueFalse):
        return float(response is model.answer)
    if isinstance(model, models.Ordering):
        order = list(response) if isinstance(response, list | tuple) else []
        key = [i.id for i in model.items]
        return _fraction(sum(a == b for a, b in zip(order, key, strict=False)), len(key), partial)
    if isinstance(model, models.Matching):
        given = response if isinstance(response, Mapping) else {}
        return _fraction(sum(given.get(p.left) == p.right for p in model.pairs), len(model.pairs), partial)
    if isinstance(model, models.FillIn):
        given = response if isinstance(response, Mapping) else {}
        hits = 0
        for name, blank in model.blanks.items():
            typed = " ".join(str(given.get(name, "")).split())
            accepted = blank.accept if blank.case_sensitive else [a.lower() for a in blank.accept]
            hits += (typed if blank.case_sensitive else typed.lower()) in accepted
        return _fraction(hits, len(model.blanks), partial)
    if isinstance(model, models.Numeric):
        try:
            value = float(str(response).replace(",", "").strip())
        except ValueError:
            return 0.0
        return float(
            math.isfinite(value) and abs(value - model.answer) <= model.tolerance + 1e-9 * max(1.0, abs(model.answer))
        )
    raise TypeError(f"cannot score {type(model).__name__}")


def key_parts(model: models.ItemModel) -> list[str]:
    """The correct answer as a person would say it, one part per option, item, pair or gap."""
    if isinstance(model, models.SingleChoice | models.CodeOutput | models.MultipleResponse):
        return [o.text.strip() for o in model.options if o.correct]
    if isinstance(model, models.TrueFalse):
        return ["True" if model.answer else "False"]
    if isinstance(model, models.Ordering):
        return [f"{n}. {i.text}" for n, i in enumerate(model.items, start=1)]
    if isinstance(model, models.Matching):
        return [f"{p.left} -> {p.right}" for p in model.pairs]
    if isinstance(model, models.FillIn):
        return [f"{name}: {' | '.join(b.accept)}" for name, b in model.blanks.items()]
    if isinstance(model, models.Numeric):
        tol = f" (± {model.tolerance:g})" if model.tolerance else ""
        return [f"{model.answer:g}" + (f" {model.unit}" if model.unit else "") + tol]
    return []


def key_text(model: models.ItemModel, sep: str = "; ") -> str:
    """:func:`key_parts` joined by ``sep``."""
    return sep.join(key_parts(model))


@dataclass(frozen=True)
class ItemResult:
    """How one item scored."""

    item_id: str
    credit: float
    scored: bool
    answered: bool
    domain: int
    steps: tuple[int, ...]


@dataclass(frozen=True)
class Tally:
    """Earned credit out of a number of scored items."""

    earned: float = 0.0
    total: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.earned / self.total if self.total else 0.0

    def plus(self, earned: float) -> Tally:
        return Tally(self.earned + earned, self.total + 1)


@dataclass(frozen=True)
class AttemptScore:
    """The verdict on a whole attempt."""

    percent: float
    scaled: int | None
    passed: bool | None
    """None when the vendor publishes no pass mark."""
    pass_mark: PassMark
    items: tuple[ItemResult, ...]
    by_domain: dict[int, Tally] = field(default_factory=dict)
    by_step: dict[int, Tally] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        """'PASS', 'FAIL' or 'no published pass mark'."""
        if self.passed is None:
            return "no published pass mark"
        return "PASS" if self.passed else "FAIL"


def scaled_estimate(proportion: float, mark: PassMark) -> int:
    """Map a raw proportion to a vendor scale, anchoring the pass mark at the assumed cut."""
    lo, hi, cut = mark.scale_min or 100, mark.scale_max or 1000, mark.value or 700
    if proportion <= SCALED_CUT_ASSUMPTION:
        value = lo + (cut - lo) * proportion / SCALED_CUT_ASSUMPTION
    else:
        value = cut + (hi - cut) * (proportion - SCALED_CUT_ASSUMPTION) / (1 - SCALED_CUT_ASSUMPTION)
    return round(value)


def score_attempt(
    profile: Profile,
    item_models: Mapping[str, models.ItemModel],
    domains: Mapping[str, int],
    steps: Mapping[str, tuple[int, ...]],
    responses: Mapping[str, Any],
    unscored: frozenset[str],
) -> AttemptScore:
    """Score every item of a form and decide pass/fail under the profile's rules."""
    partial = profile.scoring.partial_credit
    results = []
    overall = Tally()
    by_domain: dict[int, Tally] = defaultdict(Tally)
    by_step: dict[int, Tally] = defaultdict(Tally)
    for item_id, model in item_models.items():
        response = responses.get(item_id)
        earned = credit(model, response, partial)
        scored = item_id not in unscored
        results.append(ItemResult(item_id, earned, scored, is_answered(response), domains[item_id], steps[item_id]))
        if scored:
            overall = overall.plus(earned)
            by_domain[domains[item_id]] = by_domain[domains[item_id]].plus(earned)
            for s in steps[item_id]:
                by_step[s] = by_step[s].plus(earned)
    proportion = overall.earned / overall.total if overall.total else 0.0
    mark = profile.pass_mark
    scaled = scaled_estimate(proportion, mark) if mark.kind == "scaled" else None
    if mark.kind == "scaled":
        passed: bool | None = scaled is not None and scaled >= (mark.value or 0)
    elif mark.kind == "percent":
        passed = 100 * proportion >= (mark.value or 0) - 1e-9
    else:
        passed = None
    return AttemptScore(100 * proportion, scaled, passed, mark, tuple(results), dict(by_domain), dict(by_step))


def tallies(rows: list[dict[str, Any]]) -> tuple[dict[int, Tally], dict[int, Tally]]:
    """Per-domain and per-step tallies of stored, scored response rows (``domain``, ``steps``, ``credit``)."""
    by_domain: dict[int, Tally] = defaultdict(Tally)
    by_step: dict[int, Tally] = defaultdict(Tally)
    for r in rows:
        if not r.get("scored", 1):
            continue
        earned = r.get("credit") or 0.0
        by_domain[r["domain"]] = by_domain[r["domain"]].plus(earned)
        for s in r.get("steps") or []:
            by_step[s] = by_step[s].plus(earned)
    return dict(by_domain), dict(by_step)
