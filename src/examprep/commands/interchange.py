"""`import`, `export-bank` and `export-anki`: questions to and from Moodle, QTI 3.0 and Anki."""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path
from typing import Any

from examprep.errors import UserError
from examprep.interchange import EXPORT_FORMATS, IMPORT_FORMATS
from examprep.interchange.report import Report


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"no such file: {path}", "check the path") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}", "check the path and its permissions") from None


def _write_text(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror}", "choose another -o path") from None


def _print_report(report: Report, summary: str) -> None:
    if report.lines:
        print(report.render(), file=sys.stderr)
    print(summary, file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from examprep.cli import profile_arg
    from examprep.interchange.importer import import_file

    profile = profile_arg(args.profile)
    if profile.domain(args.domain) is None:
        names = ", ".join(f"{d.number} ({d.name})" for d in profile.domains)
        raise UserError(f"{profile.id} has no domain {args.domain}", f"choose one of: {names}")
    path = Path(args.file)
    result = import_file(path, _read(path), args.source_format, profile, args.domain)
    where = args.output or "standard output"
    summary = f"{result.imported} of {result.found} questions imported"
    if result.yaml_text is None:
        _print_report(result.report, summary)
        hint = "see the reasons above" if result.found else f"check that {path.name} is a {args.source_format} file"
        raise UserError(f"nothing to import from {path}: no question could be converted", hint)
    _write_text(result.yaml_text, args.output)
    _print_report(result.report, f"{summary} into {where} ({profile.id}, domain {args.domain}); check every TODO")
    return 0


def _write_package(files: dict[str, bytes], output: str) -> None:
    target = Path(output)
    try:
        if target.suffix.lower() == ".zip":
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in files.items():
                    archive.writestr(name, data)
            return
        for name, data in files.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(data)
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror}", "choose another -o path") from None


def cmd_export_bank(args: argparse.Namespace) -> int:
    from examprep.core.diagnostics import BankError
    from examprep.core.loader import load_bank_bytes
    from examprep.interchange import gift, moodle_xml, qti

    path = Path(args.bank)
    try:
        bank, _ = load_bank_bytes(_read(path), str(path))
    except BankError as exc:
        shown = "\n".join(d.text() for d in exc.diagnostics[:5])
        raise UserError(
            f"{path} is not a valid bank:\n{shown}", f"run `examprep lint {path}` and fix it first"
        ) from None
    report = Report()
    if args.to == "qti":
        if not args.output:
            raise UserError(
                "a QTI package needs -o OUT.zip or -o OUT/", "e.g. examprep export-bank bank.yaml --to qti -o bank.zip"
            )
        files = qti.package(bank, report)
        _write_package(files, args.output)
        written = f"{len(files) - 1} files and imsmanifest.xml into {args.output}"
    else:
        writer = gift.dump if args.to == "gift" else moodle_xml.dump
        _write_text(writer(bank, report), args.output)
        written = args.output or "standard output"
    _print_report(report, f"exported {bank.id} as {args.to} to {written}")
    return 0


def cmd_export_anki(args: argparse.Namespace) -> int:
    from examprep.app_factory import open_store
    from examprep.cli import load_all
    from examprep.interchange import anki

    store = open_store(args)
    try:
        misses = anki.missed(store, anki.finished_attempts(store, args.attempt))
    finally:
        store.close()
    catalog = load_all(args)
    cards = [anki.card(catalog, m) for m in misses if m.item_id in catalog.items]
    gone = len(misses) - len(cards)
    if args.output:
        try:
            with Path(args.output).open("w", encoding="utf-8", newline="") as out:
                anki.write_tsv(cards, out)
        except OSError as exc:
            raise UserError(f"cannot write {args.output}: {exc.strerror}", "choose another -o path") from None
    else:
        anki.write_tsv(cards, sys.stdout)
    note = f" ({gone} no longer in any bank, left out)" if gone else ""
    print(f"{len(cards)} missed questions written{note}", file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("import", help="convert Moodle GIFT, Aiken or Moodle XML questions into a bank file")
    p.add_argument("file", help="the file to convert")
    p.add_argument("--from", dest="source_format", choices=IMPORT_FORMATS, required=True, help="format of FILE")
    p.add_argument("-o", "--output", metavar="BANK.yaml", help="bank file to write (default: standard output)")
    p.add_argument("--profile", default="step-1", help="exam or step the questions are for (default: step-1)")
    p.add_argument("--domain", type=int, default=1, help="domain number in that profile (default: 1)")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export-bank", help="write a bank as QTI 3.0, Moodle XML or GIFT for an LMS")
    p.add_argument("bank", metavar="BANK.yaml", help="the bank file to export")
    p.add_argument("--to", choices=EXPORT_FORMATS, required=True, help="target format")
    p.add_argument("-o", "--output", metavar="OUT", help="file (QTI: OUT.zip or folder OUT/); default: standard output")
    p.set_defaults(handler=cmd_export_bank)

    p = sub.add_parser("export-anki", help="missed questions as an Anki-importable TSV file")
    p.add_argument("--attempt", type=int, help="only this finished attempt (default: every finished attempt)")
    p.add_argument("-o", "--output", metavar="FILE.tsv", help="file to write (default: standard output)")
    p.set_defaults(handler=cmd_export_anki)
