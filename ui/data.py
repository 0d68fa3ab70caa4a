"""The dataset, loaded and validated once per process and reloaded only when a file under the data folder changes."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import streamlit as st

from metrics.dataset import Dataset, load_dataset
from metrics.loading.cache import default_cache_dir
from metrics.loading.walk import tree_state

REPO = Path(__file__).resolve().parent.parent
# How stale the view may be: the data folder's state is read at most this often, shared by all sessions, so a
# rerun does not stat 20,000 files (an edit shows within this many seconds). DASHBOARD_CHECK_SECONDS overrides it.
CHECK_SECONDS = 2.0


def data_root() -> Path:
    """DASHBOARD_DATA names another data folder (tests, the synthetic benchmark); default: the project's data/."""
    return Path(os.environ.get("DASHBOARD_DATA") or REPO / "data")


@st.cache_resource(max_entries=2, show_spinner=False)
def _load(root: str, state: int) -> Dataset:
    # cache_resource, not cache_data: the frame is shared read-only instead of copied on every rerun. `state` is
    # part of the key (an argument named with a leading underscore would not be, and edits would never show).
    return load_dataset(root, cache_dir=default_cache_dir(Path(root)))


@cache
def _state_every(seconds: float):
    """The folder's state, computed at most once per `seconds` for all sessions (one cached function per
    setting: DASHBOARD_CHECK_SECONDS is read when checking, so a test may change it)."""

    @st.cache_data(ttl=seconds, show_spinner=False)
    def state(root: str) -> int:
        return hash(tree_state(root))

    return state


def dataset() -> Dataset:
    """The current dataset: a changed file (metric file, reference list or source text) gives a fresh load."""
    root = str(data_root())
    every = float(os.environ.get("DASHBOARD_CHECK_SECONDS", CHECK_SECONDS))
    return _load(root, _state_every(every)(root))


def writable(folder: Path) -> bool:
    """Whether the app may write under this folder of the data: not when DASHBOARD_READONLY=1 (a shared server, a
    snapshot), nor when the file system says no."""
    probe = folder if folder.exists() else folder.parent
    return os.environ.get("DASHBOARD_READONLY") != "1" and os.access(probe, os.W_OK)


def refresh() -> None:
    """After the app wrote a file under the data folder: the next rerun reads the folder again at once."""
    _state_every(float(os.environ.get("DASHBOARD_CHECK_SECONDS", CHECK_SECONDS))).clear()
