"""Exam profiles: how each real exam is built and scored, as data (``data/profiles.json``).

Plain frozen dataclasses, not pydantic models: the file is generated (``tools/gen_profiles.py``)
and checked by the tests, so the app need not validate it, and starting without importing
pydantic saves about 60 ms before the first screen. Unknown keys still fail loudly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal


@dataclass(frozen=True)
class PassMark:
    """The pass rule: a percentage, a scaled score, or none published."""

    kind: Literal["percent", "scaled", "none"]
    value: float | None = None
    scale_min: int | None = None
    scale_max: int | None = None
    note: str = ""

    def describe(self) -> str:
        """A short human description, e.g. ``700 of 100-1000 (scaled)``."""
        if self.kind == "percent":
            return f"{self.value:g}%"
        if self.kind == "scaled":
            return f"{self.value:g} on {self.scale_min}-{self.scale_max} (scaled)"
        return "not published"


@dataclass(frozen=True)
class Scoring:
    """How items are scored."""

    partial_credit: bool
    note: str


@dataclass(frozen=True)
class Domain:
    """One exam domain (block, section) with its weight and roadmap steps."""

    number: int
    name: str
    weight: float
    steps: list[int]
    items: int | None = None
    """Items per form when the vendor publishes exact counts (Python Institute)."""
    objectives: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Lifecycle:
    """Whether the exam can still be taken."""

    status: Literal["active", "retiring", "retired"]
    date: str | None = None
    successor: str | None = None
    note: str = ""

    def badge(self) -> str:
        """A short label for lists: '', 'retiring 2026-09-28 -> MLA-C02', 'retired 2026-03-31'."""
        if self.status == "active":
            return ""
        text = self.status + (f" {self.date}" if self.date else "")
        return text + (f" -> {self.successor}" if self.successor else "")


@dataclass(frozen=True)
class Profile:
    """Everything needed to draw and score a faithful mock of one exam."""

    id: str
    name: str
    vendor: str
    kind: Literal["certification", "roadmap"]
    questions: int
    """Items served in a full-length form."""
    scored: int
    """Items that count; the rest are unscored pilots (AWS: 65 served, 50 scored)."""
    minutes: int
    pass_mark: PassMark
    scoring: Scoring
    item_types: list[str]
    lifecycle: Lifecycle
    domains: list[Domain]
    sources: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Profile:
        """A profile from its entry in ``profiles.json``."""
        return cls(
            **{
                **raw,
                "pass_mark": PassMark(**raw["pass_mark"]),
                "scoring": Scoring(**raw["scoring"]),
                "lifecycle": Lifecycle(**raw["lifecycle"]),
                "domains": [Domain(**d) for d in raw["domains"]],
            }
        )

    @property
    def unscored(self) -> int:
        """Number of unscored pilot items in a full form."""
        return self.questions - self.scored

    def domain(self, number: int) -> Domain | None:
        """The domain with this number, or None."""
        return next((d for d in self.domains if d.number == number), None)

    def blueprint(self, count: int | None = None) -> dict[int, int]:
        """Items per domain for a form of ``count`` items (default: full length).

        Exact published counts are used for a full form; otherwise the weights are apportioned by
        largest remainder, so the counts always add up to ``count``.
        """
        n = self.questions if count is None else count
        if n == self.questions and all(d.items for d in self.domains):
            exact = {d.number: int(d.items or 0) for d in self.domains}
            if sum(exact.values()) == n:
                return exact
        total = sum(d.weight for d in self.domains)
        quotas = {d.number: n * d.weight / total for d in self.domains}
        counts = {k: int(v) for k, v in quotas.items()}
        by_remainder = sorted(quotas, key=lambda k: (-(quotas[k] - counts[k]), k))
        for k in by_remainder[: n - sum(counts.values())]:
            counts[k] += 1
        return counts


@cache
def bundled_profiles() -> dict[str, Profile]:
    """The profiles shipped with examprep, by id (certification codes, then ``step-1``..``step-6``)."""
    text = Path(__file__).parents[1].joinpath("data", "profiles.json").read_text(encoding="utf-8")
    return {p.id: p for p in (Profile.from_dict(raw) for raw in json.loads(text)["profiles"])}
