"""The catalog: bad files skipped and reported, the compiled cache faithful and disposable."""

from __future__ import annotations

from pathlib import Path

from examprep.core.catalog import load_catalog
from tests.factories import single, write_bank


def test_warm_load_from_cache_equals_cold_load(starter_dir: Path, tmp_path: Path, profiles) -> None:
    cache = tmp_path / "cache"
    cold = load_catalog([starter_dir], profiles, cache)
    assert list(cache.iterdir())
    warm = load_catalog([starter_dir], profiles, cache)
    assert warm.items == cold.items and warm.banks == cold.banks
    assert all(warm.model(i) == cold.model(i) for i in cold.items)


def test_an_edited_file_is_reloaded_not_served_stale(tmp_path: Path, profiles) -> None:
    cache = tmp_path / "cache"
    q = single("edit-q-001", 1)
    write_bank(tmp_path / "b", "bank-e", "PCEP-30-02", [q])
    load_catalog([tmp_path / "b"], profiles, cache)
    q["stem"] = "A reworded stem?"
    write_bank(tmp_path / "b", "bank-e", "PCEP-30-02", [q])
    assert load_catalog([tmp_path / "b"], profiles, cache).model("edit-q-001").stem == "A reworded stem?"


def test_a_corrupt_cache_entry_is_ignored(starter_dir: Path, tmp_path: Path, profiles) -> None:
    cache = tmp_path / "cache"
    load_catalog([starter_dir], profiles, cache)
    for entry in cache.iterdir():
        entry.write_bytes(b"\x00garbage")
    assert len(load_catalog([starter_dir], profiles, cache).items) == 7


def test_one_bad_file_is_reported_and_the_rest_load(tmp_path: Path, profiles) -> None:
    write_bank(tmp_path, "good-bank", "PCEP-30-02", [single("good-q-001", 1)])
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n")
    catalog = load_catalog([tmp_path], profiles)
    assert list(catalog.items) == ["good-q-001"]
    assert [d.path.endswith("broken.yaml") for d in catalog.problems] == [True]


def test_clashing_ids_skip_the_later_file(tmp_path: Path, profiles) -> None:
    write_bank(tmp_path, "bank-one", "PCEP-30-02", [single("same-q-001", 1)])
    write_bank(tmp_path, "bank-two", "PCEP-30-02", [single("same-q-001", 2), single("other-q-001", 2)])
    catalog = load_catalog([tmp_path], profiles)
    assert set(catalog.items) == {"same-q-001"} and catalog.items["same-q-001"].domain == 1
    assert catalog.problems[0].code == "L001"


def test_case_study_items_load_from_the_cache(tmp_path: Path, profiles) -> None:
    import yaml

    from tests.factories import bank, case_study

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "cs.yaml").write_text(
        yaml.safe_dump(bank("cache-bank", "step-4", [case_study("cache-cs-001", 1, "ab")]))
    )
    cache = tmp_path / "cache"
    load_catalog([tmp_path / "b"], profiles, cache)
    warm = load_catalog([tmp_path / "b"], profiles, cache)
    assert warm.model("cache-cs-001-b").stem == "Statement b."
    assert warm.scenario("cache-cs-001-a").scenario == "A scenario."
