"""A program in a pseudo-terminal, timed from the outside: what a person at a terminal would wait for."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence


class Terminal:
    """Runs ``argv`` on a ``cols`` x ``rows`` pseudo-terminal and reads everything it draws."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], cols: int = 100, rows: int = 30) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the program
            os.execvpe(argv[0], list(argv), {**env, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)})
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pid, self.fd = pid, fd
        self.screen = b""

    def _read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return b""
        try:
            return os.read(self.fd, 1 << 16)
        except OSError:  # the program has exited
            return b""

    def wait_for(self, marker: str, timeout: float = 20.0) -> float:
        """Seconds from start until ``marker`` has been drawn."""
        wanted = marker.encode()
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.screen += self._read(deadline - time.perf_counter())
            if wanted in self.screen:
                return time.perf_counter() - self.started
        raise TimeoutError(f"{marker!r} not drawn within {timeout} s; last output: {self.screen[-300:]!r}")

    def settle(self, quiet: float = 0.15) -> None:
        """Read until nothing has been drawn for ``quiet`` seconds."""
        while self._read(quiet):
            pass

    def press(self, key: bytes, quiet: float = 0.06, timeout: float = 2.0) -> float | None:
        """Seconds from sending ``key`` until the last byte of the screen update it caused."""
        self.settle()
        sent = time.perf_counter()
        os.write(self.fd, key)
        last = None
        while time.perf_counter() - sent < timeout:
            chunk = self._read(quiet)
            if not chunk:
                if last is not None:
                    break
                continue
            last = time.perf_counter()
        return None if last is None else last - sent

    def close(self, quit_key: bytes | None = b"\x11") -> None:
        """Quit with ``quit_key`` (ctrl+q) and wait; kill if it does not exit."""
        if quit_key:
            os.write(self.fd, quit_key)
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline:
            self._read(0.05)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)
