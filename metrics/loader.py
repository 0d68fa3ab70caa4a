"""Loading a data folder: every metric file validated (on both cores when there are many), duplicates
found across files, every problem kept, and the result as one frame."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from metrics.frame import rows_to_table, table_to_frame, to_frame
from metrics.problems import Problem
from metrics.references import Refs, load_references
from metrics.validate import FileResult, validate_file
from metrics.yamlsafe import line_of

PARALLEL_FROM = 64  # below this many files a worker pool costs more than it saves


@dataclass
class LoadResult:
    """The valid metrics as a frame, every problem, and the counts that account for each metric."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0
    metrics_read: int = 0
    rejected_files: list[str] = field(default_factory=list)

    @property
    def metrics_loaded(self) -> int:
        return len(self.frame)

    @property
    def metrics_rejected(self) -> int:
        return self.metrics_read - self.metrics_loaded

    @property
    def ok(self) -> bool:
        return not self.problems


def shown_path(path: Path) -> str:
    """Paths in messages: relative to the working folder when inside it, as a maintainer types them."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def metric_files(root: Path) -> list[Path]:
    """The metric files of a data folder, in a stable order."""
    return sorted(p for p in (root / "metrics").rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load(root: Path | str = "data", *, cache_dir: Path | None = None, workers: int | None = None) -> LoadResult:
    """Load a data folder (reference/, metrics/, sources/); with cache_dir, unchanged files come from the cache."""
    root = Path(root)
    if cache_dir is not None:
        from metrics.cache import load_cached

        return load_cached(root, cache_dir, workers=workers)
    return load_paths(metric_files(root), root, workers=workers)


def load_paths(paths: Iterable[Path], root: Path | str = "data", *, workers: int | None = None) -> LoadResult:
    """Validate the given metric files against the references and source texts of the data root."""
    root, paths = Path(root), list(paths)
    refs, ref_problems = load_references(root, shown_path)
    return assemble_batches(validate_batches(paths, root, refs, workers), ref_problems)


@dataclass
class Batch:
    """Results of some files with their rows as one Arrow table (counts[i] rows per file, in order): workers send
    and the cache stores a few typed buffers instead of 27 Python objects per metric."""

    results: list[FileResult]
    counts: list[int]
    table: object  # pyarrow.Table
    paths: list[Path] = field(default_factory=list)


def validate_batches(paths: list[Path], root: Path, refs: Refs, workers: int | None = None) -> list[Batch]:
    """validate_many, with each chunk's rows packed into a Batch where they were made."""
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        return [_validate_batch(paths, root, refs)]
    chunks = [paths[i::workers * 4] for i in range(workers * 4)]
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    was_enabled = gc.isenabled()
    gc.disable()  # the parent only unpacks and joins results: collections would scan them again and again
    try:
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            batches = list(pool.map(_validate_batch, chunks, [root] * len(chunks), [refs] * len(chunks)))
    finally:
        if was_enabled:
            gc.enable()
    order = sorted(range(sum(len(b.results) for b in batches)), key=[r.path for b in batches for r in b.results].__getitem__)
    return [_reorder(batches, order)]


def _validate_batch(paths: list[Path], root: Path, refs: Refs) -> Batch:
    results = _validate_chunk(paths, root, refs)
    counts = [len(r.rows) for r in results]
    table = rows_to_table([row for r in results for row in r.rows])
    for r in results:
        r.rows = []
    return Batch(results, counts, table, list(paths))


def _reorder(batches: list[Batch], order: list[int]) -> Batch:
    """One batch of all files in the given order (the order assemble reports them in)."""
    import numpy as np
    import pyarrow as pa

    results, counts, starts, paths, at = [], [], [], [], 0
    for b in batches:
        paths += b.paths
        for r, n in zip(b.results, b.counts, strict=True):
            results.append(r), counts.append(n), starts.append(at)
            at += n
    # Row numbers of the files in the new order, vectorised: each file's run starts[f] .. starts[f] + counts[f].
    st, n = np.asarray(starts, dtype=np.int64)[order], np.asarray(counts, dtype=np.int64)[order]
    take = np.repeat(st - (np.cumsum(n) - n), n) + np.arange(int(n.sum()), dtype=np.int64)
    # take() on a table of many small chunks is slow: make each column one buffer first.
    table = pa.concat_tables([b.table for b in batches]).combine_chunks().take(take)
    return Batch([results[f] for f in order], [counts[f] for f in order], table, [paths[f] for f in order])


def validate_many(paths: list[Path], root: Path, refs: Refs, workers: int | None = None) -> list[FileResult]:
    """Validate files, in worker processes when there are enough of them to be worth it."""
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        return _validate_chunk(paths, root, refs)
    chunks = [paths[i::workers * 4] for i in range(workers * 4)]
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        done = list(pool.map(_validate_chunk, chunks, [root] * len(chunks), [refs] * len(chunks)))
    return sorted((r for chunk in done for r in chunk), key=lambda r: r.path)


def _validate_chunk(paths: list[Path], root: Path, refs: Refs) -> list[FileResult]:
    texts: dict[str, str] = {}
    # Validation makes many short-lived objects and no cycles: the cyclic collector only costs time here.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return [validate_file(p, root, refs, shown_path(p), texts) for p in paths]
    finally:
        if was_enabled:
            gc.enable()


def assemble(results: list[FileResult], extra_problems: list[Problem] = ()) -> LoadResult:
    """Join per-file results: refuse ids and source ids seen in an earlier file, build the frame."""
    problems = list(extra_problems)
    rows: list[dict] = []
    seen: dict[str, str] = {}
    sources: dict[str, str] = {}
    rejected: list[str] = []
    for r in results:
        problems += r.problems
        if r.rows:
            sid = r.rows[0]["source_id"]
            if sources.setdefault(sid, r.path) != r.path:
                problems.append(Problem(r.path, _line(r.path, ("source", "id")), "source.id",
                                        f"source id '{sid}' is already used by {sources[sid]}",
                                        "one metric file per source document; merge them or give each its own id"))
                r.rows = []
        kept = []
        for row in r.rows:
            if row["id"] in seen:
                problems.append(Problem(r.path, _line(r.path, ("metrics", row["index"], "id")),
                                        f"metrics.{row['index']}.id",
                                        f"duplicate id '{row['id']}', first used in {seen[row['id']]}",
                                        "metric ids must be unique across all files; rename one"))
                continue
            seen[row["id"]] = r.path
            kept.append(row)
        rows += kept
        if r.problems and not kept:
            rejected.append(r.path)
    return LoadResult(to_frame(rows), problems, len(results), sum(r.metrics_read for r in results), rejected)


def assemble_batches(batches: list[Batch], extra_problems: list[Problem] = ()) -> LoadResult:
    """assemble() for batches: the same problems and checks, with rows taken from the tables by position."""
    import pyarrow as pa

    problems = list(extra_problems)
    seen: dict[str, str] = {}
    sources: dict[str, str] = {}
    rejected: list[str] = []
    take: list[int] = []
    base, files, read = 0, 0, 0
    for b in batches:
        ids, index, sids = (b.table.column(c).to_pylist() for c in ("id", "index", "source_id"))
        at = 0
        for r, n in zip(b.results, b.counts, strict=True):
            files, read = files + 1, read + r.metrics_read
            problems += r.problems
            kept = 0
            if n and sources.setdefault(sids[at], r.path) != r.path:
                problems.append(Problem(r.path, _line(r.path, ("source", "id")), "source.id",
                                        f"source id '{sids[at]}' is already used by {sources[sids[at]]}",
                                        "one metric file per source document; merge them or give each its own id"))
            else:
                for j in range(at, at + n):
                    if ids[j] in seen:
                        problems.append(Problem(r.path, _line(r.path, ("metrics", index[j], "id")), f"metrics.{index[j]}.id",
                                                f"duplicate id '{ids[j]}', first used in {seen[ids[j]]}",
                                                "metric ids must be unique across all files; rename one"))
                        continue
                    seen[ids[j]] = r.path
                    take.append(base + j)
                    kept += 1
            at += n
            if r.problems and not kept:
                rejected.append(r.path)
        base += b.table.num_rows
    tables = [b.table for b in batches]
    table = pa.concat_tables(tables) if tables else rows_to_table([])
    if len(take) != table.num_rows:  # rows were dropped (duplicates); otherwise take keeps them all, in order
        table = table.combine_chunks().take(take)
    return LoadResult(table_to_frame(table), problems, files, read, rejected)


def _line(path: str, where: tuple) -> int | None:
    try:
        return line_of(Path(path).read_text(encoding="utf-8"), where)
    except (OSError, UnicodeDecodeError):
        return None
