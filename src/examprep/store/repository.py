"""The only code that talks to SQLite: attempts, every answer as it is given, and summaries.

Writes are small ``BEGIN IMMEDIATE`` transactions on a WAL database with a busy timeout, so two
running copies of the app serialise their writes instead of failing or corrupting the file, and a
killed process loses nothing that was committed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from examprep import __version__
from examprep.core.catalog import Item
from examprep.core.draw import Form
from examprep.core.review import CardState, Outcome
from examprep.core.session import Answered, Checkpoint, Flagged, SavedState, SessionEvent, Submitted
from examprep.errors import UserError
from examprep.store import schema

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 10_000


class StoreError(UserError):
    """The database cannot be used; the message says which file and what to do."""


def _now_iso(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).isoformat(timespec="seconds")


def _connect(path: Path | None) -> sqlite3.Connection:
    target = ":memory:" if path is None else str(path)
    # Autocommit mode: every transaction below is opened explicitly (BEGIN IMMEDIATE).
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if path is not None:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


@dataclass(frozen=True)
class AttemptRow:
    """One attempt as stored."""

    id: int
    profile: str
    mode: str
    title: str
    form_code: str
    status: str
    started_at: str
    finished_at: str | None
    elapsed: float
    minutes: float | None
    percent: float | None
    scaled: int | None
    passed: bool | None
    expired: bool
    feedback: bool
    items: int


class Store:
    """Attempts and their responses, in one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """The connection seen through sqlite-utils: for migrations and ad-hoc queries.

        Imported on first use, which a start with an up-to-date schema never makes:
        sqlite-utils imports pandas and numpy when they are installed (300 ms).
        """
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating and migrating as needed) the database at ``path``."""
        where = str(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for the database {where}: {exc.strerror}",
                "choose another place with --db PATH or EXAMPREP_DB",
            ) from None
        try:
            store = cls(_connect(path), path)
            store.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            store._migrate()
        except sqlite3.DatabaseError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                raise StoreError(
                    f"the database {where} is locked by another program",
                    "close the other examprep, or wait and try again",
                ) from None
            raise StoreError(
                f"the database {where} cannot be read ({text})",
                f"it was not changed. Keep it for recovery: move it aside (mv '{where}' '{where}.broken') "
                "and examprep starts a new one, or point --db at another file",
            ) from None
        return store

    @classmethod
    def memory(cls) -> Store:
        """A private in-memory database (tests)."""
        store = cls(_connect(None), None)
        store._migrate()
        return store

    def _migrate(self) -> None:
        with self._write():
            pass
        if schema.is_current(self.conn):
            return
        from examprep.store.migrations import migrations

        migrations.apply(self.db)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"the database {self.path} stayed busy for {BUSY_TIMEOUT_MS // 1000} s ({exc})",
                "another examprep is writing to it; try again",
            ) from None
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- attempts --------------------------------------------------------------------------
    def start_attempt(self, form: Form, items: Iterable[Item], now: dt.datetime, feedback: bool = False) -> int:
        """Write the attempt row and one response row per item; returns the attempt id."""
        stamp = _now_iso(now)
        form_json = json.dumps(
            {
                "items": list(form.items),
                "orders": {k: list(v) for k, v in form.orders.items()},
                "unscored": sorted(form.unscored),
            }
        )
        by_id = {i.id: i for i in items}
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO attempts (profile, mode, title, form_code, seed, form, minutes, feedback, started_at, updated_at, app_version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    form.profile,
                    form.mode,
                    form.title,
                    form.code,
                    form.seed,
                    form_json,
                    form.minutes,
                    int(feedback),
                    stamp,
                    stamp,
                    __version__,
                ),
            )
            attempt_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO responses (attempt_id, item_id, position, revision, content_hash, key_hash, profile, domain, steps, tags, objective, scored)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        attempt_id,
                        iid,
                        n,
                        it.revision,
                        it.content_hash,
                        it.key_hash,
                        it.profile,
                        it.in_profile(form.profile) or it.domain,
                        json.dumps(list(it.steps)),
                        json.dumps(list(it.tags)),
                        it.objective,
                        int(iid not in form.unscored),
                    )
                    for n, iid in enumerate(form.items)
                    for it in (by_id[iid],)
                ],
            )
        return attempt_id

    def record(self, attempt_id: int, event: SessionEvent, now: dt.datetime) -> None:
        """Persist one session event in its own transaction."""
        stamp = _now_iso(now)
        with self._write() as conn:
            if isinstance(event, Answered):
                payload = None if event.response is None else json.dumps(event.response, sort_keys=True)
                conn.execute(
                    "UPDATE responses SET response = ?, changes = ?, seconds = ?, locked = ?, answered_at = ?,"
                    " first_response = COALESCE(first_response, ?) WHERE attempt_id = ? AND item_id = ?",
                    (
                        payload,
                        event.changes,
                        event.seconds,
                        int(event.locked),
                        stamp,
                        payload,
                        attempt_id,
                        event.item_id,
                    ),
                )
            elif isinstance(event, Flagged):
                conn.execute(
                    "UPDATE responses SET flagged = ? WHERE attempt_id = ? AND item_id = ?",
                    (int(event.flagged), attempt_id, event.item_id),
                )
            elif isinstance(event, Checkpoint):
                conn.execute(
                    "UPDATE responses SET seconds = ? WHERE attempt_id = ? AND item_id = ?",
                    (event.seconds, attempt_id, event.item_id),
                )
                conn.execute(
                    "UPDATE attempts SET elapsed = max(elapsed, ?), position = ?, updated_at = ? WHERE id = ?",
                    (event.elapsed, event.position, stamp, attempt_id),
                )
            elif isinstance(event, Submitted):
                self._finish(conn, attempt_id, event, stamp)
            if isinstance(event, Answered | Flagged):
                # The attempt's time used moves with every answer and mark, so a kill costs nothing.
                conn.execute(
                    "UPDATE attempts SET elapsed = max(elapsed, ?), updated_at = ? WHERE id = ?",
                    (event.elapsed, stamp, attempt_id),
                )

    def _finish(self, conn: sqlite3.Connection, attempt_id: int, event: Submitted, stamp: str) -> None:
        score = event.score
        row = conn.execute("SELECT profile, status FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        if row is None or row[1] == "finished":
            return
        profile = row[0]
        conn.execute(
            "UPDATE attempts SET status = 'finished', finished_at = ?, updated_at = ?, elapsed = ?, expired = ?, percent = ?, scaled = ?, passed = ? WHERE id = ?",
            (
                stamp,
                stamp,
                event.elapsed,
                int(event.expired),
                score.percent,
                score.scaled,
                None if score.passed is None else int(score.passed),
                attempt_id,
            ),
        )
        conn.executemany(
            "UPDATE responses SET credit = ? WHERE attempt_id = ? AND item_id = ?",
            [(r.credit, attempt_id, r.item_id) for r in score.items],
        )
        self._update_summaries(conn, attempt_id, profile, stamp)

    def _update_summaries(self, conn: sqlite3.Connection, attempt_id: int, profile: str, stamp: str) -> None:
        rows = conn.execute(
            "SELECT item_id, domain, steps, tags, objective, credit, seconds, response, first_response, changes FROM responses WHERE attempt_id = ? AND scored = 1",
            (attempt_id,),
        ).fetchall()
        areas: dict[tuple[str, str, str], list[float]] = {}
        totals = [0, 0]

        def bump(p: str, dim: str, key: str, credit: float, seconds: float) -> None:
            acc = areas.setdefault((p, dim, key), [0, 0.0, 0.0])
            acc[0] += 1
            acc[1] += credit
            acc[2] += seconds

        for item_id, domain, steps, tags, objective, credit, seconds, _resp, first, changes in rows:
            credit = credit or 0.0
            bump(profile, "domain", str(domain), credit, seconds)
            for s in json.loads(steps):
                bump(profile, "step", str(s), credit, seconds)
                bump("*", "step", str(s), credit, seconds)
            for t in json.loads(tags):
                bump(profile, "tag", t, credit, seconds)
            if objective:
                bump(profile, "objective", f"{domain}|{objective}", credit, seconds)
            changed_right = int(bool(changes) and credit >= 1.0)
            changed_wrong = int(bool(changes) and credit < 1.0 and first is not None)
            totals[0] += changed_right
            totals[1] += changed_wrong
            conn.execute(
                "INSERT INTO item_stats (item_id, answers, credit, seconds, last_credit, last_at, changed_to_right, changed_to_wrong) VALUES (?, 1, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(item_id) DO UPDATE SET answers = answers + 1, credit = credit + excluded.credit, seconds = seconds + excluded.seconds,"
                " last_credit = excluded.last_credit, last_at = excluded.last_at, changed_to_right = changed_to_right + excluded.changed_to_right,"
                " changed_to_wrong = changed_to_wrong + excluded.changed_to_wrong",
                (item_id, credit, seconds, credit, stamp, changed_right, changed_wrong),
            )
        conn.execute(
            "INSERT INTO profile_stats (profile, attempts, answers, changed_to_right, changed_to_wrong) VALUES (?, 1, ?, ?, ?)"
            " ON CONFLICT(profile) DO UPDATE SET attempts = attempts + 1, answers = answers + excluded.answers,"
            " changed_to_right = changed_to_right + excluded.changed_to_right, changed_to_wrong = changed_to_wrong + excluded.changed_to_wrong",
            (profile, len(rows), totals[0], totals[1]),
        )
        conn.executemany(
            "INSERT INTO area_stats (profile, dimension, key, answers, credit, seconds) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(profile, dimension, key) DO UPDATE SET answers = answers + excluded.answers, credit = credit + excluded.credit, seconds = seconds + excluded.seconds",
            [(p, d, k, v[0], v[1], v[2]) for (p, d, k), v in areas.items()],
        )

    def record_confusions(self, attempt_id: int, wrong_choices: dict[str, list[str]], now: dt.datetime) -> None:
        """Count wrong options picked, per item (for confusion pairs)."""
        stamp = _now_iso(now)
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO confusions (item_id, chosen, times, last_at) VALUES (?, ?, 1, ?)"
                " ON CONFLICT(item_id, chosen) DO UPDATE SET times = times + 1, last_at = excluded.last_at",
                [(item, opt, stamp) for item, opts in wrong_choices.items() for opt in opts],
            )

    def abandon(self, attempt_id: int, now: dt.datetime) -> None:
        """Mark an unfinished attempt as abandoned (its answers are kept)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE attempts SET status = 'abandoned', updated_at = ? WHERE id = ? AND status = 'open'",
                (_now_iso(now), attempt_id),
            )

    # -- reading ---------------------------------------------------------------------------
    def _attempt(self, row: sqlite3.Row | tuple[Any, ...]) -> AttemptRow:
        data = dict(zip((f.name for f in fields(AttemptRow)), row, strict=True))
        data["passed"] = None if data["passed"] is None else bool(data["passed"])
        data["expired"], data["feedback"] = bool(data["expired"]), bool(data["feedback"])
        return AttemptRow(**data)

    _ATTEMPT_COLS = (
        "a.id, a.profile, a.mode, a.title, a.form_code, a.status, a.started_at, a.finished_at, a.elapsed, a.minutes,"
        " a.percent, a.scaled, a.passed, a.expired, a.feedback, (SELECT count(*) FROM responses r WHERE r.attempt_id = a.id)"
    )

    def attempt(self, attempt_id: int) -> AttemptRow | None:
        """One attempt, or None."""
        row = self.conn.execute(f"SELECT {self._ATTEMPT_COLS} FROM attempts a WHERE a.id = ?", [attempt_id]).fetchone()  # noqa: S608 - constant columns
        return None if row is None else self._attempt(row)

    def attempts(self, status: str | None = None, profile: str | None = None, limit: int = 50) -> list[AttemptRow]:
        """Attempts, newest first."""
        where, args = [], []
        if status:
            where.append("a.status = ?")
            args.append(status)
        if profile:
            where.append("a.profile = ?")
            args.append(profile)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        rows = self.conn.execute(
            f"SELECT {self._ATTEMPT_COLS} FROM attempts a {clause} ORDER BY a.id DESC LIMIT ?",  # noqa: S608 - clause built from constants
            [*args, limit],
        ).fetchall()
        return [self._attempt(r) for r in rows]

    def form(self, attempt_id: int) -> Form:
        """Rebuild the form of a stored attempt."""
        row = self.conn.execute(
            "SELECT profile, mode, seed, form, minutes, title FROM attempts WHERE id = ?", [attempt_id]
        ).fetchone()
        if row is None:
            raise KeyError(attempt_id)
        data = json.loads(row[3])
        return Form(
            row[0],
            row[1],
            row[2],
            tuple(data["items"]),
            {k: tuple(v) for k, v in data["orders"].items()},
            frozenset(data["unscored"]),
            row[4],
            row[5],
        )

    def saved_state(self, attempt_id: int) -> SavedState:
        """Answers, flags, times and position of an attempt, for resuming it."""
        state = SavedState()
        head = self.conn.execute("SELECT elapsed, position FROM attempts WHERE id = ?", [attempt_id]).fetchone()
        state.elapsed, state.position = float(head[0]), int(head[1])
        for item_id, response, flagged, locked, changes, seconds in self.conn.execute(
            "SELECT item_id, response, flagged, locked, changes, seconds FROM responses WHERE attempt_id = ?",
            [attempt_id],
        ).fetchall():
            if response is not None:
                state.responses[item_id] = json.loads(response)
            if flagged:
                state.flags.add(item_id)
            if locked:
                state.locked.add(item_id)
            if changes:
                state.changes[item_id] = changes
            state.seconds[item_id] = seconds
        return state

    def responses(self, attempt_id: int) -> list[dict[str, Any]]:
        """Every response row of an attempt, in form order, JSON fields decoded."""
        cursor = self.conn.execute("SELECT * FROM responses WHERE attempt_id = ? ORDER BY position", [attempt_id])
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor]
        for r in rows:
            for key in ("steps", "tags", "response", "first_response"):
                if r.get(key) is not None:
                    r[key] = json.loads(r[key])
        return rows

    def seen_items(self, since_attempts: int = 5) -> set[str]:
        """Items served in the last few finished attempts (to avoid repeating them)."""
        rows = self.conn.execute(
            "SELECT DISTINCT item_id FROM responses WHERE attempt_id IN (SELECT id FROM attempts ORDER BY id DESC LIMIT ?)",
            [since_attempts],
        ).fetchall()
        return {r[0] for r in rows}

    def item_history(self) -> dict[str, tuple[int, float, float | None]]:
        """Per item: (answers, total credit, last credit), from the summary table."""
        return {
            r[0]: (r[1], r[2], r[3])
            for r in self.conn.execute("SELECT item_id, answers, credit, last_credit FROM item_stats").fetchall()
        }

    def flagged_items(self) -> set[str]:
        """Items ever flagged in a finished attempt."""
        return {
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT item_id FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE r.flagged = 1"
            ).fetchall()
        }

    def step_accuracy(self) -> dict[int, tuple[float, int]]:
        """Per roadmap step, across certifications: (percent correct, answers)."""
        rows = self.conn.execute(
            "SELECT key, answers, credit FROM area_stats WHERE profile = '*' AND dimension = 'step'"
        ).fetchall()
        return {int(k): (100.0 * c / n, n) for k, n, c in rows if n}

    # -- analytics -------------------------------------------------------------------------
    def area_rows(self, profile: str, dimension: str) -> list[tuple[str, int, float, float]]:
        """(key, answers, credit, seconds) per area of one profile ('*' for steps across all)."""
        rows = self.conn.execute(
            "SELECT key, answers, credit, seconds FROM area_stats WHERE profile = ? AND dimension = ?",
            [profile, dimension],
        ).fetchall()
        return [(str(k), int(n), float(c), float(s)) for k, n, c, s in rows]

    def trend_percents(self, profile: str, limit: int = 10) -> list[float]:
        """Scores of the latest finished attempts of a profile, oldest first."""
        rows = self.conn.execute(
            "SELECT percent FROM attempts WHERE profile = ? AND status = 'finished' AND percent IS NOT NULL ORDER BY id DESC LIMIT ?",
            [profile, limit],
        ).fetchall()
        return [float(r[0]) for r in reversed(rows)]

    def changed_totals(self, profile: str) -> tuple[int, int]:
        """Answers of a profile changed to right / changed to wrong (from profile_stats)."""
        row = self.conn.execute(
            "SELECT changed_to_right, changed_to_wrong FROM profile_stats WHERE profile = ?", [profile]
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def confusion_rows(self, min_times: int = 2, limit: int = 20) -> list[tuple[str, str, int]]:
        """(item, wrong option, times) picked at least ``min_times``, most frequent first."""
        rows = self.conn.execute(
            "SELECT item_id, chosen, times FROM confusions WHERE times >= ? ORDER BY times DESC, last_at DESC LIMIT ?",
            [min_times, limit],
        ).fetchall()
        return [(str(i), str(c), int(t)) for i, c, t in rows]

    # -- spaced review ---------------------------------------------------------------------
    def cards(self, item_ids: Iterable[str]) -> dict[str, CardState]:
        """Stored review cards of these items."""
        ids = list(item_ids)
        out: dict[str, CardState] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for item_id, key_hash, card, due, reason in self.conn.execute(
                f"SELECT item_id, key_hash, card, due, reason FROM review_cards WHERE item_id IN ({marks})",  # noqa: S608 - placeholders only
                chunk,
            ).fetchall():
                out[item_id] = CardState(item_id, key_hash, card, dt.datetime.fromisoformat(due), reason)
        return out

    def save_cards(self, cards: Iterable[CardState], now: dt.datetime) -> None:
        """Insert or replace review cards in one transaction."""
        stamp = _now_iso(now)
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO review_cards (item_id, key_hash, card, due, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(item_id) DO UPDATE SET key_hash = excluded.key_hash, card = excluded.card, due = excluded.due,"
                " reason = excluded.reason, updated_at = excluded.updated_at",
                [(c.item_id, c.key_hash, c.card_json, _now_iso(c.due), c.reason, stamp) for c in cards],
            )

    def due_cards(self, now: dt.datetime, limit: int = 1000) -> list[CardState]:
        """Cards due at ``now``, most overdue first."""
        rows = self.conn.execute(
            "SELECT item_id, key_hash, card, due, reason FROM review_cards WHERE due <= ? ORDER BY due LIMIT ?",
            [_now_iso(now), limit],
        ).fetchall()
        return [CardState(i, k, c, dt.datetime.fromisoformat(d), r) for i, k, c, d, r in rows]

    def outcomes(self, attempt_id: int) -> list[Outcome]:
        """How each scored item of a finished attempt went (for review scheduling)."""
        rows = self.conn.execute(
            "SELECT item_id, key_hash, credit, flagged, seconds, changes FROM responses WHERE attempt_id = ?",
            [attempt_id],
        ).fetchall()
        return [Outcome(i, k, float(c or 0.0), bool(f), float(s), bool(ch)) for i, k, c, f, s, ch in rows]

    # -- item statistics (authors) ---------------------------------------------------------
    def scored_responses(self) -> list[tuple[int, str, float, Any]]:
        """(attempt, item, credit, response) of every scored item of every finished attempt."""
        rows = self.conn.execute(
            "SELECT r.attempt_id, r.item_id, COALESCE(r.credit, 0), r.response FROM responses r JOIN attempts a ON a.id = r.attempt_id"
            " WHERE a.status = 'finished' AND r.scored = 1"
        ).fetchall()
        return [(int(a), str(i), float(c), None if r is None else json.loads(r)) for a, i, c, r in rows]
