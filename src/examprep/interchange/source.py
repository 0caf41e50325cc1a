"""The neutral form every importer parses into: Moodle's question model, format-free.

GIFT, Aiken and Moodle XML all describe Moodle questions, so one record type (Moodle's ``qtype``
names, answers with fractions and feedback) carries any of them to the shared converter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from examprep.errors import UserError

MAX_SOURCE_BYTES = 20 * 1024 * 1024


@dataclass
class SourceAnswer:
    """One answer as Moodle stores it: text, fraction of the mark (1.0 = 100%), feedback."""

    text: str
    fraction: float
    feedback: str = ""
    tolerance: float = 0.0
    """Numerical answers only: the accepted error either side."""


@dataclass
class SourceQuestion:
    """One question read from a source file, texts already turned into Markdown."""

    qtype: str
    """Moodle's type name: multichoice, truefalse, shortanswer, numerical, match, essay, ..."""
    name: str
    text: str
    line: int
    """1-based line of the question in the source file."""
    answers: list[SourceAnswer] = field(default_factory=list)
    general_feedback: str = ""
    tags: list[str] = field(default_factory=list)
    single: bool = True
    """Multichoice: one answer allowed (radio buttons) rather than several (check boxes)."""
    case_sensitive: bool = False
    pairs: list[tuple[str, str]] = field(default_factory=list)
    """Matching: (prompt, response); an empty prompt makes the response a distractor."""
    choices: list[tuple[str, int]] = field(default_factory=list)
    """Gap select / drag into text: (choice text, group); gaps are written ``[[n]]`` in the text."""
    units: list[tuple[str, float]] = field(default_factory=list)
    """Numerical: (unit name, multiplier)."""
    idnumber: str = ""
    notes: list[str] = field(default_factory=list)
    """What the parser itself already had to change or leave out."""


def decode_text(raw: bytes, where: str) -> str:
    """A text source file as a string with ``\\n`` line ends, or a UserError naming the bad line."""
    if len(raw) > MAX_SOURCE_BYTES:
        raise UserError(
            f"{where}: the file is larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB",
            "split it into smaller files and import them one by one",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(
            f"{where}:{line}: the file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save it as UTF-8 (GIFT and Aiken files must be UTF-8) and import it again",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
