"""Scaffolding and shell completion."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from examprep.authoring.lint import lint_paths
from examprep.cli import main
from examprep.core.profiles import bundled_profiles
from examprep.core.vocabulary import QUESTION_TYPES

HEADER = """# yaml-language-server: $schema=../schema/question-bank.schema.json
format_version: 1
id: scaffold-bank
title: "Scaffold"
profile: AIF-C01
license: CC-BY-4.0
authors:
  - name: tests
version: "1.0.0"
questions:
"""


@pytest.mark.parametrize("qtype", QUESTION_TYPES)
def test_new_question_is_valid_for_every_type(qtype: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new-question", "--type", qtype, "--cert", "aif-c01", "--domain", "3"]) == 0
    snippet = capsys.readouterr().out
    (tmp_path / "bank.yaml").write_text(HEADER + snippet)
    result = lint_paths([tmp_path / "bank.yaml"], bundled_profiles(), run_code=qtype in ("code_output", "fill_in"))
    assert result.errors == 0, [d.text() for d in result.diagnostics]


def test_new_question_ids_are_fresh(capsys: pytest.CaptureFixture[str]) -> None:
    main(["new-question", "--cert", "PCEP-30-02"])
    first = capsys.readouterr().out
    main(["new-question", "--cert", "PCEP-30-02"])
    assert first != capsys.readouterr().out


def test_unknown_domain_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new-question", "--cert", "PCEP-30-02", "--domain", "9"]) == 2
    assert "has no domain 9" in capsys.readouterr().err


def test_bash_completion_completes_subcommands_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    probe = (
        script
        + '\nCOMP_WORDS=(examprep li); COMP_CWORD=1; _examprep; echo "${COMPREPLY[@]}"\nCOMP_WORDS=(examprep lint --fo); COMP_CWORD=2; _examprep; echo "${COMPREPLY[@]}"\n'
    )
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "lint" and out[1] == "--format"
