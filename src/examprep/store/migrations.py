"""The database schema, as migrations applied in order and never edited once released.

The tables are documented for other tools in docs/database.md.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from examprep.store.schema import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_attempts_and_responses(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            profile TEXT NOT NULL,
            mode TEXT NOT NULL,
            title TEXT NOT NULL,
            form_code TEXT NOT NULL,
            seed INTEGER NOT NULL,
            form TEXT NOT NULL,            -- JSON: items, option orders, unscored ids
            minutes REAL,                  -- NULL when untimed
            feedback INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished', 'abandoned')),
            started_at TEXT NOT NULL,      -- ISO 8601 UTC
            updated_at TEXT NOT NULL,
            finished_at TEXT,
            elapsed REAL NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0,
            expired INTEGER NOT NULL DEFAULT 0,
            percent REAL,
            scaled INTEGER,
            passed INTEGER,                -- NULL: no published pass mark
            app_version TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX attempts_status ON attempts(status)")
    db.execute("CREATE INDEX attempts_profile ON attempts(profile, finished_at)")
    db.execute(
        """
        CREATE TABLE responses (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id),
            item_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            key_hash TEXT NOT NULL,
            profile TEXT NOT NULL,         -- the bank's profile of the item
            domain INTEGER NOT NULL,       -- domain in the attempt's profile
            steps TEXT NOT NULL,           -- JSON list of roadmap steps
            tags TEXT NOT NULL,            -- JSON list
            objective TEXT,
            response TEXT,                 -- JSON; NULL when unanswered
            credit REAL,                   -- 0..1, set when the attempt is scored
            scored INTEGER NOT NULL DEFAULT 1,
            flagged INTEGER NOT NULL DEFAULT 0,
            locked INTEGER NOT NULL DEFAULT 0,
            changes INTEGER NOT NULL DEFAULT 0,
            first_response TEXT,           -- JSON; the first answer given (for changed-answer analysis)
            seconds REAL NOT NULL DEFAULT 0,
            answered_at TEXT,
            PRIMARY KEY (attempt_id, item_id)
        )
        """
    )
    db.execute("CREATE INDEX responses_item ON responses(item_id)")


@migrations()
def m002_summaries_and_reviews(db: Database) -> None:
    # Kept current when an attempt is scored, so reports never scan every response.
    db.execute(
        """
        CREATE TABLE area_stats (
            profile TEXT NOT NULL,         -- attempt profile, or '*' for cross-certification (steps)
            dimension TEXT NOT NULL CHECK (dimension IN ('domain', 'step', 'tag', 'objective')),
            key TEXT NOT NULL,
            answers INTEGER NOT NULL DEFAULT 0,
            credit REAL NOT NULL DEFAULT 0,
            seconds REAL NOT NULL DEFAULT 0,
            PRIMARY KEY (profile, dimension, key)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE item_stats (
            item_id TEXT PRIMARY KEY,
            answers INTEGER NOT NULL DEFAULT 0,
            credit REAL NOT NULL DEFAULT 0,
            seconds REAL NOT NULL DEFAULT 0,
            last_credit REAL,
            last_at TEXT,
            changed_to_right INTEGER NOT NULL DEFAULT 0,
            changed_to_wrong INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        """
        CREATE TABLE confusions (
            item_id TEXT NOT NULL,
            chosen TEXT NOT NULL,          -- a wrong option id picked
            times INTEGER NOT NULL DEFAULT 0,
            last_at TEXT,
            PRIMARY KEY (item_id, chosen)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE review_cards (
            item_id TEXT PRIMARY KEY,
            key_hash TEXT NOT NULL,        -- the answer key the schedule belongs to
            card TEXT NOT NULL,            -- JSON of an fsrs.Card
            due TEXT NOT NULL,             -- ISO 8601 UTC
            reason TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX review_cards_due ON review_cards(due)")


@migrations()
def m003_profile_stats(db: Database) -> None:
    # Per-profile totals the report needs, so it never scans responses (1M rows: ~0.5 s).
    db.execute(
        """
        CREATE TABLE profile_stats (
            profile TEXT PRIMARY KEY,
            attempts INTEGER NOT NULL DEFAULT 0,
            answers INTEGER NOT NULL DEFAULT 0,
            changed_to_right INTEGER NOT NULL DEFAULT 0,
            changed_to_wrong INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        """
        INSERT INTO profile_stats (profile, attempts, answers, changed_to_right, changed_to_wrong)
        SELECT a.profile, count(DISTINCT a.id), count(*),
               sum(r.changes > 0 AND COALESCE(r.credit, 0) >= 1),
               sum(r.changes > 0 AND COALESCE(r.credit, 0) < 1 AND r.first_response IS NOT NULL)
        FROM responses r JOIN attempts a ON a.id = r.attempt_id
        WHERE a.status = 'finished' AND r.scored = 1
        GROUP BY a.profile
        """
    )
