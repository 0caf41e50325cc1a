"""Interchange with the LMS world: Moodle GIFT, Aiken and Moodle XML in; QTI 3.0, Moodle XML and GIFT out; Anki.

Every importer parses its format into neutral :class:`~examprep.interchange.source.SourceQuestion`
records, which one converter turns into bank questions, so the three formats share every rule
about keys, fractions and feedback. Everything that cannot be carried over is collected in a
:class:`~examprep.interchange.report.Report` and printed, never dropped silently.
"""

from __future__ import annotations

IMPORT_FORMATS: tuple[str, ...] = ("gift", "aiken", "moodle-xml")
EXPORT_FORMATS: tuple[str, ...] = ("qti", "moodle-xml", "gift")
