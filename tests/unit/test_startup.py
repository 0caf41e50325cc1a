"""What starting the app costs: the heavy imports stay off the path to the home screen.

Start-up time is measured in benchmarks/; these tests keep the decisions that make it fast from
being undone by an innocent import.
"""

from __future__ import annotations

import json
import subprocess
import sys
import typing
from pathlib import Path

from examprep.core import models
from examprep.core.profiles import bundled_profiles
from examprep.core.vocabulary import QUESTION_TYPES

HEAVY = ["pydantic", "yaml", "examprep.core.loader", "sqlite_utils", "rich.markdown", "fsrs", "pandas"]


def test_a_second_start_imports_no_heavy_module(tmp_path: Path) -> None:
    script = f"""
import json, sys
from examprep import cli
from examprep.app_factory import build_exams
from examprep.ui.app import make_app
make_app(build_exams(cli.build_parser().parse_args(["--db", {str(tmp_path / "a.db")!r}])))
print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
"""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def start() -> list[str]:
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        return list(json.loads(out.stdout.splitlines()[-1]))

    assert "pydantic" in start()  # the first start parses the banks and creates the database
    assert start() == []  # later ones read the bank cache, and the schema is current


def test_the_models_load_on_first_use() -> None:
    assert models.SingleChoice.__name__ == "SingleChoice"


def test_question_types_name_every_model_of_the_bank_format() -> None:
    members = typing.get_args(typing.get_args(models.Question)[0])
    assert {m.model_fields["type"].annotation.__args__[0] for m in members} == set(QUESTION_TYPES)


def test_profiles_hold_only_known_kinds() -> None:
    for profile in bundled_profiles().values():
        assert profile.kind in {"certification", "roadmap"}
        assert profile.pass_mark.kind in {"percent", "scaled", "none"}
        assert profile.lifecycle.status in {"active", "retiring", "retired"}
        assert set(profile.item_types) <= set(QUESTION_TYPES)
        assert all(1 <= step <= 6 for d in profile.domains for step in d.steps)
