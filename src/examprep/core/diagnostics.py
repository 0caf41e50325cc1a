"""Located diagnostics: ``path:line:col: severity [CODE] message`` plus how to fix it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in a bank file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def text(self) -> str:
        """The compiler-style line authors and editors understand."""
        fix = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}:{self.col}: {self.severity} [{self.code}] {self.message}{fix}"

    def github(self) -> str:
        """A GitHub Actions annotation for pull requests."""
        level = "error" if self.severity == "error" else "warning"
        msg = f"{self.code} {self.message}" + (f" -- {self.hint}" if self.hint else "")
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},col={self.col}::{msg}"


class BankError(Exception):
    """A bank file that cannot be used, with every diagnostic found in it."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.text() for d in diagnostics))


def render(diagnostics: Iterable[Diagnostic], fmt: str) -> str:
    """Render diagnostics as ``text``, ``github`` annotations or a ``json`` array."""
    items = sorted(diagnostics)
    if fmt == "json":
        return json.dumps([asdict(d) for d in items], indent=2)
    if fmt == "github":
        return "\n".join(d.github() for d in items)
    return "\n".join(d.text() for d in items)
