"""The dataset, loaded and validated once per process and reloaded only when a file under data/ changes."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from metrics.cache import default_cache_dir
from metrics.dataset import Dataset, fingerprint, load_dataset

REPO = Path(__file__).resolve().parent.parent


def data_root() -> Path:
    """DASHBOARD_DATA names another data folder (tests, the synthetic benchmark); default: the project's data/."""
    return Path(os.environ.get("DASHBOARD_DATA") or REPO / "data")


@st.cache_resource(max_entries=2, show_spinner=False)
def _load(root: str, _state: int) -> Dataset:
    # cache_resource, not cache_data: the frame is shared read-only instead of copied on every rerun.
    return load_dataset(root, cache_dir=default_cache_dir(Path(root)))


def dataset() -> Dataset:
    """The current dataset: a rerun costs one stat per file; a changed file gives a fresh load."""
    root = data_root()
    return _load(str(root), hash(fingerprint(root)))
