"""Write YAML the way the bank style guide asks: text quoted, code in `|` blocks, keys plain.

PyYAML does the escaping (so any text round-trips); this module only chooses the styles.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_PLAIN = re.compile(r"^[a-z_][a-z0-9_]*$")
_AMBIGUOUS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
#: Keys whose text is always a ``|`` block, even on one line (code must never be reflowed).
_BLOCK_KEYS = frozenset({"code"})
#: Keys whose values are identifiers, written plain when they are plain words.
_WORD_KEYS = frozenset({"id", "type", "difficulty", "tags"})
#: Characters a block scalar cannot hold (YAML reads them as line breaks or a byte-order mark).
_BLOCK_UNSAFE = frozenset("\x85\u2028\u2029\ufeff")
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/question-bank.schema.json"


class _Block(str):
    """Text to write as a literal block."""


class _Text(str):
    """Free text: always quoted (or a block when it has several lines)."""


class BankDumper(yaml.SafeDumper):
    """A safe dumper with the bank style; never emits anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as the bundled banks are written.
        super().increase_indent(flow, False)


def _multiline_style(value: str) -> str:
    return '"' if _BLOCK_UNSAFE.intersection(value) else "|"


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        style = _multiline_style(value)
    elif _PLAIN.match(value) and value not in _AMBIGUOUS:
        style = None
    else:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _block(dumper: yaml.SafeDumper, value: _Block) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=_multiline_style(value))


def _text(dumper: yaml.SafeDumper, value: _Text) -> yaml.ScalarNode:
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", str(value), style=_multiline_style(value) if "\n" in value else '"'
    )


BankDumper.add_representer(str, _str)
BankDumper.add_representer(_Block, _block)
BankDumper.add_representer(_Text, _text)


def _mark(data: Any, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: _mark(v, str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [_mark(v, key) for v in data]
    if isinstance(data, str):
        if key in _BLOCK_KEYS:
            return _Block(data)
        return data if key in _WORD_KEYS else _Text(data)
    return data


def dump(data: Any) -> str:
    """``data`` as bank-style YAML (block style, key order kept)."""
    return yaml.dump(
        _mark(data), Dumper=BankDumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def dump_bank(bank: dict[str, Any]) -> str:
    """A whole bank file, starting with the schema line editors use."""
    return f"{SCHEMA_LINE}\n{dump(bank)}"
