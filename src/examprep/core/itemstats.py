"""Item statistics for authors, with Moodle's quiz-statistics definitions.

- Facility index: mean credit on the item (proportion correct, partial credit counted).
- Discrimination index: Pearson correlation between the item's credit and the candidate's score
  on the *rest* of the attempt (Moodle: "correlation between the weighted scores on the question
  and those on the rest of the test").
- Distractor analysis: how often each option was chosen, overall and by the upper 27% of attempts
  (ranked by rest-of-test score).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Responses needed before an item is judged at all.
MIN_RESPONSES = 10
#: Responses needed before a never-chosen distractor is flagged.
MIN_FOR_UNUSED = 20


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r, or None when either variable is constant."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(sxx * syy)


@dataclass
class ItemStat:
    """One item's statistics and the problems they suggest."""

    item_id: str
    responses: int
    facility: float
    discrimination: float | None
    chosen: dict[str, int] = field(default_factory=dict)
    chosen_by_strong: dict[str, int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


def _picked(response: Any) -> list[str]:
    if isinstance(response, str):
        return [response]
    if isinstance(response, list) and all(isinstance(x, str) for x in response):
        return list(response)
    return []


def item_statistics(
    rows: Iterable[tuple[int, str, float, Any]], keys: Mapping[str, set[str]], options: Mapping[str, list[str]]
) -> list[ItemStat]:
    """Statistics per item from (attempt, item, credit, response) rows.

    ``keys`` and ``options`` give the correct and all option ids of choice items (others get
    facility and discrimination only).
    """
    rows = list(rows)
    totals: dict[int, float] = defaultdict(float)
    for attempt, _item, credit, _resp in rows:
        totals[attempt] += credit
    by_item: dict[str, list[tuple[int, float, Any]]] = defaultdict(list)
    for attempt, item, credit, response in rows:
        by_item[item].append((attempt, credit, response))
    out = []
    for item, answers in sorted(by_item.items()):
        credits = [c for _, c, _ in answers]
        rest = [totals[a] - c for a, c, _ in answers]
        stat = ItemStat(item, len(answers), sum(credits) / len(credits), pearson(credits, rest))
        if item in options:
            counts: Counter[str] = Counter()
            for _, _, response in answers:
                counts.update(_picked(response))
            stat.chosen = {o: counts.get(o, 0) for o in options[item]}
            ranked = sorted(answers, key=lambda a: totals[a[0]] - a[1], reverse=True)
            strong = ranked[: max(1, math.ceil(0.27 * len(ranked)))]
            strong_counts: Counter[str] = Counter()
            for _, _, response in strong:
                strong_counts.update(_picked(response))
            stat.chosen_by_strong = {o: strong_counts.get(o, 0) for o in options[item]}
        stat.flags = _flags(stat, keys.get(item, set()))
        out.append(stat)
    return out


def _flags(stat: ItemStat, key: set[str]) -> list[str]:
    if stat.responses < MIN_RESPONSES:
        return []
    flags = []
    if stat.discrimination is not None and stat.discrimination < 0:
        flags.append(
            f"negative discrimination ({stat.discrimination:.2f}): strong candidates do worse on it; check the key"
        )
    if key and stat.chosen_by_strong:
        best_key = max(stat.chosen_by_strong.get(k, 0) for k in key)
        for option, n in stat.chosen_by_strong.items():
            if option not in key and n > best_key:
                flags.append(f"strong candidates choose '{option}' more often than the key; check the key and the stem")
    if stat.responses >= MIN_FOR_UNUSED:
        flags.extend(
            f"distractor '{o}' was never chosen; make it plausible or replace it"
            for o, n in stat.chosen.items()
            if n == 0 and o not in key
        )
    return flags
