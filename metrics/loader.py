"""Loading a data folder: every metric file validated (on every core when there are many), ids checked across
files, every problem kept, and the result as one frame."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from metrics.frame import rows_to_table, table_to_frame
from metrics.problems import Problem
from metrics.references import Refs, load_references
from metrics.validate import validate_file
from metrics.yamlsafe import line_of

PARALLEL_FROM = 64  # below this many files a worker pool costs more than it saves
CHUNKS_PER_WORKER = 16  # contiguous chunks (results come back in path order); small, so rows in flight stay few


@dataclass
class LoadResult:
    """The valid metrics as a frame, every problem, and the counts that account for each metric."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0
    metrics_read: int = 0
    rejected_files: list[str] = field(default_factory=list)
    refs: Refs = field(default_factory=Refs)  # the reference lists the files were checked against

    @property
    def metrics_loaded(self) -> int:
        return len(self.frame)

    @property
    def metrics_rejected(self) -> int:
        return self.metrics_read - self.metrics_loaded

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Files:
    """Per-file outcomes, column by column (the rows themselves are in the Part's table): cheap to send between
    processes and to keep in the cache's manifest."""

    file: list[str] = field(default_factory=list)  # absolute path
    path: list[str] = field(default_factory=list)  # as shown in messages
    metrics_read: list[int] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # valid rows, before checks across files
    problems: list[tuple[Problem, ...]] = field(default_factory=list)
    text_path: list[str | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.file)

    def add(self, file: str, path: str, metrics_read: int, rows: int, problems: tuple, text_path: str | None) -> None:
        for column, value in zip(COLUMNS_OF_FILES, (file, path, metrics_read, rows, problems, text_path), strict=True):
            getattr(self, column).append(value)

    def slice(self, a: int, b: int) -> Files:
        return Files(*(getattr(self, column)[a:b] for column in COLUMNS_OF_FILES))

    def __getstate__(self) -> dict:
        # 10,000 files pickle and unpickle fast as three joined strings and two integer arrays: the cache reads
        # this manifest on every load.
        return {"file": "\0".join(self.file), "path": "\0".join(self.path), "text": "\0".join(t or "" for t in self.text_path),
                "metrics_read": np.asarray(self.metrics_read, dtype=np.int64), "rows": np.asarray(self.rows, dtype=np.int64),
                "problems": {i: p for i, p in enumerate(self.problems) if p}, "n": len(self.file)}

    def __setstate__(self, state: dict) -> None:
        n = state["n"]
        split = (lambda s: s.split("\0")) if n else (lambda s: [])
        self.file, self.path = split(state["file"]), split(state["path"])
        self.text_path = [t or None for t in split(state["text"])]
        self.metrics_read, self.rows = state["metrics_read"].tolist(), state["rows"].tolist()
        self.problems = [state["problems"].get(i, ()) for i in range(n)]

    @staticmethod
    def join(many: Iterable[Files]) -> Files:
        out = Files()
        for f in many:
            for column in COLUMNS_OF_FILES:
                getattr(out, column).extend(getattr(f, column))
        return out


COLUMNS_OF_FILES = ("file", "path", "metrics_read", "rows", "problems", "text_path")


@dataclass
class Part:
    """Consecutive files and their valid rows as one Arrow table: a few typed buffers cross processes and
    go to the cache, instead of thirty Python objects per metric."""

    files: Files
    table: pa.Table


class Shown:
    """Paths in messages: relative to the working folder when inside it, as a maintainer types them."""

    def __init__(self):
        self.cwd = os.getcwd() + os.sep

    def __call__(self, path: str | Path) -> str:
        path = os.path.abspath(path)
        return path[len(self.cwd):] if path.startswith(self.cwd) else path


def metric_files(root: Path | str) -> list[str]:
    """Absolute paths of the metric files of a data folder (metrics/**/*.yaml), sorted."""
    out, stack = [], [os.path.join(os.path.abspath(root), "metrics")]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for e in entries:
            if e.is_dir():
                stack.append(e.path)
            elif e.name.endswith((".yaml", ".yml")) and e.is_file():
                out.append(e.path)
    return sorted(out)


def load(root: Path | str = "data", *, cache_dir: Path | None = None, workers: int | None = None) -> LoadResult:
    """Load a data folder (reference/, metrics/, sources/); with cache_dir, unchanged files come from the cache."""
    if cache_dir is not None:
        from metrics.cache import load_cached

        return load_cached(Path(root), Path(cache_dir), workers=workers)
    return load_paths(metric_files(root), root, workers=workers)


def load_paths(paths: Iterable[str | Path], root: Path | str = "data", *, workers: int | None = None) -> LoadResult:
    """Validate the given metric files against the references and source texts of the data root."""
    refs, ref_problems = load_references(Path(root), Shown())
    return assemble(validate_files([os.path.abspath(p) for p in paths], Path(root), refs, workers), refs, ref_problems)


def validate_files(files: list[str], root: Path, refs: Refs, workers: int | None = None) -> list[Part]:
    """Validate files into Parts, in path order; in worker processes when there are enough files."""
    root = root.resolve()
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(files) < PARALLEL_FROM:
        return [validate_part(files, root, refs)]
    n = workers * CHUNKS_PER_WORKER
    size = -(-len(files) // n)
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with _no_gc(), ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        return list(pool.map(validate_part, chunks, [root] * len(chunks), [refs] * len(chunks)))


def validate_part(files: list[str], root: Path, refs: Refs) -> Part:
    shown, texts, rows, summary = Shown(), {}, [], Files()
    with _no_gc():
        for f in files:
            r = validate_file(f, root, refs, shown(f), texts)
            rows += r.rows
            summary.add(f, r.path, r.metrics_read, len(r.rows), tuple(r.problems), r.text_path)
        return Part(summary, rows_to_table(rows))


class _no_gc:
    """Validation makes millions of short-lived objects and no cycles: the cyclic collector only costs time."""

    def __enter__(self):
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.was:
            gc.enable()


def assemble(parts: list[Part], refs: Refs, ref_problems: Iterable[Problem] = (), tidy: bool = True) -> LoadResult:
    """Join parts (in path order): refuse a source id or metric id already used by an earlier file, keep every
    problem (those of the reference lists first), and build the frame."""
    files = Files.join(p.files for p in parts)
    tables = [p.table for p in parts if p.table.num_rows]
    table = pa.concat_tables(tables) if tables else rows_to_table([])
    problems = [*ref_problems, *(p for ps in files.problems for p in ps)]
    keep = np.ones(table.num_rows, dtype=bool)

    starts = np.cumsum([0, *files.rows])[:-1]
    with_rows = [i for i, n in enumerate(files.rows) if n]
    sids = table.column("source_id").take(pa.array(starts[with_rows])).to_pylist() if with_rows else []
    first_source: dict[str, str] = {}
    for i, sid in zip(with_rows, sids, strict=True):  # one source document per file
        path = files.path[i]
        if first_source.setdefault(sid, path) != path:
            problems.append(Problem(path, _line(files.file[i], ("source", "id")), "source.id",
                                    f"source id '{sid}' is already used by {first_source[sid]}",
                                    "one metric file per source document; merge them or give each its own id"))
            keep[starts[i]:starts[i] + files.rows[i]] = False

    # Duplicate ids, vectorised: dictionary codes of the id column, then one pass over integers.
    codes = pc.dictionary_encode(table.column("id")).combine_chunks().indices.to_numpy() if table.num_rows else np.array([], int)
    dup = pd.Series(codes).duplicated().to_numpy() & keep
    if dup.any():
        row_file = np.repeat(np.arange(len(files)), files.rows)
        owner = {}
        for row in np.flatnonzero(keep & ~dup):
            owner.setdefault(codes[row], files.path[row_file[row]])
        ids, index = table.column("id"), table.column("index")
        for row in np.flatnonzero(dup):
            f, i, mid = row_file[row], index[row].as_py(), ids[row].as_py()
            problems.append(Problem(files.path[f], _line(files.file[f], ("metrics", i, "id")), f"metrics.{i}.id",
                                    f"duplicate id '{mid}', first used in {owner[codes[row]]}",
                                    "metric ids must be unique across all files; rename one"))
        keep &= ~dup
    has_rows = np.array(files.rows, dtype=int) > 0
    kept = np.zeros(len(files), dtype=int)
    if has_rows.any():
        kept[has_rows] = np.add.reduceat(keep, starts[has_rows])
    if not keep.all():
        table = table.filter(pa.array(keep))
        tidy = True  # dropped rows may leave categories unused
    rejected = [path for path, ps, k in zip(files.path, files.problems, kept, strict=True) if ps and not k]
    return LoadResult(table_to_frame(table, tidy), problems, len(files), sum(files.metrics_read), rejected, refs)


def _line(file: str, where: tuple) -> int | None:
    try:
        with open(file, encoding="utf-8") as f:
            return line_of(f.read(), where)
    except (OSError, UnicodeDecodeError):
        return None
