"""Every shipped bank lints clean, code questions included, and fills its full mocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from examprep.authoring.lint import KEYS_FILE, lint_paths
from examprep.core.catalog import load_catalog
from examprep.core.coverage import coverage
from examprep.core.profiles import bundled_profiles

BANKS = Path(__file__).parents[1] / "question_banks"

# Full mocks the shipped banks must fill (issues 6 and 7): two per certification, one for the
# retired MLS-C01, and 60 questions per roadmap step (three 20-question step forms).
REQUIRED_FORMS = {
    "PCEP-30-02": 2,
    "PCAP-31-03": 2,
    "PCPP-32-101": 2,
    "PCED-30-02": 2,
    "PCAD-31-02": 2,
    "AIF-C01": 2,
    "MLA-C01": 2,
    "MLS-C01": 1,
    "GCP-PMLE": 2,
    "DATABRICKS-MLA": 2,
}


@pytest.fixture(scope="module")
def lint_result():
    return lint_paths([BANKS], bundled_profiles(), run_code=True, keys_file=BANKS / KEYS_FILE)


def test_shipped_banks_lint_clean(lint_result) -> None:
    problems = [d.text() for d in lint_result.diagnostics if d.severity == "error" or d.code != "L049"]
    assert problems == []
    assert lint_result.snippets_run > 0


def test_every_bank_file_declares_the_schema() -> None:
    for path in BANKS.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (BANKS.parent / "schema" / "question-bank.schema.json").resolve(), path


@pytest.mark.parametrize(("profile", "forms"), sorted(REQUIRED_FORMS.items()))
def test_full_mocks_are_drawable(profile: str, forms: int) -> None:
    profiles = bundled_profiles()
    catalog = load_catalog([BANKS], profiles)
    assert catalog.problems == []
    assert coverage(catalog, profiles[profile]).distinct_forms >= forms


@pytest.mark.parametrize("step", range(1, 7))
def test_each_roadmap_step_has_its_own_sixty(step: int) -> None:
    profiles = bundled_profiles()
    catalog = load_catalog([BANKS], profiles)
    assert len(catalog.for_profile(f"step-{step}")) >= 60
