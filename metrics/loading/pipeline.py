"""One loading pipeline for every kind of data file: find the kind's files, read each safely, validate it (from a
path, from text in memory, or from a parsed mapping), on every core when there are many, run the checks across
files, and account for every record: read = loaded + rejected, each rejection with its problem."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from metrics.loading.kind import FileContext, FileOutcome, Kind, relative
from metrics.loading.problems import Problem, shown_input
from metrics.loading.walk import listing
from metrics.loading.yamlsafe import Lines, YamlProblem, decode, load_mapping, read_bounded
from metrics.references import Refs, load_references

PARALLEL_FROM = 64  # below this many files a worker pool costs more than it saves
CHUNKS_PER_WORKER = 16  # contiguous chunks (results come back in path order); small, so rows in flight stay few


def shown(path: str | Path) -> str:
    """A path as a maintainer types it in messages: relative to the working folder when inside it."""
    path, cwd = os.path.abspath(path), os.getcwd() + os.sep
    return path[len(cwd):] if path.startswith(cwd) else path


@dataclass
class LoadResult:
    """A kind's valid records as a frame, every problem (files named as a maintainer types them), and the
    counts that account for each record."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0
    records_read: int = 0
    rejected_files: list[str] = field(default_factory=list)
    refs: Refs = field(default_factory=Refs)  # the reference lists the files were checked against
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): found but never read
    across: tuple | None = field(default=None, repr=False, compare=False)  # (keep mask, problems) of the checks across files

    @property
    def records_loaded(self) -> int:
        return len(self.frame)

    @property
    def records_rejected(self) -> int:
        return self.records_read - self.records_loaded

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class FileOutcomes:
    """Per-file outcomes, column by column (their rows are in the batch's table): cheap to send between processes
    and to keep in the cache's manifest."""

    path: list[str] = field(default_factory=list)  # the file's name in the data (see kind.relative)
    read: list[int] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # valid rows, before checks across files
    problems: list[tuple[Problem, ...]] = field(default_factory=list)
    depends: list[tuple[str, ...]] = field(default_factory=list)

    COLUMNS = ("path", "read", "rows", "problems", "depends")

    def __len__(self) -> int:
        return len(self.path)

    def add(self, o: FileOutcome) -> None:
        self.path.append(o.path)
        self.read.append(o.read)
        self.rows.append(len(o.rows))
        self.problems.append(tuple(o.problems))
        self.depends.append(tuple(dict.fromkeys(o.depends)))

    def slice(self, a: int, b: int) -> FileOutcomes:
        return FileOutcomes(*(getattr(self, c)[a:b] for c in self.COLUMNS))

    @staticmethod
    def join(many: Iterable[FileOutcomes]) -> FileOutcomes:
        out = FileOutcomes()
        for f in many:
            for c in FileOutcomes.COLUMNS:
                getattr(out, c).extend(getattr(f, c))
        return out


@dataclass
class ValidatedBatch:
    """Consecutive files and their valid rows as one Arrow table: a few typed buffers cross processes and go to
    the cache, instead of thirty Python objects per record."""

    files: FileOutcomes
    table: pa.Table


# --- one file -----------------------------------------------------------------------------------------------------


MAX_PROBLEMS = 100  # per file: a file with thousands of problems is reported quickly, and the rest counted


def validate_mapping(data: Any, kind: Kind, root: Path, refs: Refs, path: str, text: str | None = None,
                     texts: dict | None = None) -> FileOutcome:
    """Validate an already parsed file (its name in the data is path; text, when given, locates problems).
    Nothing raises out of it: an unexpected error becomes a problem of this file, and the other files load."""
    outcome = FileOutcome(path)
    lines = Lines(text if text is not None else "")
    ctx = FileContext(Path(root).resolve(), refs, outcome, lines, {} if texts is None else texts)
    try:
        kind.validate(data, ctx)
    except Exception as e:  # one file's surprise must never take the load down
        return _unexpected(path, outcome.read, e)
    return _capped(outcome)


def validate_text(text: str, kind: Kind, root: Path, refs: Refs, path: str = "<text>", texts: dict | None = None) -> FileOutcome:
    """Validate a file's text held in memory (an upload, a draft): parse it safely, then validate_mapping."""
    try:
        data = load_mapping(text, kind.shape)
    except YamlProblem as e:
        return FileOutcome(path, problems=[Problem(path, e.line, "", e.message, e.hint)])
    except Exception as e:
        return _unexpected(path, 0, e)
    return validate_mapping(data, kind, root, refs, path, text, texts)


def validate_path(file: str, kind: Kind, root: Path, refs: Refs, texts: dict | None = None) -> FileOutcome:
    """Validate one file on disk (root: the resolved data root)."""
    path = relative(file, root)
    try:
        text = decode(read_bounded(file))
    except YamlProblem as e:
        return FileOutcome(path, problems=[Problem(path, e.line, "", e.message, e.hint)])
    except Exception as e:
        return _unexpected(path, 0, e)
    return validate_text(text, kind, root, refs, path, texts)


def _unexpected(path: str, read: int, e: Exception) -> FileOutcome:
    """An error the checks did not foresee, said as a problem of the file: its records are rejected, not lost."""
    message = f"the check of this file failed unexpectedly ({type(e).__name__}: {shown_input(e, 200)})"
    return FileOutcome(path, read=read, problems=[Problem(path, None, "", message, "report it with the file; the other files were loaded")])


def _capped(outcome: FileOutcome) -> FileOutcome:
    if len(outcome.problems) > MAX_PROBLEMS:
        more = len(outcome.problems) - MAX_PROBLEMS
        outcome.problems = [*outcome.problems[:MAX_PROBLEMS],
                            Problem(outcome.path, None, "", f"and {more:,} more problems in this file",
                                    "fix the ones above and check again")]
    return outcome


# --- many files ---------------------------------------------------------------------------------------------------


def validate_files(files: list[str], kind: Kind, root: Path, refs: Refs, workers: int | None = None) -> list[ValidatedBatch]:
    """Validate files into batches, in path order; in worker processes when there are enough files."""
    root = Path(root).resolve()
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(files) < PARALLEL_FROM:
        return [validate_batch(files, kind, root, refs)]
    n = workers * CHUNKS_PER_WORKER
    size = -(-len(files) // n)
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with _no_gc(), ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        return list(pool.map(validate_batch, chunks, [kind] * len(chunks), [root] * len(chunks), [refs] * len(chunks)))


def validate_batch(files: list[str], kind: Kind, root: Path, refs: Refs) -> ValidatedBatch:
    texts, rows, summary = {}, [], FileOutcomes()
    with _no_gc():
        for f in files:
            o = validate_path(f, kind, root, refs, texts)
            rows += o.rows
            summary.add(o)
        return ValidatedBatch(summary, kind.rows_to_table(rows))


class _no_gc:
    """Validation makes millions of short-lived objects and no cycles: the cyclic collector only costs time."""

    def __enter__(self):
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.was:
            gc.enable()


def assemble(batches: list[ValidatedBatch], kind: Kind, root: Path, refs: Refs, ref_problems: Iterable[Problem] = (),
             skipped: Iterable[tuple[str, str]] = (), tidy: bool = True,
             across: tuple[np.ndarray, list[Problem]] | None = None) -> LoadResult:
    """Join batches (in path order), run the kind's checks across files (or take `across`, their result for these
    very files, from the cache), keep every problem (those of the reference lists first, then per file, then across
    files), and build the frame."""
    root = Path(root).resolve()
    files = FileOutcomes.join(b.files for b in batches)
    tables = [b.table for b in batches if b.table.num_rows]
    table = pa.concat_tables(tables) if tables else kind.rows_to_table([])
    lines: dict[int, Lines] = {}

    def locate(i: int, where: tuple) -> int | None:
        if i not in lines:
            try:
                lines[i] = Lines(decode(read_bounded(_absolute(files.path[i], root))))
            except YamlProblem:
                return None
        return lines[i](where)

    try:
        keep, across = across if across is not None else kind.check_across(files.path, files.rows, table, locate)
    except Exception as e:  # the rows stay; the reader is told the check across files failed
        keep = np.ones(table.num_rows, dtype=bool)
        across = []
        ref_problems = [*ref_problems, Problem("(all files)", None, "", f"the check across files failed unexpectedly "
                                               f"({type(e).__name__}: {shown_input(e, 200)})", "report it; ids may repeat")]

    def show(path: str) -> str:
        return shown(_absolute(path, root))

    problems = [*ref_problems, *(replace(p, file=show(p.file)) for ps in files.problems for p in ps),
                *(replace(p, file=show(p.file)) for p in across)]
    has_rows = np.array(files.rows, dtype=int) > 0
    kept = np.zeros(len(files), dtype=int)
    if has_rows.any():
        starts = np.cumsum([0, *files.rows])[:-1]
        kept[has_rows] = np.add.reduceat(keep, starts[has_rows])
    if not keep.all():
        table = table.filter(pa.array(keep))
        tidy = True  # dropped rows may leave categories unused
    with_problems = {p.file for p in across} | {path for path, ps in zip(files.path, files.problems, strict=True) if ps}
    rejected = [show(path) for path, k in zip(files.path, kept, strict=True) if path in with_problems and not k]
    result = LoadResult(kind.frame(table, tidy), problems, len(files), sum(files.read), rejected, refs,
                        [(shown(p), why) for p, why in skipped])
    result.across = (keep, across)
    return result


def _absolute(path: str, root: Path) -> str:
    return path if os.path.isabs(path) else os.path.join(root, path)


def kind_files(root: Path | str, kind: Kind):
    """The kind's files under the data root, and what was passed over (see walk.listing)."""
    root = Path(root)
    return listing(root / kind.folder, root)


def load(root: Path | str, kind: Kind, *, workers: int | None = None, refs: Refs | None = None) -> LoadResult:
    """Load every file of a kind under a data folder, validating each (metrics.loading.cache wraps this). refs: the
    reference lists already loaded (their problems already reported with another kind's load)."""
    found = kind_files(root, kind)
    return load_paths(found.files, root, kind, workers=workers, skipped=found.skipped, refs=refs)


def load_paths(paths: Iterable[str | Path], root: Path | str, kind: Kind, *, workers: int | None = None,
               skipped: Iterable[tuple[str, str]] = (), refs: Refs | None = None) -> LoadResult:
    """Validate the given files against the reference lists and texts of the data root."""
    root = Path(root).resolve()
    ref_problems: list[Problem] = []
    if refs is None:
        refs, ref_problems = load_references(root, shown)
    batches = validate_files([os.path.abspath(p) for p in paths], kind, root, refs, workers)
    return assemble(batches, kind, root, refs, ref_problems, skipped)
