"""Builds the real app from the command line's choices: banks, database, clock."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from examprep import paths
from examprep.core.clock import SystemClock
from examprep.core.profiles import bundled_profiles
from examprep.memory import hold_heap
from examprep.review import wire_review
from examprep.services import Exams
from examprep.store.repository import Store


def open_store(args: argparse.Namespace) -> Store:
    """The database chosen by --db / EXAMPREP_DB / the user data folder."""
    db_path = Path(args.db).expanduser() if getattr(args, "db", None) else paths.default_db()
    return Store.open(db_path)


def build_exams(args: argparse.Namespace) -> Exams:
    """Catalog, profiles, store and clock, wired (the CLI's side of the composition root)."""
    from examprep.cli import load_all

    catalog = load_all(args)
    exams = Exams(catalog, bundled_profiles(), open_store(args), SystemClock(), random.Random())
    wire_review(exams)
    exams.finished_on_start = exams.finish_expired()
    return exams


def run_app(args: argparse.Namespace) -> int:
    """Start the terminal UI; returns the exit code."""
    exams = build_exams(args)
    hold_heap()
    from examprep.ui.app import make_app

    where = exams.store.path or paths.default_db()
    log = where.parent / "errors.log"
    make_app(exams, error_log=log).run()
    exams.store.close()
    return 0
