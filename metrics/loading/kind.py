"""A kind of data file (metric files now; decks and task records next): where its files live, how one parsed
file becomes rows and problems, the checks across files, and the frame its rows make. The loading pipeline
and its cache know nothing else about a kind."""

from __future__ import annotations

import os
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from metrics.loading.problems import Problem
from metrics.loading.yamlsafe import Lines, YamlProblem, decode, read_bounded
from metrics.references import Refs

TEXT_LIMIT = 4 * 1024 * 1024  # a document's full text, like a data file, is read only up to this size
FILE_SECONDS = 20.0  # validating one file stops after this long (a hand-written file takes milliseconds)


def relative(path: str | Path, root: Path) -> str:
    """A file's name in the data: its path relative to the data root (POSIX), or the absolute path of a file
    outside it (an explicit path given to `check`). Rows and cached problems hold this, so the same data gives
    the same result from any working folder."""
    path = os.path.abspath(path)
    r = str(root)
    return Path(path[len(r) + 1:]).as_posix() if path.startswith(r + os.sep) else path


@dataclass
class FileOutcome:
    """What one file gave: its valid rows, its problems (file = the file's name in the data), how many records
    it held, and the other files under the data root whose content decided the outcome (a source text)."""

    path: str
    read: int = 0
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    depends: list[str] = field(default_factory=list)


class FileContext:
    """What validating one file may use: the data root, the reference lists, the file's lines (for messages),
    texts already read by other files of the batch, and the outcome being filled."""

    def __init__(self, root: Path, refs: Refs, outcome: FileOutcome, lines: Lines, texts: dict[str, str | YamlProblem]):
        self.root, self.refs, self.outcome, self.lines, self.texts = root, refs, outcome, lines, texts
        self.deadline = time.monotonic() + FILE_SECONDS

    def out_of_time(self, where: tuple, left: int) -> bool:
        """True, with a problem saying so, once the file has taken FILE_SECONDS: the `left` records not checked
        are rejected, never loaded unchecked nor dropped unsaid."""
        if time.monotonic() < self.deadline:
            return False
        self.problem(where, f"checking stopped after {FILE_SECONDS:g} s; {left:,} records were not checked",
                     "split the file (one per source document) or shorten its source text")
        return True

    def problem(self, where: tuple, message: str, hint: str, field: str | None = None) -> None:
        """A problem at a place in the file (keys and list indexes); field defaults to that place, dotted."""
        name = field if field is not None else ".".join(map(str, where))
        self.outcome.problems.append(Problem(self.outcome.path, self.lines(where), name, message, hint))

    def read_text(self, rel: str, where: tuple) -> str | None:
        """A text file named by the data (relative to the root), read once per batch, refused when it would
        leave the data folder; a problem at `where` when it cannot be read."""
        try:
            target = (self.root / rel).resolve()
        except (OSError, ValueError, RuntimeError) as e:  # a NUL in the path, a link loop
            self.problem(where, f"path '{rel}' cannot be used: {e}", "keep source texts under data/sources/")
            return None
        if not target.is_relative_to(self.root):
            self.problem(where, f"path '{rel}' leaves the data folder", "keep source texts under data/sources/")
            return None
        key = relative(target, self.root)
        self.outcome.depends.append(key)
        if key not in self.texts:
            try:
                self.texts[key] = decode(read_bounded(target, TEXT_LIMIT))
            except YamlProblem as e:
                self.texts[key] = e
        text = self.texts[key]
        if isinstance(text, YamlProblem):
            self.problem(where, f"cannot read source text '{rel}': {text.message.removeprefix('cannot read file: ')}",
                         "put the document's full text, UTF-8, at that path under data/")
            return None
        return text


class Kind(ABC):
    """One kind of data file. Subclasses give the class attributes and `validate`; the checks across files and
    the frame have defaults."""

    name: ClassVar[str]  # e.g. "metrics"
    folder: ClassVar[str]  # the folder under the data root that holds the files
    shape: ClassVar[str]  # what a file holds, for hints: "a metric file needs 'source:' and 'metrics:'"
    schema: ClassVar[pa.Schema]  # the rows' columns, as Arrow types

    @abstractmethod
    def validate(self, data: dict[str, Any], ctx: FileContext) -> None:
        """Fill ctx.outcome from one parsed file: read (how many records it holds), rows, problems."""

    def check_across(self, paths: list[str], rows_per_file: list[int], table: pa.Table, locate) -> tuple[np.ndarray, list[Problem]]:
        """Checks that need every file (unique ids): a mask of the rows to keep and the problems found.
        paths[i] names file i, rows_per_file[i] its rows in table (in order); locate(i, where) is the line of a
        place in file i."""
        return np.ones(table.num_rows, dtype=bool), []

    def rows_to_table(self, rows: list[dict]) -> pa.Table:
        """Rows (dicts) to one typed Arrow table, in C++: twice as fast as a Python list per column."""
        return pa.Table.from_pylist(rows, schema=self.schema)

    def frame(self, table: pa.Table, tidy: bool = True) -> pd.DataFrame:
        """The rows as the frame pages read (tidy: categories reduced to those in use)."""
        return table.to_pandas()


def tidy_dictionaries(table: pa.Table) -> pa.Table:
    """Each category column as one dictionary of the values in use, sorted: what a tidy frame makes of the
    categories, done once when a table is cached instead of on every load."""
    columns = []
    for name in table.column_names:
        col = table.column(name)
        if pa.types.is_dictionary(col.type):
            text = col.cast(pa.string())
            values = pa.array(sorted(pc.unique(text).drop_null().to_pylist()), type=pa.string())
            col = pa.chunked_array([pa.DictionaryArray.from_arrays(pc.index_in(chunk, value_set=values).cast(pa.int32()), values)
                                    for chunk in text.chunks], type=col.type)
        columns.append(col)
    return pa.table(columns, names=table.column_names)
