"""Errors that reach the user as a message and an exit code, never as a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix: a message, a hint saying how, and the exit code to use."""

    def __init__(self, message: str, hint: str = "", exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code
