"""`python -m metrics extract FILE`: a report to a candidate metric file, on standard output or in OUT. With OUT
in a data folder's metrics/ the text the quotes are checked against goes to its sources/ (a Word file's text, or
a text with decomposed diacritics, is not the file given); elsewhere beside OUT."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from metrics.extraction.candidates import extract
from metrics.extraction.source import Unreadable, read_report
from metrics.extraction.write import SourceInfo, metric_file_text, rows
from metrics.models import SLUG


def run(file: str, output: str | None, source_id: str | None, agency: str | None, date: str | None) -> int:
    for name, value in (("--source-id", source_id), ("--agency", agency)):
        if value is not None and not re.fullmatch(SLUG[1:-1], value):
            print(f"{name} '{value}' is not an id: use lowercase letters, digits and '-'", file=sys.stderr)
            return 1
    try:
        published = dt.date.fromisoformat(date) if date else None
    except ValueError:
        print(f"--date '{date}' is not a date: write YYYY-MM-DD", file=sys.stderr)
        return 1
    try:
        text = read_report(file)
    except Unreadable as e:
        print(f"{file}: {e.message}; {e.hint}", file=sys.stderr)
        return 1
    found = extract(text)
    source = SourceInfo(source_id, None, agency, published).filled(found.text, Path(file).name)
    draft = metric_file_text(source, rows(found), found.skipped, Path(file).name)
    if not output:
        sys.stdout.write(draft)
        print(f"{len(found.candidates)} candidates, {len(found.skipped)} numbers skipped; save the text the quotes come from "
              f"as sources/{source.id or 'ID'}.txt", file=sys.stderr)
        return 0
    out = Path(output)
    texts = out.parent.parent / "sources" if out.parent.name == "metrics" else out.parent
    text_path = texts / f"{source.id or out.stem}.txt"
    try:
        if text_path.exists() and text_path.read_text(encoding="utf-8") != found.text:
            print(f"{text_path} exists and holds another text: move it, or give --source-id", file=sys.stderr)
            return 1
        texts.mkdir(parents=True, exist_ok=True)
        text_path.write_text(found.text, encoding="utf-8", newline="\n")
        out.write_text(draft, encoding="utf-8", newline="\n")
    except OSError as e:
        print(f"cannot write {e.filename}: {e.strerror}", file=sys.stderr)
        return 1
    print(f"{out}: {len(found.candidates)} candidates, {len(found.skipped)} numbers skipped; the text: {text_path}", file=sys.stderr)
    return 0
