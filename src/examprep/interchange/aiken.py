"""Moodle's Aiken format: a question, lettered options ``A) ...`` or ``A. ...``, then ``ANSWER: X``.

It has no feedback, names or categories, so every rationale and explanation is a placeholder.
"""

from __future__ import annotations

import re

from examprep.errors import UserError
from examprep.interchange.source import SourceAnswer, SourceQuestion, decode_text

_OPTION = re.compile(r"^([A-Z])[).][ \t]+(.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*(.*)$")
_HINT = "each question is its text, options 'A) ...' one per line, then 'ANSWER: A'"


class _Reader:
    def __init__(self, where: str) -> None:
        self.where = where
        self.found: list[SourceQuestion] = []
        self.text: list[str] = []
        self.options: list[tuple[str, str]] = []
        self.start = 0

    def fail(self, line: int, message: str) -> UserError:
        return UserError(f"{self.where}:{line}: {message}", _HINT)

    def line(self, number: int, line: str) -> None:
        option, answer = _OPTION.match(line), _ANSWER.match(line)
        if option:
            if not self.text:
                raise self.fail(number, f"option {option.group(1)}) comes before any question text")
            self.options.append((option.group(1), option.group(2).strip()))
        elif answer:
            self.finish(number, answer.group(1).strip())
        elif self.options:
            raise self.fail(number, f"expected an option or 'ANSWER: X', found {line[:40]!r}")
        else:
            self.start = self.start or number
            self.text.append(line)

    def finish(self, number: int, letter: str) -> None:
        letters = [label for label, _ in self.options]
        if not self.options:
            raise self.fail(number, "ANSWER: without options before it")
        if letter not in letters:
            raise self.fail(number, f"ANSWER: {letter or '(nothing)'} is not one of the options {', '.join(letters)}")
        text = "\n".join(self.text)
        answers = [SourceAnswer(body, float(label == letter)) for label, body in self.options]
        self.found.append(SourceQuestion("multichoice", "", text, self.start, answers))
        self.text, self.options, self.start = [], [], 0


def parse(raw: bytes, where: str) -> list[SourceQuestion]:
    """Every question of an Aiken file, as single-answer multiple choice."""
    reader = _Reader(where)
    lines = decode_text(raw, where).split("\n")
    for number, line in enumerate(lines, start=1):
        if line.strip():
            reader.line(number, line.strip())
    if reader.text or reader.options:
        raise reader.fail(reader.start, "the last question has no 'ANSWER: X' line")
    return reader.found
