"""Where examprep finds banks and keeps its data. Functions only: no I/O at import time."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "examprep"


def bundled_banks() -> Path:
    """The question banks shipped with examprep (inside the wheel, or the repo in a checkout)."""
    packaged = Path(__file__).parent / "question_banks"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "question_banks"


def extra_banks(cli: list[str] | None = None) -> list[Path]:
    """Bank folders added by ``--banks`` and the ``EXAMPREP_BANKS`` variable (os.pathsep-separated)."""
    env = [p for p in os.environ.get("EXAMPREP_BANKS", "").split(os.pathsep) if p]
    unique: dict[Path, Path] = {}
    for raw in [*env, *(cli or [])]:
        path = Path(raw).expanduser()
        unique.setdefault(path.resolve(), path)  # the same folder twice would clash with itself
    return list(unique.values())


def default_db() -> Path:
    """``--db`` default: ``EXAMPREP_DB`` or ``examprep.db`` in the user's data folder."""
    env = os.environ.get("EXAMPREP_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "examprep.db"


def cache_root() -> Path:
    """Where caches live: ``EXAMPREP_CACHE`` or the user cache folder (all safe to delete)."""
    env = os.environ.get("EXAMPREP_CACHE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Compiled-bank cache folder."""
    return cache_root() / "banks"


def snippet_cache() -> Path:
    """Results of bank code snippets already run by ``examprep lint``."""
    return cache_root() / "snippets"
