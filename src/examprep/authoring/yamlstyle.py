"""Write YAML the way the bank style guide asks: text quoted, code in `|` blocks, keys plain."""

from __future__ import annotations

import re
from typing import Any

import yaml

_PLAIN = re.compile(r"^[a-z_][a-z0-9_]*$")


class BankDumper(yaml.SafeDumper):
    """A safe dumper with the bank style; never emits anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar(
            "tag:yaml.org,2002:str", value if value.endswith("\n") else value + "\n", style="|"
        )
    style = (
        None
        if _PLAIN.match(value) and value not in ("true", "false", "null", "yes", "no", "on", "off", "y", "n")
        else '"'
    )
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


BankDumper.add_representer(str, _str)


def dump(data: Any) -> str:
    """``data`` as bank-style YAML (block style, key order kept)."""
    return yaml.dump(data, Dumper=BankDumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
