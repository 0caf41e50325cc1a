"""Textual's footer of key bindings, compact when the terminal is narrow."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer


class KeyFooter(Footer):
    """Below 100 columns the keys are packed closer, so all of them fit at 80."""

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < 100
