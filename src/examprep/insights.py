"""Reports from history: the weak-area report and item statistics, built from store and catalog."""

from __future__ import annotations

import random
from pathlib import Path

from examprep.core import models
from examprep.core.analytics import Report, build_report
from examprep.core.catalog import Catalog, bank_files
from examprep.core.itemstats import ItemStat, item_statistics
from examprep.errors import UserError
from examprep.services import Exams

DIMENSIONS = ("domain", "step", "tag", "objective")


def _describe(catalog: Catalog, item_id: str, chosen: str) -> tuple[str, str, str] | None:
    if item_id not in catalog.items:
        return None
    model = catalog.model(item_id)
    if not isinstance(model, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
        return None
    texts = {o.id: o.text.strip() for o in model.options}
    if chosen not in texts:
        return None
    key = "; ".join(o.text.strip() for o in model.options if o.correct)
    return " ".join(model.stem.split())[:120], texts[chosen], key


def weak_area_report(exams: Exams, profile_id: str, dimension: str = "domain", seed: int = 0) -> Report:
    """The full weak-area report of one profile (``seed`` fixes the readiness simulation)."""
    if dimension not in DIMENSIONS:
        raise UserError(f"cannot report by '{dimension}'", "use one of: " + ", ".join(DIMENSIONS))
    profile = exams.profile(profile_id)
    store = exams.store
    # Steps are reported across certifications: a learner's step-3 skill is one thing.
    scope = "*" if dimension == "step" else profile.id
    return build_report(
        profile,
        dimension,
        store.area_rows(scope, dimension),
        store.area_rows(profile.id, "domain"),
        store.trend_percents(profile.id),
        store.changed_totals(profile.id),
        store.confusion_rows(),
        lambda item, chosen: _describe(exams.catalog, item, chosen),
        len(exams.due_items()) if exams.due_items else 0,
        random.Random(seed),
    )


def item_stats(exams: Exams, bank: Path | None = None) -> list[ItemStat]:
    """Item statistics from local history, optionally only for the items of one bank file/folder."""
    catalog = exams.catalog
    wanted: set[str] | None = None
    if bank is not None:
        paths = {str(p.resolve()) for p in bank_files([bank])}
        if not paths:
            raise UserError(f"no bank files at {bank}")
        wanted = {i.id for i in catalog.items.values() if str(Path(i.path).resolve()) in paths}
    keys: dict[str, set[str]] = {}
    options: dict[str, list[str]] = {}
    for item_id in catalog.items:
        if wanted is not None and item_id not in wanted:
            continue
        model = catalog.model(item_id)
        if isinstance(model, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
            keys[item_id] = {o.id for o in model.options if o.correct}
            options[item_id] = [o.id for o in model.options]
    rows = exams.store.scored_responses()
    stats = item_statistics(rows, keys, options)
    return [s for s in stats if wanted is None or s.item_id in wanted]
