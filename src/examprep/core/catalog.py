"""All bank files, loaded and cross-checked into one catalog of answerable items.

Loading is cached per file by content hash: a warm start reads one marshal file per bank and
builds the lightweight item index; full question models are validated only when first needed.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import marshal
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from examprep import __version__
from examprep.core import models
from examprep.core.diagnostics import BankError, Diagnostic
from examprep.core.profiles import Profile

if TYPE_CHECKING:
    from pydantic import TypeAdapter

_CACHE_FORMAT = 4
_KEY_FIELDS = ("type", "select", "answer", "tolerance", "blanks", "expected_output", "raises")


@cache
def _question_adapter() -> TypeAdapter[models.Question]:
    # Built on first use: a start from the cache validates no question before the first exam.
    from pydantic import TypeAdapter

    return TypeAdapter(models.Question)


def _digest(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()).hexdigest()[:16]


def key_material(raw: dict[str, Any]) -> dict[str, Any]:
    """The parts of a question that decide what is correct (a change needs a new revision)."""
    key = {k: raw[k] for k in _KEY_FIELDS if k in raw}
    if "options" in raw:
        key["correct"] = sorted(o["id"] for o in raw["options"] if o.get("correct"))
    if "items" in raw:
        key["order"] = [i["id"] for i in raw["items"]]
    if "pairs" in raw:
        key["pairs"] = raw["pairs"]
    if raw.get("type") in ("code_output", "fill_in"):
        key["code"] = raw.get("code")
    if "questions" in raw:
        key["questions"] = [key_material(q) for q in raw["questions"]]
    return key


@dataclass(frozen=True, slots=True)
class Item:
    """One answerable item as the engine indexes it; the model comes from :meth:`Catalog.model`."""

    id: str
    revision: int
    type: str
    profile: str
    domain: int
    objective: str | None
    steps: tuple[int, ...]
    tags: tuple[str, ...]
    difficulty: str
    bank: str
    path: str
    content_hash: str
    key_hash: str
    parent: str | None = None
    """The case study this item belongs to."""
    also: tuple[tuple[str, int], ...] = ()

    def in_profile(self, profile_id: str) -> int | None:
        """This item's domain number in ``profile_id``, or None if it does not serve that profile."""
        if self.profile == profile_id:
            return self.domain
        return next((d for p, d in self.also if p == profile_id), None)


@dataclass(frozen=True)
class BankInfo:
    """A loaded bank file's header."""

    id: str
    title: str
    profile: str
    path: str
    license: str
    version: str
    questions: int


def _items_of(raw_bank: dict[str, Any], path: str, profiles: dict[str, Profile]) -> list[list[Any]]:
    """Flatten a validated raw bank into item rows (plain lists, so they marshal)."""
    profile = profiles.get(raw_bank["profile"])
    rows: list[list[Any]] = []
    for raw in raw_bank["questions"]:
        subs = raw.get("questions") if raw.get("type") == "case_study" else None
        for sub in subs or [raw]:
            domain = sub.get("domain") or raw.get("domain") or 0
            dom = profile.domain(domain) if profile else None
            steps = sub.get("steps") or raw.get("steps") or raw_bank.get("steps") or (dom.steps if dom else [])
            rows.append(
                [
                    sub["id"],
                    sub.get("revision", 1),
                    sub["type"],
                    raw_bank["profile"],
                    domain,
                    sub.get("objective") or raw.get("objective"),
                    sorted(set(steps)),
                    sorted(set(sub.get("tags", [])) | set(raw.get("tags", []))),
                    sub.get("difficulty", raw.get("difficulty")),
                    raw_bank["id"],
                    path,
                    _digest(sub),
                    _digest(key_material(sub)),
                    raw["id"] if subs else None,
                    [[a["profile"], a["domain"]] for a in sub.get("also", []) or raw.get("also", [])],
                ]
            )
    return rows


@dataclass
class Catalog:
    """Every loaded item, indexed; what could not be loaded is in :attr:`problems`."""

    items: dict[str, Item] = field(default_factory=dict)
    banks: list[BankInfo] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    _raw: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    _models: dict[str, Any] = field(default_factory=dict, repr=False)
    _packed: dict[str, bytes] = field(default_factory=dict, repr=False)
    _index: tuple[dict[str, list[Item]], dict[int, list[Item]]] | None = field(default=None, repr=False)
    _units: dict[str, dict[int, list[list[Item]]]] = field(default_factory=dict, repr=False)
    """Per file: the marshalled questions of a cached bank, unpacked when first needed."""

    def raw(self, question_id: str, path: str | None = None) -> dict[str, Any]:
        """The validated YAML data of a top-level question (``path``: its bank file, if known)."""
        found = self._raw.get(question_id)
        if found is None:
            item = self.items.get(question_id)
            where = path or (item.path if item else None)
            packed = self._packed.pop(where, None) if where else None
            if packed is None:
                raise KeyError(question_id)
            for q in marshal.loads(packed):  # noqa: S302 - our own cache, keyed by content hash
                self._raw[q["id"]] = q
            found = self._raw[question_id]
        return found

    def model(self, item_id: str) -> models.ItemModel:
        """The validated model of an item (a case study's sub-question for sub-items)."""
        found = self._models.get(item_id)
        if found is None:
            item = self.items[item_id]
            top_id = item.parent or item_id
            top = self._models.get(top_id)
            if top is None:
                top = _question_adapter().validate_python(self.raw(top_id, item.path))
                self._models[top_id] = top
            found = next(q for q in top.questions if q.id == item_id) if isinstance(top, models.CaseStudy) else top
            self._models[item_id] = found
        return cast("models.ItemModel", found)

    def scenario(self, item_id: str) -> models.CaseStudy | None:
        """The case study an item belongs to, if any."""
        parent = self.items[item_id].parent
        if parent is None:
            return None
        self.model(item_id)
        return self._models[parent]  # type: ignore[no-any-return]

    def _indexes(self) -> tuple[dict[str, list[Item]], dict[int, list[Item]]]:
        if self._index is None:
            profiles: dict[str, list[Item]] = defaultdict(list)
            steps: dict[int, list[Item]] = defaultdict(list)
            for item in self.items.values():
                profiles[item.profile].append(item)
                for other, _domain in item.also:
                    profiles[other].append(item)
                for step in item.steps:
                    steps[step].append(item)
            self._index = (dict(profiles), dict(steps))
        return self._index

    def domain_units(
        self, profile_id: str, build: Callable[[list[Item], str], dict[int, list[list[Item]]]]
    ) -> dict[int, list[list[Item]]]:
        """``build(items, profile_id)``, computed once per profile while the catalog is unchanged."""
        cache = self._units
        if profile_id not in cache:
            cache[profile_id] = build(self.for_profile(profile_id), profile_id)
        return cache[profile_id]

    def for_profile(self, profile_id: str) -> list[Item]:
        """Items that serve a profile (their own or cross-listed), in catalog order."""
        return list(self._indexes()[0].get(profile_id, []))

    def by_step(self, step: int) -> list[Item]:
        """Items tagged with a roadmap step, from any bank."""
        return list(self._indexes()[1].get(step, []))

    def add(
        self, rows: list[list[Any]], header: dict[str, Any], path: str, questions: list[dict[str, Any]] | bytes
    ) -> None:
        """Add one cleanly loaded bank, refusing ids that another bank already uses.

        ``questions`` are the bank's raw questions, or (from the cache) their marshalled bytes,
        unpacked only when one of them is first needed.
        """
        clash = [r[0] for r in rows if r[0] in self.items]
        if clash:
            first = self.items[clash[0]]
            self.problems.append(
                Diagnostic(
                    path,
                    1,
                    1,
                    "L001",
                    f"question id '{clash[0]}' is already used in {first.path} ({len(clash)} clashes); this file was skipped",
                    "ids must be unique across all banks: give the new questions new ids",
                )
            )
            return
        self._index = None
        self._units = {}
        for r in rows:
            self.items[r[0]] = Item(
                r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6]), tuple(r[7]), r[8], r[9], path, r[11], r[12], r[13],
                tuple((a, d) for a, d in r[14]),
            )  # fmt: skip
        if isinstance(questions, bytes):
            self._packed[path] = questions
        else:
            for q in questions:
                self._raw[q["id"]] = q
        self.banks.append(
            BankInfo(
                header["id"],
                header["title"],
                header["profile"],
                path,
                header["license"],
                header["version"],
                int(header["count"]),
            )
        )


def bank_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every ``*.yaml``/``*.yml`` file under the given files and folders, in a stable order."""
    for root in paths:
        if root.is_file():
            yield root
            continue
        found: list[Path] = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            found.extend(Path(dirpath, f) for f in filenames if f.endswith((".yaml", ".yml")))
        yield from sorted(found)


def header_of(data: dict[str, Any]) -> dict[str, Any]:
    """What the catalog keeps of a bank's header."""
    return {k: data[k] for k in ("id", "title", "profile", "license", "version")} | {"count": len(data["questions"])}


def load_file(
    raw: bytes, path: str, profiles: dict[str, Profile]
) -> tuple[dict[str, Any], list[list[Any]], list[Diagnostic]]:
    """Parse, validate and rule-check one file: (raw bank, item rows, warnings), or raise BankError."""
    from examprep.core.loader import load_bank_bytes  # imported on a cache miss only: pydantic, YAML
    from examprep.core.rules import check_bank

    with _no_gc():
        bank, located = load_bank_bytes(raw, path)
        diags = check_bank(bank, located, path, profiles.get(bank.profile))
    if any(d.severity == "error" for d in diags):
        raise BankError(diags)
    data: dict[str, Any] = located.data
    return data, _items_of(data, path, profiles), diags


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Parsing allocates many objects and frees few: the cyclic GC would only slow it down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_catalog(paths: Iterable[Path], profiles: dict[str, Profile], cache_dir: Path | None = None) -> Catalog:
    """Load every bank under ``paths``; bad files are reported in ``problems`` and skipped."""
    catalog = Catalog()
    profile_digest = _digest(sorted(profiles))
    for file in bank_files(paths):
        display = str(file)
        try:
            raw = file.read_bytes()
        except OSError as exc:
            catalog.problems.append(
                Diagnostic(
                    display, 1, 1, "Y000", f"cannot read file: {exc.strerror}", "check the path and its permissions"
                )
            )
            continue
        digest = hashlib.sha256(raw).hexdigest()
        cached = _read_cache(cache_dir, digest, profile_digest)
        if cached is not None:
            header, rows, packed = cached
            catalog.add(rows, header, display, packed)
            continue
        try:
            data, rows, _warnings = load_file(raw, display, profiles)
        except BankError as exc:
            catalog.problems.extend(exc.diagnostics)
            continue
        _write_cache(cache_dir, digest, profile_digest, (header_of(data), rows, marshal.dumps(data["questions"])))
        catalog.add(rows, header_of(data), display, data["questions"])
    return catalog


def _cache_path(cache_dir: Path, digest: str, profile_digest: str) -> Path:
    return cache_dir / f"{digest[:32]}-{profile_digest[:8]}-{_CACHE_FORMAT}-{__version__}.marshal"


_Cached = tuple[dict[str, Any], list[list[Any]], bytes]


def _read_cache(cache_dir: Path | None, digest: str, profile_digest: str) -> _Cached | None:
    if cache_dir is None:
        return None
    try:
        blob = _cache_path(cache_dir, digest, profile_digest).read_bytes()
        header, rows, packed = marshal.loads(blob)  # noqa: S302 - our own cache, keyed by content hash
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return header, rows, packed


def _write_cache(cache_dir: Path | None, digest: str, profile_digest: str, entry: _Cached) -> None:
    if cache_dir is None:
        return
    target = _cache_path(cache_dir, digest, profile_digest)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(entry))
        tmp.replace(target)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs speed


def near_duplicates(catalog: Catalog) -> list[Diagnostic]:
    """Warnings for questions whose normalised stem and options equal another's."""
    seen: dict[str, str] = {}
    out: list[Diagnostic] = []
    for item in catalog.items.values():
        if item.parent is not None:
            continue
        raw = catalog.raw(item.id)
        words = sorted(
            set(
                "".join(c if c.isalnum() else " " for c in (raw["stem"] + " " + (raw.get("code") or "")))
                .lower()
                .split()
            )
        )
        opts = sorted(_norm_opt(o["text"]) for o in raw.get("options", []))
        sig = _digest([words, opts])
        if sig in seen:
            out.append(
                Diagnostic(
                    item.path,
                    1,
                    1,
                    "L071",
                    f"question '{item.id}' looks like a duplicate of '{seen[sig]}'",
                    "rewrite one of them or remove it",
                    "warning",
                )
            )
        else:
            seen[sig] = item.id
    return out


def _norm_opt(text: str) -> str:
    return " ".join(text.lower().split())


def summarize(catalog: Catalog) -> dict[str, Counter[str]]:
    """Item counts per profile and type (for `examprep banks`)."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for item in catalog.items.values():
        out[item.profile][item.type] += 1
    return out
