"""`examprep import` and `examprep export-bank` on the command line: files, report on stderr, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from examprep.cli import main
from tests.unit.test_interchange_common import DATA, lint_errors


def test_import_writes_the_bank_and_reports_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bank.yaml"
    code = main(
        [
            "import",
            str(DATA / "moodle-docs.gift.txt"),
            "--from",
            "gift",
            "-o",
            str(out),
            "--profile",
            "pcep-30-02",
            "--domain",
            "2",
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "essay questions have no key: skipped" in err
    assert err.rstrip().endswith(
        "21 of 23 questions imported into " + str(out) + " (PCEP-30-02, domain 2); check every TODO"
    )
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/question-bank.schema.json\n")
    (tmp_path / "lint").mkdir()
    assert lint_errors(tmp_path / "lint", text) == []


def test_import_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(DATA / "moodle-docs.aiken.txt"), "--from", "aiken"]) == 0
    captured = capsys.readouterr()
    assert "type: true_false" in captured.out and "4 of 4 questions imported into standard output" in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--profile", "NOPE-1"], "unknown exam or step 'NOPE-1'"),
        (["--domain", "9"], "step-1 has no domain 9"),
    ],
)
def test_import_usage_mistakes_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(DATA / "moodle-docs.aiken.txt"), "--from", "aiken", *args]) == 2
    assert message in capsys.readouterr().err


def test_import_errors_are_messages_not_tracebacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "missing.gift"), "--from", "gift"]) == 2
    assert "no such file" in capsys.readouterr().err
    essay = tmp_path / "essays.gift"
    essay.write_text("Tell me about Moodle. {}\n", encoding="utf-8")
    assert main(["import", str(essay), "--from", "gift"]) == 2
    err = capsys.readouterr().err
    assert "essay questions have no key: skipped" in err and "nothing to import from" in err
    broken = tmp_path / "broken.xml"
    broken.write_text("<quiz>\n<question>\n</quiz>\n", encoding="utf-8")
    assert main(["import", str(broken), "--from", "moodle-xml"]) == 2
    err = capsys.readouterr().err
    assert "broken.xml:3:" in err and "Traceback" not in err


def test_export_bank_text_formats_and_a_broken_bank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = DATA / "all-types.yaml"
    assert main(["export-bank", str(bank), "--to", "gift"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("// Interchange test bank") and "GIFT has no ordering" in captured.err
    assert main(["export-bank", str(bank), "--to", "moodle-xml", "-o", str(tmp_path / "quiz.xml")]) == 0
    assert (
        (tmp_path / "quiz.xml").read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions: [\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["export-bank", str(bad), "--to", "gift"]) == 2
    assert "is not a valid bank" in capsys.readouterr().err
