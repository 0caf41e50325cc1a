"""Draws are seeded, stratified and reproducible; shortfalls are named precisely."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from examprep.core.catalog import load_catalog
from examprep.core.draw import (
    ShortfallError,
    decode_seed,
    draw_mock,
    draw_pool,
    encode_seed,
    least_overlap,
    parse_form_code,
)
from examprep.core.profiles import Profile
from tests.factories import full_pool


@pytest.fixture
def pcep_catalog(tmp_path: Path, pcep: Profile, profiles: dict[str, Profile]):
    full_pool(tmp_path, pcep, per_domain_factor=3)
    return load_catalog([tmp_path], profiles)


def test_same_seed_same_form(pcep_catalog, pcep: Profile) -> None:
    a = draw_mock(pcep_catalog, pcep, 1234)
    b = draw_mock(pcep_catalog, pcep, 1234)
    assert a == b
    assert draw_mock(pcep_catalog, pcep, 1235).items != a.items


def test_mock_matches_published_counts(pcep_catalog, pcep: Profile) -> None:
    form = draw_mock(pcep_catalog, pcep, 99)
    domains = Counter(pcep_catalog.items[i].domain for i in form.items)
    assert domains == Counter({1: 7, 2: 8, 3: 7, 4: 8})
    assert form.minutes == 40 and not form.unscored


def test_aws_mock_has_fifteen_unscored_items(tmp_path: Path, aws: Profile, profiles) -> None:
    full_pool(tmp_path, aws)
    catalog = load_catalog([tmp_path], profiles)
    form = draw_mock(catalog, aws, 5)
    assert len(form.items) == 65 and len(form.unscored) == 15 and form.unscored <= set(form.items)


def test_every_item_is_equally_likely_over_many_seeds(pcep_catalog, pcep: Profile) -> None:
    counts: Counter[str] = Counter()
    for seed in range(300):
        counts.update(draw_mock(pcep_catalog, pcep, seed).items)
    domain1 = [c for i, c in counts.items() if pcep_catalog.items[i].domain == 1]
    # 21 items, 7 drawn each time: expected 100 appearances each
    assert len(domain1) == 21 and min(domain1) > 60 and max(domain1) < 140


def test_shortfall_names_domain_need_and_have(tmp_path: Path, pcep: Profile, profiles) -> None:
    full_pool(tmp_path, pcep, per_domain_factor=1)
    catalog = load_catalog([tmp_path], profiles)
    victim = next(i for i in catalog.items.values() if i.domain == 2)
    del catalog.items[victim.id]
    with pytest.raises(ShortfallError) as info:
        draw_mock(catalog, pcep, 1)
    assert info.value.missing == {2: (8, 7)}
    assert "domain 2 'Control Flow - Conditional Blocks and Loops': need 8, have 7" in str(info.value)


def test_options_are_shuffled_but_pinned_stay(starter_catalog) -> None:
    orders = {
        draw_pool(
            starter_catalog, list(starter_catalog.items.values()), 7, s, "practice", "PCEP-30-02", None, "t"
        ).orders["pcep-st-ops-001"]
        for s in range(20)
    }
    assert len(orders) > 1
    assert all(sorted(o) == ["a", "b", "c", "d"] for o in orders)


def test_ordering_items_are_never_shown_already_solved(starter_catalog) -> None:
    for seed in range(50):
        form = draw_pool(
            starter_catalog, list(starter_catalog.items.values()), 7, seed, "practice", "PCEP-30-02", None, "t"
        )
        assert form.orders["pcep-st-exc-001"] != ("base", "exc", "arith", "zero")


def test_form_codes_round_trip() -> None:
    for seed in (0, 1, 12345, 32**7 - 1):
        assert decode_seed(encode_seed(seed)) == seed
    assert parse_form_code("PCEP-30-02:" + encode_seed(77)) == ("PCEP-30-02", 77)
    with pytest.raises(ValueError):
        parse_form_code("PCEP-30-02:0O1I")  # ambiguous characters are not in the alphabet


def test_least_overlap_prefers_unseen_items(pcep_catalog, pcep: Profile) -> None:
    seen = set(draw_mock(pcep_catalog, pcep, 1).items)
    rng = random.Random(3)
    seeds = [1] + [rng.randrange(10**6) for _ in range(11)]
    chosen = least_overlap(lambda s: draw_mock(pcep_catalog, pcep, s), seeds, seen)
    assert len(seen & set(chosen.items)) < len(seen)


def test_case_study_is_drawn_whole(tmp_path: Path, profiles) -> None:
    import yaml

    from tests.factories import bank, case_study, single

    text = yaml.safe_dump(
        bank("cs-bank", "step-4", [case_study("cs-001", 1)] + [single(f"cs-s-{n}", 1) for n in range(5)])
    )
    (tmp_path / "cs.yaml").write_text(text)
    catalog = load_catalog([tmp_path], profiles)
    for seed in range(20):
        form = draw_pool(catalog, list(catalog.items.values()), 4, seed, "drill", "step-4", None, "t")
        subs = [i for i in form.items if i.startswith("cs-001-")]
        assert subs in ([], ["cs-001-a", "cs-001-b", "cs-001-c"])
