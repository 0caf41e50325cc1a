"""Read one bank file into a validated :class:`Bank`, with every error located in the YAML."""

from __future__ import annotations

import datetime as dt
import difflib
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from examprep.core import models
from examprep.core.diagnostics import BankError, Diagnostic
from examprep.core.vocabulary import QUESTION_TYPES
from examprep.core.yamlsafe import Ambiguous, Located, load_located

_BANK = TypeAdapter(models.Bank)  # builds on first use: Bank defers its build


@cache
def _field_names() -> tuple[str, ...]:
    names: set[str] = set()
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            names.update(obj.model_fields)
    return tuple(sorted(names))


def _walk(loc: tuple[Any, ...], data: Any) -> tuple[tuple[str | int, ...], bool]:
    """Follow a pydantic ``loc`` through the data, skipping union tags it inserts.

    Returns the data path reached and whether the whole ``loc`` was found.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
            path.append(part)
        elif isinstance(part, str) and part in QUESTION_TYPES:
            continue  # the discriminated union's tag, not a key in the file
        else:
            return tuple(path), False
    return tuple(path), True


def _describe_input(value: Any) -> str | None:
    if isinstance(value, Ambiguous):
        return f"{value!r}"
    if isinstance(value, bool):
        return f"unquoted {str(value).lower()!r} (YAML reads it as a boolean)"
    if isinstance(value, int | float):
        return f"unquoted {value!r} (YAML reads it as a number)"
    if isinstance(value, dt.date):
        return f"unquoted {value.isoformat()!r} (YAML reads it as a date)"
    return None


def _diagnostic(err: Any, located: Located, path: str) -> Diagnostic:
    loc: tuple[Any, ...] = tuple(err["loc"])
    data_path, complete = _walk(loc, located.data)
    dotted = ".".join(str(p) for p in data_path) or "(top level)"
    kind = err["type"]
    if kind == "extra_forbidden":
        key = loc[-1]
        line, col = located.keys.get(data_path, located.where(data_path))
        close = difflib.get_close_matches(str(key), _field_names(), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "remove it; see `examprep schema` for the fields"
        return Diagnostic(path, line, col, "S001", f"{dotted}: unknown field '{key}'", hint)
    line, col = located.where(data_path)
    if kind == "missing":
        where = ".".join(str(p) for p in data_path) or "the bank"
        return Diagnostic(path, line, col, "S002", f"{where}: missing required field '{loc[-1]}'", f"add `{loc[-1]}:`")
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return Diagnostic(
            path,
            line,
            col,
            "S003",
            f"{dotted}: unknown or missing question type",
            "set `type:` to one of " + ", ".join(QUESTION_TYPES),
        )
    described = _describe_input(err.get("input")) if complete else None
    if described and kind in ("string_type", "bool_type", "int_type", "float_type"):
        want = {
            "string_type": "text",
            "bool_type": "true or false",
            "int_type": "a whole number",
            "float_type": "a number",
        }[kind]
        raw = err.get("input")
        shown = raw.text if isinstance(raw, Ambiguous) else (str(raw).lower() if isinstance(raw, bool) else str(raw))
        hint = f'put it in quotes: "{shown}"' if kind == "string_type" else f"write {want}"
        return Diagnostic(path, line, col, "S004", f"{dotted}: expected {want} but found {described}", hint)
    return Diagnostic(
        path, line, col, "S005", f"{dotted}: {err['msg']}", "see `examprep schema` for what this field takes"
    )


def validate_bank(located: Located, path: str) -> models.Bank:
    """Validate located YAML data as a bank, or raise :class:`BankError` with located diagnostics."""
    if not isinstance(located.data, dict):
        raise BankError(
            [
                Diagnostic(
                    path,
                    1,
                    1,
                    "S000",
                    "a bank file is a mapping with a header and `questions:`",
                    "start from `examprep new-question` or a bundled bank",
                )
            ]
        )
    try:
        return _BANK.validate_python(located.data)
    except ValidationError as exc:
        diags = sorted({_diagnostic(e, located, path) for e in exc.errors(include_url=False)})
        raise BankError(diags) from None


def load_bank_bytes(raw: bytes, path: str) -> tuple[models.Bank, Located]:
    """Parse and validate one bank file's bytes."""
    located = load_located(raw, path)
    return validate_bank(located, path), located
