"""Command line: argument parsing and wiring. Textual is imported only to start the UI."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from examprep import __version__, paths
from examprep.core.catalog import Catalog, load_catalog
from examprep.core.diagnostics import render
from examprep.core.profiles import Profile, bundled_profiles
from examprep.errors import UserError

Handler = Callable[[argparse.Namespace], int]


def load_all(args: argparse.Namespace) -> Catalog:
    """The catalog of bundled banks plus ``--banks`` / ``EXAMPREP_BANKS``."""
    dirs = [paths.bundled_banks(), *paths.extra_banks(getattr(args, "banks", None))]
    for d in dirs[1:]:
        if not d.exists():
            raise UserError(f"bank folder not found: {d}", "check --banks / EXAMPREP_BANKS")
    cache = None if getattr(args, "no_cache", False) else paths.cache_dir()
    return load_catalog(dirs, bundled_profiles(), cache)


def cmd_lint(args: argparse.Namespace) -> int:
    from examprep.authoring.lint import KEYS_FILE, lint_paths, write_keys

    targets = [Path(p) for p in args.paths] or [paths.bundled_banks()]
    for t in targets:
        if not t.exists():
            raise UserError(f"no such file or folder: {t}", "give bank files or folders to lint")
    keys = Path(args.keys) if args.keys else (targets[0] / KEYS_FILE if targets[0].is_dir() else None)
    run_cache = None if args.no_cache else paths.snippet_cache()
    result = lint_paths(targets, bundled_profiles(), run_code=not args.no_run_code, keys_file=keys, run_cache=run_cache)
    shown = [d for d in result.diagnostics if args.warnings or d.severity == "error"]
    if shown:
        print(render(shown, args.format))
    if args.format != "json":
        print(
            f"{result.files} files, {result.questions} questions, {result.snippets_run} snippets run: "
            f"{result.errors} errors, {result.warnings} warnings"
            + ("" if args.warnings or not result.warnings else " (--warnings to show them)"),
            file=sys.stderr,
        )
    if args.update_keys and keys is not None:
        if result.errors:
            print("answer-key lock not updated: fix the errors first", file=sys.stderr)
        else:
            write_keys(keys, result.keys)
            print(f"updated {keys}", file=sys.stderr)
    return 1 if result.errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from examprep.authoring.schema import bank_schema_text

    text = bank_schema_text()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_banks(args: argparse.Namespace) -> int:
    from examprep.core.coverage import coverage

    catalog = load_all(args)
    profiles = bundled_profiles()
    report = [coverage(catalog, p) for p in profiles.values()]
    if args.json:
        print(
            json.dumps(
                {"profiles": [r.as_dict() for r in report], "problems": [d.text() for d in catalog.problems]}, indent=2
            )
        )
    else:
        for r in report:
            print(r.text())
        if catalog.problems:
            print(f"\n{len(catalog.problems)} problems; these files were skipped:", file=sys.stderr)
            print(render(catalog.problems, "text"), file=sys.stderr)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from examprep.app_factory import run_app

    return run_app(args)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = argparse.ArgumentParser(prog="examprep", description="Timed certification practice exams in the terminal.")
    parser.add_argument("--version", action="version", version=f"examprep {__version__}")
    parser.add_argument("--db", help="database file (default: EXAMPREP_DB or the user data folder)")
    parser.add_argument(
        "--banks", action="append", default=[], metavar="DIR", help="also load banks from DIR (repeatable)"
    )
    parser.add_argument("--no-cache", action="store_true", help="ignore the compiled-bank cache")
    parser.set_defaults(handler=cmd_run)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("run", help="start the app (the default)")
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("lint", help="check bank files: YAML, schema, rules, and run code questions")
    p.add_argument("paths", nargs="*", help="bank files or folders (default: the bundled banks)")
    p.add_argument("--format", choices=["text", "json", "github"], default="text")
    p.add_argument("--no-run-code", action="store_true", help="skip running code_output / fill_in snippets")
    p.add_argument("--warnings", action="store_true", help="show warnings as well as errors")
    p.add_argument("--keys", help=f"answer-key lock file (default: PATH/{'answer-keys.lock.json'})")
    p.add_argument("--update-keys", action="store_true", help="record the current answer keys after a clean lint")
    p.set_defaults(handler=cmd_lint)

    p = sub.add_parser("schema", help="write the bank JSON Schema (draft-07) for editors")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.set_defaults(handler=cmd_schema)

    p = sub.add_parser("banks", help="what the loaded banks hold, and which full mocks they can fill")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_banks)

    from examprep import commands

    commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``examprep`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except UserError as exc:
        print(f"examprep: error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  {exc.hint}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def profile_arg(code: str) -> Profile:
    """Resolve a profile id given on the command line (case-insensitive)."""
    profiles = bundled_profiles()
    for pid, p in profiles.items():
        if pid.lower() == code.lower():
            return p
    raise UserError(f"unknown exam or step '{code}'", "choose one of: " + ", ".join(profiles))
