"""Keep one failing handler from taking the app down.

Textual stops a widget's message loop (and exits the app) on an unhandled exception. Every
answer is already persisted by the time a handler runs, so for examprep's own screens and
widgets the better behaviour is to report the error and keep the exam going.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message


class Guarded:
    """Mixin for a MessagePump: exceptions in its handlers go to ``app.report_error``."""

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except Exception as error:
            app: Any = self.app  # type: ignore[attr-defined]
            if not getattr(app, "crash_safe", False):
                raise
            app.report_error(error)
