"""Weak areas and readiness from stored history: pure functions over summary rows.

Every figure carries its uncertainty. Accuracy intervals are Wilson score intervals; readiness is
the posterior predictive probability of passing a full exam, from Beta posteriors per domain.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from statistics import NormalDist
from typing import Any, Literal

from examprep.core.profiles import Profile
from examprep.core.scoring import SCALED_CUT_ASSUMPTION
from examprep.core.vocabulary import ROADMAP_STEPS

#: Answers needed before an area can be called weak (or strong).
MIN_SAMPLE = 8
#: Answers needed, overall and per domain, before readiness is estimated.
MIN_READINESS_TOTAL = 20
MIN_READINESS_PER_DOMAIN = 3
Z95 = 1.959963984540054
SIMULATIONS = 2000

Dimension = Literal["domain", "step", "tag", "objective"]
Status = Literal["weak", "below target?", "on track", "strong", "too few answers"]


def wilson(successes: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion (successes may be fractional partial credit)."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def target_of(profile: Profile) -> tuple[float, str]:
    """The proportion to beat, and how it was chosen."""
    mark = profile.pass_mark
    if mark.kind == "percent" and mark.value is not None:
        return mark.value / 100, f"the pass mark of {mark.value:g}%"
    if mark.kind == "scaled":
        return (
            SCALED_CUT_ASSUMPTION,
            f"{SCALED_CUT_ASSUMPTION:.0%} correct, assumed to meet the scaled pass mark of {mark.value:g} (AWS publishes no mapping)",
        )
    return 0.70, "a 70% study target (the vendor publishes no pass mark)"


@dataclass(frozen=True)
class AreaStat:
    """Accuracy in one area with its 95% interval."""

    dimension: str
    key: str
    label: str
    answers: int
    earned: float
    accuracy: float
    low: float
    high: float
    status: str
    seconds_per_answer: float


def classify(low: float, high: float, answers: int, target: float) -> Status:
    """Weak only when the whole interval is below target; strong only when it is all above."""
    if answers < MIN_SAMPLE:
        return "too few answers"
    if high < target:
        return "weak"
    if low > target:
        return "strong"
    if (low + high) / 2 < target:
        return "below target?"
    return "on track"


def label_for(profile: Profile, dimension: str, key: str) -> str:
    """A readable name for an area key."""
    if dimension == "domain":
        domain = profile.domain(int(key))
        return f"{key}. {domain.name}" if domain else f"Domain {key}"
    if dimension == "step":
        return f"Step {key}: {ROADMAP_STEPS.get(int(key), '?')}"
    if dimension == "objective":
        return key.split("|", 1)[-1]
    return key


def areas(profile: Profile, dimension: str, rows: Sequence[tuple[str, int, float, float]]) -> list[AreaStat]:
    """Rows of (key, answers, earned, seconds) as stats, weakest (lowest upper bound) first."""
    target, _ = target_of(profile)
    out = []
    for key, answers, earned, seconds in rows:
        if answers <= 0:
            continue
        low, high = wilson(earned, answers)
        out.append(
            AreaStat(
                dimension,
                key,
                label_for(profile, dimension, key),
                answers,
                earned,
                earned / answers,
                low,
                high,
                classify(low, high, answers, target),
                seconds / answers,
            )
        )
    return sorted(out, key=lambda a: (a.answers < MIN_SAMPLE, a.high, a.accuracy, a.key))


@dataclass(frozen=True)
class Readiness:
    """P(pass) now, with a 95% interval; or why it cannot be said yet."""

    probability: float | None
    low: float | None
    high: float | None
    answers: int
    target: float
    assumption: str
    more_to_halve: int | None = None
    missing: str = ""

    @property
    def known(self) -> bool:
        return self.probability is not None


def readiness(
    profile: Profile,
    domain_rows: Sequence[tuple[str, int, float, float]],
    rng: random.Random,
    simulations: int = SIMULATIONS,
) -> Readiness:
    """Simulate the real exam from per-domain Beta posteriors (uniform prior).

    For each draw of the domain accuracies, the chance of reaching the cut on a fresh form of the
    profile's scored items is computed with a normal approximation to the sum of binomials; the
    mean over draws is P(pass), the 2.5 and 97.5 percentiles its interval.
    """
    target, how = target_of(profile)
    counts = {int(k): (n, e) for k, n, e, _ in domain_rows}
    total = sum(n for n, _ in counts.values())
    short = [d for d in profile.domains if counts.get(d.number, (0, 0.0))[0] < MIN_READINESS_PER_DOMAIN]
    assumption = f"Against {how}; domains weighted as on the real exam; each domain's accuracy has a Beta posterior from your answers."
    if total < MIN_READINESS_TOTAL or short:
        need = max(MIN_READINESS_TOTAL - total, 0)
        parts = []
        if need:
            parts.append(f"answer {need} more question{'s' if need != 1 else ''}")
        if short:
            parts.append("reach 3 answers in " + ", ".join(f"domain {d.number}" for d in short))
        return Readiness(None, None, None, total, target, assumption, missing=" and ".join(parts))
    blueprint = profile.blueprint(profile.scored)
    n_items = sum(blueprint.values())
    cut = math.ceil(target * n_items - 1e-9)
    norm = NormalDist()
    chances = []
    for _ in range(simulations):
        mean = var = 0.0
        for number, n in blueprint.items():
            answers, earned = counts.get(number, (0, 0.0))
            p = rng.betavariate(1 + earned, 1 + answers - earned)
            mean += n * p
            var += n * p * (1 - p)
        chances.append(1 - norm.cdf((cut - 0.5 - mean) / math.sqrt(max(var, 1e-9))))
    chances.sort()
    lo = chances[int(0.025 * (simulations - 1))]
    hi = chances[int(0.975 * (simulations - 1))]
    # Interval width shrinks about as 1/sqrt(n): four times the answers halve it.
    more = int(math.ceil(3 * total / 10.0) * 10)
    return Readiness(sum(chances) / simulations, lo, hi, total, target, assumption, more)


@dataclass(frozen=True)
class Trend:
    """Scores of the latest attempts and the least-squares slope (points per attempt)."""

    percents: list[float]
    slope: float | None


def trend(percents: Sequence[float]) -> Trend:
    """Oldest first."""
    values = list(percents)
    n = len(values)
    if n < 2:
        return Trend(values, None)
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    sxx = sum((i - mean_x) ** 2 for i in range(n))
    sxy = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values))
    return Trend(values, sxy / sxx)


@dataclass(frozen=True)
class Confusion:
    """A wrong option picked repeatedly instead of the key."""

    item_id: str
    chosen: str
    times: int
    stem: str
    chosen_text: str
    key_text: str


@dataclass
class Report:
    """Everything the weak-area screen and `examprep report` show."""

    profile: str
    name: str
    dimension: str
    areas: list[AreaStat]
    readiness: Readiness
    trend: Trend
    pace_allowed: float
    pace_yours: float | None
    changed_to_right: int
    changed_to_wrong: int
    confusions: list[Confusion] = field(default_factory=list)
    due: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape (schema version 1, documented in docs/report.md)."""
        return {
            "schema": 1,
            "profile": self.profile,
            "name": self.name,
            "by": self.dimension,
            "areas": [asdict(a) for a in self.areas],
            "readiness": asdict(self.readiness),
            "trend": asdict(self.trend),
            "pace": {"allowed_seconds_per_question": self.pace_allowed, "your_seconds_per_question": self.pace_yours},
            "changed_answers": {"to_right": self.changed_to_right, "to_wrong": self.changed_to_wrong},
            "confusions": [asdict(c) for c in self.confusions],
            "due_for_review": self.due,
        }


Describe = Callable[[str, str], tuple[str, str, str] | None]


def build_report(
    profile: Profile,
    dimension: str,
    area_rows: Sequence[tuple[str, int, float, float]],
    domain_rows: Sequence[tuple[str, int, float, float]],
    trend_percents: Sequence[float],
    changed: tuple[int, int],
    confusion_rows: Sequence[tuple[str, str, int]],
    describe: Describe,
    due: int,
    rng: random.Random,
) -> Report:
    """Assemble the report from summary rows (no I/O here)."""
    answers = sum(r[1] for r in domain_rows)
    seconds = sum(r[3] for r in domain_rows)
    confusions = []
    for item_id, chosen, times in confusion_rows:
        described = describe(item_id, chosen)
        if described is not None:
            confusions.append(Confusion(item_id, chosen, times, *described))
    return Report(
        profile.id,
        profile.name,
        dimension,
        areas(profile, dimension, area_rows),
        readiness(profile, domain_rows, rng),
        trend(trend_percents),
        profile.minutes * 60 / profile.questions,
        seconds / answers if answers else None,
        changed[0],
        changed[1],
        confusions,
        due,
    )
