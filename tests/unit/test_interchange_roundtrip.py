"""Export a bank, import the result again: the same keys (and feedback) come back, and the bank lints clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from examprep.core import models
from examprep.core.loader import load_bank_bytes
from examprep.interchange import gift, moodle_xml
from examprep.interchange.report import Report
from tests.unit.test_interchange_common import DATA, items, key, lint_errors, run_import

ALL_TYPES = DATA / "all-types.yaml"
STARTER = Path(__file__).parents[2] / "question_banks" / "certifications" / "pcep-30-02" / "starter.yaml"


def _load(path: Path) -> models.Bank:
    return load_bank_bytes(path.read_bytes(), str(path))[0]


def _gaps_unnamed(code: str | None) -> str | None:
    """Code with its gaps' names blanked out (a short-answer gap comes back as ``{{answer}}``)."""
    return models.BLANK_PATTERN.sub("{{}}", code) if code else code


def _round_trip(source: Path, fmt: str, tmp_path: Path) -> tuple[models.Bank, models.Bank, Report, list[str]]:
    bank = _load(source)
    report = Report()
    dump = moodle_xml.dump if fmt == "moodle-xml" else gift.dump
    exported = tmp_path / f"{bank.id}.{'xml' if fmt == 'moodle-xml' else 'gift'}"
    exported.write_text(dump(bank, report), encoding="utf-8")
    back, notes = run_import(exported, fmt, profile=bank.profile)
    return bank, back, report, notes


@pytest.mark.parametrize("source", [ALL_TYPES, STARTER], ids=["all-types", "starter"])
def test_moodle_xml_round_trip_keeps_ids_keys_and_feedback(source: Path, tmp_path: Path) -> None:
    bank, back, report, notes = _round_trip(source, "moodle-xml", tmp_path)
    before = {i.id: i for i in items(bank)}
    after = {i.id: i for i in items(back)}
    assert set(before) - set(after) <= {"ixt-fill-003"}, "only the cloze export is not read back"
    for item_id, item in after.items():
        original = before[item_id]
        assert key(item) == key(original), item_id
        assert item.explanation.startswith(original.explanation.strip())
        expected_type = "single_choice" if original.type == "code_output" else original.type
        assert item.type == expected_type and _gaps_unnamed(item.code) == _gaps_unnamed(original.code)
    choice = after["pcep-st-ctrl-001" if "pcep-st-ctrl-001" in after else "ixt-single-001"]
    assert isinstance(choice, models.SingleChoice)
    assert [o.rationale for o in choice.options] == [o.rationale for o in before[choice.id].options]  # type: ignore[union-attr]
    assert any("code_output exported as multiple choice" in line for line in report.lines)
    assert not [n for n in notes if "TODO" in n and "ixt-case" not in n]


def test_moodle_xml_case_study_is_a_description_then_its_questions(tmp_path: Path) -> None:
    _, back, report, notes = _round_trip(ALL_TYPES, "moodle-xml", tmp_path)
    assert "ixt-case-001: case study: the scenario is a description question followed by its questions" in report.lines
    assert any('"ixt-case-001": description items hold no question to answer: skipped' in n for n in notes)
    sub = next(i for i in items(back) if i.id == "ixt-case-001-a")
    assert "ixt-case-001" in sub.tags, "the case study's category comes back as a tag"


def test_gift_round_trip_keeps_keys_and_converts_what_gift_lacks(tmp_path: Path) -> None:
    bank, back, report, _ = _round_trip(ALL_TYPES, "gift", tmp_path)
    after = {i.stem.split("\n")[0]: i for i in items(back)}
    for original in items(bank):
        if original.id == "ixt-fill-003":
            continue
        item = next(v for k, v in after.items() if k.startswith(original.stem.split("{{")[0].strip()[:30]))
        if isinstance(original, models.Ordering):
            assert isinstance(item, models.Matching)
            assert [(p.left, p.right) for p in item.pairs] == [
                (i.text, f"position {n}") for n, i in enumerate(original.items, 1)
            ]
        elif isinstance(original, models.FillIn) and original.id == "ixt-fill-002":
            assert isinstance(item, models.SingleChoice) and key(item) == ["append"]
        elif isinstance(original, models.Numeric):
            assert isinstance(item, models.Numeric) and (item.answer, item.tolerance) == (
                original.answer,
                original.tolerance,
            )
        else:
            assert key(item) == key(original), original.id
    assert "ixt-fill-003: GIFT has one answer block per question: fill_in with 2 gaps skipped" in report.lines
    assert "ixt-order-001: GIFT has no ordering: exported as matching each item to its position" in report.lines
    assert "ixt-single-001: GIFT cannot pin an option: Moodle may shuffle it out of place" in report.lines
    assert "ixt-case-001-a: GIFT has no units: 'EUR' written into the stem" in report.lines
    tf = next(i for i in items(back) if isinstance(i, models.TrueFalse) and i.stem.startswith("After"))
    assert tf.rationale_false == "Correct: the list inside the tuple is mutable."


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml"])
def test_round_tripped_banks_pass_lint(fmt: str, tmp_path: Path) -> None:
    from examprep.core.profiles import bundled_profiles
    from examprep.interchange.importer import import_file

    bank = _load(STARTER)
    exported = tmp_path / "starter.out"
    exported.write_text((gift.dump if fmt == "gift" else moodle_xml.dump)(bank, Report()), encoding="utf-8")
    result = import_file(exported, exported.read_bytes(), fmt, bundled_profiles()["PCEP-30-02"], 3)
    assert result.yaml_text is not None and result.imported == len(bank.questions)
    (tmp_path / "other").mkdir()
    assert lint_errors(tmp_path / "other", result.yaml_text) == []
