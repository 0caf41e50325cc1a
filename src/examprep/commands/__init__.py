"""Subcommands beyond the authoring basics; each module adds its own parser."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add every subcommand module's parser to ``sub``."""
    from examprep.commands import authoring, history, interchange, serve

    history.register(sub)
    authoring.register(sub)
    serve.register(sub)
    interchange.register(sub)
