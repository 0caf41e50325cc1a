"""Shared fixtures. Every test is hermetic: data, cache and bank folders point into tmp_path."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from examprep.core.catalog import Catalog, load_catalog
from examprep.core.clock import FakeClock
from examprep.core.profiles import Profile, bundled_profiles
from examprep.services import Exams
from examprep.store.repository import Store

DATA = Path(__file__).parent / "data"
STARTER = Path(__file__).parents[1] / "question_banks" / "certifications" / "pcep-30-02" / "starter.yaml"


@pytest.fixture(autouse=True)
def hermetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real data, cache or banks."""
    for name in ("EXAMPREP_DB", "EXAMPREP_BANKS", "EXAMPREP_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("EXAMPREP_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def profiles() -> dict[str, Profile]:
    return bundled_profiles()


@pytest.fixture
def pcep(profiles: dict[str, Profile]) -> Profile:
    return profiles["PCEP-30-02"]


@pytest.fixture
def aws(profiles: dict[str, Profile]) -> Profile:
    return profiles["AIF-C01"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def starter_dir(tmp_path: Path) -> Path:
    """A bank folder holding only the starter bank (every item type)."""
    folder = tmp_path / "banks"
    folder.mkdir()
    shutil.copy(STARTER, folder / "starter.yaml")
    return folder


@pytest.fixture
def starter_catalog(starter_dir: Path, profiles: dict[str, Profile]) -> Catalog:
    catalog = load_catalog([starter_dir], profiles)
    assert not catalog.problems
    return catalog


@pytest.fixture
def store() -> Store:
    s = Store.memory()
    yield s
    s.close()


@pytest.fixture
def exams(starter_catalog: Catalog, profiles: dict[str, Profile], store: Store, clock: FakeClock) -> Exams:
    return Exams(starter_catalog, profiles, store, clock, random.Random(7))
