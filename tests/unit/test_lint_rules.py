"""One failing fixture per lint rule: the code, the line and the column are what an author sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examprep.authoring.lint import lint_paths, write_keys
from examprep.core.profiles import bundled_profiles
from tests.factories import single, write_bank

FIXTURES = Path(__file__).parents[1] / "data" / "lint"

# fixture name -> (code, line, column) of the diagnostic it must produce
EXPECTED = {
    "Y000_nul_byte": ("Y000", 14, 1),
    "Y000_not_utf8": ("Y000", 14, 17),
    "Y001_alias": ("Y001", 14, 11),
    "Y002_anchor": ("Y002", 14, 11),
    "Y003_tag": ("Y003", 14, 11),
    "Y004_merge": ("Y004", 14, 5),
    "Y005_deep_nesting": ("Y005", 10, 1),
    "Y007_documents": ("Y007", 28, 1),
    "Y010_comment": ("Y010", 21, 20),
    "Y100_duplicate_key": ("Y100", 19, 9),
    "Y100_syntax": ("Y100", 14, 19),
    "S001_unknown_field": ("S001", 26, 5),
    "S002_missing_rationale": ("S002", 20, 9),
    "S003_unknown_type": ("S003", 10, 5),
    "S004_unquoted_no": ("S004", 21, 15),
    "S004_unquoted_number": ("S004", 21, 15),
    "S005_bad_difficulty": ("S005", 13, 17),
    "L010_duplicate_option_id": ("L010", 20, 13),
    "L011_duplicate_option_text": ("L011", 21, 15),
    "L012_two_correct": ("L012", 16, 7),
    "L013_select_mismatch": ("L013", 14, 13),
    "L014_too_few_options": ("L014", 17, 7),
    "L020_unpinned_all": ("L020", 23, 9),
    "L022_letter_reference": ("L022", 14, 11),
    "L025_unknown_domain": ("L025", 12, 13),
    "L030_blank_without_entry": ("L030", 16, 7),
    "L031_unused_blank": ("L031", 19, 9),
    "L032_fill_in_wrong_answer": ("L032", 19, 17),
    "L042_wrong_exception": ("L042", 15, 13),
    "L044_wrong_key": ("L044", 19, 15),
    "L045_distractor_is_output": ("L045", 23, 15),
    "L046_nondeterministic": ("L046", 15, 11),
    "L050_ordering_repeats": ("L050", 16, 7),
    "L051_matching_repeats": ("L051", 16, 7),
    "L060_case_repeats_id": ("L060", 16, 13),
    "L070_smart_quote_in_code": ("L070", 15, 11),
}


def test_every_fixture_has_an_expectation() -> None:
    assert {p.stem for p in FIXTURES.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_reports_code_line_and_column(name: str) -> None:
    code, line, col = EXPECTED[name]
    result = lint_paths(
        [FIXTURES / f"{name}.yaml"], bundled_profiles(), run_code=code.startswith("L04") or code == "L032"
    )
    found = [(d.code, d.line, d.col) for d in result.diagnostics]
    assert (code, line, col) in found, found
    assert result.errors >= 1
    hit = next(d for d in result.diagnostics if d.code == code)
    assert hit.hint, "every diagnostic says how to fix it"
    assert hit.text().startswith(f"{FIXTURES / name}.yaml:{line}:{col}: error [{code}]")


def test_duplicate_id_across_files_names_the_first_place(tmp_path: Path) -> None:
    write_bank(tmp_path, "bank-a", "PCEP-30-02", [single("dup-q-001", 1)])
    write_bank(tmp_path, "bank-b", "PCEP-30-02", [single("dup-q-001", 2, stem="Another stem entirely about loops?")])
    result = lint_paths([tmp_path], bundled_profiles(), run_code=False)
    (diag,) = [d for d in result.diagnostics if d.code == "L001"]
    assert diag.path.endswith("bank-b.yaml") and "bank-a.yaml" in diag.message


def test_changed_key_without_new_revision_is_an_error(tmp_path: Path) -> None:
    question = single("rev-q-001", 1)
    write_bank(tmp_path, "bank", "PCEP-30-02", [question])
    keys = tmp_path / "keys.json"
    write_keys(keys, lint_paths([tmp_path], bundled_profiles(), run_code=False).keys)
    question["options"][0]["correct"] = False
    question["options"][1]["correct"] = True
    write_bank(tmp_path, "bank", "PCEP-30-02", [question])
    result = lint_paths([tmp_path], bundled_profiles(), run_code=False, keys_file=keys)
    assert [d.code for d in result.diagnostics] == ["L004"]
    question["revision"] = 2
    write_bank(tmp_path, "bank", "PCEP-30-02", [question])
    assert lint_paths([tmp_path], bundled_profiles(), run_code=False, keys_file=keys).errors == 0
    assert json.loads(keys.read_text())["rev-q-001"][0] == 1


def test_rewording_without_key_change_needs_no_new_revision(tmp_path: Path) -> None:
    question = single("rev-q-002", 1)
    write_bank(tmp_path, "bank", "PCEP-30-02", [question])
    keys = tmp_path / "keys.json"
    write_keys(keys, lint_paths([tmp_path], bundled_profiles(), run_code=False).keys)
    question["stem"] = "A clearer stem: which option is right?"
    question["options"][1]["rationale"] = "Better wording."
    write_bank(tmp_path, "bank", "PCEP-30-02", [question])
    assert lint_paths([tmp_path], bundled_profiles(), run_code=False, keys_file=keys).errors == 0


def test_near_duplicate_questions_are_warned(tmp_path: Path) -> None:
    write_bank(tmp_path, "bank-a", "PCEP-30-02", [single("nd-q-001", 1, stem="Which option is right here?")])
    other = single("nd-q-002", 1, stem="Which  option is RIGHT here?")
    other["options"] = single("nd-q-001", 1)["options"]
    write_bank(tmp_path, "bank-b", "PCEP-30-02", [other])
    result = lint_paths([tmp_path], bundled_profiles(), run_code=False)
    assert [d.code for d in result.diagnostics if d.severity == "warning"] == ["L071"]
    assert result.errors == 0


def test_missing_references_is_a_warning_not_an_error(tmp_path: Path) -> None:
    question = single("ref-q-001", 1)
    del question["references"]
    write_bank(tmp_path, "bank-a", "PCEP-30-02", [question])
    result = lint_paths([tmp_path], bundled_profiles(), run_code=False)
    assert [(d.code, d.severity) for d in result.diagnostics] == [("L024", "warning")]


def test_snippets_already_run_are_not_run_again(tmp_path: Path, monkeypatch) -> None:
    import examprep.authoring.coderun as coderun

    fixture = FIXTURES / "L044_wrong_key.yaml"
    cache = tmp_path / "snippets"
    first = lint_paths([fixture], bundled_profiles(), run_cache=cache)
    assert [d.code for d in first.diagnostics] == ["L044"] and list(cache.iterdir())

    def no_runs(code: str) -> coderun.Run:
        raise AssertionError("ran a snippet whose result was cached")

    monkeypatch.setattr(coderun, "run_snippet", no_runs)
    again = lint_paths([fixture], bundled_profiles(), run_cache=cache)
    assert [d.text() for d in again.diagnostics] == [d.text() for d in first.diagnostics]
