"""Seeded, stratified drawing of exam forms.

A form is a pure function of (profile or filters, seed, catalog): the same code on the same banks
gives the same questions in the same order with the same option order, on any machine. "Avoid what
I saw recently" is done by *choosing among seeds* (the least overlap wins), never by feeding
history into the draw, so a shared form code stays reproducible.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from examprep.core import models
from examprep.core.catalog import Catalog, Item
from examprep.core.profiles import Profile

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud to a study group
SEED_CHARS = 7


class ShortfallError(ValueError):
    """The pool cannot fill the blueprint; ``missing`` says per domain how many items lack."""

    def __init__(self, profile: Profile, missing: dict[int, tuple[int, int]]) -> None:
        self.missing = missing
        parts = [
            f"domain {d} '{_domain_name(profile, d)}': need {need}, have {have}"
            for d, (need, have) in sorted(missing.items())
        ]
        super().__init__(f"{profile.id}: not enough questions for this blueprint; " + "; ".join(parts))


def _domain_name(profile: Profile, number: int) -> str:
    domain = profile.domain(number)
    return domain.name if domain else str(number)


def encode_seed(seed: int) -> str:
    """A seed as 7 unambiguous characters."""
    chars = []
    for _ in range(SEED_CHARS):
        seed, r = divmod(seed, len(_ALPHABET))
        chars.append(_ALPHABET[r])
    return "".join(reversed(chars))


def decode_seed(text: str) -> int:
    """Inverse of :func:`encode_seed` (case-insensitive); ValueError on a bad code."""
    value = 0
    cleaned = text.strip().upper()
    if len(cleaned) != SEED_CHARS or any(c not in _ALPHABET for c in cleaned):
        raise ValueError(f"'{text}' is not a form code seed ({SEED_CHARS} characters of {_ALPHABET})")
    for c in cleaned:
        value = value * len(_ALPHABET) + _ALPHABET.index(c)
    return value


def new_seed(rng: random.Random) -> int:
    """A fresh seed that fits in a form code."""
    return rng.randrange(len(_ALPHABET) ** SEED_CHARS)


@dataclass(frozen=True)
class Form:
    """The questions of one attempt, in order, with their option orders and unscored pilots."""

    profile: str
    mode: str
    seed: int
    items: tuple[str, ...]
    orders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per item: option ids (choice), item ids (ordering) or right-hand texts (matching) as shown."""
    unscored: frozenset[str] = frozenset()
    minutes: float | None = None
    title: str = ""

    @property
    def code(self) -> str:
        """Share this to take the same form again: ``PROFILE:SEED``."""
        return f"{self.profile}:{encode_seed(self.seed)}"


def parse_form_code(code: str) -> tuple[str, int]:
    """``PCEP-30-02:7K3M9QX`` -> (profile id, seed)."""
    profile, sep, seed = code.strip().rpartition(":")
    if not sep or not profile:
        raise ValueError(f"'{code}' is not a form code (expected PROFILE:SEED, e.g. PCEP-30-02:7K3M9QX)")
    return profile, decode_seed(seed)


def _units(items: Iterable[Item]) -> list[list[Item]]:
    """Group items into draw units: a standalone item, or all sub-items of one case study."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(item.parent or item.id, []).append(item)
    return list(groups.values())


def presentation(model: models.ItemModel, rng: random.Random) -> tuple[str, ...]:
    """The shuffled order in which an item's choices are shown (pinned options keep place)."""
    if isinstance(model, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
        free = [o.id for o in model.options if not o.pin]
        rng.shuffle(free)
        it = iter(free)
        return tuple(o.id if o.pin else next(it) for o in model.options)
    if isinstance(model, models.Ordering):
        ids = [i.id for i in model.items]
        shown = ids[:]
        for _ in range(8):  # never show an ordering question already solved
            rng.shuffle(shown)
            if shown != ids:
                break
        return tuple(shown)
    if isinstance(model, models.Matching):
        rights = [p.right for p in model.pairs] + list(model.extra_choices)
        rng.shuffle(rights)
        return tuple(rights)
    return ()


def _finish(
    catalog: Catalog,
    profile_id: str,
    mode: str,
    seed: int,
    chosen: list[list[Item]],
    rng: random.Random,
    unscored_count: int,
    minutes: float | None,
    title: str,
) -> Form:
    rng.shuffle(chosen)
    ids = [i.id for unit in chosen for i in unit]
    orders = {i: presentation(catalog.model(i), rng) for i in ids}
    unscored = frozenset(rng.sample(ids, unscored_count)) if unscored_count else frozenset()
    return Form(profile_id, mode, seed, tuple(ids), orders, unscored, minutes, title)


def domain_units(items: Iterable[Item], profile_id: str) -> dict[int, list[list[Item]]]:
    """Draw units per domain of ``profile_id``, sorted by id so a form never depends on file order."""
    by_domain: dict[int, list[list[Item]]] = defaultdict(list)
    for unit in sorted(_units(items), key=lambda u: u[0].id):
        by_domain[unit[0].in_profile(profile_id) or 0].append(unit)
    return dict(by_domain)


def _pick(units: Sequence[list[Item]], need: int, rng: random.Random) -> tuple[list[list[Item]], int]:
    """Units adding up to ``need`` items, chosen uniformly at random (fewer if the pool is short).

    Large pools are sampled index by index rather than shuffled whole, so drawing 18 of 10,000
    costs 18 draws, not 10,000 swaps.
    """
    n = len(units)
    if n <= 4 * need:
        order: Iterable[int] = rng.sample(range(n), n)
    else:
        order = _random_indices(n, rng)
    chosen: list[list[Item]] = []
    got = 0
    for index in order:
        unit = units[index]
        if got + len(unit) <= need:
            chosen.append(unit)
            got += len(unit)
        if got == need:
            break
    return chosen, got


def _random_indices(n: int, rng: random.Random) -> Iterator[int]:
    seen: set[int] = set()
    while len(seen) < n:
        index = rng.randrange(n)
        if index not in seen:
            seen.add(index)
            yield index
            if len(seen) > n // 2:  # rejection gets slow: finish with a shuffle of the rest
                rest = [i for i in range(n) if i not in seen]
                rng.shuffle(rest)
                yield from rest
                return


def draw_mock(
    catalog: Catalog, profile: Profile, seed: int, count: int | None = None, pool: Sequence[Item] | None = None
) -> Form:
    """A full-length (or ``count``-long) form in blueprint proportion; ShortfallError if impossible."""
    rng = random.Random(seed)
    quotas = profile.blueprint(count)
    by_domain = domain_units(pool, profile.id) if pool is not None else catalog.domain_units(profile.id, domain_units)
    chosen: list[list[Item]] = []
    missing: dict[int, tuple[int, int]] = {}
    for domain, need in sorted(quotas.items()):
        units = by_domain.get(domain, [])
        picked, got = _pick(units, need, rng)
        chosen.extend(picked)
        if got < need:
            missing[domain] = (need, sum(len(u) for u in units))
    if missing:
        raise ShortfallError(profile, missing)
    full = count is None or count == profile.questions
    unscored = profile.unscored if full else 0
    title = f"{profile.id} mock exam"
    return _finish(catalog, profile.id, "mock", seed, chosen, rng, unscored, profile.minutes if full else None, title)


def draw_pool(
    catalog: Catalog,
    pool: Sequence[Item],
    count: int,
    seed: int,
    mode: str,
    profile_id: str,
    minutes: float | None,
    title: str,
) -> Form:
    """A form of up to ``count`` items drawn uniformly from ``pool`` (drills, custom, retakes)."""
    rng = random.Random(seed)
    units = sorted(_units(pool), key=lambda u: u[0].id)
    rng.shuffle(units)
    chosen: list[list[Item]] = []
    total = 0
    for unit in units:
        if total + len(unit) <= count:
            chosen.append(unit)
            total += len(unit)
        if total == count:
            break
    if not chosen:
        raise ValueError("no questions match these filters")
    return _finish(catalog, profile_id, mode, seed, chosen, rng, 0, minutes, title)


def least_overlap(draw: Callable[[int], Form], seeds: Iterable[int], seen: set[str]) -> Form:
    """Of the forms these seeds give, the one with fewest recently seen items (first wins ties)."""
    best: Form | None = None
    best_overlap = -1
    for seed in seeds:
        form = draw(seed)
        overlap = len(seen.intersection(form.items))
        if best is None or overlap < best_overlap:
            best, best_overlap = form, overlap
        if overlap == 0:
            break
    assert best is not None
    return best
