"""Moodle XML import: documented examples of each type converted or refused; hostile and broken XML refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from examprep.core import models
from examprep.errors import UserError
from examprep.interchange import moodle_xml
from tests.unit.test_interchange_common import DATA, key, run_import

DOCS = DATA / "moodle-docs.xml"


@pytest.fixture(scope="module")
def docs() -> tuple[models.Bank, list[str]]:
    return run_import(DOCS, "moodle-xml", profile="PCEP-30-02", domain=2)


def test_documented_examples_convert_with_their_keys(docs: tuple[models.Bank, list[str]]) -> None:
    bank, _ = docs
    got = {q.stem: (q.type, key(q)) for q in bank.questions if not isinstance(q, models.CaseStudy)}
    assert got == {
        "What is the answer to this **question**?": ("single_choice", ["The correct answer"]),
        "Which two of these are prime numbers?": ("multiple_response", ["2", "3"]),
        "The sun rises in the east.": ("true_false", True),
        "Who's buried in Grant's tomb?\n\n{{answer}}": ("fill_in", [["The correct answer", "An alternative answer"]]),
        "Match the pairs.": (
            "matching",
            (
                [
                    (f"This is the 1st item in the {n} pair.", f"This is the 2nd item in the {n} pair.")
                    for n in ("1st", "2nd", "3rd")
                ],
                ["A response that matches no prompt."],
            ),
        ),
        "How long is the track, in metres?": ("numeric", (23, 0.1, "m")),
        "The {{gap1}} {{gap2}} on the {{gap3}}.": ("fill_in", [["cat"], ["sat"], ["mat"]]),
        "The {{gap1}} brown {{gap2}} jumped over the {{gap3}} dog.": ("fill_in", [["quick"], ["fox"], ["lazy"]]),
    }
    assert all(q.domain == 2 for q in bank.questions)


def test_feedback_tags_and_drop_down_choices(docs: tuple[models.Bank, list[str]]) -> None:
    bank, _ = docs
    first = bank.questions[0]
    assert isinstance(first, models.SingleChoice)
    assert [o.rationale for o in first.options] == ["Correct!", "Ooops!", "Ooops!"]
    assert first.explanation == "Only one answer is correct." and first.tags == ["xml-docs", "sample-tag"]
    drag = bank.questions[-1]
    assert isinstance(drag, models.FillIn) and drag.blanks["gap2"].choices == ["fox", "hen"]


@pytest.mark.parametrize(
    "note",
    [
        '"Essay": essay questions have no key: skipped',
        '"Description": description items hold no question to answer: skipped',
        '"Cloze": cloze (embedded answers) questions are not supported: split each gap into its own question: skipped',
        '"Calculated": calculated questions draw random values, so there is no fixed key: skipped',
        '"Drag and drop with an image": choices with images or without text cannot become drop-down gaps: skipped',
        "negative fractions dropped: wrong answers carry no penalty here",
        "partial-credit answers dropped: 23 ± 1 (50%)",
        "alternative units dropped: cm",
        "drag-and-drop into text converted to drop-down gaps",
    ],
)
def test_report_explains_every_loss(docs: tuple[models.Bank, list[str]], note: str) -> None:
    _, report = docs
    assert any(note in line and line.startswith("moodle-docs.xml:") for line in report), note


def test_valid_idnumbers_are_kept_as_ids(tmp_path: Path) -> None:
    path = tmp_path / "ids.xml"
    path.write_text(
        '<quiz><question type="truefalse"><name><text>T</text></name><idnumber>pcep-tf-042</idnumber>'
        '<questiontext format="plain_text"><text>Tuples are immutable.</text></questiontext>'
        '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>'
        "</question></quiz>",
        encoding="utf-8",
    )
    bank, _ = run_import(path, "moodle-xml")
    assert bank.questions[0].id == "pcep-tf-042"


_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<quiz><question type="essay"><questiontext><text>&c;</text></questiontext></question></quiz>"""
_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="essay"><questiontext><text>&secret;</text></questiontext></question></quiz>"""
_PARAMETER = b"""<!DOCTYPE quiz [<!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote;]><quiz/>"""
_UTF16 = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE quiz [<!ENTITY a "x">]>\n<quiz>&a;</quiz>'.encode("utf-16")


@pytest.mark.parametrize(
    ("raw", "line"), [(_BOMB, 2), (_XXE, 2), (_PARAMETER, 1), (_UTF16, 2)], ids=["bomb", "xxe", "param", "utf16"]
)
def test_hostile_xml_is_refused_before_any_entity_is_expanded(raw: bytes, line: int) -> None:
    with pytest.raises(UserError) as info:
        moodle_xml.parse(raw, "evil.xml")
    assert info.value.message.startswith(f"evil.xml:{line}: ") and "refused" in info.value.message
    assert "DOCTYPE" in info.value.hint and "root:" not in info.value.message


def test_declarations_mentioned_inside_cdata_or_comments_are_text() -> None:
    raw = (
        b"<quiz><!-- no <!DOCTYPE here --><question type='truefalse'><name><text>x</text></name>"
        b"<questiontext format='html'><text><![CDATA[<p>Is <code>&lt;!DOCTYPE html&gt;</code> required?</p>]]></text>"
        b"</questiontext><answer fraction='0'><text>true</text></answer><answer fraction='100'><text>false</text></answer>"
        b"</question></quiz>"
    )
    (question,) = moodle_xml.parse(raw, "ok.xml")
    assert question.text == "Is `<!DOCTYPE html>` required?"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b"<quiz>\n<question type='truefalse'>\n<name></question></quiz>",
            "broken.xml:3:9: not well-formed XML (mismatched tag)",
        ),
        (
            b"<?xml version='1.0'?>\n<questions/>",
            "broken.xml:2: not a Moodle XML quiz: the root element is <questions>",
        ),
        (
            b"<quiz>\n<question type='multichoice'>\n<answer fraction='lots'><text>a</text></answer></question></quiz>",
            "broken.xml:3: answer fraction 'lots' is not a number",
        ),
    ],
)
def test_broken_files_are_located_user_errors(raw: bytes, message: str) -> None:
    with pytest.raises(UserError) as info:
        moodle_xml.parse(raw, "broken.xml")
    assert info.value.message.startswith(message) and info.value.hint


def test_odd_questions_are_skipped_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "odd.xml"
    path.write_text(
        "<quiz>\n"
        "<question><name><text>No type</text></name><questiontext><text>?</text></questiontext></question>\n"
        '<question type="numerical"><name><text>Infinite</text></name><questiontext><text>How big?</text></questiontext>'
        '<answer fraction="100"><text>inf</text></answer></question>\n'
        '<question type="ordering"><name><text>Order</text></name><questiontext><text>Sort them.</text></questiontext>'
        '<answer fraction="1"><text>one</text></answer><answer fraction="2"><text>two</text></answer>'
        '<answer fraction="3"><text>three</text></answer></question>\n'
        "</quiz>\n",
        encoding="utf-8",
    )
    bank, report = run_import(path, "moodle-xml")
    assert [(q.type, key(q)) for q in bank.questions] == [("ordering", ["one", "two", "three"])]
    assert 'odd.xml:2 "No type": the question has no type: skipped' in report
    assert "odd.xml:3 \"Infinite\": the answer 'inf' is not a finite number: skipped" in report
