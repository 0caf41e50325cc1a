"""`report`, `review`, `stats` and `export`: what the stored history says, without the UI."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from examprep.errors import UserError

if TYPE_CHECKING:  # the parser is built on every start, the report only when asked for
    from examprep.core.analytics import AreaStat, Report


def _exams(args: argparse.Namespace) -> Any:
    from examprep.app_factory import build_exams

    return build_exams(args)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def _area_cells(a: AreaStat) -> list[str]:
    return [
        a.label,
        str(a.answers),
        _pct(a.accuracy),
        f"{_pct(a.low)}-{_pct(a.high)}",
        a.status,
        f"{a.seconds_per_answer:.0f}s",
    ]


AREA_HEADER = ["area", "answers", "accuracy", "95% interval", "status", "time/question"]


def render_report(report: Report, fmt: str) -> str:
    """The report as table, json, csv or markdown: the same figures as the screen."""
    if fmt == "json":
        return json.dumps(report.as_dict(), indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["profile", "by", *AREA_HEADER])
        for a in report.areas:
            writer.writerow([report.profile, report.dimension, *_area_cells(a)])
        return buf.getvalue().rstrip("\n")
    r = report.readiness
    if r.known:
        ready = f"Readiness: {_pct(r.probability)} chance of passing now (95% interval {_pct(r.low)}-{_pct(r.high)}), from {r.answers} answers; about {r.more_to_halve} more answers would halve the interval."
    else:
        ready = f"Readiness: not enough data yet: {r.missing}."
    lines: list[str] = []
    rows = [_area_cells(a) for a in report.areas]
    if fmt == "markdown":
        lines += [f"# Weak areas: {report.profile} (by {report.dimension})", "", ready, "", f"*{r.assumption}*", ""]
        lines += ["| " + " | ".join(AREA_HEADER) + " |", "|" + "---|" * len(AREA_HEADER)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    else:
        lines += [f"Weak areas: {report.profile} {report.name} (by {report.dimension})", ready, f"  {r.assumption}", ""]
        widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(AREA_HEADER)]
        widths[0] = min(widths[0], 60)
        lines.append("  ".join(h.ljust(w) for h, w in zip(AREA_HEADER, widths, strict=True)))
        lines += ["  ".join(c[:w].ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
        if not rows:
            lines.append("(no answers yet)")
    t = report.trend
    extra = []
    if t.percents:
        slope = "" if t.slope is None else f" ({t.slope:+.1f} points per attempt)"
        extra.append("Trend: " + " -> ".join(f"{p:.0f}%" for p in t.percents) + slope)
    if report.pace_yours is not None:
        extra.append(f"Pace: {report.pace_yours:.0f}s per question; the real exam allows {report.pace_allowed:.0f}s.")
    extra.append(f"Changed answers: {report.changed_to_right} to right, {report.changed_to_wrong} to wrong.")
    for c in report.confusions[:10]:
        extra.append(
            f"Confusion ({c.times}x): you chose '{c.chosen_text}' when the key is '{c.key_text}' [{c.item_id}]"
        )
    extra.append(f"Due for review: {report.due}")
    return "\n".join([*lines, "", *extra])


def cmd_report(args: argparse.Namespace) -> int:
    from examprep.insights import weak_area_report

    exams = _exams(args)
    profile = args.cert or (f"step-{args.step}" if args.step else None)
    if profile is None:
        raise UserError("say which exam or step to report on", "e.g. examprep report --cert AIF-C01, or --step 3")
    match = next((p for p in exams.profiles if p.lower() == profile.lower()), profile)
    print(render_report(weak_area_report(exams, match, args.by), args.format))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from examprep.review import due_item_ids

    exams = _exams(args)
    due = due_item_ids(exams)
    cards = {c.item_id: c for c in exams.store.due_cards(exams.clock.now())}
    if args.json:
        print(
            json.dumps(
                [{"item_id": i, "due": cards[i].due.isoformat(), "reason": cards[i].reason} for i in due], indent=2
            )
        )
        return 0
    if not due:
        print("Nothing is due for review.")
        return 0
    print(f"{len(due)} question(s) due for review (start them with `v` on the home screen):")
    for item_id in due:
        model = exams.catalog.model(item_id)
        print(f"  {item_id:<28} {cards[item_id].reason:<22} {' '.join(model.stem.split())[:70]}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from examprep.insights import item_stats

    exams = _exams(args)
    stats = item_stats(exams, Path(args.bank) if args.bank else None)
    if args.json:
        print(json.dumps([s.__dict__ for s in stats], indent=2))
        return 0
    if not stats:
        print("No answers recorded for these questions yet.")
        return 0
    print(f"{'item':<28} {'n':>5} {'facility':>9} {'discrim.':>9}  flags")
    for s in stats:
        disc = "-" if s.discrimination is None else f"{s.discrimination:+.2f}"
        print(f"{s.item_id:<28} {s.responses:>5} {s.facility:>9.2f} {disc:>9}  {'; '.join(s.flags)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from examprep.app_factory import open_store

    store = open_store(args)
    attempts = [store.attempt(args.attempt)] if args.attempt else store.attempts(limit=1_000_000)
    attempts = [a for a in attempts if a is not None]
    if args.attempt and not attempts:
        raise UserError(f"no attempt {args.attempt}")
    out = Path(args.output).open("w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.format == "json":
            json.dump([{**a.__dict__, "responses": store.responses(a.id)} for a in attempts], out, indent=2)
            out.write("\n")
        else:
            writer = csv.writer(out)
            header = [
                "attempt_id",
                "profile",
                "mode",
                "started_at",
                "item_id",
                "position",
                "revision",
                "domain",
                "response",
                "credit",
                "scored",
                "flagged",
                "changes",
                "seconds",
            ]
            writer.writerow(header)
            for a in attempts:
                for r in store.responses(a.id):
                    writer.writerow(
                        [
                            a.id,
                            a.profile,
                            a.mode,
                            a.started_at,
                            r["item_id"],
                            r["position"],
                            r["revision"],
                            r["domain"],
                            json.dumps(r["response"]),
                            r["credit"],
                            r["scored"],
                            r["flagged"],
                            r["changes"],
                            r["seconds"],
                        ]
                    )
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def register(sub: Any) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("report", help="weak areas, readiness, trend, confusions: the same figures as the report screen")
    p.add_argument("--cert", help="exam code, e.g. AIF-C01")
    p.add_argument("--step", type=int, choices=range(1, 7), help="roadmap step 1-6")
    p.add_argument("--by", choices=["domain", "step", "tag", "objective"], default="domain")
    p.add_argument("--format", choices=["table", "json", "csv", "markdown"], default="table")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("review", help="questions due for spaced review")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_review)

    p = sub.add_parser("stats", help="item statistics for authors: facility, discrimination, distractors")
    p.add_argument("--bank", help="only the questions of this bank file or folder")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("export", help="attempts and responses for other tools")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--attempt", type=int, help="only this attempt")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.set_defaults(handler=cmd_export)
