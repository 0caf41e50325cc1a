"""The question-bank format: strict pydantic models of one YAML bank file.

Every model forbids unknown keys and uses strict types, so a typo (`explaination`) or a YAML
surprise (unquoted `No` read as a boolean, `0.1` read as a number) is a located error rather than
silently different data. The JSON Schema that editors use is generated from these models.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: Question and option ids: lower-case, start with a letter, dots/dashes/underscores inside.
ID_PATTERN = r"^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$"
TAG_PATTERN = r"^[a-z0-9]+(?:[-+.][a-z0-9]+)*$"
BLANK_PATTERN = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")

QuestionId = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=3, max_length=64)]
OptionId = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=32)]
Tag = Annotated[str, StringConstraints(pattern=TAG_PATTERN, min_length=1, max_length=40)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=2_000)]
Step = Annotated[int, Field(ge=1, le=6)]
Difficulty = Literal["easy", "medium", "hard"]


class Strict(BaseModel):
    """Base of every bank model: frozen, strict, unknown keys refused."""

    # defer_build: validators are built on first use, not at import: a start from the bank
    # cache validates nothing, and building them all cost 50 ms before the first screen.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True, defer_build=True)


class Option(Strict):
    """One answer option of a choice question."""

    id: OptionId
    """Stable option id (never shown; the UI letters options after shuffling)."""
    text: Text
    """The option as shown. Quote it in YAML; put code in a `|` block."""
    correct: bool = False
    """`true` on the correct option(s)."""
    rationale: Text
    """Why this option is right or wrong. Required on every option."""
    pin: bool = False
    """Keep this option in place when options are shuffled (e.g. 'None of the above')."""


class AlsoIn(Strict):
    """The same question counted in another exam's domain too."""

    profile: ShortText
    """Exam code or roadmap profile id, e.g. `PCAP-31-03` or `step-1`."""
    domain: Annotated[int, Field(ge=1, le=20)]
    """Domain number in that profile."""
    objective: ShortText | None = None


class QuestionBase(Strict):
    """Fields shared by every question type."""

    id: QuestionId
    """Explicit, immutable id, unique across all banks. Never reuse one."""
    revision: Annotated[int, Field(ge=1)] = 1
    """Bump when the meaning or the answer key changes; history is kept per id and revision."""
    stem: Text
    """The question, as Markdown. Rich markup such as `[bold]` is shown literally."""
    code: Text | None = None
    """Code shown with the stem, in a `|` block scalar."""
    domain: Annotated[int, Field(ge=1, le=20)] | None = None
    """Domain number of the bank's profile. Required except for case-study sub-questions."""
    objective: ShortText | None = None
    """Syllabus objective or task statement, e.g. `2.1` or `1.3 Describe the ML lifecycle`."""
    also: list[AlsoIn] = Field(default_factory=list)
    """Other exams or roadmap steps whose domains this question also serves."""
    steps: list[Step] | None = None
    """Roadmap steps 1-6; defaults to the bank's, then to the domain's steps in the profile."""
    tags: list[Tag] = Field(default_factory=list)
    difficulty: Difficulty
    explanation: Text
    """The general explanation shown after answering."""
    references: list[ShortText] = Field(default_factory=list)
    """Documentation URLs or titles that support the key."""
    assumes: ShortText | None = None
    """What the key depends on: a Python version, a guide version, a date (e.g. `Python >= 3.11`)."""


class SingleChoice(QuestionBase):
    """Exactly one correct option."""

    type: Literal["single_choice"]
    options: Annotated[list[Option], Field(min_length=3, max_length=8)]


class MultipleResponse(QuestionBase):
    """Exactly `select` correct options; the stem need not say how many."""

    type: Literal["multiple_response"]
    select: Annotated[int, Field(ge=2, le=6)]
    """How many options the candidate must choose; equals the number of correct options."""
    options: Annotated[list[Option], Field(min_length=4, max_length=10)]


class TrueFalse(QuestionBase):
    """A statement that is true or false."""

    type: Literal["true_false"]
    answer: bool
    """`true` or `false`, unquoted (never `yes`/`no`)."""
    rationale_true: Text
    """Why choosing True is right or wrong."""
    rationale_false: Text
    """Why choosing False is right or wrong."""


class OrderItem(Strict):
    """One item of an ordering question."""

    id: OptionId
    text: Text


class Ordering(QuestionBase):
    """Items listed in the correct order; the engine shuffles them."""

    type: Literal["ordering"]
    items: Annotated[list[OrderItem], Field(min_length=3, max_length=6)]


class Pair(Strict):
    """One prompt and the response it matches."""

    left: Text
    right: Text


class Matching(QuestionBase):
    """Match each prompt (left) to one response (right)."""

    type: Literal["matching"]
    pairs: Annotated[list[Pair], Field(min_length=3, max_length=7)]
    extra_choices: list[Text] = Field(default_factory=list)
    """Right-hand distractors that match no prompt."""


class Blank(Strict):
    """One `{{name}}` gap of a fill-in question."""

    accept: Annotated[list[ShortText], Field(min_length=1)]
    """Every accepted answer; the first is shown as the key."""
    case_sensitive: bool = True
    choices: list[ShortText] | None = None
    """When given, the gap is a drop-down of these (must include every accepted answer)."""


class FillIn(QuestionBase):
    """Gaps written `{{name}}` in the stem or the code; each has accepted answers."""

    type: Literal["fill_in"]
    blanks: dict[Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]*$")], Blank]
    expected_output: str | None = None
    """With `code`: what the program prints with each accepted answer; `examprep lint` runs it."""


class CodeOutput(QuestionBase):
    """What does this Python snippet print? The correct option is verified by running it."""

    type: Literal["code_output"]
    code: Text
    options: Annotated[list[Option], Field(min_length=3, max_length=8)]
    raises: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z]*$")] | None = None
    """The exception type the snippet ends with, when the key is 'it raises ...'."""


class Numeric(QuestionBase):
    """A number typed by the candidate, accepted within a tolerance."""

    type: Literal["numeric"]
    answer: float | int
    tolerance: Annotated[float | int, Field(ge=0)] = 0
    unit: ShortText | None = None


SubQuestion = Annotated[
    SingleChoice | MultipleResponse | TrueFalse | Ordering | Matching | FillIn | CodeOutput | Numeric,
    Field(discriminator="type"),
]


class CaseStudy(QuestionBase):
    """One shared scenario with its own sub-questions, each scored on its own."""

    type: Literal["case_study"]
    scenario: Text
    questions: Annotated[list[SubQuestion], Field(min_length=2, max_length=8)]
    stem: Text = "Read the scenario, then answer each question."


Question = Annotated[
    SingleChoice | MultipleResponse | TrueFalse | Ordering | Matching | FillIn | CodeOutput | Numeric | CaseStudy,
    Field(discriminator="type"),
]

#: Every concrete item type (a case study is a container of these).
ItemModel = SingleChoice | MultipleResponse | TrueFalse | Ordering | Matching | FillIn | CodeOutput | Numeric


class Author(Strict):
    """A bank author."""

    name: ShortText
    github: ShortText | None = None


class Bank(Strict):
    """One bank file: a header and its questions, all for one profile."""

    format_version: Literal[1] = 1
    id: QuestionId
    """Stable bank id, unique across banks."""
    title: ShortText
    profile: ShortText
    """The exam or roadmap profile the questions belong to: `PCEP-30-02`, `AIF-C01`, `step-3`, ..."""
    license: ShortText
    """SPDX licence id of the questions, e.g. `CC-BY-4.0`."""
    authors: Annotated[list[Author], Field(min_length=1)]
    version: ShortText
    """Bank release, as a quoted string (`"1.2.0"`)."""
    description: Text | None = None
    steps: list[Step] | None = None
    """Default roadmap steps for questions that give none (else the domain's steps)."""
    questions: Annotated[list[Question], Field(min_length=1)]
