"""Regenerate the README screenshots (SVG, exported by Textual from the real app).

    .venv/bin/python tools/screenshots.py

Uses the bundled banks, an in-memory database with a simulated history (fixed seed and clock),
so the pictures are reproducible.
"""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from examprep.core import models  # noqa: E402
from examprep.core.catalog import load_catalog  # noqa: E402
from examprep.core.clock import FakeClock  # noqa: E402
from examprep.core.profiles import bundled_profiles  # noqa: E402
from examprep.review import wire_review  # noqa: E402
from examprep.services import Exams  # noqa: E402
from examprep.store.repository import Store  # noqa: E402
from examprep.ui.app import make_app  # noqa: E402

OUT = ROOT / "docs" / "images"
SIZE = (110, 34)
PROFILE = "AIF-C01"
SKILL = {1: 0.85, 2: 0.72, 3: 0.55, 4: 0.8, 5: 0.62}


def right_answer(model: models.ItemModel) -> object:
    """The key, as a response."""
    if isinstance(model, models.SingleChoice | models.CodeOutput):
        return next(o.id for o in model.options if o.correct)
    if isinstance(model, models.MultipleResponse):
        return sorted(o.id for o in model.options if o.correct)
    if isinstance(model, models.TrueFalse):
        return model.answer
    if isinstance(model, models.Ordering):
        return [i.id for i in model.items]
    if isinstance(model, models.Matching):
        return {p.left: p.right for p in model.pairs}
    return None


def wrong_answer(model: models.ItemModel, rng: random.Random) -> object:
    if isinstance(model, models.SingleChoice | models.CodeOutput):
        return rng.choice([o.id for o in model.options if not o.correct])
    if isinstance(model, models.TrueFalse):
        return not model.answer
    return None


def simulate(exams: Exams, clock: FakeClock, attempts: int) -> None:
    rng = random.Random(11)
    for n in range(attempts):
        session = exams.start(exams.mock_form(PROFILE))
        for item_id in session.form.items:
            model = session.models[item_id]
            skill = SKILL[session.domains[item_id]] + 0.02 * n
            clock.advance(rng.uniform(40, 110))
            session.answer(item_id, right_answer(model) if rng.random() < skill else wrong_answer(model, rng))
        session.submit()
        clock.advance(86_400)


async def shoot() -> None:
    profiles = bundled_profiles()
    catalog = load_catalog([ROOT / "question_banks"], profiles)
    clock = FakeClock()
    exams = Exams(catalog, profiles, Store.memory(), clock, random.Random(3))
    wire_review(exams)
    simulate(exams, clock, 4)
    app = make_app(exams, crash_safe=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.save_screenshot(str(OUT / "home.svg"))
        app.show_report(PROFILE)
        await pilot.pause()
        await pilot.pause()
        app.save_screenshot(str(OUT / "report.svg"))
        app.pop_screen()
        form = exams.custom_form(
            __import__("examprep.services", fromlist=["Filters"]).Filters(
                item_ids=("pcep-st-ops-001", "pcep-st-loop-001", "pcep-st-coll-001")
            ),
            3,
            40,
            "custom",
            seed=5,
        )
        app.start_form(form, False)
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.press("1", "m")
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot(str(OUT / "exam.svg"))
    print(f"wrote {', '.join(p.name for p in sorted(OUT.glob('*.svg')))} in {OUT}")


if __name__ == "__main__":
    asyncio.run(shoot())
