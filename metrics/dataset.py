"""Everything a view of the data needs, in one object: the frame with derived rows, the load's problems and
counts, the reference lists, and the source texts (read when first asked for)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from metrics import figures
from metrics.figures.derived import with_derived
from metrics.figures.history import multi_period_series, previous_periods
from metrics.loading.kind import TEXT_LIMIT
from metrics.loading.pipeline import LoadResult, load
from metrics.loading.yamlsafe import decode, read_bounded
from metrics.references import Refs
from metrics.search import haystack


@dataclass
class Dataset:
    """The loaded data of one data root."""

    root: Path
    result: LoadResult
    # Names this load for memos of what is computed from it (an object's id may be reused once it is freed).
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    # Read once per load and shared by every rerun and session: the text of each source.
    _texts: dict[str, str] = field(default_factory=dict, repr=False)

    @cached_property
    def frame(self) -> pd.DataFrame:
        """Stated and derived figures (column derived), as pages and exports show them."""
        return with_derived(self.result.frame, self.refs.units)

    @property
    def refs(self) -> Refs:
        return self.result.refs

    @cached_property
    def synthetic(self) -> bool:
        """Generated test or benchmark data (a SYNTHETIC marker in the data root): every page says so."""
        return (self.root / "SYNTHETIC").exists()

    @cached_property
    def default_period(self) -> int | str:
        """The year with the most figures (the year under review), else 'all'."""
        if self.frame.empty:
            return "all"
        return int(self.frame["period"].value_counts().idxmax())

    @cached_property
    def periods(self) -> list[int]:
        return sorted(self.frame["period"].unique().tolist(), reverse=True)

    @cached_property
    def agencies(self) -> list[str]:
        return sorted(self.frame["agency"].dropna().unique().tolist())

    @cached_property
    def themes(self) -> list[str]:
        present = set(self.frame["theme"].dropna().unique().tolist())
        return [k for k in self.refs.themes if k in present]

    @cached_property
    def previous(self) -> dict[str, dict]:
        """For each figure, the same series' figure of the latest earlier period."""
        return previous_periods(self.frame)

    @cached_property
    def multi_period_series(self) -> frozenset[str]:
        return multi_period_series(self.frame)

    @cached_property
    def deck_load(self) -> LoadResult:
        """The deck files under decks/, each checked against these figures (a broken deck is a problem, never an error)."""
        from metrics.decks.kind import DeckFiles

        return load(self.root, DeckFiles(self.frame, self.refs.units), refs=self.refs)

    @cached_property
    def decks(self) -> dict:
        """The valid decks by id, in date order."""
        from metrics.decks.kind import DeckFiles

        return {d.id: d for d in DeckFiles.decks(self.deck_load.frame)}

    @cached_property
    def task_load(self) -> LoadResult:
        """The task files under tasks/, each checked against its source text, the reference lists and the figures."""
        from metrics.tasks.kind import TaskFiles

        return load(self.root, TaskFiles(self.sources, self.frame), refs=self.refs)

    @cached_property
    def tasks(self) -> list:
        """The valid tasks with their source id, in file and task order."""
        from metrics.tasks.kind import TaskFiles

        return TaskFiles.tasks(self.task_load.frame)

    @cached_property
    def task_announcements(self) -> list[tuple[int, int, str]]:
        from metrics.tasks.kind import TaskFiles

        return TaskFiles.announcements(self.task_load.frame)

    @cached_property
    def ids(self) -> frozenset[str]:
        """Every figure id, stated and derived: a new file may use none of them (made once, on first use: a set of
        200,000 ids costs a fifth of a second)."""
        return frozenset(self.frame["id"].to_numpy(dtype=object))

    @cached_property
    def source_ids(self) -> frozenset[str]:
        return frozenset(self.sources["source_id"].to_numpy(dtype=object))

    def taken_ids(self, replacing: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
        """The figure and source ids a new metric file may not use; `replacing`: the file (relative to the data
        root) that the new one would replace, whose own ids are free again."""
        if replacing is None or not (own := (self.frame["file"] == replacing).to_numpy()).any():
            return self.ids, self.source_ids
        mine = self.frame.loc[own]
        return self.ids - set(mine["id"]), self.source_ids - set(mine["source_id"])

    @cached_property
    def fingerprint(self) -> str:
        """Of the data folder's files (metrics.snapshot.site.fingerprint): a snapshot of this data carries the same."""
        from metrics.snapshot.site import fingerprint

        return fingerprint(self.root)

    @cached_property
    def search(self):
        """Each figure's names, quote and id folded for search without diacritics (made on the first search)."""
        return haystack(self.frame)

    @cached_property
    def sources(self) -> pd.DataFrame:
        """One row per source document that has valid figures."""
        cols = ["source_id", "source_title", "source_title_en", "source_published", "source_agency", "source_text", "source_url",
                "source_preamble"]
        return self.result.frame.drop_duplicates("source_id")[cols].sort_values("source_published").reset_index(drop=True)

    def source_text(self, source_id: str) -> str:
        """The full text of a source, read from inside the data root (paths were checked at load) the first time
        it is asked for: the Sources page reruns on every click, and the text only changes with a new load."""
        if source_id not in self._texts:
            rel = self.sources.set_index("source_id").loc[source_id, "source_text"]
            self._texts[source_id] = decode(read_bounded(self.root / rel, TEXT_LIMIT))
        return self._texts[source_id]


def load_dataset(root: Path | str = "data", cache_dir: Path | None = None) -> Dataset:
    """Load and prepare everything every page reads, once: a crowd arriving at a cold server waits for this one
    load and shares it, instead of each session computing the derived frame and its indexes again."""
    root = Path(root)
    ds = Dataset(root, figures.load(root, cache_dir=cache_dir))
    for prepared in ("frame", "periods", "default_period", "agencies", "themes", "previous", "multi_period_series", "sources", "decks", "tasks"):
        getattr(ds, prepared)
    return ds
