"""Parse untrusted XML with the standard library, refusing what makes XML dangerous.

Entity expansion ("billion laughs") and external entities (reading local files or URLs) both
need a document type declaration, and no Moodle export has one: so any ``<!DOCTYPE`` or
``<!ENTITY`` is refused before parsing, and again by the parser should one slip past the scan
(a UTF-16 file, say). Elements come back with the line they start on, for located messages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import NoReturn
from xml.parsers import expat

from examprep.errors import UserError

MAX_XML_BYTES = 50 * 1024 * 1024
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_OPAQUE = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.DOTALL)
_REFUSE_HINT = "remove the <!DOCTYPE ...> block (Moodle never writes one) and import again"


@dataclass
class Parsed:
    """The root element and the 1-based start line of every element."""

    root: ET.Element
    lines: dict[ET.Element, int]

    def line(self, element: ET.Element) -> int:
        """Where ``element`` starts."""
        return self.lines.get(element, 1)


def _blank(match: re.Match[bytes]) -> bytes:
    return re.sub(rb"[^\n]", b" ", match.group(0))


def refuse_declarations(raw: bytes, where: str) -> None:
    """Raise a UserError if the document declares a DOCTYPE or entities (outside CDATA and comments)."""
    found = _DECLARATION.search(_OPAQUE.sub(_blank, raw))
    if found:
        line = raw[: found.start()].count(b"\n") + 1
        kind = found.group(1).decode().upper()
        raise UserError(
            f"{where}:{line}: {kind} declarations are refused (they can expand entities or read other files)",
            _REFUSE_HINT,
        )


def parse(raw: bytes, where: str) -> Parsed:
    """Parse ``raw`` safely, or raise a UserError naming the file, line and problem."""
    if len(raw) > MAX_XML_BYTES:
        raise UserError(f"{where}: the file is larger than {MAX_XML_BYTES // (1024 * 1024)} MB", "split the export")
    refuse_declarations(raw, where)
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: object) -> NoReturn:
        raise UserError(
            f"{where}:{parser.CurrentLineNumber}: DOCTYPE and ENTITY declarations are refused", _REFUSE_HINT
        )

    def start(tag: str, attrs: dict[str, str]) -> None:
        lines[builder.start(tag, attrs)] = parser.CurrentLineNumber

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as exc:
        raise UserError(
            f"{where}:{exc.lineno}:{exc.offset + 1}: not well-formed XML ({expat.ErrorString(exc.code)})",
            "fix the XML at that position (an unescaped & or < in a text, or a tag left open, is the usual cause)",
        ) from None
    return Parsed(builder.close(), lines)
