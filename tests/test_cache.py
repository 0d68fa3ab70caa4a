"""The validation cache gives what an uncached load gives, and notices every change that matters."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from metrics.cache import default_cache_dir, flush, load_cached
from metrics.loader import load as _load


def load(*args, **kwargs):
    """Load, then wait for the cache written behind it, so a test can inspect or damage it."""
    result = _load(*args, **kwargs)
    flush()
    return result

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def same(a, b) -> None:
    pd.testing.assert_frame_equal(a.frame, b.frame)
    assert a.problems == b.problems
    assert (a.files_read, a.metrics_read, a.rejected_files) == (b.files_read, b.metrics_read, b.rejected_files)


def _bump(path: Path) -> None:
    st = path.stat()  # a later mtime even on coarse clocks
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def test_warm_load_equals_cold_load(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load(root, cache_dir=cache)
    assert any(cache.rglob("*.arrow"))
    same(first, load(root))
    same(load(root, cache_dir=cache), load(root))


def test_modified_file_is_picked_up(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load(root, cache_dir=cache)
    path = next((root / "metrics").glob("*.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("theme: apparatus", "theme: nowhere", 1), encoding="utf-8")
    _bump(path)
    warm = load(root, cache_dir=cache)
    same(warm, load(root))
    assert any("unknown theme 'nowhere'" in p.message for p in warm.problems)


def test_modified_source_text_is_picked_up(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert load(root, cache_dir=cache).ok
    text = root / "sources" / "so-noi-vu-2026-01-05.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("5.448", "5.449"), encoding="utf-8")
    _bump(text)
    warm = load(root, cache_dir=cache)
    same(warm, load(root))
    assert not warm.ok


def test_corrupt_cache_is_rebuilt(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load(root, cache_dir=cache)
    for f in cache.rglob("*"):
        if f.is_file():
            f.write_bytes(b"not a cache")
    same(load(root, cache_dir=cache), load(root))
    same(load(root, cache_dir=cache), load(root))  # and the rebuilt cache is good


def test_cached_invalid_file_still_reports_its_problems(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = next((root / "metrics").glob("*.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("period: 2025", "period: 1800", 1), encoding="utf-8")
    cold = load(root, cache_dir=cache)
    assert cold.problems
    warm = load(root, cache_dir=cache)
    same(warm, cold)
    same(warm, load(root))


def test_duplicates_across_files_are_checked_on_every_load(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load(root, cache_dir=cache)
    src = next((root / "metrics").glob("*.yaml"))
    shutil.copy(src, root / "metrics" / "zz-copy.yaml")
    warm = load(root, cache_dir=cache)
    same(warm, load(root))
    assert any("already used" in p.message for p in warm.problems)


def test_cache_dir_inside_data_root_is_refused(root: Path) -> None:
    with pytest.raises(ValueError, match="inside the data folder"):
        load_cached(root, root / ".cache")
    assert not (root / ".cache").exists()


def test_default_cache_dir(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("METRICS_CACHE_DIR", str(tmp_path / "x"))
    assert default_cache_dir("data") == tmp_path / "x"
    monkeypatch.delenv("METRICS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir("data").parent == tmp_path / "phu-tho-dashboard"
    assert default_cache_dir("data") != default_cache_dir(tmp_path)


def test_source_text_is_read_once_per_load(root: Path, tmp_path: Path) -> None:
    """The Sources page asks for the text on every rerun: a dataset reads it from disk once, and a new load
    (what an edit under the data folder brings) reads the edited text."""
    from metrics.dataset import load_dataset

    ds = load_dataset(root, cache_dir=tmp_path / "cache")
    sid = "so-noi-vu-2026-01-05"
    text = ds.source_text(sid)
    assert "651 cán bộ" in text
    path = root / ds.sources.set_index("source_id").loc[sid, "source_text"]
    path.write_text(text + "\nThêm một dòng.\n", encoding="utf-8")
    assert ds.source_text(sid) == text
    flush()
    assert load_dataset(root, cache_dir=tmp_path / "cache").source_text(sid).endswith("Thêm một dòng.\n")
