"""A YAML reader for untrusted bank files: safe, strict, and located.

It walks the parser's events itself instead of constructing objects, which lets it refuse what a
bank never needs and what makes YAML dangerous or surprising: tags (``!!python/...``), anchors and
aliases (alias bombs), merge keys, duplicate keys (PyYAML silently keeps the last: a changed
answer key), several documents, oversized or deeply nested input, bad UTF-8 and NUL bytes. Every
value's position is recorded so later errors can name a line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from examprep.core.diagnostics import BankError, Diagnostic

try:  # The C parser is much faster; fall back to pure Python where libyaml is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32

Path = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$|^0o[0-7]+$|^0x[0-9a-fA-F]+$|^0[0-7]+$")
_FLOAT = re.compile(
    r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"
)
_DATE = re.compile(r"^\d{4}-\d\d?-\d\d?(?:[Tt ].*)?$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9]+(?::[0-5]?[0-9])+$")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
#: Words YAML 1.1 reads as booleans and YAML 1.2 reads as strings. Editors and PyYAML disagree,
#: so neither reading is safe: they must be quoted.
_AMBIGUOUS_BOOL = {w for base in ("yes", "no", "on", "off", "y", "n") for w in (base, base.title(), base.upper())}


@dataclass(frozen=True)
class Ambiguous:
    """An unquoted scalar whose meaning differs between YAML readers (``No``, ``0.1``, ``12:30``).

    It validates as nothing, so a strict model reports it at its position.
    """

    text: str
    reads_as: str

    def __repr__(self) -> str:
        return f"unquoted {self.text!r} (YAML reads it as {self.reads_as})"


@dataclass
class Located:
    """Plain data from one YAML document and the 1-based (line, col) of every key and value."""

    data: Any
    values: dict[Path, tuple[int, int]]
    keys: dict[Path, tuple[int, int]]

    def where(self, path: Path) -> tuple[int, int]:
        """The position of ``path``, or of its nearest located ancestor."""
        for cut in range(len(path), -1, -1):
            found = self.values.get(path[:cut])
            if found:
                return found
        return (1, 1)


def _resolve_plain(text: str) -> Any:
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text in _AMBIGUOUS_BOOL:
        return Ambiguous(text, "a boolean in YAML 1.1, a string in YAML 1.2")
    if _INT.match(text):
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return Ambiguous(text, "an octal number in YAML 1.1")
    if _FLOAT.match(text):
        try:
            return float(text.replace("_", ""))
        except ValueError:  # "." or "._": YAML 1.2 reads them as strings too
            return text
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return text
    if _SEXAGESIMAL.match(text):
        return Ambiguous(text, "a base-60 number in YAML 1.1")
    return text


def _decode(raw: bytes, path: str) -> str:
    if len(raw) > MAX_BYTES:
        raise BankError(
            [
                Diagnostic(
                    path,
                    1,
                    1,
                    "Y000",
                    f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
                    "split the bank into several files",
                )
            ]
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise BankError([Diagnostic(path, line, 1, "Y000", "file contains a NUL byte", "save it as UTF-8 text")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BankError(
            [Diagnostic(path, line, col, "Y000", "file is not valid UTF-8", "re-save the file with UTF-8 encoding")]
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _check_depth(text: str, path: str) -> None:
    """Refuse deep nesting before the C parser sees it (libyaml can overflow its stack)."""
    if text.count("[") + text.count("{") > MAX_DEPTH:  # else it cannot nest that deep: skip the scan
        _check_brackets(text, path)
    if " " * (MAX_DEPTH * 4) not in text:
        return
    indent = re.search(rf"^ {{{MAX_DEPTH * 4},}}\S", text, re.MULTILINE)
    if indent:
        line = text.count("\n", 0, indent.start()) + 1
        raise BankError(
            [
                Diagnostic(
                    path,
                    line,
                    1,
                    "Y005",
                    f"indentation deeper than {MAX_DEPTH * 4} spaces",
                    "a bank never needs this; flatten the structure",
                )
            ]
        )


def _check_brackets(text: str, path: str) -> None:
    brackets = re.sub(r"[^\[\]{}]", "", text)
    depth = 0
    for i, ch in enumerate(brackets):
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            # Locate the culprit in the original text for the message.
            seen = -1
            for _ in range(i + 1):
                seen = min((p for p in (text.find(c, seen + 1) for c in "[]{}") if p >= 0), default=-1)
            line = text.count("\n", 0, seen) + 1
            raise BankError(
                [
                    Diagnostic(
                        path,
                        line,
                        1,
                        "Y005",
                        f"nesting deeper than {MAX_DEPTH} levels",
                        "a bank never needs this; flatten the structure",
                    )
                ]
            )


class _Builder:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.lines: list[str] | None = None
        self.path = path
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}
        self.problems: list[Diagnostic] = []

    def _line(self, n: int) -> str:
        if self.lines is None:
            self.lines = self.text.splitlines()
        return self.lines[n] if n < len(self.lines) else ""

    def _diag(self, mark: Any, code: str, message: str, hint: str, severity: str = "error") -> None:
        self.problems.append(Diagnostic(self.path, mark.line + 1, mark.column + 1, code, message, hint, severity))  # type: ignore[arg-type]

    def _refuse_decorations(self, event: Any) -> None:
        if event.anchor is None and event.tag is None:  # the common case, checked cheaply
            return
        if isinstance(event, yaml.AliasEvent):
            return
        if getattr(event, "anchor", None) is not None:
            self._diag(
                event.start_mark,
                "Y002",
                f"anchor &{event.anchor} is not allowed in banks",
                "write the value out in full; anchors and aliases are refused",
            )
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit = tag is not None and not (implicit is True or (isinstance(implicit, tuple) and any(implicit)))
        if explicit or (
            tag is not None
            and isinstance(event, yaml.CollectionStartEvent)
            and tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
        ):
            self._diag(
                event.start_mark,
                "Y003",
                f"YAML tag {tag} is not allowed",
                "remove the tag; banks hold plain strings, numbers, lists and mappings",
            )

    def scalar(self, event: Any) -> Any:
        if event.style:  # quoted or block: always a string
            return event.value
        value = _resolve_plain(event.value)
        if (
            isinstance(value, str)
            and value
            and "#" in self.text[event.end_mark.index : self.text.find("\n", event.end_mark.index) + 1 or None]
        ):
            rest = self._line(event.end_mark.line)[event.end_mark.column :]
            if re.match(r"\s+#", rest):
                self._diag(
                    event.end_mark,
                    "Y010",
                    f"text {value!r} is followed by {rest.strip()!r}, which YAML drops as a comment",
                    "quote the whole value, or move the comment to its own line",
                )
        return value

    def build(self, events: Any, first: Any, path: Path) -> Any:
        self._refuse_decorations(first)
        self.values[path] = (first.start_mark.line + 1, first.start_mark.column + 1)
        if isinstance(first, yaml.ScalarEvent):
            return self.scalar(first)
        if isinstance(first, yaml.AliasEvent):
            self._diag(
                first.start_mark,
                "Y001",
                f"alias *{first.anchor} is not allowed in banks",
                "write the value out in full; anchors and aliases are refused (and quote text that starts with '*')",
            )
            return None
        if isinstance(first, yaml.SequenceStartEvent):
            items: list[Any] = []
            for event in events:
                if isinstance(event, yaml.SequenceEndEvent):
                    return items
                items.append(self.build(events, event, (*path, len(items))))
        if isinstance(first, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            seen: dict[Any, int] = {}
            for event in events:
                if isinstance(event, yaml.MappingEndEvent):
                    return mapping
                key_mark = event.start_mark
                key = self.build(events, event, (*path, "<key>"))
                if isinstance(key, Ambiguous):
                    key = key.text
                value_event = next(events)
                if key == "<<":
                    self._diag(
                        key_mark, "Y004", "merge keys (<<) are not allowed in banks", "write the keys out in full"
                    )
                if not isinstance(key, str):
                    self._diag(
                        key_mark,
                        "Y006",
                        f"mapping key {key!r} is not a string",
                        "keys are field names such as 'stem' or 'options'",
                    )
                    key = str(key)
                child = (*path, key)
                if key in seen:
                    self._diag(
                        key_mark,
                        "Y100",
                        f"duplicate key {key!r} (first at line {seen[key]})",
                        "delete one of them: YAML would silently keep only the last",
                    )
                seen[key] = key_mark.line + 1
                self.keys[child] = (key_mark.line + 1, key_mark.column + 1)
                mapping[key] = self.build(events, value_event, child)
        return None


def load_located(raw: bytes, path: str) -> Located:
    """Parse one bank file's bytes into plain data with positions, or raise :class:`BankError`."""
    text = _decode(raw, path)
    _check_depth(text, path)
    builder = _Builder(text, path)
    events = yaml.parse(text, Loader=_Loader)
    data: Any = None
    documents = 0
    try:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder._diag(
                        event.start_mark,
                        "Y007",
                        "a bank file holds one YAML document",
                        "remove the '---' separator or split the file",
                    )
                    break
                continue
            if isinstance(event, yaml.StreamStartEvent | yaml.StreamEndEvent | yaml.DocumentEndEvent):
                continue
            data = builder.build(events, event, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "cannot parse"
        hint = "quote the text (YAML reads ':', '#', '*', '&', '!', '|', '>', '[', '{' specially)"
        if "found character '\\t'" in str(exc):
            hint = "indent with spaces, never tabs"
        raise BankError(
            [*builder.problems, Diagnostic(path, line, col, "Y100", f"YAML syntax error: {problem}", hint)]
        ) from None
    except yaml.YAMLError as exc:
        raise BankError(
            [
                *builder.problems,
                Diagnostic(path, 1, 1, "Y100", f"YAML error: {exc}", "check the file is a YAML mapping"),
            ]
        ) from None
    if builder.problems and any(d.severity == "error" for d in builder.problems):
        raise BankError(builder.problems)
    return Located(data, builder.values, builder.keys)
