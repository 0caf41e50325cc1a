"""What every exporter needs from a bank question, computed once: texts, gaps, weights and keys."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from examprep.core import models
from examprep.interchange.textconv import with_code

Item = models.ItemModel


@dataclass(frozen=True)
class Entry:
    """One answerable item and the case study it belongs to, if any."""

    item: Item
    case: models.CaseStudy | None = None


def entries(bank: models.Bank) -> Iterator[Entry]:
    """Every answerable item of a bank, case-study sub-questions with their case study."""
    for question in bank.questions:
        if isinstance(question, models.CaseStudy):
            yield from (Entry(sub, question) for sub in question.questions)
        else:
            yield Entry(question)


def stem_text(item: Item) -> str:
    """The stem with the item's code as a fenced block (how code travels in other formats)."""
    return with_code(item.stem, item.code)


def gap_text(item: models.FillIn, blank: Callable[[str], str]) -> str:
    """Stem and code of a fill-in item with each ``{{name}}`` replaced by ``blank(name)``."""
    stem = models.BLANK_PATTERN.sub(lambda m: blank(m.group(1)), item.stem)
    code = models.BLANK_PATTERN.sub(lambda m: blank(m.group(1)), item.code) if item.code else None
    return with_code(stem, code)


def gap_names(item: models.FillIn) -> list[str]:
    """Blank names in the order their gaps appear (stem first, then code)."""
    found = models.BLANK_PATTERN.findall(item.stem + "\n" + (item.code or ""))
    return list(dict.fromkeys(found))


def multi_fractions(select: int) -> tuple[float, float]:
    """Moodle percentages (correct, wrong) for a multiple-response item: +100/N and -100/N."""
    share = round(100 / select, 5)
    return share, -share


def percent(value: float) -> str:
    """A percentage as Moodle writes it: ``100``, ``33.33333``, ``-50``."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def letter(n: int) -> str:
    """Option letters as learners see them: A, B, ..."""
    return chr(ord("A") + n)


def one_line(text: str, limit: int = 60) -> str:
    """Text squeezed onto one line for report messages."""
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def general_feedback(item: Item) -> str:
    """The explanation, with the references appended (neither LMS format has a place for them)."""
    if not item.references:
        return item.explanation.strip()
    refs = "\n".join(f"- {r}" for r in item.references)
    return f"{item.explanation.strip()}\n\nReferences:\n{refs}"


def losses(item: Item, fmt: str, code_as: str = "a fenced block") -> list[str]:
    """What any LMS format loses of an item, whatever the type mapping."""
    notes = []
    if isinstance(item, models.CodeOutput):
        notes.append(f"code_output exported as multiple choice with the code in {code_as} ({fmt} cannot run code)")
    if isinstance(item, models.FillIn) and item.expected_output is not None:
        notes.append("expected_output dropped (only examprep lint runs code)")
    return notes
