"""The layers of DESIGN.md hold: core imports neither Textual nor SQLite; store no Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "examprep.core.models",
    "examprep.core.loader",
    "examprep.core.catalog",
    "examprep.core.draw",
    "examprep.core.session",
    "examprep.core.scoring",
    "examprep.core.profiles",
]


def imported_after(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", CORE)
def test_core_is_pure(module: str) -> None:
    loaded = imported_after(module)
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "sqlite_utils", "sqlite3")}


@pytest.mark.parametrize(
    "module", ["examprep.store.repository", "examprep.services", "examprep.cli", "examprep.authoring.lint"]
)
def test_only_ui_imports_textual(module: str) -> None:
    assert not {m for m in imported_after(module) if m.split(".")[0] == "textual"}


def test_core_and_ui_never_import_sqlite_utils_directly() -> None:
    from pathlib import Path

    src = Path(__file__).parents[2] / "src" / "examprep"
    offenders = [p for p in src.rglob("*.py") if "sqlite_utils" in p.read_text() and "store" not in p.parts]
    assert offenders == []
    offenders = [p for p in src.rglob("*.py") if "import textual" in p.read_text() or "from textual" in p.read_text()]
    assert all("ui" in p.parts for p in offenders)
