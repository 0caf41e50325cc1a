"""Names shared by the bank format and the app, importable without the pydantic models."""

from __future__ import annotations

#: Names of the six roadmap steps, by number.
ROADMAP_STEPS: dict[int, str] = {
    1: "Programming",
    2: "Mathematics & statistics",
    3: "Data analysis & engineering",
    4: "Machine-learning algorithms",
    5: "Deep learning",
    6: "MLOps & deployment",
}

#: Every question type of the bank format (a case study holds questions of the other types).
QUESTION_TYPES: tuple[str, ...] = (
    "single_choice",
    "multiple_response",
    "true_false",
    "ordering",
    "matching",
    "fill_in",
    "code_output",
    "numeric",
    "case_study",
)
