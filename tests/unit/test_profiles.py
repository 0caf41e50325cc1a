"""Exam profiles are faithful to the sourced blueprint facts."""

from __future__ import annotations

import pytest

from examprep.core.profiles import Profile

TEN = [
    "PCEP-30-02",
    "PCAP-31-03",
    "PCPP-32-101",
    "PCED-30-02",
    "PCAD-31-02",
    "AIF-C01",
    "MLA-C01",
    "MLS-C01",
    "GCP-PMLE",
    "DATABRICKS-MLA",
]


def test_all_ten_certifications_and_six_steps(profiles: dict[str, Profile]) -> None:
    assert [p for p in profiles if profiles[p].kind == "certification"] == TEN
    assert [p for p in profiles if profiles[p].kind == "roadmap"] == [f"step-{n}" for n in range(1, 7)]


def test_pcep_uses_the_published_items_per_block(pcep: Profile) -> None:
    assert pcep.blueprint() == {1: 7, 2: 8, 3: 7, 4: 8}
    assert (pcep.questions, pcep.minutes, pcep.pass_mark.describe()) == (30, 40, "70%")


@pytest.mark.parametrize(("code", "mark"), [("AIF-C01", 700), ("MLA-C01", 720), ("MLS-C01", 750)])
def test_aws_serves_65_scores_50_on_a_scaled_mark(profiles: dict[str, Profile], code: str, mark: int) -> None:
    p = profiles[code]
    assert (p.questions, p.scored, p.unscored) == (65, 50, 15)
    assert p.pass_mark.kind == "scaled" and p.pass_mark.value == mark
    assert not p.scoring.partial_credit
    assert sum(p.blueprint().values()) == 65


@pytest.mark.parametrize("code", ["GCP-PMLE", "DATABRICKS-MLA"])
def test_no_invented_pass_mark(profiles: dict[str, Profile], code: str) -> None:
    assert profiles[code].pass_mark.kind == "none"
    assert profiles[code].pass_mark.describe() == "not published"


def test_lifecycle_badges(profiles: dict[str, Profile]) -> None:
    assert profiles["MLS-C01"].lifecycle.badge() == "retired 2026-03-31 -> MLA-C01 / AIP-C01"
    assert profiles["MLA-C01"].lifecycle.badge().startswith("retiring 2026-09-28 -> MLA-C02")
    assert profiles["AIF-C01"].lifecycle.badge() == ""


def test_blueprint_apportions_weights_by_largest_remainder(profiles: dict[str, Profile]) -> None:
    google = profiles["GCP-PMLE"]  # weights 13/16/21/20/18/13 sum to 101
    # 50 x w / 101 = 6.44 7.92 10.40 9.90 8.91 6.44; floors sum to 46, the four largest remainders
    # (.92 .91 .90, then .44 with the lower domain number first) get one more each.
    assert google.blueprint() == {1: 7, 2: 8, 3: 10, 4: 10, 5: 9, 6: 6}
    assert sum(google.blueprint(7).values()) == 7
