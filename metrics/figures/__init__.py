"""The figures: metric files as a kind of data file, the frame their rows make (columns declared once), the
figures derived from them, and their history across periods."""

from __future__ import annotations

from pathlib import Path

from metrics.figures.kind import METRICS
from metrics.loading.pipeline import LoadResult
from metrics.loading.pipeline import load as _load


def load(root: Path | str = "data", *, cache_dir: Path | str | None = None, workers: int | None = None) -> LoadResult:
    """Every metric file under a data folder, validated; with cache_dir, unchanged files come from the cache."""
    if cache_dir is not None:
        from metrics.loading.cache import load_cached

        return load_cached(root, METRICS, cache_dir, workers=workers)
    return _load(root, METRICS, workers=workers)
