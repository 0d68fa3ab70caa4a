"""A cache of validation results kept outside the data folder: the valid rows of every file in one Arrow file
(memory-mapped on reading) and a manifest of each file's state and problems. A file whose metric file and
source text are unchanged (size, modification time) is not read again; its problems are replayed, and the
checks across files (duplicate ids) run on every load, so the cache never hides a problem."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import threading
from pathlib import Path

import numpy as np
import pyarrow as pa

from metrics.loader import Files, LoadResult, Part, Shown, assemble, metric_files, validate_files
from metrics.references import load_references

VERSION = "4"
CACHE_FILE = "cache.arrow"
MAX_CHUNKS = 64
# The modules whose code decides a file's rows and problems: a change to any of them starts the cache afresh.
CODE = ("cache.py", "frame.py", "loader.py", "models.py", "problems.py", "quotecheck.py", "references.py", "validate.py",
        "vnnum.py", "yamlsafe.py")


def default_cache_dir(root: Path | str = "data") -> Path:
    """METRICS_CACHE_DIR, else $XDG_CACHE_HOME (or ~/.cache)/phu-tho-dashboard/<hash of the data root's path>."""
    if os.environ.get("METRICS_CACHE_DIR"):
        return Path(os.environ["METRICS_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "phu-tho-dashboard" / hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]


def _code_digest() -> str:
    digest = hashlib.sha256()
    for name in CODE:
        digest.update(name.encode() + Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()


def _stat(path: str | None) -> tuple | None:
    try:
        st = os.stat(path)
    except (OSError, TypeError):
        return None
    return st.st_size, st.st_mtime_ns


def load_cached(root: Path, cache_dir: Path, workers: int | None = None) -> LoadResult:
    """Load like loader.load, validating only the files that changed since the cache was written."""
    if cache_dir.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"cache folder {cache_dir} is inside the data folder {root}: keep caches out of the data")
    refs, ref_problems = load_references(root, Shown())
    # Shown paths depend on the working folder, rows on the references and the code: all are in the key.
    key = hashlib.sha256("\0".join((VERSION, refs.fingerprint, _code_digest(), str(root.resolve()), os.getcwd())).encode())
    where = cache_dir / key.hexdigest()[:24]
    files = metric_files(root)
    cached, (yaml_states, text_states), table = _read(where)

    position = {f: i for i, f in enumerate(cached.file)}
    yaml_now = [_stat(f) for f in files]
    text_now = [_stat(cached.text_path[position[f]]) if f in position else None for f in files]
    fresh = [f in position and y == yaml_states[position[f]] and t == text_states[position[f]]
             for f, y, t in zip(files, yaml_now, text_now, strict=True)]
    if all(fresh) and len(files) == len(cached):
        return assemble([Part(cached, table)], ref_problems)

    new = {}
    for part in validate_files([f for f, ok in zip(files, fresh, strict=True) if not ok], root, refs, workers):
        at = 0
        for i in range(len(part.files)):
            one = part.files.slice(i, i + 1)
            new[one.file[0]] = (one, part.table.slice(at, one.rows[0]))
            at += one.rows[0]
    # Runs of unchanged files are taken from the cache as whole slices (their manifest columns and rows).
    offsets = np.cumsum([0, *cached.rows])
    pieces, slices, states = [], [], ([], [])
    k = 0
    while k < len(files):
        if files[k] in new:
            one, rows = new[files[k]]
            pieces.append(one)
            slices.append(rows)
            states[0].append(yaml_now[k])
            states[1].append(_stat(one.text_path[0]))
            k += 1
            continue
        start = k
        while k < len(files) and files[k] not in new and (k == start or position[files[k]] == position[files[k - 1]] + 1):
            k += 1
        a, b = position[files[start]], position[files[k - 1]] + 1
        pieces.append(cached.slice(a, b))
        slices.append((int(offsets[a]), int(offsets[b] - offsets[a])))
        states[0].extend(yaml_now[start:k])
        states[1].extend(text_now[start:k])
    out = Files.join(pieces)
    merged = _merge(slices, table)
    _write(where, (out, states), merged)
    _prune(cache_dir, keep=where.name)
    return assemble([Part(out, merged)], ref_problems)


def _merge(slices: list, cached: pa.Table | None) -> pa.Table:
    """The rows in file order: runs of cached rows are taken as one slice each, new files' rows in between."""
    pieces, run = [], None
    for s in slices:
        if isinstance(s, tuple):
            start, n = s
            if run and run[0] + run[1] == start:
                run = (run[0], run[1] + n)
            else:
                if run:
                    pieces.append(cached.slice(*run))
                run = (start, n)
        else:
            if run:
                pieces.append(cached.slice(*run))
                run = None
            pieces.append(s)
    if run:
        pieces.append(cached.slice(*run))
    pieces = [p for p in pieces if p.num_rows]
    from metrics.frame import rows_to_table

    if not pieces:
        return rows_to_table([])
    merged = pa.concat_tables(pieces)
    # Copying 200,000 rows costs more than a one-file change should: chunks are joined only when they pile up.
    return merged.combine_chunks() if merged.column(0).num_chunks > MAX_CHUNKS else merged


def _read(where: Path) -> tuple[Files, tuple[list, list], pa.Table | None]:
    """The manifest and rows, or nothing when missing, stale in format or corrupt (then all is validated again)."""
    try:
        reader = pa.ipc.open_file(pa.memory_map(str(where / CACHE_FILE)))
        files, states = pickle.loads(reader.schema.metadata[b"manifest"])  # noqa: S301 - our own file in the user's cache
        table = reader.read_all().replace_schema_metadata(None)
        if isinstance(files, Files) and sum(files.rows) == table.num_rows and len(states[0]) == len(states[1]) == len(files):
            return files, states, table
    except Exception:  # noqa: S110 - any damage means the same thing: validate again
        pass
    return Files(), ([], []), None


def _write(where: Path, manifest: tuple, table: pa.Table) -> None:
    """One file, the manifest in its schema's metadata, written under a temporary name and renamed: a reader (in
    this process or another replica's) sees the old cache or the new one whole, never rows of one with the
    manifest of the other."""
    try:
        where.mkdir(parents=True, exist_ok=True)
        tmp = where / f"{CACHE_FILE}.{os.getpid()}.{threading.get_ident()}.tmp"
        table = table.unify_dictionaries()  # an Arrow IPC file holds one dictionary per column
        table = table.replace_schema_metadata({b"manifest": pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL)})
        with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(tmp, where / CACHE_FILE)
    except OSError:
        pass  # an unwritable cache only costs speed next time


def _prune(cache_dir: Path, keep: str) -> None:
    """Remove caches made for other code, references or working folders: they can never be valid again."""
    try:
        for old in cache_dir.iterdir():
            if old.is_dir() and old.name != keep and len(old.name) == 24:
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass
