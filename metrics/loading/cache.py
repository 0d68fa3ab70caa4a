"""A cache of validation results around the loading pipeline, kept outside the data folder: the valid rows of
every file in one Arrow file, and a manifest (per file: its name in the data, its state and its dependencies'
states, counts and problems) as an Arrow table in that file's metadata, so one atomic rename replaces both.

A file whose own state and whose dependencies' states (a source text) are unchanged is not read again; its
problems are replayed, and the checks across files run on every load, so the cache never hides a problem. The
cache trusts nothing it did not check: a manifest or rows of an unexpected shape mean validating again."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import threading
from functools import cache
from pathlib import Path

import numpy as np
import pyarrow as pa

from metrics.loading.kind import Kind, tidy_dictionaries
from metrics.loading.pipeline import FileOutcomes, LoadResult, ValidatedBatch, assemble, kind_files, shown, validate_files
from metrics.loading.problems import Problem
from metrics.references import load_references

FORMAT = "7"  # the layout of the cache file itself; the code's own hash covers everything else
CACHE_FILE = "cache.arrow"
MAX_CHUNKS = 64
KEEP_ENTRIES = 8  # other code versions and data folders sharing the cache folder keep their entries
PACKAGE = Path(__file__).resolve().parent.parent  # metrics/
MANIFEST = pa.schema([("path", pa.string()), ("read", pa.int64()), ("rows", pa.int64()), ("problems", pa.string()),
                      ("state", pa.list_(pa.int64(), 4)), ("depends", pa.list_(pa.string())),
                      ("depends_state", pa.list_(pa.list_(pa.int64(), 4)))])


def default_cache_dir(root: Path | str = "data") -> Path:
    """METRICS_CACHE_DIR, else $XDG_CACHE_HOME (or ~/.cache)/phu-tho-dashboard/<hash of the data root's path>."""
    if os.environ.get("METRICS_CACHE_DIR"):
        return Path(os.environ["METRICS_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "phu-tho-dashboard" / hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]


@cache
def code_digest() -> str:
    """A hash of every source file of the package: any change to the code that decides rows and problems starts
    the cache afresh, with no list to keep by hand."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".po") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def states(paths: list[str]) -> np.ndarray:
    """(size, modification time, change time, inode) of each path as one int64 array; a missing file reads -1s.
    The change time and inode are set by the system on every write, rename or utime: an edit that restores the
    size and modification time (touch -r, a copy tool, a restore) still shows."""
    out = np.full((len(paths), 4), -1, dtype=np.int64)
    for i, path in enumerate(paths):
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            continue
        out[i] = st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino
    return out


class Manifest:
    """The cached outcome of every file, with the states they were validated in: state[i] is file i's, and
    depends_state[depends_at[i]:depends_at[i + 1]] those of its dependencies, in the order of files.depends[i]."""

    def __init__(self, files: FileOutcomes, state: np.ndarray, depends_state: np.ndarray, across: tuple | None = None):
        self.files, self.state, self.depends_state, self.across = files, state, depends_state, across
        self.depends_at = np.cumsum([0, *map(len, files.depends)])

    @staticmethod
    def empty() -> Manifest:
        return Manifest(FileOutcomes(), np.zeros((0, 4), np.int64), np.zeros((0, 4), np.int64))

    def depends_of(self, a: int, b: int) -> np.ndarray:
        """The dependencies' states of files a..b-1, in order."""
        return self.depends_state[self.depends_at[a]:self.depends_at[b]]

    def to_bytes(self) -> bytes:
        f = self.files
        problems = [json.dumps([[p.line, p.field, p.message, p.hint] for p in ps], ensure_ascii=False) if ps else None
                    for ps in f.problems]
        depends = pa.ListArray.from_arrays(pa.array(self.depends_at, pa.int32()),
                                           pa.array([d for ds in f.depends for d in ds], pa.string()))
        depends_state = pa.ListArray.from_arrays(pa.array(self.depends_at, pa.int32()), _fixed4(self.depends_state))
        table = pa.table([pa.array(f.path, pa.string()), pa.array(f.read, pa.int64()), pa.array(f.rows, pa.int64()),
                          pa.array(problems, pa.string()), _fixed4(self.state), depends, depends_state], schema=MANIFEST)
        keep, problems = self.across if self.across is not None else (np.ones(sum(f.rows), dtype=bool), [])
        across = {"dropped": np.flatnonzero(~keep).tolist(),
                  "problems": [[p.file, p.line, p.field, p.message, p.hint] for p in problems]}
        schema = MANIFEST.with_metadata({b"across": json.dumps(across, ensure_ascii=False).encode("utf-8")})
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, schema) as w:
            w.write_table(table.replace_schema_metadata(schema.metadata))
        return sink.getvalue().to_pybytes()

    @staticmethod
    def from_bytes(raw: bytes) -> Manifest:
        """Columns straight to arrays and lists (no object per cell but the paths): 10,000 files in ~15 ms."""
        table = pa.ipc.open_stream(raw).read_all().combine_chunks()
        if not table.schema.equals(MANIFEST):
            raise ValueError("manifest of another shape")
        n = table.num_rows
        path = table.column("path").to_pylist()
        problems: list[tuple[Problem, ...]] = [()] * n
        column = table.column("problems").chunk(0) if n else pa.array([], pa.string())
        for i in np.flatnonzero(column.is_valid().to_numpy(zero_copy_only=False)):
            problems[i] = tuple(Problem(path[i], *item) for item in json.loads(column[i].as_py()))
        depends = table.column("depends").chunk(0) if n else pa.array([], pa.list_(pa.string()))
        at = depends.offsets.to_numpy()
        names = depends.values.to_pylist()
        files = FileOutcomes(path, table.column("read").to_numpy().tolist(), table.column("rows").to_numpy().tolist(), problems,
                             [tuple(names[at[i]:at[i + 1]]) for i in range(n)])
        state = _unfixed4(table.column("state"))
        depends_state = _unfixed4(table.column("depends_state").chunk(0).values) if n else np.zeros((0, 4), np.int64)
        across = json.loads((table.schema.metadata or {})[b"across"])
        keep = np.ones(int(sum(files.rows)), dtype=bool)
        keep[np.asarray(across["dropped"], dtype=np.int64)] = False
        out = Manifest(files, state, depends_state, (keep, [Problem(*p) for p in across["problems"]]))
        if len(out.depends_state) != out.depends_at[-1] or len(state) != n:
            raise ValueError("manifest of inconsistent lengths")
        return out


def _fixed4(states: np.ndarray) -> pa.FixedSizeListArray:
    return pa.FixedSizeListArray.from_arrays(pa.array(np.ascontiguousarray(states, dtype=np.int64).reshape(-1)), 4)


def _unfixed4(column) -> np.ndarray:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks else pa.array([], column.type)
    return column.flatten().to_numpy(zero_copy_only=False).astype(np.int64).reshape(-1, 4)


def load_cached(root: Path | str, kind: Kind, cache_dir: Path | str, workers: int | None = None) -> LoadResult:
    """Load like pipeline.load, validating only the files that changed since the cache was written."""
    root, cache_dir = Path(root).resolve(), Path(cache_dir)
    if cache_dir.resolve().is_relative_to(root):
        raise ValueError(f"cache folder {cache_dir} is inside the data folder {root}: keep caches out of the data")
    refs, ref_problems = load_references(root, shown)
    # Rows depend on the code, the reference lists, the kind and the data root, not on the working folder: paths
    # are kept relative to the data root and shown as the reader's working folder wants when problems are replayed.
    key = hashlib.sha256("\0".join((FORMAT, kind.name, refs.fingerprint, code_digest(), str(root))).encode())
    where = cache_dir / key.hexdigest()[:24]
    found = kind_files(root, kind)
    cached, table = _read(where, kind)
    prefix = str(root) + os.sep  # string slicing: pathlib costs ~20 µs a path, 0.2 s for 10,000 files
    paths = [f[len(prefix):] for f in found.files]
    now = states(found.files)

    position = {p: i for i, p in enumerate(cached.files.path)}
    index = np.array([position.get(p, -1) for p in paths], dtype=np.int64)
    fresh = index >= 0
    fresh[fresh] = (now[fresh] == cached.state[index[fresh]]).all(axis=1)
    fresh &= _depends_fresh(cached, index, prefix)
    if fresh.all() and len(paths) == len(cached.files) and (index == np.arange(len(paths))).all():
        # The very files of the last load: the checks across files give what they gave then (kept in the manifest).
        return assemble([ValidatedBatch(cached.files, table)], kind, root, refs, ref_problems, found.skipped, tidy=False,
                        across=cached.across)

    new = {}
    for batch in validate_files([f for f, ok in zip(found.files, fresh, strict=True) if not ok], kind, root, refs, workers):
        at = 0
        for i in range(len(batch.files)):
            one = batch.files.slice(i, i + 1)
            new[one.path[0]] = (one, batch.table.slice(at, one.rows[0]))
            at += one.rows[0]
    # Runs of unchanged files are taken from the cache as whole slices (their manifest columns and rows).
    offsets = np.cumsum([0, *cached.files.rows])
    pieces, slices, dep_states = [], [], [np.zeros((0, 4), np.int64)]
    k = 0
    while k < len(paths):
        if not fresh[k]:
            one, rows = new[paths[k]]
            pieces.append(one)
            slices.append(rows)
            dep_states.append(states([prefix + d for d in one.depends[0]]))
            k += 1
            continue
        start = k
        while k < len(paths) and fresh[k] and (k == start or index[k] == index[k - 1] + 1):
            k += 1
        a, b = int(index[start]), int(index[k - 1]) + 1
        pieces.append(cached.files.slice(a, b))
        slices.append((int(offsets[a]), int(offsets[b] - offsets[a])))
        dep_states.append(cached.depends_of(a, b))
    files = FileOutcomes.join(pieces)
    merged = _merge(slices, table, kind)
    result = assemble([ValidatedBatch(files, merged)], kind, root, refs, ref_problems, found.skipped)
    # Written behind: the caller has its result now; the next load finds the new cache (or validates again).
    manifest = Manifest(files, now, np.concatenate(dep_states), result.across)
    writer = threading.Thread(target=_write, args=(where, manifest, merged, cache_dir), name="metrics-cache")
    _writers[:] = [w for w in _writers if w.is_alive()]  # a server reloads for weeks: keep only running writers
    _writers.append(writer)
    writer.start()
    return result


def _depends_fresh(cached: Manifest, index: np.ndarray, prefix: str) -> np.ndarray:
    """For each current file (by its index in the cache, -1 when new): are all its dependencies unchanged?"""
    out = np.zeros(len(index), dtype=bool)
    known = np.flatnonzero(index >= 0)
    if not len(known):
        return out
    at = cached.depends_at
    rows = index[known]
    # The usual case: the same files in the same order (lengths first: a removed file makes the arrays differ).
    if len(rows) == len(cached.files) and (rows == np.arange(len(rows))).all():
        deps, stored = [d for ds in cached.files.depends for d in ds], cached.depends_state
    else:
        deps = [d for i in rows for d in cached.files.depends[i]]
        stored = np.concatenate([cached.depends_of(i, i + 1) for i in rows]) if deps else np.zeros((0, 4), np.int64)
    same = (states([prefix + d for d in deps]) == stored).all(axis=1)
    counts = at[rows + 1] - at[rows]
    ok = np.ones(len(known), dtype=bool)
    with_deps = counts > 0
    if with_deps.any():
        starts = np.cumsum([0, *counts])[:-1]
        ok[with_deps] = np.logical_and.reduceat(same, starts[with_deps])
    out[known] = ok
    return out


def _merge(slices: list, cached: pa.Table | None, kind: Kind) -> pa.Table:
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
    if not pieces:
        return kind.rows_to_table([])
    merged = pa.concat_tables(pieces)
    # Copying 200,000 rows costs more than a one-file change should: chunks are joined only when they pile up.
    return merged.combine_chunks() if merged.column(0).num_chunks > MAX_CHUNKS else merged


def _read(where: Path, kind: Kind) -> tuple[Manifest, pa.Table | None]:
    """The manifest and rows, or nothing when missing, of another shape, or damaged (then all is validated again).
    The file is read whole into memory, never mapped: a file truncated under a running server cannot crash it."""
    try:
        fd = os.open(where / CACHE_FILE, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ValueError("not a regular file")
            raw = f.read()
        reader = pa.ipc.open_file(pa.BufferReader(raw))
        manifest = Manifest.from_bytes((reader.schema.metadata or {})[b"manifest"])
        table = reader.read_all().replace_schema_metadata(None)
        if table.schema.equals(kind.schema) and sum(manifest.files.rows) == table.num_rows:
            return manifest, table
    except Exception:  # noqa: S110 - any damage means the same thing: validate again
        pass
    return Manifest.empty(), None


_writing = threading.Lock()
_writers: list[threading.Thread] = []


def flush() -> None:
    """Wait until every cache write started by this process is on disk (tests, and tools that exit at once)."""
    while _writers:
        _writers.pop().join()


def _write(where: Path, manifest: Manifest, table: pa.Table, cache_dir: Path) -> None:
    """One file, the manifest in its schema's metadata, written under a temporary name and renamed: a reader (in
    this process or another replica's) sees the old cache or the new one whole, never rows of one with the
    manifest of the other. Categories are stored sorted and unused ones dropped, as the frame wants them."""
    with _writing:
        try:
            where.mkdir(parents=True, exist_ok=True)
            tmp = where / f"{CACHE_FILE}.{os.getpid()}.{threading.get_ident()}.tmp"
            table = tidy_dictionaries(table).replace_schema_metadata({b"manifest": manifest.to_bytes()})
            # LZ4: a sixth of the bytes to read on every warm load, decompressed faster than they would be read.
            options = pa.ipc.IpcWriteOptions(compression="lz4")
            with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema, options=options) as writer:
                writer.write_table(table)
            os.replace(tmp, where / CACHE_FILE)
            _prune(cache_dir, keep=where.name)
        except OSError:
            pass  # an unwritable cache only costs speed next time


def _prune(cache_dir: Path, keep: str) -> None:
    """Keep the most recently written entries: other processes sharing the folder (another working folder,
    another replica, the previous code during a deploy) keep theirs; entries nobody writes any more age out."""
    try:
        entries = [p for p in cache_dir.iterdir() if p.is_dir() and len(p.name) == 24 and p.name != keep]
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP_ENTRIES - 1:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass
