"""The store: migrations, every event persisted as it happens, resume, concurrency, bad files."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from examprep.services import Exams, Filters
from examprep.store import schema
from examprep.store.migrations import migrations
from examprep.store.repository import Store, StoreError

ROOT = Path(__file__).parents[2]


def test_migrations_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Store.open(path).close()
    store = Store.open(path)
    assert [m.name for m in migrations.applied(store.db)] == [
        "m001_attempts_and_responses",
        "m002_summaries_and_reviews",
        "m003_profile_stats",
    ]
    assert migrations.pending(store.db) == []
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_schema_lists_every_migration_and_knows_when_one_is_due(tmp_path: Path) -> None:
    """Start-up skips sqlite-utils when the schema is current: that check must match the migrations."""
    import sqlite3

    from sqlite_utils import Database

    fresh = sqlite3.connect(":memory:")
    assert tuple(m.name for m in migrations.pending(Database(fresh))) == schema.MIGRATIONS
    assert not schema.is_current(fresh)
    path = tmp_path / "a.db"
    store = Store.open(path)
    assert schema.is_current(store.conn)
    store.conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_profile_stats'")
    store.conn.commit()
    assert not schema.is_current(store.conn)


def test_attempt_row_exists_when_the_exam_starts(exams: Exams) -> None:
    form = exams.custom_form(Filters(profile="PCEP-30-02"), 7, 30, "custom")
    session = exams.start(form)
    row = exams.store.attempt(session.attempt_id)
    assert row is not None and row.status == "open" and row.items == 7
    assert [r["item_id"] for r in exams.store.responses(session.attempt_id)] == list(form.items)


def test_each_answer_flag_and_checkpoint_is_written(exams: Exams, clock) -> None:
    session = exams.start(exams.custom_form(Filters(profile="PCEP-30-02"), 7, 30, "custom"))
    first = session.current_id
    clock.advance(20)
    session.answer(first, "a")
    session.answer(first, "b")
    session.toggle_flag(first)
    clock.advance(5)
    session.next()
    row = exams.store.responses(session.attempt_id)[0]
    assert (row["response"], row["first_response"], row["changes"], row["flagged"]) == ("b", "a", 1, 1)
    assert row["seconds"] == 25
    assert exams.store.attempt(session.attempt_id).elapsed == 25


def test_resume_restores_everything(exams: Exams, clock) -> None:
    form = exams.custom_form(Filters(profile="PCEP-30-02"), 7, 30, "custom")
    session = exams.start(form)
    session.answer(form.items[0], "x")
    session.toggle_flag(form.items[1])
    clock.advance(60)
    session.go_to(3)
    resumed = exams.resume(session.attempt_id)
    assert resumed.responses == {form.items[0]: "x"} and resumed.flags == {form.items[1]}
    assert (resumed.position, resumed.elapsed) == (3, 60)
    assert resumed.form == form


def test_submit_scores_and_updates_summaries(exams: Exams) -> None:
    form = exams.custom_form(Filters(profile="PCEP-30-02"), 7, None, "custom")
    session = exams.start(form)
    session.answer("pcep-st-ctrl-001", "x-eq")
    session.submit()
    row = exams.store.attempt(session.attempt_id)
    assert row.status == "finished" and row.percent == 0.0 and row.passed is False
    stats = {r["key"]: r for r in exams.store.db.query("SELECT * FROM area_stats WHERE dimension = 'domain'")}
    assert sum(r["answers"] for r in stats.values()) == 7
    assert list(exams.store.db.query("SELECT item_id, chosen, times FROM confusions")) == [
        {"item_id": "pcep-st-ctrl-001", "chosen": "x-eq", "times": 1}
    ]


def test_expired_attempt_is_finished_on_start(exams: Exams, clock) -> None:
    session = exams.start(exams.custom_form(Filters(profile="PCEP-30-02"), 7, 1, "custom"))
    session.answer(session.current_id, "a")
    clock.advance(61)
    session.checkpoint()
    assert exams.finish_expired() == [session.attempt_id]
    row = exams.store.attempt(session.attempt_id)
    assert row.status == "finished" and row.expired and row.elapsed == 60


def test_corrupt_database_is_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    junk = b"this is not a database" * 100
    path.write_bytes(junk)
    with pytest.raises(StoreError) as info:
        Store.open(path)
    assert str(path) in info.value.message and "mv" in info.value.hint
    assert path.read_bytes() == junk


def test_two_writers_on_one_database_lose_nothing(
    tmp_path: Path, exams: Exams, starter_catalog, profiles, clock
) -> None:
    path = tmp_path / "shared.db"
    stores = [Store.open(path), Store.open(path)]
    services = [Exams(starter_catalog, profiles, s, clock) for s in stores]
    sessions = [svc.start(svc.custom_form(Filters(profile="PCEP-30-02"), 7, None, "custom")) for svc in services]

    def work(session) -> None:
        for n in range(200):
            session.answer(session.form.items[n % 7], f"r{n}")

    threads = [threading.Thread(target=work, args=(s,)) for s in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check = Store.open(path)
    for session in sessions:
        rows = {r["item_id"]: r for r in check.responses(session.attempt_id)}
        assert rows[session.form.items[193 % 7]]["response"] == "r193"
        assert sum(r["changes"] for r in rows.values()) == 200 - 7
    assert check.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


CHILD = textwrap.dedent(
    """
    import random, sys
    from pathlib import Path
    from examprep.core.catalog import load_catalog
    from examprep.core.clock import SystemClock
    from examprep.core.profiles import bundled_profiles
    from examprep.services import Exams, Filters
    from examprep.store.repository import Store

    profiles = bundled_profiles()
    catalog = load_catalog([Path(sys.argv[2])], profiles)
    exams = Exams(catalog, profiles, Store.open(Path(sys.argv[1])), SystemClock(), random.Random(1))
    session = exams.start(exams.custom_form(Filters(profile="PCEP-30-02"), 7, 60, "custom"))
    for item in session.form.items:
        sys.stdin.readline()
        session.answer(item, "answer-" + item)
        print("saved", item, flush=True)
    sys.stdin.readline()
    """
)


def test_answers_survive_sigkill_between_answers(tmp_path: Path, starter_dir: Path) -> None:
    db = tmp_path / "killed.db"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(starter_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdin and child.stdout
    saved = []
    for _ in range(3):
        child.stdin.write("go\n")
        child.stdin.flush()
        saved.append(child.stdout.readline().split()[1])
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    store = Store.open(db)
    (attempt,) = store.attempts()
    assert attempt.status == "open"
    answered = {r["item_id"]: r["response"] for r in store.responses(attempt.id) if r["response"] is not None}
    assert answered == {item: f"answer-{item}" for item in saved}


def test_busy_database_gives_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    import examprep.store.repository as repo

    path = tmp_path / "busy.db"
    Store.open(path).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(repo, "BUSY_TIMEOUT_MS", 100)
    with pytest.raises(StoreError) as info:
        Store.open(path)
    assert "busy" in info.value.message or "locked" in info.value.message
    blocker.execute("ROLLBACK")


def test_migration_three_backfills_profile_totals(tmp_path: Path, starter_catalog, profiles, clock) -> None:
    from sqlite_utils import Database

    path = tmp_path / "old.db"
    store = Store.open(path)
    exams = Exams(starter_catalog, profiles, store, clock)
    session = exams.start(
        exams.custom_form(Filters(profile="PCEP-30-02", item_ids=("pcep-st-ctrl-001",)), 1, None, "custom")
    )
    session.answer("pcep-st-ctrl-001", "x")
    session.answer("pcep-st-ctrl-001", "not-x")
    session.submit()
    assert store.changed_totals("PCEP-30-02") == (1, 0)
    # Rewind to the schema before m003, as an older examprep would have left it.
    db = Database(path)
    db.execute("DROP TABLE profile_stats")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_profile_stats'")
    db.conn.commit()
    db.close()
    assert Store.open(path).changed_totals("PCEP-30-02") == (1, 0)
