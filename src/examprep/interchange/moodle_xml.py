"""Moodle XML: read quiz exports safely into source questions, and write banks as one quiz file.

Texts are written in Moodle's ``markdown`` format, which keeps bank Markdown (and code in fenced
blocks) intact and reads back unchanged; Moodle ``idnumber`` carries the bank id both ways.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from examprep.core import models
from examprep.errors import UserError
from examprep.interchange import safexml
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
from examprep.interchange.source import SourceAnswer, SourceQuestion
from examprep.interchange.textconv import category_tags, has_media, html_to_markdown, looks_like_html, markdown_to_html
from examprep.interchange.textconv import slug as tag_slug

MEDIA_NOTE = "images and attached files are not carried over"


class _Reader:
    """Reads one ``<question>`` element; ``notes`` collects what its texts lose."""

    def __init__(self, doc: safexml.Parsed, where: str) -> None:
        self.doc = doc
        self.where = where
        self.notes: list[str] = []

    def fail(self, element: ET.Element, message: str, hint: str) -> UserError:
        return UserError(f"{self.where}:{self.doc.line(element)}: {message}", hint)

    def rich(self, element: ET.Element | None, default: str = "moodle_auto_format") -> str:
        """The Markdown of a ``<x format="..."><text>...</text></x>`` element."""
        if element is None:
            return ""
        raw = element.findtext("text") or ""
        if (has_media(raw) or element.find("file") is not None) and MEDIA_NOTE not in self.notes:
            self.notes.append(MEDIA_NOTE)
        fmt = element.get("format", default)
        if fmt == "html" or (fmt == "moodle_auto_format" and looks_like_html(raw)):
            return html_to_markdown(raw)
        return raw.strip()

    def number(self, element: ET.Element, value: str, what: str) -> float:
        try:
            return float(value)
        except ValueError:
            raise self.fail(element, f"{what} {value!r} is not a number", f"write the {what} as a number") from None

    def answers(self, question: ET.Element) -> list[SourceAnswer]:
        found = []
        for answer in question.findall("answer"):
            fraction = self.number(answer, answer.get("fraction", "0"), "answer fraction") / 100
            tolerance = self.number(answer, (answer.findtext("tolerance") or "0").strip() or "0", "tolerance")
            found.append(SourceAnswer(self.rich(answer), fraction, self.rich(answer.find("feedback")), tolerance))
        return found

    def choices(self, question: ET.Element, tag: str) -> list[tuple[str, int]]:
        found = []
        for choice in question.findall(tag):
            group = int(self.number(choice, (choice.findtext("group") or "1").strip(), "choice group"))
            # A choice that is an image cannot be a drop-down entry: leave it empty for the converter to refuse.
            media = has_media(choice.findtext("text") or "")
            found.append(("" if media else self.rich(choice), group))
        return found

    def question(self, element: ET.Element, qtype: str, tags: list[str]) -> SourceQuestion:
        extra = [tag_slug(t.text or "") for t in element.findall("tags/tag/text")]
        source = SourceQuestion(
            qtype,
            (element.findtext("name/text") or "").strip(),
            self.rich(element.find("questiontext"), "html"),
            self.doc.line(element),
            general_feedback=self.rich(element.find("generalfeedback"), "html"),
            tags=[*tags, *(t for t in extra if t)],
            idnumber=(element.findtext("idnumber") or "").strip(),
        )
        source.answers = self.answers(element)
        source.single = (element.findtext("single") or "true").strip().lower() in ("true", "1")
        source.case_sensitive = (element.findtext("usecase") or "0").strip() == "1"
        source.pairs = [
            (self.rich(sub), (sub.findtext("answer/text") or "").strip()) for sub in element.findall("subquestion")
        ]
        source.choices = self.choices(element, "dragbox" if qtype == "ddwtos" else "selectoption")
        source.units = [
            (
                (unit.findtext("unit_name") or "").strip(),
                self.number(unit, unit.findtext("multiplier") or "1", "unit multiplier"),
            )
            for unit in element.findall("units/unit")
        ]
        source.notes = self.notes
        return source


def parse(raw: bytes, where: str) -> list[SourceQuestion]:
    """Every question of a Moodle XML quiz file (categories become tags of the questions after them)."""
    doc = safexml.parse(raw, where)
    if doc.root.tag != "quiz":
        raise UserError(
            f"{where}:{doc.line(doc.root)}: not a Moodle XML quiz: the root element is <{doc.root.tag}>, not <quiz>",
            "export the questions from Moodle's question bank in 'Moodle XML format'",
        )
    tags: list[str] = []
    found = []
    for element in doc.root.findall("question"):
        qtype = element.get("type", "").strip()
        if qtype == "category":
            tags = category_tags(element.findtext("category/text") or "")
            continue
        found.append(_Reader(doc, where).question(element, qtype, tags))
    return found


# -- writing -----------------------------------------------------------------------------------


def _texted(parent: ET.Element, tag: str, text: str, fmt: str | None = "markdown") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def _head(qtype: str, name: str, text: str, feedback: str, fmt: str = "markdown") -> ET.Element:
    question = ET.Element("question", {"type": qtype})
    _texted(question, "name", name, None)
    _texted(question, "questiontext", text, fmt)
    _texted(question, "generalfeedback", feedback, fmt)
    for tag, value in (("defaultgrade", "1"), ("penalty", "0.3333333"), ("hidden", "0"), ("idnumber", name)):
        ET.SubElement(question, tag).text = value
    return question


def _answer(question: ET.Element, fraction: float, text: str, feedback: str = "", fmt: str = "markdown") -> ET.Element:
    answer = _texted(question, "answer", text, fmt)
    answer.set("fraction", percent(fraction))
    _texted(answer, "feedback", feedback, fmt)
    return answer


def _choices(
    q: ET.Element, item: models.SingleChoice | models.MultipleResponse | models.CodeOutput, notes: list[str]
) -> None:
    multiple = isinstance(item, models.MultipleResponse)
    right, wrong = multi_fractions(item.select) if isinstance(item, models.MultipleResponse) else (100.0, 0.0)
    ET.SubElement(q, "single").text = "false" if multiple else "true"
    pinned = any(o.pin for o in item.options)
    if pinned:
        notes.append("pinned option: answer shuffling is turned off so it stays in place")
    ET.SubElement(q, "shuffleanswers").text = "0" if pinned else "1"
    ET.SubElement(q, "answernumbering").text = "abc"
    for option in item.options:
        _answer(q, right if option.correct else wrong, option.text, option.rationale)


def _fill_in(item: models.FillIn, notes: list[str]) -> ET.Element:
    names = gap_names(item)
    blanks = [item.blanks[n] for n in names]
    feedback = general_feedback(item)
    if len(blanks) == 1 and blanks[0].choices is None:
        q = _head("shortanswer", item.id, gap_text(item, lambda _: "_____"), feedback)
        ET.SubElement(q, "usecase").text = "1" if blanks[0].case_sensitive else "0"
        for accepted in blanks[0].accept:
            _answer(q, 100, accepted, fmt="moodle_auto_format")
        return q
    if all(b.choices is not None for b in blanks):
        return _gapselect(item, names, notes)
    notes.append("fill_in exported as a cloze (embedded answers) question")
    marks = {name: f"\ue200{name}\ue201" for name in names}
    text = markdown_to_html(gap_text(item, marks.__getitem__))
    for name in names:
        text = text.replace(marks[name], _cloze(item.blanks[name]))
    return _head("cloze", item.id, text, markdown_to_html(feedback), "html")


def _cloze_escape(text: str) -> str:
    out = html.escape(text, quote=False)
    for ch in '\\}#~/"':
        out = out.replace(ch, "\\" + ch)
    return out


def _cloze(blank: models.Blank) -> str:
    if blank.choices is None:
        kind = "SHORTANSWER_C" if blank.case_sensitive else "SHORTANSWER"
        return "{1:" + kind + ":" + "~".join(f"%100%{_cloze_escape(a)}" for a in blank.accept) + "}"
    parts = [("%100%" if c in blank.accept else "") + _cloze_escape(c) for c in blank.choices]
    return "{1:MULTICHOICE:" + "~".join(parts) + "}"


def _gapselect(item: models.FillIn, names: list[str], notes: list[str]) -> ET.Element:
    options: list[tuple[str, int]] = []
    position: dict[str, int] = {}
    for group, name in enumerate(names, start=1):
        blank = item.blanks[name]
        if len(blank.accept) > 1:
            notes.append(f"gap '{name}': only the first accepted answer is kept (a drop-down gap has one right choice)")
        options.append((blank.accept[0], group))
        position[name] = len(options)
        options.extend((c, group) for c in blank.choices or [] if c != blank.accept[0])
    q = _head("gapselect", item.id, gap_text(item, lambda n: f"[[{position[n]}]]"), general_feedback(item))
    ET.SubElement(q, "shuffleanswers").text = "1"
    for text, group in options:
        option = ET.SubElement(q, "selectoption")
        ET.SubElement(option, "text").text = text
        ET.SubElement(option, "group").text = str(group)
    return q


def _question(item: models.ItemModel, notes: list[str]) -> ET.Element:
    feedback = general_feedback(item)
    if isinstance(item, models.FillIn):
        return _fill_in(item, notes)
    if isinstance(item, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
        q = _head("multichoice", item.id, stem_text(item), feedback)
        _choices(q, item, notes)
    elif isinstance(item, models.TrueFalse):
        q = _head("truefalse", item.id, stem_text(item), feedback)
        _answer(q, 100 if item.answer else 0, "true", item.rationale_true, "moodle_auto_format")
        _answer(q, 0 if item.answer else 100, "false", item.rationale_false, "moodle_auto_format")
    elif isinstance(item, models.Ordering):
        notes.append("ordering needs Moodle 4.4 or later (the ordering question type)")
        q = _head("ordering", item.id, stem_text(item), feedback)
        for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0")):
            ET.SubElement(q, tag).text = value
        ET.SubElement(q, "gradingtype").text = "ABSOLUTE_POSITION"
        for n, entry in enumerate(item.items, start=1):
            _answer(q, n, entry.text)
    elif isinstance(item, models.Matching):
        q = _head("matching", item.id, stem_text(item), feedback)
        ET.SubElement(q, "shuffleanswers").text = "true"
        for left, right in [(p.left, p.right) for p in item.pairs] + [("", x) for x in item.extra_choices]:
            sub = _texted(q, "subquestion", left)
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = right
    else:
        q = _head("numerical", item.id, stem_text(item), feedback)
        ET.SubElement(_answer(q, 100, repr(item.answer), fmt="moodle_auto_format"), "tolerance").text = repr(
            item.tolerance
        )
        if item.unit:
            unit = ET.SubElement(ET.SubElement(q, "units"), "unit")
            ET.SubElement(unit, "multiplier").text = "1"
            ET.SubElement(unit, "unit_name").text = item.unit
    return q


def _tags(question: ET.Element, tags: tuple[str, ...] | list[str]) -> None:
    if tags:
        holder = ET.SubElement(question, "tags")
        for tag in tags:
            ET.SubElement(ET.SubElement(holder, "tag"), "text").text = tag


def _category(quiz: ET.Element, path: str) -> None:
    category = ET.SubElement(quiz, "question", {"type": "category"})
    ET.SubElement(ET.SubElement(category, "category"), "text").text = f"$course$/{path}"


def dump(bank: models.Bank, report: Report) -> str:
    """The bank as one Moodle XML quiz; case studies are a description followed by their questions."""
    quiz = ET.Element("quiz")
    base = f"examprep/{bank.id}"
    _category(quiz, base)
    current: models.CaseStudy | None = None
    for entry in entries(bank):
        if entry.case is not current:
            current = entry.case
            _category(quiz, f"{base}/{current.id}" if current else base)
            if current:
                report.add(current.id, "case study: the scenario is a description question followed by its questions")
                scenario = _head("description", current.id, current.scenario, "")
                _tags(scenario, current.tags)
                quiz.append(scenario)
        notes = losses(entry.item, "Moodle")
        question = _question(entry.item, notes)
        _tags(question, entry.item.tags)
        quiz.append(question)
        report.extend(entry.item.id, notes)
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
