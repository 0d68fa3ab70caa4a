"""Writing a snapshot: a dated folder that never changes once written (it is built beside its place and moved in
whole, so no reader ever sees half a snapshot), a manifest naming every file with its hash and the data's
fingerprint, and the index of every snapshot of the site."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from metrics.i18n import LANGS
from metrics.loading.walk import listing

# A date, optionally with a word or two ('2026-01-05', '2026-01-05-hoi-nghi'): the folder's name and the URL's part.
LABEL = re.compile(r"\d{4}-\d{2}-\d{2}(?:-[a-z0-9]+){0,4}")
MANIFEST = "manifest.json"
INDEX = "snapshots.json"
DATA_SUFFIXES = (".yaml", ".yml", ".txt")


class Exists(FileExistsError):
    """A snapshot of that label exists: it stays as it was written unless replacing it is asked for."""


@dataclass(frozen=True)
class Snapshot:
    """One written snapshot, as its manifest records it."""

    label: str
    created: str  # ISO 8601, UTC
    fingerprint: str  # of the data folder it was made from (see fingerprint)
    figures: int
    sources: int
    files: dict[str, str]  # relative path -> SHA-256

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.label[:10])


def fingerprint(root: Path | str) -> str:
    """12 hex digits that change with any byte of the data folder's metric, deck, task, reference and source files
    (read through the same walker as the loader: links that leave the folder are not followed)."""
    root = Path(root).resolve()
    digest = hashlib.sha256()
    for path in sorted(listing(root, root, DATA_SUFFIXES).files):
        digest.update(os.path.relpath(path, root).encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
    return digest.hexdigest()[:12]


def check_label(label: str) -> str:
    if not LABEL.fullmatch(label or ""):
        raise ValueError(f"label '{label}': a date YYYY-MM-DD, optionally followed by lowercase words joined by '-'")
    dt.date.fromisoformat(label[:10])  # a real day
    return label


def write(ds, out: Path | str, label: str | None = None, force: bool = False, live: str | None = None,
          today: dt.date | None = None) -> Snapshot:
    """Write the snapshot of ds into out/<label>/ (label: today's date by default) and rewrite out's index.
    live: the base address of the live app, for each page's link to the same view (default: root-relative links,
    right when nginx serves the site beside the app as deploy/ does)."""
    from metrics.snapshot.pages import Meta, write_all  # they draw charts: imported when a snapshot is written

    out = Path(out)
    label = check_label(label or (today or dt.date.today()).isoformat())
    target = out / label
    if target.exists() and not force:
        raise Exists(f"{target} exists: a snapshot never changes once written (force replaces it)")
    out.mkdir(parents=True, exist_ok=True)
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    print_ = fingerprint(ds.root)
    work = Path(tempfile.mkdtemp(prefix=f".{label}-", dir=out))
    try:
        meta = Meta(label=label, created=created, fingerprint=print_, live=live)
        written = write_all(ds, work, meta)
        files = {rel: hashlib.sha256((work / rel).read_bytes()).hexdigest() for rel in sorted(written)}
        snap = Snapshot(label, created, print_, int((~ds.frame["derived"]).sum()), len(ds.sources), files)
        (work / MANIFEST).write_text(json.dumps(asdict(snap), ensure_ascii=False, indent=1), encoding="utf-8")
        os.chmod(work, 0o755)  # noqa: S103 - mkdtemp makes it private; the web server serving the site must read it
        if target.exists():
            old = out / f".{label}-replaced-{uuid.uuid4().hex[:8]}"
            target.rename(old)
            work.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    write_index(out)
    return snap


def snapshots(out: Path | str) -> list[Snapshot]:
    """Every snapshot under out whose manifest reads, newest label first (folders without one are not snapshots)."""
    found = []
    for d in Path(out).glob("*/" + MANIFEST):
        if not LABEL.fullmatch(d.parent.name):
            continue
        try:
            found.append(Snapshot(**json.loads(d.read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError):
            continue
    return sorted(found, key=lambda s: s.label, reverse=True)


def latest(out: Path | str | None) -> Snapshot | None:
    """The newest snapshot, read from the index the last write left (cheap enough for every rerun of the app)."""
    if not out:
        return None
    try:
        rows = json.loads((Path(out) / INDEX).read_text(encoding="utf-8"))["snapshots"]
        return Snapshot(**rows[0]) if rows else None
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None


def write_index(out: Path | str) -> None:
    """out/index.html (both languages) and out/snapshots.json, each replaced whole."""
    from metrics.snapshot.html import render
    from metrics.snapshot.pages import index_context, style

    out = Path(out)
    every = snapshots(out)
    _replace(out / INDEX, json.dumps({"snapshots": [asdict(s) for s in every]}, ensure_ascii=False, indent=1))
    _replace(out / "index.html", render("index.html", **index_context(every, LANGS)))
    _replace(out / "style.css", style())


def _replace(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
