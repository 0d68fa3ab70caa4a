"""The dataset, loaded and validated once per process and reloaded only when a file under the data folder changes."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import streamlit as st

from metrics.cache import default_cache_dir
from metrics.dataset import Dataset, fingerprint, load_dataset

REPO = Path(__file__).resolve().parent.parent
# How stale the view may be: the data folder's state is read at most this often, shared by all sessions, so a
# rerun does not stat 20,000 files (an edit shows within this many seconds). DASHBOARD_CHECK_SECONDS overrides it.
CHECK_SECONDS = 2.0
_checked: dict[str, tuple[float, int]] = {}
_lock = threading.Lock()


def data_root() -> Path:
    """DASHBOARD_DATA names another data folder (tests, the synthetic benchmark); default: the project's data/."""
    return Path(os.environ.get("DASHBOARD_DATA") or REPO / "data")


@st.cache_resource(max_entries=2, show_spinner=False)
def _load(root: str, state: int) -> Dataset:
    # cache_resource, not cache_data: the frame is shared read-only instead of copied on every rerun. `state` is
    # part of the key (an argument named with a leading underscore would not be, and edits would never show).
    return load_dataset(root, cache_dir=default_cache_dir(Path(root)))


def _state(root: str) -> int:
    now, every = time.monotonic(), float(os.environ.get("DASHBOARD_CHECK_SECONDS", CHECK_SECONDS))
    with _lock:
        at, state = _checked.get(root, (-every, 0))
        if now - at >= every:
            state = hash(fingerprint(root))
            _checked[root] = (now, state)
        return state


def dataset() -> Dataset:
    """The current dataset: a changed file (metric file, reference list or source text) gives a fresh load."""
    root = str(data_root())
    return _load(root, _state(root))
