"""Which migrations make the current schema: enough to tell, without sqlite-utils, that none is due."""

from __future__ import annotations

import sqlite3

MIGRATION_SET = "examprep"
MIGRATIONS = ("m001_attempts_and_responses", "m002_summaries_and_reviews", "m003_profile_stats")
"""Every migration in :mod:`examprep.store.migrations`, in order (a test keeps the two in step)."""


def is_current(conn: sqlite3.Connection) -> bool:
    """True when every migration has been applied to the database on ``conn``."""
    try:
        rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]).fetchall()
    except sqlite3.OperationalError:  # a new database: no migrations table yet
        return False
    return {name for (name,) in rows} >= set(MIGRATIONS)
