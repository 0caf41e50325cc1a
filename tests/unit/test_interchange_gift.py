"""GIFT import: Moodle's documented examples converted (or refused) as Moodle reads them; syntax errors located."""

from __future__ import annotations

from pathlib import Path

import pytest

from examprep.core import models
from examprep.core.profiles import bundled_profiles
from examprep.errors import UserError
from examprep.interchange import gift
from examprep.interchange.importer import import_file
from tests.unit.test_interchange_common import DATA, key, lint_errors, run_import

DOCS = DATA / "moodle-docs.gift.txt"

#: (type, stem, key) of every documented example that converts, in file order.
EXPECTED = [
    ("single_choice", "Who's buried in Grant's tomb?", ["no one"]),
    ("single_choice", "Who is buried in Grant's tomb in New York City?", ["Grant"]),
    ("single_choice", "Grant is _____ in Grant's tomb.", ["entombed"]),
    (
        "single_choice",
        "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November.",
        ["fourth"],
    ),
    ("fill_in", "Who's buried in Grant's tomb?\n\n{{answer}}", [["no one", "nobody"]]),
    ("fill_in", "Two plus two equals {{answer}}.", [["four", "4"]]),
    ("true_false", "Grant is buried in Grant's tomb.", False),
    ("true_false", "The sun rises in the east.", True),
    (
        "matching",
        "Match the following countries with their corresponding capitals.",
        ([("Canada", "Ottawa"), ("India", "New Delhi"), ("Italy", "Rome"), ("Japan", "Tokyo")], []),
    ),
    ("numeric", "When was Ulysses S. Grant born?", (1822, 0, None)),
    ("numeric", "What is the value of pi (to 3 decimal places)? _____.", (3.1415, 0.0005, None)),
    ("numeric", "What is the value of pi (to 3 decimal places)? _____.", (3.1415, 0.0005, None)),
    ("numeric", "When was Ulysses S. Grant born?", (1822, 0, None)),
    ("single_choice", "What's the answer to this multiple-choice question?", ["right answer"]),
    ("fill_in", "Who's buried in **Grant's tomb**?\n\n{{answer}}", [["no one", "nobody"]]),
    ("single_choice", "Difficult question.", ["full credit answer"]),
    ("fill_in", "Jesus Christ was from\n\n{{answer}}", [["Nazareth"]]),
    ("multiple_response", "What two people are entombed in Grant's tomb?", ["Grant", "Grant's wife"]),
    ("multiple_response", "What two people are entombed in Grant's tomb?", ["Grant", "Grant's wife"]),
    ("single_choice", "Which of the following is NOT a control character for the GIFT import format?", ["\\"]),
    ("true_false", "42 is the Absolute Answer to everything.", False),
]


@pytest.fixture(scope="module")
def docs() -> tuple[models.Bank, list[str]]:
    return run_import(DOCS, "gift")


def test_every_documented_example_converts_with_its_key(docs: tuple[models.Bank, list[str]]) -> None:
    bank, _ = docs
    got = [(q.type, q.stem, key(q)) for q in bank.questions if not isinstance(q, models.CaseStudy)]
    assert got == EXPECTED


def test_essay_and_description_are_refused_with_the_reason(docs: tuple[models.Bank, list[str]]) -> None:
    _, report = docs
    assert (
        'moodle-docs.gift.txt:109 "Write a short biography of Dag Hammarskjöld.": essay questions have no key: skipped'
        in report
    )
    assert any(
        line.startswith("moodle-docs.gift.txt:112 ")
        and line.endswith("description items hold no question to answer: skipped")
        for line in report
    )


@pytest.mark.parametrize(
    ("line", "note"),
    [
        (53, "numeric range answers converted to numeric with tolerance"),
        (55, "partial-credit answers dropped: 1822 ± 2 (50%)"),
        (71, 'partial-credit answers treated as wrong: "half credit answer" (50%)'),
        (73, 'partial-credit answers dropped: "Nazereth" (75%), "Bethlehem" (25%)'),
        (73, "answer feedback dropped: fill_in items have no per-answer rationale"),
        (85, "negative fractions dropped: wrong answers carry no penalty here"),
        (7, "3 answers have no feedback: rationale set to 'TODO: explain why'"),
        (7, "no general feedback: explanation set to 'TODO: explain why'"),
    ],
)
def test_report_names_each_loss_at_its_line(docs: tuple[models.Bank, list[str]], line: int, note: str) -> None:
    _, report = docs
    assert any(r.startswith(f"moodle-docs.gift.txt:{line} ") and r.endswith(note) for r in report), note


def test_feedback_becomes_rationales_and_explanation(docs: tuple[models.Bank, list[str]]) -> None:
    bank, _ = docs
    by_stem = {q.stem: q for q in bank.questions}
    tomb = by_stem["Who is buried in Grant's tomb in New York City?"]
    assert isinstance(tomb, models.SingleChoice)
    assert [o.rationale for o in tomb.options][:3] == [
        "TODO: explain why",
        "Was true for 12 years, but Grant's remains were buried in the tomb in 1897",
        "He was buried in France",
    ]
    hitchhiker = by_stem["42 is the Absolute Answer to everything."]
    assert isinstance(hitchhiker, models.TrueFalse)
    assert (hitchhiker.rationale_true, hitchhiker.rationale_false) == (
        "42 is the Ultimate Answer.",
        "You gave the right answer.",
    )
    assert hitchhiker.explanation == "This is, of course, a Hitchiker's Guide to the Galaxy reference."


def test_ids_tags_and_lint(docs: tuple[models.Bank, list[str]], tmp_path: Path) -> None:
    bank, report = docs
    ids = [q.id for q in bank.questions]
    assert all(i.startswith("moodle-docs-") for i in ids) and len(set(ids)) == len(ids)
    assert run_import(DOCS, "gift")[0].questions[0].id == ids[0], "re-importing gives the same ids"
    assert "moodle-docs-" in report[0] and all(q.tags == ["gift-docs"] for q in bank.questions)
    result = import_file(DOCS, DOCS.read_bytes(), "gift", bundled_profiles()["step-1"], 1)
    assert result.yaml_text is not None and lint_errors(tmp_path, result.yaml_text) == []


def test_escaped_control_characters_and_code_gaps() -> None:
    raw = (
        b"::Code::[markdown]Complete the code:\\n\\n```\\nd \\= \\{\\}\\nfor k in d\\: _____\\n```{=pass =continue}\n\n"
        b"Pick the dict.{=\\{1\\: 2\\}#right ~[1, 2]#a list ~(1, 2)#a tuple}\n"
    )
    code, choice = gift.parse(raw, "x.gift")
    assert code.qtype == "shortanswer" and code.text.endswith("```\nd = {}\nfor k in d: _____\n```")
    assert [a.text for a in choice.answers] == ["{1: 2}", "[1, 2]", "(1, 2)"]


def test_a_gap_inside_code_becomes_a_blank_in_the_code(tmp_path: Path) -> None:
    path = tmp_path / "gap.gift"
    path.write_text(
        "[markdown]Make it print 9:\\n\\n```\\ndef sq(x)\\:\\n    {=return} x * x\\n```\n", encoding="utf-8"
    )
    bank, _ = run_import(path, "gift")
    (item,) = bank.questions
    assert isinstance(item, models.FillIn) and item.code == "def sq(x):\n    {{answer}} x * x\n"
    assert item.stem == "Make it print 9:" and item.blanks["answer"].accept == ["return"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("// intro\n\nWhat is 2+2? {=4 ~3\n", 3, "unbalanced braces"),
        ("Pick {=a ~b ~c} and {=d ~e}\n", 1, "a second answer block"),
        ("Match\nthese {\n=a -> 1\n=b 2\n}\n", 2, "matching answer without '->'"),
        ("\n\nHow much? {#twelve}\n", 3, "numerical answer 'twelve' is not a number"),
    ],
)
def test_malformed_gift_is_a_located_user_error(tmp_path: Path, text: str, line: int, message: str) -> None:
    with pytest.raises(UserError) as info:
        gift.parse(text.encode(), "bad.gift")
    assert info.value.message.startswith(f"bad.gift:{line}: {message}") and info.value.hint


def test_non_utf8_file_names_the_line() -> None:
    with pytest.raises(UserError) as info:
        gift.parse("Q1 {T}\n\nCaf\xe9 {T}\n".encode("latin-1"), "old.gift")
    assert info.value.message.startswith("old.gift:3: the file is not UTF-8") and "UTF-8" in info.value.hint
