"""``examprep import``: a GIFT, Aiken or Moodle XML file as a lint-clean bank, plus a report of the losses."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from examprep.authoring.yamlstyle import dump_bank
from examprep.core import models
from examprep.core.profiles import Profile
from examprep.core.rules import check_bank
from examprep.core.yamlsafe import Located
from examprep.interchange import aiken, gift, moodle_xml
from examprep.interchange.convert import Refused, convert
from examprep.interchange.outline import one_line
from examprep.interchange.report import Report
from examprep.interchange.source import SourceQuestion
from examprep.interchange.textconv import slug

Parser = Callable[[bytes, str], list[SourceQuestion]]
PARSERS: dict[str, Parser] = {"gift": gift.parse, "aiken": aiken.parse, "moodle-xml": moodle_xml.parse}
_QUESTION: TypeAdapter[Any] = TypeAdapter(models.Question)
_ID = re.compile(models.ID_PATTERN)


@dataclass
class Imported:
    """The written bank (None when nothing could be imported) and what happened."""

    yaml_text: str | None
    imported: int
    found: int
    report: Report


def id_prefix(path: Path) -> str:
    """The id prefix of a source file: its name as a slug, starting with a letter."""
    base = slug(path.name.split(".")[0], limit=32)
    return base if base[:1].isalpha() else f"q-{base}".rstrip("-")


def question_id(prefix: str, source: SourceQuestion) -> str:
    """A Moodle id number that is a valid examprep id, else ``prefix-<hash of type, name and text>``."""
    if 3 <= len(source.idnumber) <= 64 and _ID.match(source.idnumber):
        return source.idnumber
    digest = hashlib.sha256(f"{source.qtype}\n{source.name}\n{source.text}".encode()).hexdigest()[:8]
    return f"{prefix}-{digest}"


def _header(path: Path, fmt: str, prefix: str, profile: Profile) -> dict[str, Any]:
    return {
        "format_version": 1,
        "id": prefix if len(prefix) >= 3 else f"{prefix}-bank",
        "title": f"Imported from {path.name}",
        "profile": profile.id,
        "license": "LicenseRef-unknown",
        "authors": [{"name": "TODO: author name"}],
        "version": "1.0.0",
        "description": f"Imported from {path.name} ({fmt}) by `examprep import`. Review every TODO before use.",
    }


def lint_errors(data: dict[str, Any], header: dict[str, Any], profile: Profile, where: str) -> list[str]:
    """Why one converted question would fail ``examprep lint`` (schema and rules), if it would."""
    try:
        _QUESTION.validate_python(data)
    except ValidationError as exc:
        return [f"{'.'.join(str(p) for p in e['loc'][1:]) or 'question'}: {e['msg']}" for e in exc.errors()]
    bank_data = {**header, "questions": [data]}
    bank = models.Bank.model_validate(bank_data)
    found = check_bank(bank, Located(bank_data, {}, {}), where, profile)
    return [f"[{d.code}] {d.message}" for d in found if d.severity == "error"]


def _label(source: SourceQuestion) -> str:
    return f'"{one_line(source.name or source.text, 50)}"'


def import_file(path: Path, raw: bytes, fmt: str, profile: Profile, domain: int) -> Imported:
    """Convert a source file's bytes; ``path`` names it in ids, the header and the report."""
    sources = PARSERS[fmt](raw, path.name)
    prefix = id_prefix(path)
    header = _header(path, fmt, prefix, profile)
    report = Report()
    questions: list[dict[str, Any]] = []
    seen: set[str] = set()
    for source in sources:
        where = f"{path.name}:{source.line} {_label(source)}"
        qid = base = question_id(prefix, source)
        n = 1
        while qid in seen:
            n += 1
            qid = f"{base}-{n}"
        try:
            converted = convert(source, qid, domain)
        except Refused as exc:
            report.add(where, exc.message)
            continue
        errors = lint_errors(converted.data, header, profile, path.name)
        if errors:
            report.add(where, "would not pass lint (" + "; ".join(errors) + "): skipped")
            continue
        if n > 1:
            converted.notes.append(f"same name and text as {base}: imported again as {qid}")
        seen.add(qid)
        report.extend(f"{where} -> {qid}", converted.notes)
        questions.append(converted.data)
    if not questions:
        return Imported(None, 0, len(sources), report)
    report.add(path.name, "every question is difficulty 'medium' (no source format has one): adjust them")
    report.add(path.name, "the bank's license and authors are placeholders: set them before sharing the bank")
    return Imported(dump_bank({**header, "questions": questions}), len(questions), len(sources), report)
