"""Moodle's GIFT text format: read it the way Moodle's importer does, and write banks as GIFT.

Questions are separated by blank lines; ``//`` starts a comment line; ``::name::`` names a
question; ``[html]``/``[markdown]``/... sets a text format; the answers sit in one ``{...}``
block whose content decides the type, as in Moodle (``~`` multiple choice, ``=a -> b`` matching,
``#`` numerical, ``T``/``F`` true-false, otherwise short answer; empty: essay; none: description).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from examprep.core import models
from examprep.errors import UserError
from examprep.interchange.outline import (
    entries,
    gap_names,
    gap_text,
    general_feedback,
    losses,
    multi_fractions,
    percent,
    stem_text,
)
from examprep.interchange.report import Report
from examprep.interchange.source import SourceAnswer, SourceQuestion, decode_text
from examprep.interchange.textconv import category_tags, html_to_markdown, looks_like_html

# Escaped control characters become private-use placeholders while the question is split up.
_SPECIAL = ":#={}~n\\"
_PLACEHOLDER = {ch: chr(0xE000 + n) for n, ch in enumerate(_SPECIAL)}
_RESTORE = {v: ("\n" if k == "n" else k) for k, v in _PLACEHOLDER.items()}
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")


@dataclass
class _Block:
    text: str
    line: int
    lines: list[int]
    """Source line of each line of ``text`` (comments removed)."""

    def line_at(self, pos: int) -> int:
        return self.lines[min(self.text.count("\n", 0, pos), len(self.lines) - 1)]


def _blocks(text: str) -> Iterator[_Block]:
    kept: list[str] = []
    numbers: list[int] = []
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        if line.strip().startswith("//"):
            continue
        if line.strip():
            kept.append(line)
            numbers.append(number)
        elif kept:
            yield _Block("\n".join(kept).strip(), numbers[0], numbers)
            kept, numbers = [], []


def _escape_in(text: str) -> str:
    out: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append(_PLACEHOLDER.get(nxt, "\\" + nxt))
        else:
            out.append(ch)
    return "".join(out)


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(ch, ch) for ch in text)


def _formatted(text: str, default: str) -> tuple[str, str]:
    """(Markdown text, format) of a GIFT text with an optional ``[format]`` prefix."""
    text = text.strip()
    found = _FORMAT.match(text)
    fmt = found.group(1) if found else default
    body = _restore(text[found.end() :] if found else text).strip()
    if fmt == "html" or (fmt == "moodle" and looks_like_html(body)):
        return html_to_markdown(body), fmt
    if fmt != "markdown":
        # Indentation that only lays out the GIFT file would turn into Markdown code blocks.
        body = "\n".join(line.strip() for line in body.split("\n"))
    return body, fmt


def _weight(text: str) -> tuple[float | None, str]:
    found = _WEIGHT.match(text)
    if not found:
        return None, text
    return float(found.group(1)) / 100, text[found.end() :]


def _answer(text: str, fraction: float, fmt: str) -> SourceAnswer:
    body, _, feedback = text.partition("#")
    return SourceAnswer(_formatted(body, fmt)[0], fraction, _formatted(feedback, fmt)[0])


def _split(text: str, sep: str) -> list[str]:
    parts = text.split(sep)
    return parts[1:] if not parts[0].strip() else parts


class _Parser:
    def __init__(self, where: str) -> None:
        self.where = where
        self.tags: list[str] = []

    def fail(self, block: _Block, pos: int, message: str, hint: str) -> UserError:
        return UserError(f"{self.where}:{block.line_at(pos)}: {message}", hint)

    def question(self, block: _Block) -> SourceQuestion | None:
        text = _escape_in(block.text)
        if text.startswith("$CATEGORY:"):
            self.tags = category_tags(_restore(text[len("$CATEGORY:") :]))
            return None
        name = ""
        if text.startswith("::"):
            end = text.find("::", 2)
            if end >= 0:
                name = _restore(text[2:end]).strip()
                text = text[end + 2 :].strip()
            else:
                text = text[2:]
        start, finish = text.find("{"), text.find("}")
        if start < 0 and finish < 0:
            body, _ = _formatted(text, "moodle")
            return SourceQuestion("description", name, body, block.line, tags=list(self.tags))
        if start < 0 or finish < start:
            raise self.fail(
                block,
                max(start, finish),
                "unbalanced braces",
                "write the answers as {...}; escape a literal brace as \\{ or \\}",
            )
        if "{" in text[finish + 1 :] or "}" in text[finish + 1 :]:
            raise self.fail(
                block,
                finish + 1,
                "a second answer block {...} in one question",
                "a question has one answer block: escape literal braces as \\{ and \\}, or split the question",
            )
        answer = text[start + 1 : finish].strip()
        # As in Moodle: answers at the very end are removed, elsewhere they leave a blank to fill.
        after = text[finish + 1 :]
        stem_text = text[:start] + ("_____" + after if after.strip() else "")
        cut = answer.rfind("####")
        general = answer[cut + 4 :] if cut >= 0 else ""
        answer = answer[:cut].strip() if cut >= 0 else answer
        stem, fmt = _formatted(stem_text.strip(), "moodle")
        source = SourceQuestion("", name, stem, block.line, tags=list(self.tags))
        source.general_feedback = _formatted(general, fmt)[0]
        self.fill(source, answer, fmt, block, start)
        return source

    def fill(self, source: SourceQuestion, answer: str, fmt: str, block: _Block, pos: int) -> None:
        if not answer:
            source.qtype = "essay"
        elif answer.startswith("#"):
            source.qtype = "numerical"
            self.numerical(source, answer[1:], fmt, block, pos)
        elif "~" in answer:
            source.qtype = "multichoice"
            source.single = "=" in answer
            for part in _split(answer.replace("=", "~="), "~"):
                part = part.strip()
                weight, part = (1.0, part[1:]) if part.startswith("=") else _weight(part)
                source.answers.append(_answer(part, weight or 0.0, fmt))
        elif "=" in answer and "->" in answer:
            source.qtype = "match"
            for part in _split(answer, "="):
                left, arrow, right = part.partition("->")
                if not arrow:
                    raise self.fail(
                        block,
                        pos,
                        f"matching answer without '->': {_restore(part).strip()!r}",
                        "write each pair as =prompt -> response",
                    )
                source.pairs.append((_formatted(left, fmt)[0], _restore(right).strip()))
        elif answer.partition("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
            source.qtype = "truefalse"
            value, _, rest = answer.partition("#")
            wrong, _, right = rest.partition("#")
            truth = value.strip() in ("T", "TRUE")
            source.answers = [
                SourceAnswer("true", float(truth), _formatted(right if truth else wrong, fmt)[0]),
                SourceAnswer("false", float(not truth), _formatted(wrong if truth else right, fmt)[0]),
            ]
        else:
            source.qtype = "shortanswer"
            for part in _split(answer, "="):
                weight, part = _weight(part.strip())
                source.answers.append(_answer(part, 1.0 if weight is None else weight, fmt))

    def numerical(self, source: SourceQuestion, answer: str, fmt: str, block: _Block, pos: int) -> None:
        answer, _, wrong = answer.partition("~")
        if wrong.strip():
            source.notes.append("feedback for wrong numbers dropped")
        for part in _split(answer, "="):
            weight, part = _weight(part.strip())
            value, _, feedback = part.partition("#")
            value = _restore(value).strip()
            low, dots, high = value.partition("..")
            center, colon, margin = value.partition(":")
            try:
                if dots:
                    lo, hi = float(_number(low)), float(_number(high))
                    number, tolerance = _round((lo + hi) / 2), _round((hi - lo) / 2)
                    source.notes.append("numeric range answers converted to numeric with tolerance")
                else:
                    number, tolerance = float(_number(center)), float(_number(margin)) if colon else 0.0
            except ValueError:
                raise self.fail(
                    block,
                    pos,
                    f"numerical answer {value!r} is not a number",
                    "write {#answer:tolerance} or {#min..max}",
                ) from None
            text = repr(number) if dots else center.strip()
            fraction = 1.0 if weight is None else weight
            source.answers.append(SourceAnswer(text, fraction, _formatted(feedback, fmt)[0], tolerance))


def _round(value: float) -> float:
    """A midpoint or half-width without binary noise (3.1415, not 3.1414999999999997)."""
    return float(f"{value:.12g}")


def _number(text: str) -> str:
    if not _NUMBER.match(text.strip()):
        raise ValueError(text)
    return text.strip()


def parse(raw: bytes, where: str) -> list[SourceQuestion]:
    """Every question of a GIFT file (categories become tags of the questions after them)."""
    parser = _Parser(where)
    found = (parser.question(block) for block in _blocks(decode_text(raw, where)))
    return [q for q in found if q is not None]


# -- writing -----------------------------------------------------------------------------------

_GAP_MARK = "\ue100"


def _esc(text: str) -> str:
    """Text with GIFT's control characters escaped and line breaks written as ``\\n``."""
    out = text.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", "\\n")


def _general(item: models.ItemModel) -> str:
    return f"\t####{_esc(general_feedback(item))}\n"


def _choices(item: models.SingleChoice | models.MultipleResponse | models.CodeOutput) -> str:
    lines = []
    right, wrong = multi_fractions(item.select) if isinstance(item, models.MultipleResponse) else (100.0, 0.0)
    for option in item.options:
        if isinstance(item, models.MultipleResponse):
            mark = f"~%{percent(right if option.correct else wrong)}%"
        else:
            mark = "=" if option.correct else "~"
        lines.append(f"\t{mark}{_esc(option.text)}#{_esc(option.rationale)}\n")
    return "".join(lines)


def _blank_answers(blank: models.Blank) -> str:
    if blank.choices is None:
        return " ".join(f"={_esc(a)}" for a in blank.accept)
    if len(blank.accept) == 1:
        return " ".join(("=" if c in blank.accept else "~") + _esc(c) for c in blank.choices)
    right, wrong = multi_fractions(len(blank.accept))
    return " ".join(f"~%{percent(right if c in blank.accept else wrong)}%{_esc(c)}" for c in blank.choices)


def _fill_in(item: models.FillIn, notes: list[str]) -> str | None:
    names = gap_names(item)
    if len(names) != 1:
        notes.append(f"GIFT has one answer block per question: fill_in with {len(names)} gaps skipped")
        return None
    blank = item.blanks[names[0]]
    if blank.choices is not None:
        notes.append("fill_in gap with choices exported as multiple choice (missing word)")
    elif blank.case_sensitive:
        notes.append("GIFT short answers ignore case: the gap is no longer case-sensitive")
    text = _esc(gap_text(item, lambda _: _GAP_MARK))
    answers = "{" + _blank_answers(blank) + f"####{_esc(general_feedback(item))}" + "}"
    return text.replace(_GAP_MARK, answers, 1)


def _body(item: models.ItemModel, notes: list[str]) -> str | None:
    """The question after ``::name::[markdown]``, or None when GIFT cannot hold it."""
    if isinstance(item, models.FillIn):
        return _fill_in(item, notes)
    stem = _esc(stem_text(item))
    if isinstance(item, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
        if any(o.pin for o in item.options):
            notes.append("GIFT cannot pin an option: Moodle may shuffle it out of place")
        return f"{stem}{{\n{_choices(item)}{_general(item)}}}"
    if isinstance(item, models.TrueFalse):
        # GIFT gives the feedback for the wrong choice first, then for the right one.
        if item.answer:
            key, wrong, right = "TRUE", item.rationale_false, item.rationale_true
        else:
            key, wrong, right = "FALSE", item.rationale_true, item.rationale_false
        return f"{stem}{{{key}#{_esc(wrong)}#{_esc(right)}\n{_general(item)}}}"
    if isinstance(item, models.Ordering):
        notes.append("GIFT has no ordering: exported as matching each item to its position")
        pairs = "".join(f"\t={_esc(i.text)} -> {_esc(f'position {n}')}\n" for n, i in enumerate(item.items, start=1))
        return f"{stem}\\n\\nMatch each item to its position in the order.{{\n{pairs}{_general(item)}}}"
    if isinstance(item, models.Matching):
        pairs = "".join(f"\t={_esc(p.left)} -> {_esc(p.right)}\n" for p in item.pairs)
        extras = "".join(f"\t= -> {_esc(x)}\n" for x in item.extra_choices)
        return f"{stem}{{\n{pairs}{extras}{_general(item)}}}"
    if item.unit:
        notes.append(f"GIFT has no units: '{item.unit}' written into the stem")
        stem = _esc(f"{stem_text(item)} (in {item.unit})")
    return f"{stem}{{#{item.answer}:{item.tolerance}\n{_general(item)}}}"


def _category(path: str) -> str:
    return f"$CATEGORY: $course$/{path}\n"


def dump(bank: models.Bank, report: Report) -> str:
    """The bank as one GIFT file; what GIFT cannot hold is converted or skipped, and reported."""
    base = f"examprep/{bank.id}"
    out = [f"// {bank.title} ({bank.id}): exported by examprep\n", _category(base)]
    current: models.CaseStudy | None = None
    for entry in entries(bank):
        if entry.case is not current:
            current = entry.case
            out.append(_category(f"{base}/{current.id}" if current else base))
            if current:
                report.add(current.id, "case study: the scenario is a description item followed by its questions")
                out.append(f"::{_esc(current.id)}::[markdown]{_esc(current.scenario.strip())}\n")
        notes = losses(entry.item, "GIFT")
        body = _body(entry.item, notes)
        report.extend(entry.item.id, notes)
        if body is not None:
            out.append(f"// id: {entry.item.id}\n::{_esc(entry.item.id)}::[markdown]{body}\n")
    return "\n".join(out)
