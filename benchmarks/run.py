"""examprep benchmarks: each figure beside a floor measured in the same run, as a ratio.

    python benchmarks/run.py            # everything (a few minutes)
    python benchmarks/run.py load store # only some sections: load, store, draw, report, ui

Nothing here is a test: timings vary by machine, so they are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from examprep.authoring.lint import lint_paths  # noqa: E402
from examprep.core.catalog import load_catalog  # noqa: E402
from examprep.core.clock import FakeClock  # noqa: E402
from examprep.core.draw import draw_mock  # noqa: E402
from examprep.core.profiles import bundled_profiles  # noqa: E402
from examprep.core.session import Answered  # noqa: E402

PROFILES = bundled_profiles()
PER_FILE = 500


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def row(name: str, value: float, unit: str, floor_name: str = "", floor: float | None = None, target: str = "") -> None:
    ratio = f"{value / floor:6.2f}x {floor_name}" if floor else ""
    print(f"  {name:<44} {value:10.2f} {unit:<3} {ratio:<34} {target}")


# -- synthetic banks -----------------------------------------------------------------------
def synthetic_question(n: int, profile: str, domains: int) -> dict:
    """About 1.2 KB of YAML, like a real question."""
    return {
        "id": f"bench-{profile.lower()}-{n:06d}",
        "type": "single_choice",
        "domain": n % domains + 1,
        "objective": f"{n % domains + 1}.1",
        "tags": ["bench", f"topic-{n % 37}"],
        "difficulty": ("easy", "medium", "hard")[n % 3],
        "stem": f"Question {n}: a company needs to process records in batches every hour and keep the raw data for a year. Which approach meets the requirement with the least operational effort?",
        "options": [
            {
                "id": o,
                "text": f"Option {o} for question {n}, described in a sentence of realistic length",
                "correct": o == "a",
                "rationale": f"Why option {o} is {'right' if o == 'a' else 'wrong'} for question {n}, in about one sentence.",
            }
            for o in "abcd"
        ],
        "explanation": f"The explanation of question {n} restates the requirement and why the key meets it best.",
        "references": ["https://docs.example.invalid/guide/page"],
    }


def write_banks(folder: Path, count: int, profile: str = "AIF-C01") -> None:
    domains = len(PROFILES[profile].domains)
    for start in range(0, count, PER_FILE):
        questions = [synthetic_question(n, profile, domains) for n in range(start, min(start + PER_FILE, count))]
        bank = {
            "format_version": 1,
            "id": f"bench-bank-{start // PER_FILE:04d}",
            "title": "Benchmark bank",
            "profile": profile,
            "license": "CC0-1.0",
            "authors": [{"name": "bench"}],
            "version": "1.0.0",
            "questions": questions,
        }
        text = "# yaml-language-server: $schema=../schema.json\n" + yaml.safe_dump(bank, sort_keys=False, width=120)
        (folder / f"bank-{start // PER_FILE:04d}.yaml").write_text(text, encoding="utf-8")


def raw_parse(folder: Path) -> None:
    for path in sorted(folder.glob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def measure_load(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp, "banks"), Path(tmp, "cache")
        folder.mkdir()
        write_banks(folder, count)
        size = sum(p.stat().st_size for p in folder.glob("*.yaml")) / 1e6
        repeat = 3 if count <= 10_000 else 1
        raw = best_of(lambda: raw_parse(folder), repeat)
        cold = best_of(lambda: load_catalog([folder], PROFILES, None), repeat)
        load_catalog([folder], PROFILES, cache)
        warm = best_of(lambda: load_catalog([folder], PROFILES, cache), repeat)
        lint = best_of(lambda: lint_paths([folder], PROFILES, run_code=False), 1)
    print(f" {count:,} questions, {size:.1f} MB")
    row("raw CSafeLoader parse", raw * 1000, "ms")
    row("cold load (parse, validate, rules)", cold * 1000, "ms", "raw parse", raw * 1000, "target <= 1.5x")
    row("warm load (compiled cache)", warm * 1000, "ms", "raw parse", raw * 1000, "target < 150 ms at 10k")
    row("lint, no code runs", lint * 1000, "ms", "raw parse", raw * 1000, "target <= 2x")


def section_load() -> None:
    print("Bank loading (floor: PyYAML's C safe loader parsing the same files)")
    for count in (1_000, 10_000, 50_000):
        measure_load(count)


# -- store -----------------------------------------------------------------------------------
def section_store() -> None:
    from examprep.core.draw import draw_pool
    from examprep.services import Exams
    from examprep.store.repository import Store

    print("Persisting one answer (floor: a raw sqlite3 one-row commit, same WAL/synchronous settings)")
    n = 2000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "banks")
        folder.mkdir()
        write_banks(folder, 200, "PCEP-30-02")
        catalog = load_catalog([folder], PROFILES)
        clock = FakeClock()
        exams = Exams(catalog, PROFILES, Store.open(Path(tmp, "a.db")), clock, random.Random(1))
        form = draw_pool(catalog, list(catalog.items.values()), 30, 1, "custom", "PCEP-30-02", 40, "bench")
        session = exams.start(form)
        attempt = session.attempt_id
        raw_conn = sqlite3.connect(Path(tmp, "raw.db"), isolation_level=None)
        raw_conn.execute("PRAGMA journal_mode=WAL")
        raw_conn.execute("PRAGMA synchronous=NORMAL")
        raw_conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)")
        ours, raw = [], []
        for i in range(n):  # interleaved, so both see the same machine at each moment
            event = Answered(form.items[i % 30], f"o{i}", i, float(i), False, float(i))
            start = time.perf_counter()
            exams.store.record(attempt, event, clock.now())
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            raw_conn.execute("BEGIN IMMEDIATE")
            raw_conn.execute("INSERT OR REPLACE INTO t VALUES (?, ?)", (f"k{i % 30}", f"v{i}"))
            raw_conn.execute("COMMIT")
            raw.append(time.perf_counter() - start)
    for label, values in (("median", statistics.median), ("p99", lambda v: sorted(v)[int(0.99 * len(v))])):
        mine, floor = values(ours) * 1000, values(raw) * 1000
        row(f"persist an answer ({label})", mine, "ms", "raw commit", floor, "target <= 1.5x, p99 < 10 ms")
    print("  (one answer is two UPDATEs in one transaction: the response and the attempt's elapsed time)")


# -- draw ------------------------------------------------------------------------------------
def section_draw() -> None:
    print("Stratified draw of a 65-question AIF-C01 mock from 50,000 questions (floor: random.sample of 65 ids)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "banks")
        folder.mkdir()
        write_banks(folder, 50_000)
        catalog = load_catalog([folder], PROFILES)
        profile = PROFILES["AIF-C01"]
        ids = list(catalog.items)
        start = time.perf_counter()
        draw_mock(catalog, profile, 0)  # builds the per-profile unit index once
        first = time.perf_counter() - start
        times = []
        for seed in range(1, 31):
            start = time.perf_counter()
            draw_mock(catalog, profile, seed)
            times.append(time.perf_counter() - start)
        floor = best_of(lambda: random.Random(1).sample(ids, 65), 30)
    row("first draw (indexes the pool once)", first * 1000, "ms", "sample", floor * 1000, "target < 20 ms")
    row("draw (median of 30 seeds)", statistics.median(times) * 1000, "ms", "sample", floor * 1000, "target < 20 ms")


# -- report ----------------------------------------------------------------------------------
def section_report() -> None:
    from examprep.insights import weak_area_report
    from examprep.services import Exams
    from examprep.store.repository import Store

    answers, attempts = 1_000_000, 20_000
    print(
        f"Weak-area report over {answers:,} stored answers in {attempts:,} attempts (floor: the summary-table SQL it reads)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "banks")
        folder.mkdir()
        write_banks(folder, 2_000)
        catalog = load_catalog([folder], PROFILES)
        store = Store.open(Path(tmp, "big.db"))
        fill_history(store, catalog, answers, attempts)
        exams = Exams(catalog, PROFILES, store, FakeClock(), random.Random(1))
        exams.due_items = lambda: [c.item_id for c in store.due_cards(dt.datetime(2030, 1, 1, tzinfo=dt.UTC))]

        def plain_sql() -> None:
            for dim in ("domain", "step", "tag", "objective"):
                store.conn.execute(
                    "SELECT key, answers, credit, seconds FROM area_stats WHERE profile = ? AND dimension = ?",
                    ["AIF-C01", dim],
                ).fetchall()
            store.conn.execute(
                "SELECT percent FROM attempts WHERE profile = 'AIF-C01' AND status = 'finished' ORDER BY id DESC LIMIT 10"
            ).fetchall()
            store.conn.execute(
                "SELECT item_id, chosen, times FROM confusions WHERE times >= 2 ORDER BY times DESC LIMIT 20"
            ).fetchall()

        floor = best_of(plain_sql, 5)
        report_times = {
            dim: best_of(lambda d=dim: weak_area_report(exams, "AIF-C01", d), 5) for dim in ("domain", "tag")
        }
        scan = best_of(
            lambda: store.conn.execute(
                "SELECT domain, count(*), sum(credit) FROM responses GROUP BY domain"
            ).fetchall(),
            1,
        )
    for dim, t in report_times.items():
        row(f"full report by {dim} (readiness included)", t * 1000, "ms", "summary SQL", floor * 1000, "target < 50 ms")
    row("for contrast: one full scan GROUP BY domain", scan * 1000, "ms", "summary SQL", floor * 1000)


def fill_history(store, catalog, answers: int, attempts: int) -> None:
    """Bulk-insert history and build the summaries the way scoring does, in SQL."""
    ids = list(catalog.items.values())
    rng = random.Random(7)
    per = answers // attempts
    conn = store.conn
    conn.execute("BEGIN")
    stamp = "2026-01-01T00:00:00+00:00"
    for a in range(1, attempts + 1):
        conn.execute(
            "INSERT INTO attempts (id, profile, mode, title, form_code, seed, form, minutes, status, started_at, updated_at, finished_at, elapsed, percent, passed, app_version)"
            " VALUES (?, 'AIF-C01', 'mock', 'bench', 'x', 1, '{}', 90, 'finished', ?, ?, ?, 3000, ?, 1, 'bench')",
            (a, stamp, stamp, stamp, rng.uniform(40, 95)),
        )
        chosen = rng.sample(ids, per)
        conn.executemany(
            "INSERT INTO responses (attempt_id, item_id, position, revision, content_hash, key_hash, profile, domain, steps, tags, objective, response, credit, scored, seconds)"
            " VALUES (?, ?, ?, 1, 'h', 'k', 'AIF-C01', ?, ?, ?, ?, '\"a\"', ?, 1, ?)",
            [
                (
                    a,
                    it.id,
                    n,
                    it.domain,
                    json.dumps(list(it.steps)),
                    json.dumps(list(it.tags)),
                    it.objective,
                    float(rng.random() < 0.7),
                    rng.uniform(20, 120),
                )
                for n, it in enumerate(chosen)
            ],
        )
    conn.execute(
        "INSERT INTO area_stats (profile, dimension, key, answers, credit, seconds)"
        " SELECT 'AIF-C01', 'domain', domain, count(*), sum(credit), sum(seconds) FROM responses GROUP BY domain"
    )
    conn.execute(
        "INSERT INTO area_stats (profile, dimension, key, answers, credit, seconds)"
        " SELECT 'AIF-C01', 'tag', j.value, count(*), sum(credit), sum(seconds) FROM responses, json_each(responses.tags) j GROUP BY j.value"
    )
    conn.execute(
        "INSERT INTO area_stats (profile, dimension, key, answers, credit, seconds)"
        " SELECT 'AIF-C01', 'objective', domain || '|' || objective, count(*), sum(credit), sum(seconds) FROM responses GROUP BY domain, objective"
    )
    conn.execute(
        "INSERT INTO area_stats (profile, dimension, key, answers, credit, seconds)"
        " SELECT '*', 'step', j.value, count(*), sum(credit), sum(seconds) FROM responses, json_each(responses.steps) j GROUP BY j.value"
    )
    conn.execute(
        "INSERT INTO item_stats (item_id, answers, credit, seconds) SELECT item_id, count(*), sum(credit), sum(seconds) FROM responses GROUP BY item_id"
    )
    conn.executemany(
        "INSERT INTO confusions (item_id, chosen, times, last_at) VALUES (?, 'b', ?, ?)",
        [(it.id, rng.randint(1, 9), stamp) for it in ids[:500]],
    )
    conn.execute("COMMIT")


# -- ui ----------------------------------------------------------------------------------------
STARTS = 15


def section_ui() -> None:
    from benchmarks.terminal import Terminal

    print("Terminal UI in a real pseudo-terminal, 100x30 (floor: bare Textual apps, same run)")
    child = [sys.executable, str(ROOT / "benchmarks" / "ui_child.py")]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp, "cache")), "XDG_DATA_HOME": str(Path(tmp, "data"))}
        # As on a user's machine, modules load from compiled bytecode (this sandbox sets
        # PYTHONDONTWRITEBYTECODE, which would make every start compile examprep from source).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp, "pycache"))

        def start(argv: list[str], marker: str) -> float:
            term = Terminal(argv, env)
            took = term.wait_for(marker)
            term.close()
            return took

        ours_argv = [sys.executable, "-m", "examprep", "--db", str(Path(tmp, "start.db"))]
        start(ours_argv, "questions loaded")  # warm the bank and bytecode caches, as on any second start
        start([*child, "bare-start"], "Which option")
        bare_runs, ours_runs = [], []
        for _ in range(STARTS):  # interleaved, so both see the same machine; single starts vary by 20%
            bare_runs.append(start([*child, "bare-start"], "Which option"))
            ours_runs.append(start(ours_argv, "questions loaded"))
        bare, ours = statistics.median(bare_runs), statistics.median(ours_runs)
        label = f"start to interactive home, median of {STARTS}"
        row(label, ours * 1000, "ms", "bare app start", bare * 1000, "target <= 1.3x")
        row("  fastest start", min(ours_runs) * 1000, "ms", "fastest bare start", min(bare_runs) * 1000)

        folder = Path(tmp, "banks")
        folder.mkdir()
        write_banks(folder, 10_000)

        def exam(argv: list[str], ready: str, stats: Path) -> tuple[list[float], list[float], dict]:
            term = Terminal(argv, env)
            term.wait_for(ready)
            time.sleep(1)  # the loop monitor starts half a second after the first question
            keys, nexts = [], []
            for _ in range(64):
                keys.append(term.press(b"1"))
                nexts.append(term.press(b"n"))
            term.close()
            return [k for k in keys if k], [n for n in nexts if n], json.loads(stats.read_text())

        floor_keys, floor_nexts, floor_stats = exam(
            [*child, "bare-exam", str(Path(tmp, "bare.json"))], "Question 1 of 65", Path(tmp, "bare.json")
        )
        keys, nexts, stats = exam(
            [*child, "exam", str(folder), str(Path(tmp, "exam.json"))], "Question 1 of 65", Path(tmp, "exam.json")
        )
    key, floor_key = statistics.median(keys), statistics.median(floor_keys)
    nxt, floor_next = statistics.median(nexts), statistics.median(floor_nexts)
    row(
        "key press to screen update (answer), median",
        key * 1000,
        "ms",
        "bare app, same widgets",
        floor_key * 1000,
        "target <= 1.2x",
    )
    row(
        "'next question' to screen, median",
        nxt * 1000,
        "ms",
        "bare app, same widgets",
        floor_next * 1000,
        "target < 100 ms",
    )
    row("'next question' to screen, slowest of 64", max(nexts) * 1000, "ms")
    row(
        "longest event-loop pause, 65-question exam",
        stats["max_ms"],
        "ms",
        "bare app, same widgets",
        floor_stats["max_ms"],
        "target < 10 ms (10k questions resident, gc.freeze)",
    )
    row("99th percentile event-loop pause", stats["p99_ms"], "ms", "bare app, same widgets", floor_stats["p99_ms"])
    print(
        f"  {'pauses over 10 ms':<44} {stats['over_10ms']:10d}     "
        f"(bare app: {floor_stats['over_10ms']}; out of about {len(keys) + len(nexts)} key presses)"
    )


SECTIONS = {
    "load": section_load,
    "store": section_store,
    "draw": section_draw,
    "report": section_report,
    "ui": section_ui,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sections", nargs="*", help="sections to run: " + ", ".join(SECTIONS) + " (default: all)")
    args = parser.parse_args()
    print(f"examprep benchmarks · Python {sys.version.split()[0]} · {time.strftime('%Y-%m-%d %H:%M')}")
    for name in args.sections or SECTIONS:
        SECTIONS[name]()
        print()
    shutil.rmtree(Path(tempfile.gettempdir(), "examprep-bench"), ignore_errors=True)


if __name__ == "__main__":
    main()
