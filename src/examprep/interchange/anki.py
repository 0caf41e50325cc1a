"""Missed questions as Anki notes: a tab-separated file Anki's importer reads without questions asked.

Front: scenario (for case-study items), stem, code and the options lettered in bank order.
Back: the key and the explanation. Tags: profile, ``domain-N``, the item's tags and ``examprep``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from examprep.core import models
from examprep.core.catalog import Catalog
from examprep.core.scoring import key_text
from examprep.errors import UserError
from examprep.interchange.outline import letter
from examprep.store.repository import AttemptRow, Store

HEADER = ("#separator:tab", "#html:false", "#tags column:3")


@dataclass(frozen=True)
class Card:
    """One Anki note."""

    item_id: str
    front: str
    back: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Missed:
    """An item answered with credit below 1, as the store recorded it."""

    item_id: str
    profile: str
    domain: int


def finished_attempts(store: Store, attempt_id: int | None) -> list[AttemptRow]:
    """The chosen attempt (it must be finished), or every finished attempt, newest first."""
    if attempt_id is None:
        return store.attempts(status="finished", limit=1_000_000)
    row = store.attempt(attempt_id)
    if row is None:
        raise UserError(f"no attempt {attempt_id}", "`examprep export` lists attempts with their ids")
    if row.status != "finished":
        raise UserError(
            f"attempt {attempt_id} is not finished ({row.status})", "finish it first, or leave out --attempt"
        )
    return [row]


def missed(store: Store, attempts: Iterable[AttemptRow]) -> list[Missed]:
    """Items with credit < 1 in these attempts, each once (its latest miss first)."""
    seen: dict[str, Missed] = {}
    for attempt in attempts:
        for row in store.responses(attempt.id):
            credit = row.get("credit")
            if credit is not None and credit < 1 and row["item_id"] not in seen:
                seen[row["item_id"]] = Missed(row["item_id"], row["profile"] or attempt.profile, int(row["domain"]))
    return list(seen.values())


def _front(item: models.ItemModel, case: models.CaseStudy | None) -> str:
    parts = [case.scenario.strip()] if case else []
    parts.append(item.stem.strip())
    if item.code:
        parts.append(item.code.rstrip("\n"))
    if isinstance(item, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
        parts.append("\n".join(f"{letter(n)}. {o.text}" for n, o in enumerate(item.options)))
        if isinstance(item, models.MultipleResponse):
            parts.append(f"(Choose {item.select}.)")
    elif isinstance(item, models.TrueFalse):
        parts.append("True or false?")
    elif isinstance(item, models.Ordering):
        parts.append("Put in order:\n" + "\n".join(f"- {t}" for t in sorted(i.text for i in item.items)))
    elif isinstance(item, models.Matching):
        rights = sorted([p.right for p in item.pairs] + list(item.extra_choices))
        parts.append(
            "Match:\n"
            + "\n".join(f"- {p.left}" for p in item.pairs)
            + "\nwith:\n"
            + "\n".join(f"- {r}" for r in rights)
        )
    elif isinstance(item, models.Numeric) and item.unit:
        parts.append(f"(Answer in {item.unit}.)")
    return "\n\n".join(parts)


def card(catalog: Catalog, miss: Missed) -> Card:
    """The note for a missed item (KeyError if the item is no longer in any bank)."""
    item = catalog.model(miss.item_id)
    catalog_item = catalog.items[miss.item_id]
    tags = dict.fromkeys([miss.profile, f"domain-{miss.domain}", *catalog_item.tags, "examprep"])
    back = f"{_answer(item)}\n\n{item.explanation.strip()}"
    return Card(
        miss.item_id, _front(item, catalog.scenario(miss.item_id)), back, tuple(t.replace(" ", "-") for t in tags)
    )


def write_tsv(cards: Iterable[Card], out: TextIO) -> None:
    """Anki's header lines, then one note per line (fields with line breaks are quoted)."""
    out.write("\n".join(HEADER) + "\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for c in cards:
        writer.writerow([c.front, c.back, " ".join(c.tags)])


def _answer(item: models.ItemModel) -> str:
    """The key; choice options lettered as on the front of the card."""
    if isinstance(item, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
        return "\n".join(f"{letter(n)}. {o.text.strip()}" for n, o in enumerate(item.options) if o.correct)
    return key_text(item, sep="\n")
