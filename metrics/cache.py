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

from metrics.frame import tidy_dictionaries
from metrics.loader import Files, LoadResult, Part, Shown, assemble, metric_files, validate_files
from metrics.references import load_references

VERSION = "5"
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


def _stats(paths: list[str | None]) -> np.ndarray:
    """(size, modification time) of each path, as one int64 array; a missing file reads (-1, -1)."""
    out = np.full((len(paths), 2), -1, dtype=np.int64)
    for i, path in enumerate(paths):
        if path is not None:
            try:
                st = os.stat(path)
            except OSError:
                continue
            out[i] = st.st_size, st.st_mtime_ns
    return out


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

    yaml_now = _stats(files)
    if files == cached.file:  # the usual case: the same files, maybe edited; compared as whole arrays
        text_now = _stats(cached.text_path)
        fresh = (yaml_now == yaml_states).all(axis=1) & (text_now == text_states).all(axis=1)
        if fresh.all():
            return assemble([Part(cached, table)], refs, ref_problems, tidy=False)
        index = np.arange(len(files))
    else:
        position = {f: i for i, f in enumerate(cached.file)}
        index = np.array([position.get(f, -1) for f in files], dtype=np.int64)
        known = index >= 0
        text_now = _stats([cached.text_path[i] if i >= 0 else None for i in index])
        fresh = known.copy()
        fresh[known] = (yaml_now[known] == yaml_states[index[known]]).all(axis=1) & (text_now[known] == text_states[index[known]]).all(axis=1)

    new = {}
    for part in validate_files([f for f, ok in zip(files, fresh, strict=True) if not ok], root, refs, workers):
        at = 0
        for i in range(len(part.files)):
            one = part.files.slice(i, i + 1)
            new[one.file[0]] = (one, part.table.slice(at, one.rows[0]))
            at += one.rows[0]
    # Runs of unchanged files are taken from the cache as whole slices (their manifest columns and rows).
    offsets = np.cumsum([0, *cached.rows])
    pieces, slices = [], []
    k = 0
    while k < len(files):
        if not fresh[k]:
            one, rows = new[files[k]]
            pieces.append(one)
            slices.append(rows)
            text_now[k] = _stats(one.text_path)[0]
            k += 1
            continue
        start = k
        while k < len(files) and fresh[k] and (k == start or index[k] == index[k - 1] + 1):
            k += 1
        a, b = int(index[start]), int(index[k - 1]) + 1
        pieces.append(cached.slice(a, b))
        slices.append((int(offsets[a]), int(offsets[b] - offsets[a])))
    out = Files.join(pieces)
    merged = _merge(slices, table)
    # Written behind: the caller has its result now; the next load finds the new cache (or validates again).
    writer = threading.Thread(target=_write, args=(where, (out, (yaml_now, text_now)), merged, cache_dir), name="metrics-cache")
    _writers[:] = [w for w in _writers if w.is_alive()]  # a server reloads for weeks: keep only running writers
    _writers.append(writer)
    writer.start()
    return assemble([Part(out, merged)], refs, ref_problems)


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


def _read(where: Path) -> tuple[Files, tuple[np.ndarray, np.ndarray], pa.Table | None]:
    """The manifest and rows, or nothing when missing, stale in format or corrupt (then all is validated again)."""
    try:
        reader = pa.ipc.open_file(pa.memory_map(str(where / CACHE_FILE)))
        files, states = pickle.loads(reader.schema.metadata[b"manifest"])  # noqa: S301 - our own file in the user's cache
        table = reader.read_all().replace_schema_metadata(None)
        if isinstance(files, Files) and sum(files.rows) == table.num_rows and len(states[0]) == len(states[1]) == len(files):
            return files, states, table
    except Exception:  # noqa: S110 - any damage means the same thing: validate again
        pass
    return Files(), (np.zeros((0, 2), np.int64), np.zeros((0, 2), np.int64)), None


_writing = threading.Lock()
_writers: list[threading.Thread] = []


def flush() -> None:
    """Wait until every cache write started by this process is on disk (tests, and tools that exit at once)."""
    while _writers:
        _writers.pop().join()


def _write(where: Path, manifest: tuple, table: pa.Table, cache_dir: Path) -> None:
    """One file, the manifest in its schema's metadata, written under a temporary name and renamed: a reader (in
    this process or another replica's) sees the old cache or the new one whole, never rows of one with the
    manifest of the other. Categories are stored sorted and unused ones dropped, as the frame wants them."""
    with _writing:
        try:
            where.mkdir(parents=True, exist_ok=True)
            tmp = where / f"{CACHE_FILE}.{os.getpid()}.{threading.get_ident()}.tmp"
            table = tidy_dictionaries(table)
            table = table.replace_schema_metadata({b"manifest": pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL)})
            with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
            os.replace(tmp, where / CACHE_FILE)
            _prune(cache_dir, keep=where.name)
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
