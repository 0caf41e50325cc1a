"""``examprep lint``: every layer of checks over bank files, for authors and CI."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from examprep.authoring.coderun import RunCache, verify
from examprep.core import models
from examprep.core.catalog import Catalog, bank_files, header_of, key_material, near_duplicates
from examprep.core.diagnostics import BankError, Diagnostic
from examprep.core.loader import load_bank_bytes
from examprep.core.profiles import Profile
from examprep.core.rules import check_bank
from examprep.core.yamlsafe import Located

KEYS_FILE = "answer-keys.lock.json"


@dataclass
class LintResult:
    """Diagnostics plus what was checked."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    questions: int = 0
    snippets_run: int = 0
    keys: dict[str, list[Any]] = field(default_factory=dict)
    """id -> [revision, key hash] of every item seen (for the answer-key lock)."""

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for d in self.diagnostics)


@dataclass
class _Where:
    file: str
    located: Located
    at: tuple[str | int, ...]


def _check_also(bank: models.Bank, located: Located, file: str, profiles: dict[str, Profile]) -> list[Diagnostic]:
    out = []
    for i, q in enumerate(bank.questions):
        for j, extra in enumerate(q.also):
            target = profiles.get(extra.profile)
            if target is None or target.domain(extra.domain) is None:
                line, col = located.where(("questions", i, "also", j))
                out.append(
                    Diagnostic(
                        file,
                        line,
                        col,
                        "L025",
                        f"{q.id}: also-in {extra.profile} domain {extra.domain} does not exist",
                        "use a profile id and domain number listed by `examprep banks`",
                    )
                )
    return out


def lint_paths(
    paths: list[Path],
    profiles: dict[str, Profile],
    run_code: bool = True,
    keys_file: Path | None = None,
    run_cache: Path | None = None,
) -> LintResult:
    """Lint every bank file under ``paths``."""
    result = LintResult()
    catalog = Catalog()
    where: dict[str, _Where] = {}
    first_seen: dict[str, tuple[str, int, int]] = {}
    code_items: list[models.ItemModel] = []
    for file in bank_files(paths):
        result.files += 1
        display = str(file)
        try:
            bank, located = load_bank_bytes(file.read_bytes(), display)
        except OSError as exc:
            result.diagnostics.append(
                Diagnostic(display, 1, 1, "Y000", f"cannot read file: {exc.strerror}", "check the path")
            )
            continue
        except BankError as exc:
            result.diagnostics.extend(exc.diagnostics)
            continue
        result.diagnostics.extend(check_bank(bank, located, display, profiles.get(bank.profile)))
        result.diagnostics.extend(_check_also(bank, located, display, profiles))
        for i, q in enumerate(bank.questions):
            result.questions += 1
            entries: list[tuple[models.ItemModel | models.CaseStudy, tuple[str | int, ...]]] = [(q, ("questions", i))]
            if isinstance(q, models.CaseStudy):
                entries += [(s, ("questions", i, "questions", j)) for j, s in enumerate(q.questions)]
            for model, at in entries:
                line, col = located.where((*at, "id"))
                if model.id in first_seen:
                    first_file, ln, _ = first_seen[model.id]
                    result.diagnostics.append(
                        Diagnostic(
                            display,
                            line,
                            col,
                            "L001",
                            f"question id '{model.id}' is already used at {first_file}:{ln}",
                            "ids are unique across all banks: choose a new id (never reuse one)",
                        )
                    )
                    continue
                first_seen[model.id] = (display, line, col)
                where[model.id] = _Where(display, located, at)
                if not isinstance(model, models.CaseStudy):
                    raw = model.model_dump(mode="json", exclude_defaults=True)
                    result.keys[model.id] = [model.revision, _key_digest(raw)]
                    if isinstance(model, models.CodeOutput) or (
                        isinstance(model, models.FillIn) and model.code and model.expected_output is not None
                    ):
                        code_items.append(model)
        if not any(d.severity == "error" and d.path == display for d in result.diagnostics):
            data: dict[str, Any] = located.data
            from examprep.core.catalog import _items_of  # one flattening rule for app and linter

            catalog.add(_items_of(data, display, profiles), header_of(data), display, data["questions"])
    result.diagnostics.extend(d for d in near_duplicates(catalog))
    if keys_file is not None and keys_file.exists():
        result.diagnostics.extend(_check_keys(keys_file, result.keys, where))
    if run_code and code_items:
        result.snippets_run = len(code_items)
        for qid, findings in verify(code_items, cache=RunCache(run_cache)).items():
            w = where[qid]
            for finding in findings:
                line, col = w.located.where((*w.at, *finding.path))
                result.diagnostics.append(
                    Diagnostic(w.file, line, col, finding.code, finding.message, finding.hint, finding.severity)
                )
    return result


def _key_digest(raw: dict[str, Any]) -> str:
    from examprep.core.catalog import _digest

    return _digest(key_material(raw))


def _check_keys(keys_file: Path, keys: dict[str, list[Any]], where: dict[str, _Where]) -> list[Diagnostic]:
    try:
        locked: dict[str, list[Any]] = json.loads(keys_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [
            Diagnostic(
                str(keys_file),
                1,
                1,
                "L004",
                "the answer-key lock file cannot be read",
                "regenerate it with `examprep lint --update-keys`",
            )
        ]
    out = []
    for qid, (revision, digest) in keys.items():
        old = locked.get(qid)
        if not old:
            continue
        if old[0] == revision and old[1] != digest:
            message = f"the answer key of {qid} changed but its revision is still {revision}"
            hint = f"set `revision: {revision + 1}` so history and reviews of the old key stay apart"
        elif revision < old[0]:
            message, hint = f"the revision of {qid} went down from {old[0]} to {revision}", "revisions only go up"
        else:
            continue
        w = where[qid]
        line, col = w.located.where((*w.at, "revision"))
        out.append(Diagnostic(w.file, line, col, "L004", message, hint))
    return out


def write_keys(keys_file: Path, keys: dict[str, list[Any]]) -> None:
    """Record every item's revision and answer-key digest (kept for retired ids too)."""
    merged: dict[str, list[Any]] = {}
    if keys_file.exists():
        try:
            merged = json.loads(keys_file.read_text(encoding="utf-8"))
        except ValueError:
            merged = {}
    merged.update(keys)
    keys_file.write_text(json.dumps(dict(sorted(merged.items())), indent=0) + "\n", encoding="utf-8")
