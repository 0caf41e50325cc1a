"""1EdTech QTI 3.0: one ``qti-assessment-item`` per item, a shared stimulus per case study, a manifest.

Rationales are inline feedback on their choice (shown when that choice was picked) and the
explanation is modal feedback shown after answering. Scoring: 1 when the response matches the
key (numeric: within the tolerance); fill-in items score one point per gap.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from examprep.core import models
from examprep.interchange.outline import entries, gap_names, gap_text, general_feedback, losses, stem_text
from examprep.interchange.report import Report
from examprep.interchange.textconv import inline_html, markdown_to_html

NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
MANIFEST_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
_SCHEMA = f"{NS} https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_GAP = "\ue300{}\ue301"

Choice = models.SingleChoice | models.MultipleResponse | models.CodeOutput


def _root(tag: str, identifier: str, title: str) -> ET.Element:
    attrs = {"xmlns": NS, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance", "xsi:schemaLocation": _SCHEMA}
    return ET.Element(tag, {**attrs, "identifier": identifier, "title": title, _LANG: "en"})


def _fragment(xhtml: str) -> ET.Element:
    holder = ET.fromstring(f'<div xmlns="{NS}">{xhtml}</div>')  # noqa: S314 - our own escaped output
    for node in holder.iter():
        node.tag = node.tag.split("}", 1)[-1]
    return holder


def _html(parent: ET.Element, markdown: str, gaps: dict[str, str] | None = None) -> None:
    """Append bank Markdown to ``parent`` as XHTML blocks, gap markers replaced by interaction XML."""
    text = markdown_to_html(markdown)
    for marker, xml in (gaps or {}).items():
        text = text.replace(marker, xml)
    parent.extend(_fragment(text))


def _inline(parent: ET.Element, markdown: str) -> None:
    """Set ``parent``'s content to bank Markdown as inline XHTML (for inline feedback)."""
    holder = _fragment(inline_html(markdown.strip()))
    parent.text = holder.text
    parent.extend(holder)


_LEAVES = frozenset({"p", "pre", "span", "qti-feedback-inline", "qti-value", "qti-base-value"})


def _indent(element: ET.Element, level: int = 0) -> None:
    """Pretty-print the item structure, leaving text content (where whitespace shows) untouched."""
    children = list(element)
    if not children or element.tag in _LEAVES:
        return
    pad = "\n" + "  " * (level + 1)
    if not (element.text or "").strip():
        element.text = pad
    for child in children:
        _indent(child, level + 1)
        if not (child.tail or "").strip():
            child.tail = pad
    if not (children[-1].tail or "").strip():
        children[-1].tail = "\n" + "  " * level


def _value(parent: ET.Element, text: str) -> None:
    ET.SubElement(parent, "qti-value").text = text


def _declare(item: ET.Element, identifier: str, cardinality: str, base: str, correct: list[str]) -> ET.Element:
    declaration = ET.SubElement(
        item,
        "qti-response-declaration",
        {"identifier": identifier, "cardinality": cardinality, "base-type": base},
    )
    holder = ET.SubElement(declaration, "qti-correct-response")
    for value in correct:
        _value(holder, value)
    return declaration


def _outcome(item: ET.Element, identifier: str, cardinality: str, base: str, default: str | None) -> None:
    outcome = ET.SubElement(
        item, "qti-outcome-declaration", {"identifier": identifier, "cardinality": cardinality, "base-type": base}
    )
    if default is not None:
        _value(ET.SubElement(outcome, "qti-default-value"), default)


def _set(parent: ET.Element, identifier: str, expression: ET.Element) -> None:
    ET.SubElement(parent, "qti-set-outcome-value", {"identifier": identifier}).append(expression)


def _element(
    tag: str, attrs: dict[str, str] | None = None, *children: ET.Element, text: str | None = None
) -> ET.Element:
    element = ET.Element(tag, attrs or {})
    element.extend(children)
    element.text = text
    return element


def _variable(identifier: str) -> ET.Element:
    return _element("qti-variable", {"identifier": identifier})


def _score_if(condition: ET.Element) -> ET.Element:
    """``SCORE = 1`` when ``condition`` holds."""
    branch = _element("qti-response-if", None, condition)
    _set(branch, "SCORE", _element("qti-base-value", {"base-type": "float"}, text="1"))
    return _element("qti-response-condition", None, branch)


def _matches() -> ET.Element:
    return _element("qti-match", None, _variable("RESPONSE"), _element("qti-correct", {"identifier": "RESPONSE"}))


class _ItemWriter:
    """Builds one item document; ``body`` is its ``qti-item-body``, filled by the type's method."""

    def __init__(self, item: models.ItemModel, stimulus: str | None) -> None:
        self.item = item
        self.doc = _root("qti-assessment-item", item.id, item.id)
        self.doc.set("adaptive", "false")
        self.doc.set("time-dependent", "false")
        self.stimulus = stimulus
        self.rules: list[ET.Element] = []
        self.outcomes: list[tuple[str, str, str, str | None]] = [
            ("SCORE", "single", "float", "0"),
            ("EXPLAIN", "single", "identifier", None),
        ]

    def finish(self, body: ET.Element) -> ET.Element:
        for identifier, cardinality, base, default in self.outcomes:
            _outcome(self.doc, identifier, cardinality, base, default)
        if self.stimulus:
            ET.SubElement(
                self.doc,
                "qti-assessment-stimulus-ref",
                {"identifier": self.stimulus, "href": f"../stimuli/{self.stimulus}.xml", "title": self.stimulus},
            )
        self.doc.append(body)
        processing = ET.SubElement(self.doc, "qti-response-processing")
        processing.extend(self.rules)
        _set(processing, "EXPLAIN", _element("qti-base-value", {"base-type": "identifier"}, text="EXPLANATION"))
        modal = ET.SubElement(
            self.doc,
            "qti-modal-feedback",
            {"outcome-identifier": "EXPLAIN", "identifier": "EXPLANATION", "show-hide": "show"},
        )
        _html(ET.SubElement(modal, "qti-content-body"), general_feedback(self.item))
        return self.doc

    def choices(self, item: Choice | models.TrueFalse) -> ET.Element:
        body = _element("qti-item-body")
        _html(body, stem_text(item))
        if isinstance(item, models.TrueFalse):
            options = [
                ("true", "True", item.rationale_true, item.answer),
                ("false", "False", item.rationale_false, not item.answer),
            ]
            pinned: set[str] = set()
        else:
            options = [(o.id, o.text, o.rationale, o.correct) for o in item.options]
            pinned = {o.id for o in item.options if o.pin}
        select = item.select if isinstance(item, models.MultipleResponse) else 1
        cardinality = "single" if select == 1 else "multiple"
        _declare(self.doc, "RESPONSE", cardinality, "identifier", [i for i, _, _, right in options if right])
        self.outcomes.append(("FEEDBACK", cardinality, "identifier", None))
        interaction = ET.SubElement(
            body,
            "qti-choice-interaction",
            {"response-identifier": "RESPONSE", "shuffle": "true", "max-choices": str(select)},
        )
        for identifier, text, rationale, _ in options:
            choice = ET.SubElement(
                interaction, "qti-simple-choice", {"identifier": identifier, "fixed": str(identifier in pinned).lower()}
            )
            _html(choice, text)
            feedback = ET.SubElement(
                choice,
                "qti-feedback-inline",
                {"outcome-identifier": "FEEDBACK", "identifier": identifier, "show-hide": "show"},
            )
            _inline(feedback, rationale)
        self.rules = [
            _score_if(_matches()),
            _element("qti-set-outcome-value", {"identifier": "FEEDBACK"}, _variable("RESPONSE")),
        ]
        return body

    def ordering(self, item: models.Ordering) -> ET.Element:
        body = _element("qti-item-body")
        _html(body, stem_text(item))
        _declare(self.doc, "RESPONSE", "ordered", "identifier", [i.id for i in item.items])
        interaction = ET.SubElement(
            body, "qti-order-interaction", {"response-identifier": "RESPONSE", "shuffle": "true"}
        )
        for entry in item.items:
            _html(ET.SubElement(interaction, "qti-simple-choice", {"identifier": entry.id}), entry.text)
        self.rules = [_score_if(_matches())]
        return body

    def matching(self, item: models.Matching) -> ET.Element:
        body = _element("qti-item-body")
        _html(body, stem_text(item))
        pairs = [f"L{n} R{n}" for n in range(1, len(item.pairs) + 1)]
        _declare(self.doc, "RESPONSE", "multiple", "directedPair", pairs)
        interaction = ET.SubElement(
            body,
            "qti-match-interaction",
            {"response-identifier": "RESPONSE", "shuffle": "true", "max-associations": str(len(item.pairs))},
        )
        lefts = ET.SubElement(interaction, "qti-simple-match-set")
        rights = ET.SubElement(interaction, "qti-simple-match-set")
        for n, pair in enumerate(item.pairs, start=1):
            _html(
                ET.SubElement(lefts, "qti-simple-associable-choice", {"identifier": f"L{n}", "match-max": "1"}),
                pair.left,
            )
        for n, text in enumerate([p.right for p in item.pairs] + list(item.extra_choices), start=1):
            _html(
                ET.SubElement(rights, "qti-simple-associable-choice", {"identifier": f"R{n}", "match-max": "1"}), text
            )
        self.rules = [_score_if(_matches())]
        return body

    def fill_in(self, item: models.FillIn) -> ET.Element:
        body = _element("qti-item-body")
        interactions: dict[str, str] = {}
        scores = _element("qti-sum")
        for name in gap_names(item):
            blank, rid = item.blanks[name], f"RESPONSE_{name}"
            scores.append(_element("qti-map-response", {"identifier": rid}))
            interactions[_GAP.format(name)] = _gap_xml(rid, blank)
            if blank.choices is None:
                declaration = _declare(self.doc, rid, "single", "string", blank.accept[:1])
                keys = list(blank.accept)
            else:
                ids = {c: f"C{n}" for n, c in enumerate(blank.choices, start=1)}
                declaration = _declare(self.doc, rid, "single", "identifier", [ids[a] for a in blank.accept[:1]])
                keys = [ids[a] for a in blank.accept]
            mapping = ET.SubElement(declaration, "qti-mapping", {"default-value": "0"})
            for key in keys:
                ET.SubElement(
                    mapping,
                    "qti-map-entry",
                    {"map-key": key, "mapped-value": "1", "case-sensitive": str(blank.case_sensitive).lower()},
                )
        _html(body, gap_text(item, _GAP.format), interactions)
        self.rules = [_element("qti-set-outcome-value", {"identifier": "SCORE"}, scores)]
        self.outcomes.append(("MAXSCORE", "single", "float", str(len(gap_names(item)))))
        return body

    def numeric(self, item: models.Numeric) -> ET.Element:
        body = _element("qti-item-body")
        _html(body, stem_text(item))
        _declare(self.doc, "RESPONSE", "single", "float", [repr(float(item.answer))])
        entry = ET.SubElement(body, "p")
        ET.SubElement(entry, "qti-text-entry-interaction", {"response-identifier": "RESPONSE", "expected-length": "12"})
        if item.unit:
            ET.SubElement(entry, "span").text = f" {item.unit}"
        tolerance = f"{item.tolerance} {item.tolerance}"
        mode = {"tolerance-mode": "absolute", "tolerance": tolerance} if item.tolerance else {"tolerance-mode": "exact"}
        equal = _element("qti-equal", mode, _variable("RESPONSE"), _element("qti-correct", {"identifier": "RESPONSE"}))
        self.rules = [_score_if(equal)]
        return body


def _gap_xml(rid: str, blank: models.Blank) -> str:
    if blank.choices is None:
        return f'<qti-text-entry-interaction response-identifier="{rid}" expected-length="15"/>'
    options = "".join(
        f'<qti-inline-choice identifier="C{n}">{html.escape(c, quote=False)}</qti-inline-choice>'
        for n, c in enumerate(blank.choices, start=1)
    )
    return (
        f'<qti-inline-choice-interaction response-identifier="{rid}" shuffle="true">{options}'
        "</qti-inline-choice-interaction>"
    )


def _item(item: models.ItemModel, stimulus: str | None) -> ET.Element:
    writer = _ItemWriter(item, stimulus)
    if isinstance(item, models.SingleChoice | models.MultipleResponse | models.CodeOutput | models.TrueFalse):
        return writer.finish(writer.choices(item))
    if isinstance(item, models.Ordering):
        return writer.finish(writer.ordering(item))
    if isinstance(item, models.Matching):
        return writer.finish(writer.matching(item))
    if isinstance(item, models.FillIn):
        return writer.finish(writer.fill_in(item))
    return writer.finish(writer.numeric(item))


def _stimulus(case: models.CaseStudy) -> ET.Element:
    doc = _root("qti-assessment-stimulus", f"stimulus-{case.id}", case.id)
    _html(ET.SubElement(doc, "qti-stimulus-body"), case.scenario)
    return doc


def _xml(element: ET.Element) -> bytes:
    _indent(element)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(element, encoding="unicode") + "\n").encode()


def _manifest(bank: models.Bank, resources: list[tuple[str, str, str, str | None]]) -> ET.Element:
    manifest = ET.Element("manifest", {"xmlns": MANIFEST_NS, "identifier": f"manifest-{bank.id}"})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "QTI Package"
    ET.SubElement(metadata, "schemaversion").text = "3.0.0"
    ET.SubElement(manifest, "organizations")
    holder = ET.SubElement(manifest, "resources")
    for identifier, kind, href, depends in resources:
        resource = ET.SubElement(holder, "resource", {"identifier": identifier, "type": kind, "href": href})
        ET.SubElement(resource, "file", {"href": href})
        if depends:
            ET.SubElement(resource, "dependency", {"identifierref": depends})
    return manifest


def package(bank: models.Bank, report: Report) -> dict[str, bytes]:
    """The QTI package's files by path: ``imsmanifest.xml``, ``items/*.xml``, ``stimuli/*.xml``."""
    files: dict[str, bytes] = {}
    resources: list[tuple[str, str, str, str | None]] = []
    for entry in entries(bank):
        stimulus = f"stimulus-{entry.case.id}" if entry.case else None
        if entry.case and f"stimuli/{stimulus}.xml" not in files:
            files[f"stimuli/{stimulus}.xml"] = _xml(_stimulus(entry.case))
            resources.append((f"stimulus-{entry.case.id}", "imsqti_stimulus_xmlv3p0", f"stimuli/{stimulus}.xml", None))
            report.add(
                entry.case.id, f"case study: scenario written once as stimuli/{stimulus}.xml, shared by its items"
            )
        report.extend(entry.item.id, losses(entry.item, "QTI", "a <pre> block"))
        href = f"items/{entry.item.id}.xml"
        files[href] = _xml(_item(entry.item, stimulus))
        resources.append((entry.item.id, "imsqti_item_xmlv3p0", href, stimulus))
    files["imsmanifest.xml"] = _xml(_manifest(bank, resources))
    return files
