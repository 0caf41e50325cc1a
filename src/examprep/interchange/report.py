"""What a conversion could not carry over, line by line, for the user to read on stderr."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    """Located notes (``where: message``) gathered while converting, in the order they arose."""

    lines: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        """Record one note about ``where`` (a file position, question or item id)."""
        self.lines.append(f"{where}: {message}")

    def extend(self, where: str, messages: list[str]) -> None:
        """Record several notes about the same place."""
        for message in messages:
            self.add(where, message)

    def render(self) -> str:
        """All notes, one per line."""
        return "\n".join(self.lines)
