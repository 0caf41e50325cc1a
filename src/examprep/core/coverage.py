"""Can the loaded banks fill a full-length mock of a profile, in blueprint proportion?"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from examprep.core.catalog import Catalog
from examprep.core.profiles import Profile


@dataclass(frozen=True)
class Coverage:
    """Items available per domain against what one full form needs."""

    profile: Profile
    available: dict[int, int]
    needed: dict[int, int]
    by_type: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.available.values())

    @property
    def distinct_forms(self) -> int:
        """How many full forms with no question in common the pool can fill."""
        return min((self.available.get(d, 0) // n for d, n in self.needed.items() if n), default=0)

    @property
    def missing(self) -> dict[int, int]:
        """Domains short of one full form, with how many items each lacks."""
        return {d: n - self.available.get(d, 0) for d, n in self.needed.items() if self.available.get(d, 0) < n}

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `examprep banks --json`."""
        p = self.profile
        return {
            "profile": p.id,
            "name": p.name,
            "kind": p.kind,
            "lifecycle": p.lifecycle.status,
            "questions": self.total,
            "by_type": self.by_type,
            "domains": [
                {
                    "number": d.number,
                    "name": d.name,
                    "available": self.available.get(d.number, 0),
                    "per_form": self.needed[d.number],
                }
                for d in p.domains
            ],
            "full_mocks": self.distinct_forms,
            "missing": {str(k): v for k, v in self.missing.items()},
        }

    def text(self) -> str:
        """A readable block for the terminal."""
        p = self.profile
        badge = f" [{p.lifecycle.badge()}]" if p.lifecycle.badge() else ""
        ready = (
            f"{self.distinct_forms} distinct full mock{'s' if self.distinct_forms != 1 else ''}"
            if self.distinct_forms
            else "no full mock yet"
        )
        lines = [f"{p.id}{badge}  {p.name}: {self.total} questions, {ready}"]
        for d in p.domains:
            have, need = self.available.get(d.number, 0), self.needed[d.number]
            mark = "" if have >= need else f"  (needs {need - have} more for one mock)"
            lines.append(f"  {d.number}. {d.name[:60]:<60} {have:>4} / {need} per mock{mark}")
        if self.by_type:
            lines.append("  types: " + ", ".join(f"{t} {n}" for t, n in sorted(self.by_type.items())))
        return "\n".join(lines)


def coverage(catalog: Catalog, profile: Profile) -> Coverage:
    """Count a profile's available items per domain (cross-listed items included)."""
    available: Counter[int] = Counter()
    types: Counter[str] = Counter()
    for item in catalog.for_profile(profile.id):
        available[item.in_profile(profile.id) or 0] += 1
        types[item.type] += 1
    return Coverage(profile, dict(available), profile.blueprint(), dict(types))
