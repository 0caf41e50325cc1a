"""Markdown shown as one cheap widget (Rich's renderer), for stems, scenarios and feedback.

Textual's Markdown widget mounts a widget per block, which costs hundreds of milliseconds per
question; a Static holding a Rich Markdown renderable draws the same text in a few. Bank text is
parsed as Markdown only: Rich markup such as ``[bold]`` stays literal.
"""

from __future__ import annotations

import io

from rich.markdown import Markdown
from textual.widgets import Static


class MarkdownText(Static):
    """Read-only Markdown; ``source`` is the text last shown."""

    DEFAULT_CSS = """
    MarkdownText { height: auto; }
    """

    def __init__(self, source: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = ""
        self.show(source)

    def show(self, source: str) -> None:
        """Replace the text."""
        self.source = source
        self.update(Markdown(source, code_theme="monokai", inline_code_theme="monokai", hyperlinks=False))


def warm_up() -> None:
    """Render a code block once, off screen: the first one imports Pygments' lexers (~40 ms),
    which would otherwise stall the first code question of an exam."""
    from rich.console import Console

    Console(file=io.StringIO(), width=40).print(Markdown("```python\nx = 1\n```"))
