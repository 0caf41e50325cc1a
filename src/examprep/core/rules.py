"""Semantic rules a schema cannot express: one function per question, diagnostics with positions.

These run on every cold load (a file with an error is skipped by the app) and in ``examprep lint``.
Cross-file rules (unique ids, near-duplicates) live in :mod:`examprep.core.catalog`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from examprep.core import models
from examprep.core.diagnostics import Diagnostic, Severity
from examprep.core.profiles import Profile
from examprep.core.yamlsafe import Located

PathT = tuple[str | int, ...]

_LETTER_REF = re.compile(r"\b(?:options?|answers?|choices?)\s+[A-H]\b|\b[A-H]\s+and\s+[A-H]\b|\(\s*[A-H]\s*\)")
_ALL_NONE = re.compile(r"\b(?:all|none|both|neither) of the (?:above|these|options)\b", re.IGNORECASE)
_BAD_CODE_CHARS = {
    "\u2018": "‘",
    "\u2019": "’",
    "\u201c": "“",
    "\u201d": "”",
    "\u00a0": "no-break space",
    "\u200b": "zero-width space",
}


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


class _Checker:
    def __init__(self, located: Located, file: str, profile: Profile | None) -> None:
        self.located = located
        self.file = file
        self.profile = profile
        self.out: list[Diagnostic] = []

    def add(self, path: PathT, code: str, message: str, hint: str, severity: Severity = "error") -> None:
        line, col = self.located.where(path)
        self.out.append(Diagnostic(self.file, line, col, code, message, hint, severity))

    def options(self, q: models.SingleChoice | models.MultipleResponse | models.CodeOutput, at: PathT) -> None:
        ids = Counter(o.id for o in q.options)
        texts = Counter(_norm(o.text) for o in q.options)
        for i, o in enumerate(q.options):
            if ids[o.id] > 1:
                self.add(
                    (*at, "options", i, "id"),
                    "L010",
                    f"option id '{o.id}' is used twice in {q.id}",
                    "give every option its own id",
                )
            if texts[_norm(o.text)] > 1:
                self.add(
                    (*at, "options", i, "text"),
                    "L011",
                    f"option text {o.text!r} appears twice in {q.id}",
                    "make every option different",
                )
            if _ALL_NONE.search(o.text) and not o.pin:
                self.add(
                    (*at, "options", i),
                    "L020",
                    f"'{o.text}' refers to other options but is shuffled",
                    "add `pin: true` to keep it last",
                )
        correct = sum(o.correct for o in q.options)
        if isinstance(q, models.MultipleResponse):
            if correct != q.select:
                self.add(
                    (*at, "select"),
                    "L013",
                    f"select: {q.select} but {correct} options are marked correct",
                    "make `select` equal the number of `correct: true` options",
                )
            if len(q.options) < q.select + 2:
                self.add(
                    (*at, "options"),
                    "L014",
                    f"{len(q.options)} options for select: {q.select}",
                    f"give at least {q.select + 2} options so guessing is not trivial",
                )
        elif correct != 1:
            self.add(
                (*at, "options"),
                "L012",
                f"{q.type} {q.id} has {correct} correct options",
                "mark exactly one option `correct: true`",
            )

    def question(self, q: models.ItemModel | models.CaseStudy, at: PathT, in_case: bool = False) -> None:
        if _LETTER_REF.search(q.stem) and not isinstance(q, models.Ordering | models.Matching):
            self.add(
                (*at, "stem"),
                "L022",
                f"the stem of {q.id} refers to an option letter, but options are shuffled",
                "refer to the option's content instead",
            )
        if q.domain is None and not in_case:
            self.add(
                at,
                "L025",
                f"{q.id} has no `domain`",
                "add the domain number from the profile (`examprep banks` lists them)",
            )
        if q.domain is not None and self.profile and self.profile.domain(q.domain) is None:
            names = ", ".join(f"{d.number} {d.name}" for d in self.profile.domains)
            self.add(
                (*at, "domain"),
                "L025",
                f"domain {q.domain} is not declared by {self.profile.id}",
                f"use one of: {names}",
            )
        if not q.references and not in_case:
            self.add(
                at,
                "L024",
                f"{q.id} has no references",
                "add a documentation URL or title that supports the key",
                "warning",
            )
        if q.code:
            for ch, name in _BAD_CODE_CHARS.items():
                if ch in q.code:
                    self.add(
                        (*at, "code"),
                        "L070",
                        f"the code of {q.id} contains a {name}",
                        "retype it as plain ASCII; it will not run",
                    )
        if isinstance(q, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
            self.options(q, at)
        elif isinstance(q, models.Ordering):
            if len({_norm(i.text) for i in q.items}) != len(q.items) or len({i.id for i in q.items}) != len(q.items):
                self.add(
                    (*at, "items"), "L050", f"ordering {q.id} repeats an item", "every item needs a unique id and text"
                )
        elif isinstance(q, models.Matching):
            lefts = [_norm(p.left) for p in q.pairs]
            rights = [_norm(p.right) for p in q.pairs]
            if len(set(lefts)) != len(lefts):
                self.add(
                    (*at, "pairs"),
                    "L051",
                    f"matching {q.id} repeats a prompt",
                    "every left-hand prompt must be different",
                )
            if len(set(rights)) != len(rights) or set(rights) & {_norm(x) for x in q.extra_choices}:
                self.add(
                    (*at, "pairs"),
                    "L051",
                    f"matching {q.id} repeats a response",
                    "every right-hand response must be different, extras included",
                )
        elif isinstance(q, models.FillIn):
            used = set(models.BLANK_PATTERN.findall(q.stem + "\n" + (q.code or "")))
            for name in sorted(used - set(q.blanks)):
                self.add(
                    (*at, "blanks"),
                    "L030",
                    f"gap {{{{{name}}}}} has no entry under `blanks`",
                    f"add `{name}: {{accept: [...]}}`",
                )
            for name in sorted(set(q.blanks) - used):
                self.add(
                    (*at, "blanks", name),
                    "L031",
                    f"blank '{name}' is not used in the stem or code",
                    f"write {{{{{name}}}}} where the gap goes",
                )
            for name, blank in q.blanks.items():
                if blank.choices is not None and not set(blank.accept) <= set(blank.choices):
                    self.add(
                        (*at, "blanks", name, "choices"),
                        "L032",
                        f"an accepted answer of '{name}' is not among its choices",
                        "add it to `choices`",
                    )
            if q.expected_output is not None and not q.code:
                self.add(
                    (*at, "expected_output"),
                    "L033",
                    "expected_output needs `code` to run",
                    "add the code, or remove expected_output",
                )
        elif isinstance(q, models.CaseStudy):
            sub_ids = Counter(s.id for s in q.questions)
            for i, sub in enumerate(q.questions):
                if sub_ids[sub.id] > 1 or sub.id == q.id:
                    self.add(
                        (*at, "questions", i, "id"),
                        "L060",
                        f"sub-question id '{sub.id}' is repeated",
                        "give each sub-question its own id",
                    )
                self.question(sub, (*at, "questions", i), in_case=True)


def check_bank(bank: models.Bank, located: Located, file: str, profile: Profile | None) -> list[Diagnostic]:
    """Every per-question semantic problem in one validated bank."""
    checker = _Checker(located, file, profile)
    if profile is None:
        checker.add(
            ("profile",),
            "L025",
            f"unknown profile '{bank.profile}'",
            "use an exam code or step id listed by `examprep banks`",
        )
    for i, q in enumerate(bank.questions):
        checker.question(q, ("questions", i))
    return checker.out


def iter_items(q: models.ItemModel | models.CaseStudy) -> Iterator[models.ItemModel]:
    """The answerable items of a question: itself, or a case study's sub-questions."""
    if isinstance(q, models.CaseStudy):
        yield from q.questions
    else:
        yield q
