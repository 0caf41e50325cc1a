"""The command line: exit codes, messages instead of tracebacks, the schema kept current."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from examprep.authoring.schema import bank_schema_text
from examprep.cli import main

ROOT = Path(__file__).parents[2]


def test_lint_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(ROOT / "tests" / "data" / "lint" / "L012_two_correct.yaml")]) == 1
    out = capsys.readouterr()
    assert "[L012]" in out.out and "1 errors" in out.err
    assert main(["lint", str(ROOT / "question_banks" / "certifications" / "pcep-30-02" / "starter.yaml")]) == 0
    assert main(["lint", str(tmp_path / "missing.yaml")]) == 2


def test_lint_github_format(capsys: pytest.CaptureFixture[str]) -> None:
    main(["lint", "--format", "github", str(ROOT / "tests" / "data" / "lint" / "L013_select_mismatch.yaml")])
    line = capsys.readouterr().out.strip()
    assert line.startswith("::error file=") and ",line=14,col=13::L013 " in line


def test_lint_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    main(["lint", "--format", "json", str(ROOT / "tests" / "data" / "lint" / "Y001_alias.yaml")])
    (diag,) = json.loads(capsys.readouterr().out)
    assert (diag["code"], diag["line"], diag["col"]) == ("Y001", 14, 11)


def test_usage_error_exits_two() -> None:
    with pytest.raises(SystemExit) as info:
        main(["lint", "--format", "xml"])
    assert info.value.code == 2


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schema" / "question-bank.schema.json").read_text(encoding="utf-8")
    assert committed == bank_schema_text(), "run: examprep schema -o schema/question-bank.schema.json"
    assert json.loads(committed)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_banks_json_lists_every_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["banks", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["profiles"]) == 16
    pcep = next(p for p in data["profiles"] if p["profile"] == "PCEP-30-02")
    assert [d["per_form"] for d in pcep["domains"]] == [7, 8, 7, 8]


def test_extra_banks_folder_is_loaded_and_a_bad_file_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.yaml").write_text("questions: [\n")
    assert main(["--banks", str(tmp_path), "banks"]) == 0
    err = capsys.readouterr().err
    assert "bad.yaml:" in err and "Y100" in err


def test_corrupt_database_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"garbage" * 200)
    proc = subprocess.run(
        [sys.executable, "-m", "examprep", "--db", str(db)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and str(db) in proc.stderr and "examprep: error:" in proc.stderr


def test_python_dash_m_works() -> None:
    proc = subprocess.run([sys.executable, "-m", "examprep", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("examprep ")


def test_a_bank_folder_named_twice_loads_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.factories import single, write_bank

    write_bank(tmp_path, "twice-bank", "PCEP-30-02", [single("twice-q-001", 1)])
    monkeypatch.setenv("EXAMPREP_BANKS", str(tmp_path))
    assert main(["--banks", str(tmp_path), "banks"]) == 0
    assert "L001" not in capsys.readouterr().err
