"""`examprep serve` in real headless Chromium: an exam taken by keyboard ends up in the database.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright's Python package; Playwright's own
browser download is never used. The terminal page draws on a canvas, so the test reads what the
app sends it over its WebSocket (escape sequences removed) and waits for screen text there.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, suppress
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, WebSocket, sync_playwright

from tests.factories import single, write_bank

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps calling out, and this machine's closed network refuses it.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUESTIONS = [f"e2e-q-{n:03d}" for n in range(3)]
# Sorts before every bundled tag, so it is the first entry of the dialog's tag list.
TAG = "0-e2e-browser"
STEP_TIMEOUT = 20.0
# Everything, from starting the server to the last screen, must fit in this (seconds).
BUDGET = 75.0
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")

pytestmark = pytest.mark.slow


@pytest.fixture
def chromium() -> Path:
    """Debian's Chromium; a skip where it is missing, a failure in CI, which must install it."""
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"{CHROMIUM} is missing: install Debian's package with `apt-get install -y chromium`"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must install it: see .ci/run)")
    pytest.skip(message)


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def deadline() -> float:
    """When the test must be done, on the monotonic clock."""
    return time.monotonic() + BUDGET


def seconds_left(deadline: float, step: float = STEP_TIMEOUT) -> float:
    """How long the next step may take: ``step``, or less when the budget runs out first."""
    left = min(step, deadline - time.monotonic())
    if left <= 0:
        raise AssertionError(f"the test ran over its {BUDGET:g}s budget")
    return left


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deadline: float) -> Iterator[tuple[str, Path]]:
    """`examprep serve` on a free loopback port with a temp database and a 3-question bank."""
    banks = tmp_path / "banks"
    write_bank(banks, "e2e-browser", "PCEP-30-02", [single(q, 1, tags=[TAG]) for q in QUESTIONS])
    db = tmp_path / "exam.db"
    log = tmp_path / "serve.log"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("EXAMPREP_BANKS", str(banks))
    command = [sys.executable, "-m", "examprep", "serve", "--port", str(port), "--db", str(db), "--banks", str(banks)]
    with log.open("wb") as out:
        # Its own process group: the per-session app processes die with the server.
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        ready_by = time.monotonic() + seconds_left(deadline)
        while True:
            assert proc.poll() is None, f"examprep serve exited early:\n{log.read_text(errors='replace')}"
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < ready_by, f"examprep serve did not answer:\n{log.read_text(errors='replace')}"
            time.sleep(0.2)
        yield url, db
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group, then SIGKILL whatever is left after a few seconds."""
    with suppress(ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=5)
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=5)


class Terminal:
    """What the server sent the browser's terminal, as text without escape sequences."""

    def __init__(self, page: Page, deadline: float) -> None:
        self.page = page
        self.deadline = deadline
        self.data = bytearray()
        page.on("websocket", self._attach)

    def _attach(self, ws: WebSocket) -> None:
        ws.on("framereceived", self._feed)

    def _feed(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):  # text frames are the protocol's own messages
            self.data.extend(payload)

    def mark(self) -> int:
        """Where the output stands now, for :meth:`wait_for`."""
        return len(self.data)

    def text(self, since: int = 0) -> str:
        """The output from ``since`` on, escapes removed."""
        return ESCAPES.sub("", bytes(self.data[since:]).decode("utf-8", errors="replace"))

    def wait_for(self, needle: str, since: int) -> None:
        """Wait until ``needle`` is drawn after ``since``; fail with the screen's tail if it never is."""
        limit = seconds_left(self.deadline)
        give_up = time.monotonic() + limit
        while needle not in self.text(since):
            if time.monotonic() > give_up:
                tail = self.text(since)[-1500:]
                raise AssertionError(f"{needle!r} not shown within {limit:.0f}s; last output:\n{tail}")
            self.page.wait_for_timeout(100)

    def press(self, *keys: str, then: str | None = None, settle: int = 100) -> None:
        """Press ``keys`` in order, pausing ``settle`` ms after each; then wait for ``then`` to be drawn."""
        since = self.mark()
        for key in keys:
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(settle)
        if then is not None:
            self.wait_for(then, since)


def _loopback_only(route: Route) -> None:
    """Let the page reach the local server only (the page also asks for a web font)."""
    if route.request.url.startswith("http://127.0.0.1:"):
        route.continue_()
    else:
        route.abort()


def test_an_exam_taken_in_the_browser_is_saved(
    chromium: Path, server: tuple[str, Path], tmp_path: Path, deadline: float
) -> None:
    url, db = server
    with sync_playwright() as pw:
        # Playwright passes the fresh profile folder as --user-data-dir itself.
        browser = pw.chromium.launch_persistent_context(
            tmp_path / "chromium-profile",
            executable_path=chromium,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 800},
            timeout=seconds_left(deadline) * 1000,
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(STEP_TIMEOUT * 1000)
            page.route("**/*", _loopback_only)
            term = Terminal(page, deadline)
            page.goto(url, wait_until="domcontentloaded")
            term.wait_for("Certifications", 0)
            page.focus(".xterm-helper-textarea")

            # Drill/custom on the first row (PCEP-30-02), limited to the test bank's tag, 3 questions.
            term.press("d", then="Drill or custom exam")
            term.press(*["Shift+Tab"] * 4, "Enter", then=TAG)
            term.press("ArrowDown", "Enter", settle=300)
            term.press("Tab", "Tab", "End", *["Backspace"] * 4, "3", "Enter", then="right e2e-q-", settle=200)
            # Keys typed while the next question mounts can be lost, so wait until it is drawn:
            # "Question k of 3" is drawn only after its options are mounted and focused.
            for k in range(1, 4):
                if k > 1:
                    term.press("n", then=f"Question {k} of 3")
                term.press("1", then=f"{k} answered ·")
            term.press("r", then="3/3 answered")
            term.press("s", then="Every question is answered.")
            term.press("y", then="attempt #")
        finally:
            browser.close()

    with closing(sqlite3.connect(db)) as con:
        attempts = con.execute("SELECT id, status, mode, profile FROM attempts").fetchall()
        assert len(attempts) == 1
        attempt_id, status, mode, profile = attempts[0]
        assert (status, mode, profile) == ("finished", "drill", "PCEP-30-02")
        rows = con.execute("SELECT item_id, response FROM responses WHERE attempt_id = ?", (attempt_id,)).fetchall()
    assert sorted(item for item, _ in rows) == QUESTIONS
    assert all(response is not None for _, response in rows)
