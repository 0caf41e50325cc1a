"""UI fixtures: the real app from make_app, on test banks, an in-memory store and a fake clock."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from examprep.core.catalog import load_catalog
from examprep.core.clock import FakeClock
from examprep.services import Exams
from examprep.store.repository import Store
from examprep.ui.app import ExamPrepApp, make_app
from tests.conftest import STARTER
from tests.factories import full_pool

SIZE = (100, 30)


@pytest.fixture
def ui_exams(tmp_path: Path, profiles, clock: FakeClock) -> Exams:
    banks = tmp_path / "ui-banks"
    banks.mkdir()
    shutil.copy(STARTER, banks / "starter.yaml")
    full_pool(banks, profiles["PCEP-30-02"], per_domain_factor=2)
    catalog = load_catalog([banks], profiles)
    assert not catalog.problems
    return Exams(catalog, profiles, Store.memory(), clock, random.Random(42))


@pytest.fixture
def app(ui_exams: Exams) -> ExamPrepApp:
    return make_app(ui_exams, crash_safe=False)
