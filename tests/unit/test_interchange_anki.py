"""Anki export: missed questions of finished attempts as notes Anki imports (header lines, three columns)."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from examprep.cli import main
from examprep.core.catalog import Catalog
from examprep.core.clock import FakeClock
from examprep.core.profiles import Profile
from examprep.errors import UserError
from examprep.interchange import anki
from examprep.services import Exams, Filters
from examprep.store.repository import Store

TWO = ("pcep-st-ctrl-001", "pcep-st-loop-001", "pcep-st-lit-001")


def _attempt(exams: Exams, finish: bool = True) -> int:
    session = exams.start(exams.custom_form(Filters(item_ids=TWO), 3, None, "custom"))
    session.answer("pcep-st-ctrl-001", "not-x")
    session.answer("pcep-st-loop-001", ["runs-exhausted", "break"])
    if finish:
        session.submit()
    return session.attempt_id


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(text.splitlines(keepends=True)[3:])), delimiter="\t"))


def test_missed_questions_become_notes(exams: Exams) -> None:
    attempt = _attempt(exams)
    misses = anki.missed(exams.store, anki.finished_attempts(exams.store, attempt))
    assert sorted(m.item_id for m in misses) == ["pcep-st-lit-001", "pcep-st-loop-001"]
    out = io.StringIO()
    anki.write_tsv([anki.card(exams.catalog, m) for m in misses], out)
    text = out.getvalue()
    assert text.splitlines()[:3] == ["#separator:tab", "#html:false", "#tags column:3"]
    rows = {r[0].split("\n")[0]: r for r in _rows(text)}
    front, back, tags = rows["Which two statements about the `else` clause of a `for` loop are true?"]
    assert "\nA. It runs when the loop finishes because the iterable is exhausted." in front and "(Choose 2.)" in front
    assert back.startswith(
        "A. It runs when the loop finishes because the iterable is exhausted.\nB. It runs when the iterable is empty."
    )
    assert "A loop's `else` clause runs once" in back
    assert tags.split() == ["PCEP-30-02", "domain-2", "else-clause", "loops", "examprep"]
    match_front, match_back, _ = rows["Match each literal to the integer value it denotes."]
    assert "- 0b101" in match_front and "0b101 -> 5" in match_back


def test_unfinished_or_unknown_attempts_are_user_errors(exams: Exams) -> None:
    attempt = _attempt(exams, finish=False)
    with pytest.raises(UserError, match="is not finished"):
        anki.finished_attempts(exams.store, attempt)
    with pytest.raises(UserError, match="no attempt 99"):
        anki.finished_attempts(exams.store, 99)
    assert anki.finished_attempts(exams.store, None) == []


def test_cli_writes_the_tsv(
    tmp_path: Path,
    starter_catalog: Catalog,
    profiles: dict[str, Profile],
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "history.db"
    store = Store.open(db)
    _attempt(Exams(starter_catalog, profiles, store, clock, random.Random(3)))
    store.close()
    out = tmp_path / "missed.tsv"
    assert main(["--db", str(db), "export-anki", "-o", str(out)]) == 0
    rows = _rows(out.read_text(encoding="utf-8"))
    assert len(rows) == 2 and all(len(r) == 3 for r in rows)
    assert "2 missed questions written" in capsys.readouterr().err
