"""The data maintainer's command line: check files, export the figures, print the JSON Schema, draw charts, write
decks, extract a report's figures."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from metrics import figures
from metrics.export import FORMATS, csv_bytes, export
from metrics.figures.derived import with_derived
from metrics.figures.kind import METRICS
from metrics.i18n import LANGS
from metrics.loading.pipeline import LoadResult, load_paths
from metrics.loading.walk import listing
from metrics.schema import KINDS, schema_text


def _expand(paths: list[str]) -> list[str]:
    """Files as given; a folder: its metric files (a data folder's metrics/, else every YAML file in it)."""
    out: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += listing(p / METRICS.folder if (p / METRICS.folder).is_dir() else p).files
        else:
            out.append(str(p))
    return out


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(r: LoadResult) -> str:
    return (f"{_count(r.files_read, 'file')}, {_count(r.records_read, 'metric')}: {r.records_loaded} loaded, "
            f"{r.records_rejected} rejected, {_count(len(r.problems), 'problem')}")


def _report(r: LoadResult, summary: str) -> bool:
    for p in r.problems:
        print(p)
    for path, why in r.skipped:  # found but never read (a link, a pipe): its records, if any, are not loaded
        print(f"{path}: skipped: {why}")
    ok = r.ok and not r.skipped
    print(("OK: " if ok else "FAILED: ") + summary + (f", {len(r.skipped)} skipped" if r.skipped else ""))
    return ok


def cmd_check(args) -> int:
    """The metric files (or the paths given); on a whole data folder, its decks and task files too."""
    if args.paths:
        r = load_paths(_expand(args.paths), args.data_root, METRICS)
        return 0 if _report(r, _summary(r)) else 1
    from metrics.dataset import Dataset

    ds = Dataset(Path(args.data_root), figures.load(args.data_root))
    ok = _report(ds.result, _summary(ds.result))
    root = Path(args.data_root)
    if (root / "decks").is_dir():
        d = ds.deck_load
        ok &= _report(d, f"{_count(d.files_read, 'deck file')}: {d.records_loaded} valid, {_count(len(d.problems), 'problem')}")
    if (root / "tasks").is_dir():
        tk = ds.task_load
        ok &= _report(tk, f"{_count(tk.files_read, 'task file')}, {_count(tk.records_read, 'task')}: {tk.records_loaded} loaded, "
                          f"{tk.records_rejected} rejected, {_count(len(tk.problems), 'problem')}")
    return 0 if ok else 1


def cmd_export(args) -> int:
    from metrics.dataset import load_dataset
    from metrics.tasks import register

    ds = load_dataset(args.data_root)
    r, tasks = ds.result, register.table(register.entries(ds.tasks, dt.date.today()))
    data = export(with_derived(r.frame, r.refs.units), args.format, tasks)
    problems = len(r.problems) + len(ds.task_load.problems)
    if problems:
        print(f"warning: {r.records_rejected} metrics and {ds.task_load.records_rejected} tasks left out, {problems} problems "
              "(run: python -m metrics check)", file=sys.stderr)
    if args.output:
        Path(args.output).write_bytes(data)
        if args.format == "csv":  # the tasks in a file of their own beside it
            target = Path(args.output)
            target.with_name(f"{target.stem}-tasks{target.suffix}").write_bytes(csv_bytes(tasks))
    elif args.format == "xlsx" and sys.stdout.isatty():
        print("xlsx is binary: give -o FILE", file=sys.stderr)
        return 2
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_schema(args) -> int:
    text = schema_text(args.kind)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_chart(args) -> int:
    """A chart of the dashboard as an image at slide size, its title and source drawn in."""
    from metrics.charts.image import NoBrowser, image
    from metrics.charts.registry import CHARTS, TREND, Scope, build
    from metrics.dataset import load_dataset

    fmt = Path(args.output).suffix.lstrip(".").lower()
    if fmt not in ("png", "svg"):
        print(f"{args.output}: write a .png or a .svg", file=sys.stderr)
        return 2
    ds = load_dataset(args.data_root)
    period = args.period or ds.default_period
    spec = build(args.name, Scope(ds.frame[ds.frame["period"] == period], ds.frame), ds.refs.units, args.lang) \
        if args.name in CHARTS or args.name.startswith(TREND + ":") else None
    if spec is None:
        print(f"no chart '{args.name}' with figures for {period}; charts: {', '.join(CHARTS)}, {TREND}:<series>", file=sys.stderr)
        return 1
    try:
        Path(args.output).write_bytes(image(spec, fmt))
    except NoBrowser as e:
        print(e, file=sys.stderr)
        return 1
    return 0


def cmd_deck(args) -> int:
    from metrics.decks.pptx import main_deck

    return main_deck([args.path, "-o", args.output, "--lang", args.lang, "--data-root", args.data_root]
                     + (["--url", args.url] if args.url else []))


def cmd_extract(args) -> int:
    from metrics.extraction.command import run

    return run(args.file, args.output, args.source_id, args.agency, args.date)


def cmd_snapshot(args) -> int:
    from metrics.snapshot.command import run

    return run(args.data_root, args.output, args.label, args.force, args.live)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m metrics", description="Check and export the dashboard's data; charts and decks for the stage.")
    top.add_argument("--data-root", default="data", help="data folder with reference/, metrics/ and sources/ (default: data)")
    sub = top.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate metric files; print each problem as file:line: field: message (hint)")
    check.add_argument("paths", nargs="*", help="files or folders (default: every metric file of the data folder)")
    check.set_defaults(func=cmd_check)
    exp = sub.add_parser("export", help="write every validated metric with its source")
    exp.add_argument("--format", choices=FORMATS, required=True)
    exp.add_argument("-o", "--output", help="file to write (default: standard output)")
    exp.set_defaults(func=cmd_export)
    sch = sub.add_parser("schema", help="print the JSON Schema of a kind of data file (metric files by default)")
    sch.add_argument("--kind", choices=list(KINDS), default="metric", help="metric (data/metrics), deck (data/decks) or task (data/tasks)")
    sch.add_argument("-o", "--output", help="file to write (default: standard output)")
    sch.set_defaults(func=cmd_schema)
    ch = sub.add_parser("chart", help="write a chart of the dashboard as an image (PNG or SVG, 1600x900, title and source inside)")
    ch.add_argument("name", help="a chart id, e.g. recognition.awards, or trend:<series>")
    ch.add_argument("-o", "--output", required=True, help="x.png or x.svg")
    ch.add_argument("--lang", choices=LANGS, default="vi")
    ch.add_argument("--period", type=int, help="the year (default: the year with most figures)")
    ch.set_defaults(func=cmd_chart)
    dk = sub.add_parser("deck", help="write a deck as PowerPoint (16:9, native charts, sources, quotes in the notes)")
    dk.add_argument("path", help="a deck file, e.g. data/decks/so-noi-vu-2025.yaml")
    dk.add_argument("-o", "--output", required=True, help="x.pptx")
    dk.add_argument("--lang", choices=LANGS, default="vi")
    dk.add_argument("--url", help="the dashboard's address for the QR code (default: DASHBOARD_PUBLIC_URL)")
    dk.set_defaults(func=cmd_deck)
    ex = sub.add_parser("extract", help="read a report (.txt, .md, .docx) and write its candidate figures as a metric file to review")
    ex.add_argument("file", help="the report")
    ex.add_argument("-o", "--output", help="the candidate metric file (default: standard output)")
    ex.add_argument("--source-id", help="the document's id (default: the agency and the date, or the file's name)")
    ex.add_argument("--agency", help="the issuing agency's id of data/reference/agencies.yaml")
    ex.add_argument("--date", help="the document's date, YYYY-MM-DD")
    ex.set_defaults(func=cmd_extract)
    sn = sub.add_parser("snapshot", help="write a frozen, dated copy of the dashboard as a static site (every page, both languages)")
    sn.add_argument("-o", "--output", default="site", help="the site's folder; the copy goes in <output>/<label>/ (default: site)")
    sn.add_argument("--label", help="YYYY-MM-DD, optionally with words: 2026-01-05-hoi-nghi (default: today)")
    sn.add_argument("--force", action="store_true", help="replace a copy of the same label (a copy never changes otherwise)")
    sn.add_argument("--live", help="the live dashboard's address for each page's link (default: DASHBOARD_PUBLIC_URL, else /)")
    sn.set_defaults(func=cmd_snapshot)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
