"""Aiken import: Moodle's documented sample, two-option true/false, and located syntax errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from examprep.core import models
from examprep.core.profiles import bundled_profiles
from examprep.errors import UserError
from examprep.interchange import aiken
from examprep.interchange.importer import import_file
from tests.unit.test_interchange_common import DATA, key, lint_errors, run_import


def test_documented_sample_converts_with_placeholders_reported(tmp_path: Path) -> None:
    bank, report = run_import(DATA / "moodle-docs.aiken.txt", "aiken")
    assert [(q.type, key(q)) for q in bank.questions] == [
        ("single_choice", ["Must be this one!"]),
        ("single_choice", ["Moodle"]),
        ("single_choice", ["Martin Dougiamas"]),
        ("true_false", True),
    ]
    assert bank.questions[3].stem.startswith(
        'Moodle\'s abilities include handling user input that includes <html class="cool">'
    )
    assert any(line.startswith("moodle-docs.aiken.txt:1 ") and "4 answers have no feedback" in line for line in report)
    assert any(line.startswith("moodle-docs.aiken.txt:24 ") and "imported as true_false" in line for line in report)
    assert all(isinstance(q, models.SingleChoice | models.TrueFalse) for q in bank.questions)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A) orphan\nANSWER: A\n", "q.txt:1: option A) comes before any question text"),
        ("Q?\nA) yes\nB) no\nANSWER: C\n", "q.txt:4: ANSWER: C is not one of the options A, B"),
        ("Q?\nA) yes\nB) no\nC) maybe\n", "q.txt:1: the last question has no 'ANSWER: X' line"),
        ("Q?\nA) yes\nstray text\n", "q.txt:3: expected an option or 'ANSWER: X'"),
    ],
)
def test_syntax_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(UserError) as info:
        aiken.parse(text.encode(), "q.txt")
    assert info.value.message.startswith(message) and "ANSWER: A" in info.value.hint


def test_too_few_options_are_skipped_and_the_rest_passes_lint(tmp_path: Path) -> None:
    path = tmp_path / "few.txt"
    path.write_text(
        "Pick one\nA) this\nB) that\nANSWER: A\n\nPick another\nA. x\nB. y\nC. z\nANSWER: C\n", encoding="utf-8"
    )
    result = import_file(path, path.read_bytes(), "aiken", bundled_profiles()["step-1"], 1)
    assert (result.imported, result.found) == (1, 2) and result.yaml_text is not None
    assert 'few.txt:1 "Pick one": single_choice needs 3 to 8 options; this one has 2: skipped' in result.report.lines
    assert lint_errors(tmp_path, result.yaml_text) == []
