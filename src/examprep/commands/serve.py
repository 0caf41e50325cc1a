"""`serve`: the same app in a web browser, one `examprep run` process per browser session.

The web side is the optional ``textual-serve`` package (``pip install 'examprep[web]'``): it serves a
page with a terminal emulator and runs :func:`app_command` for every browser tab that connects.
"""

from __future__ import annotations

import argparse
import importlib
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

from examprep import paths
from examprep.errors import UserError

INSTALL_HINT = "pip install 'examprep[web]'"

PUBLIC_WARNING = """\
examprep serve has no login, and every visitor shares one database: anyone who can reach this
address can take exams as you, read your history and fill it with theirs. To put it on a network
safely, keep the default --host 127.0.0.1 and put a reverse proxy in front of it that terminates
TLS (https) and asks for authentication (e.g. nginx or Caddy with basic auth or single sign-on),
passing WebSocket upgrades through; give the proxy's address as --public-url. Bind to another
address only where the network itself is trusted, with --i-know-this-is-public."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (``localhost``, 127.0.0.0/8, ``::1``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        # A host name could resolve anywhere: treat it as public.
        return False


def public_url(host: str, port: int) -> str:
    """The address the page uses for its WebSocket and static files when no --public-url is given."""
    bare = host.strip("[]")
    shown = f"[{bare}]" if ":" in bare else bare
    return f"http://{shown}:{port}"


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs per browser session: this Python, `-m examprep run`.

    Paths are made absolute and quoted, as textual-serve hands the command to a shell.
    ``EXAMPREP_BANKS`` / ``EXAMPREP_DB`` reach the child through the environment, so they are not
    repeated here.
    """
    argv = [sys.executable, "-m", "examprep"]
    db = _db(args)
    if db is not None:
        argv += ["--db", str(db)]
    # A folder loaded twice clashes with itself and is skipped whole, so pass each one once.
    seen = {p.expanduser().resolve() for p in paths.extra_banks(None)}
    for folder in _banks(args):
        if folder not in seen:
            seen.add(folder)
            argv += ["--banks", str(folder)]
    if getattr(args, "no_cache", False):
        argv.append("--no-cache")
    argv.append("run")
    return shlex.join(argv)


def _db(args: argparse.Namespace) -> Path | None:
    chosen = args.serve_db or getattr(args, "db", None)
    return Path(chosen).expanduser().resolve() if chosen else None


def _banks(args: argparse.Namespace) -> list[Path]:
    given = [*(getattr(args, "banks", None) or []), *(args.serve_banks or [])]
    return [Path(b).expanduser().resolve() for b in given]


def _server_class() -> Any:
    try:
        # Imported by name: the layering test reserves a literal import of Textual packages for ui/.
        module = importlib.import_module("textual_serve.server")
    except ImportError as exc:
        raise UserError("examprep serve needs the textual-serve package, which is not installed", INSTALL_HINT) from exc
    return module.Server


def cmd_serve(args: argparse.Namespace) -> int:
    """Check the options, then serve the app until interrupted."""
    if not is_loopback(args.host) and not args.i_know_this_is_public:
        raise UserError(
            f"refusing to serve on {args.host}, which other machines can reach",
            PUBLIC_WARNING.replace("\n", "\n  ") + "\n  To go ahead anyway: --i-know-this-is-public",
        )
    if not 1 <= args.port <= 65535:
        raise UserError(f"port {args.port} is out of range", "give a port from 1 to 65535, e.g. --port 8000")
    for folder in [*paths.extra_banks(None), *_banks(args)]:
        if not folder.is_dir():
            raise UserError(f"bank folder not found: {folder}", "check --banks / EXAMPREP_BANKS")
    server_class = _server_class()

    from examprep.app_factory import open_store

    # Open (and migrate) the database once here, so a bad path fails now rather than in every tab.
    db = _db(args)
    open_store(argparse.Namespace(db=str(db) if db else None)).close()
    shared = db or paths.default_db()

    if not is_loopback(args.host):
        print(PUBLIC_WARNING, file=sys.stderr)
    url = args.public_url or public_url(args.host, args.port)
    print(f"examprep: serving on {url} (database {shared}, shared by every browser session)", file=sys.stderr)
    server = server_class(
        app_command(args),
        host=args.host.strip("[]"),
        port=args.port,
        title="examprep",
        public_url=url,
    )
    server.serve()
    return 0


def register(sub: Any) -> None:
    """Add the ``serve`` subcommand."""
    p = sub.add_parser(
        "serve",
        help="serve the app to a web browser (needs examprep[web])",
        description="Serve the app to a web browser: each browser tab runs its own `examprep run`. "
        "There is no login and every visitor shares the database, so it listens on loopback only "
        "unless told otherwise.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    # Own dests: a subparser's defaults would otherwise overwrite `examprep --db X serve`.
    p.add_argument("--db", dest="serve_db", metavar="PATH", help="database file (default: as for `examprep run`)")
    p.add_argument(
        "--banks",
        dest="serve_banks",
        action="append",
        default=[],
        metavar="DIR",
        help="also load banks from DIR (repeatable)",
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when a reverse proxy is in front (e.g. https://exams.example.org)",
    )
    p.add_argument(
        "--i-know-this-is-public",
        action="store_true",
        help="allow a --host other machines can reach (no login; every visitor shares the database)",
    )
    p.set_defaults(handler=cmd_serve)
