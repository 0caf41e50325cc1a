"""Verify code questions by running their snippets: the key must be what Python really prints.

Snippets run in a separate, isolated interpreter (``python -I``) in an empty temporary folder,
with a timeout and no standard input, twice, so output that changes between runs (set order under
hash randomisation) is caught. This is for authors and CI; the exam engine never runs bank code.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from examprep.core import models
from examprep.core.diagnostics import Severity
from examprep.core.models import BLANK_PATTERN

TIMEOUT_S = 20.0
_MISSING_MODULE = re.compile(r"ModuleNotFoundError: No module named '([\w.]+)'")


@dataclass(frozen=True)
class Run:
    """What one execution of a snippet produced."""

    stdout: str
    exception: str | None
    missing_module: str | None = None
    timed_out: bool = False


@dataclass(frozen=True)
class Finding:
    """A problem with one code question: where (a path inside the question) and what."""

    question_id: str
    path: tuple[str | int, ...]
    code: str
    message: str
    hint: str
    severity: Severity = "error"


def normalize(text: str) -> str:
    """Output as compared: trailing spaces on each line and trailing blank lines removed."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").rstrip("\n").split("\n"))


def run_snippet(code: str) -> Run:
    """Run ``code`` once in an isolated interpreter and report stdout and any uncaught exception."""
    with tempfile.TemporaryDirectory(prefix="examprep-run-") as cwd:
        try:
            proc = subprocess.run(
                [sys.executable, "-I", "-c", code],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Run("", None, timed_out=True)
    exception = None
    if proc.returncode != 0:
        last = proc.stderr.strip().splitlines()[-1:] or [""]
        # "statistics.StatisticsError: ..." -> "StatisticsError": `raises` names the class.
        exception = last[0].split(":")[0].strip().rpartition(".")[2] or "error"
        missing = _MISSING_MODULE.search(proc.stderr)
        if missing:
            return Run(proc.stdout, exception, missing_module=missing.group(1).split(".")[0])
    return Run(proc.stdout, exception)


def _run_twice(code: str) -> tuple[Run, bool]:
    first = run_snippet(code)
    if first.timed_out or first.missing_module:
        return first, True
    second = run_snippet(code)
    return first, (first.stdout == second.stdout and first.exception == second.exception)


def _fill(code: str, values: dict[str, str]) -> str:
    return BLANK_PATTERN.sub(lambda m: values.get(m.group(1), m.group(0)), code)


def _jobs(q: models.ItemModel) -> Iterator[tuple[tuple[str | int, ...], str, str | None]]:
    """(path, program, label) for every run a question needs."""
    if isinstance(q, models.CodeOutput):
        yield ("code",), q.code, None
    elif isinstance(q, models.FillIn) and q.code and q.expected_output is not None:
        firsts = {name: b.accept[0] for name, b in q.blanks.items()}
        for name, blank in q.blanks.items():
            for answer in blank.accept:
                yield ("blanks", name, "accept"), _fill(q.code, {**firsts, name: answer}), f"{name}={answer!r}"


def _judge(
    q: models.ItemModel, path: tuple[str | int, ...], label: str | None, run: Run, stable: bool
) -> list[Finding]:
    if run.timed_out:
        return [
            Finding(
                q.id,
                path,
                "L041",
                f"the snippet of {q.id} did not finish in {TIMEOUT_S:g} s",
                "remove the infinite loop or blocking call",
            )
        ]
    if run.missing_module:
        return [
            Finding(
                q.id,
                path,
                "L049",
                f"not verified: the snippet of {q.id} needs '{run.missing_module}'",
                "install examprep[verify] to run it",
                "warning",
            )
        ]
    if not stable:
        return [
            Finding(
                q.id,
                path,
                "L046",
                f"the snippet of {q.id} prints different output on each run",
                "avoid printing sets or anything that depends on hash order or time",
            )
        ]
    out = normalize(run.stdout)
    if isinstance(q, models.CodeOutput):
        findings: list[Finding] = []
        if q.raises:
            if run.exception != q.raises:
                got = f"raises {run.exception}" if run.exception else "raises nothing"
                findings.append(
                    Finding(
                        q.id,
                        ("raises",),
                        "L042",
                        f"{q.id} says it raises {q.raises} but the snippet {got}",
                        "fix `raises` or the code",
                    )
                )
            return findings
        if run.exception:
            return [
                Finding(
                    q.id,
                    path,
                    "L042",
                    f"the snippet of {q.id} raises {run.exception}",
                    "fix the code, or set `raises:` if that is the point",
                )
            ]
        for i, o in enumerate(q.options):
            text = (
                normalize(o.text.strip("`"))
                if o.text.startswith("`") and o.text.endswith("`") and "\n" not in o.text
                else normalize(o.text)
            )
            if o.correct and text != out:
                findings.append(
                    Finding(
                        q.id,
                        ("options", i, "text"),
                        "L044",
                        f"{q.id}: the key {o.text!r} is not what the snippet prints: {out!r}",
                        "correct the key (the snippet's output is the truth)",
                    )
                )
            if not o.correct and text == out:
                findings.append(
                    Finding(
                        q.id,
                        ("options", i, "text"),
                        "L045",
                        f"{q.id}: distractor {o.text!r} is exactly what the snippet prints",
                        "this option is right: fix the key",
                    )
                )
        return findings
    assert isinstance(q, models.FillIn)
    if run.exception:
        return [
            Finding(
                q.id,
                path,
                "L032",
                f"{q.id}: with {label} the program raises {run.exception}",
                "every accepted answer must produce a working program",
            )
        ]
    if out != normalize(q.expected_output or ""):
        return [
            Finding(
                q.id,
                path,
                "L032",
                f"{q.id}: with {label} the program prints {out!r}, expected {q.expected_output!r}",
                "remove that answer from `accept` or fix expected_output",
            )
        ]
    return []


def _environment() -> str:
    """What a snippet's output may depend on: the interpreter and the libraries banks import."""
    parts = [sys.version]
    for dist in ("numpy", "pandas"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist} missing")
    return "\n".join(parts)


class RunCache:
    """Results of snippets already run, keyed by program and environment, so re-linting a bank
    only runs what changed. Timed-out and missing-module runs are never cached."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.environment = _environment()

    def _path(self, program: str) -> Path | None:
        if self.folder is None:
            return None
        digest = hashlib.sha256(f"{self.environment}\0{program}".encode()).hexdigest()
        return self.folder / f"{digest[:40]}.json"

    def get(self, program: str) -> tuple[Run, bool] | None:
        path = self._path(program)
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else None
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        return Run(str(data["stdout"]), data["exception"]), bool(data["stable"])

    def put(self, program: str, run: Run, stable: bool) -> None:
        path = self._path(program)
        if path is None or run.timed_out or run.missing_module:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                json.dumps({"stdout": run.stdout, "exception": run.exception, "stable": stable}), encoding="utf-8"
            )
        except OSError:
            pass  # a cache that cannot be written only costs time


def verify(
    questions: list[models.ItemModel], workers: int = 4, cache: RunCache | None = None
) -> dict[str, list[Finding]]:
    """Run every code question's snippets (in parallel) and return findings by question id."""
    jobs = [(q, path, program, label) for q in questions for path, program, label in _jobs(q)]
    store = cache or RunCache(None)

    def run_cached(program: str) -> tuple[Run, bool]:
        known = store.get(program)
        if known is not None:
            return known
        result = _run_twice(program)
        store.put(program, *result)
        return result

    with ThreadPoolExecutor(max_workers=workers) as pool:
        runs = list(pool.map(lambda job: run_cached(job[2]), jobs))
    found: dict[str, list[Finding]] = {}
    for (q, path, _program, label), (run, stable) in zip(jobs, runs, strict=True):
        for finding in _judge(q, path, label, run, stable):
            found.setdefault(q.id, []).append(finding)
    return found
