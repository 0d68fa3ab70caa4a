"""The validation cache gives what an uncached load gives, and notices every change that matters."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from metrics.figures import METRICS
from metrics.figures import load as _load
from metrics.loading.cache import default_cache_dir, flush, load_cached


def load(*args, **kwargs):
    """Load, then wait for the cache written behind it, so a test can inspect or damage it."""
    result = _load(*args, **kwargs)
    flush()
    return result

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "data"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


def same(a, b) -> None:
    pd.testing.assert_frame_equal(a.frame, b.frame)
    assert a.problems == b.problems
    assert (a.files_read, a.records_read, a.rejected_files) == (b.files_read, b.records_read, b.rejected_files)


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
        load_cached(root, METRICS, root / ".cache")
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


def test_another_working_folder_shares_the_cache_and_sees_its_own_paths(root: Path, tmp_path: Path, monkeypatch) -> None:
    """Rows and problems are cached with paths relative to the data folder: a process started elsewhere reuses
    the entry (no eviction) and reads the problems with paths as typed from its own working folder."""
    cache = tmp_path / "cache"
    path = next((root / "metrics").glob("*.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("period: 2025", "period: 1800", 1), encoding="utf-8")
    monkeypatch.chdir(root.parent)
    first = load(root, cache_dir=cache)
    assert first.problems[0].file == f"data/metrics/{path.name}"
    entries = [p for p in cache.iterdir()]
    monkeypatch.chdir(root)
    second = load(root, cache_dir=cache)
    assert second.problems[0].file == f"metrics/{path.name}"
    assert [p for p in cache.iterdir()] == entries  # the same entry, nothing evicted
    assert second.frame.equals(first.frame)


def test_the_cache_key_follows_every_source_file_of_the_package(tmp_path: Path, monkeypatch) -> None:
    from metrics.loading import cache as cache_module

    package = tmp_path / "metrics"
    shutil.copytree(cache_module.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "PACKAGE", package)
    cache_module.code_digest.cache_clear()
    before = cache_module.code_digest()
    module = package / "charts" / "builders.py"  # any module, not a hand-kept list
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    cache_module.code_digest.cache_clear()
    assert cache_module.code_digest() != before
    cache_module.code_digest.cache_clear()


def test_a_warm_load_validates_nothing_and_one_edit_validates_one_file(root: Path, tmp_path: Path, monkeypatch) -> None:
    from metrics.loading import cache as cache_module

    cache = tmp_path / "cache"
    cold = load(root, cache_dir=cache)
    validated: list[list[str]] = []
    real = cache_module.validate_files

    def counting(files, *args, **kwargs):
        validated.append([Path(f).name for f in files])
        return real(files, *args, **kwargs)

    monkeypatch.setattr(cache_module, "validate_files", counting)
    same(load(root, cache_dir=cache), cold)
    assert validated == []
    path = sorted((root / "metrics").glob("*.yaml"))[1]
    _bump(path)
    same(load(root, cache_dir=cache), cold)
    assert validated == [[path.name]]


@pytest.mark.parametrize("change", ["remove", "add"])
def test_a_removed_or_added_file_after_a_warm_load(root: Path, tmp_path: Path, change: str) -> None:
    # A maintainer deletes a metric file (or saves a new one from the page "Add figures") while the server runs: the
    # next load gives what a cold load gives. (Removing one of three files once made the warm load raise.)
    cache = tmp_path / "cache"
    files = sorted((root / "metrics").glob("*.yaml"))
    extra = root / "metrics" / "zz-copy.yaml"
    extra.write_text(files[0].read_text(encoding="utf-8").replace("id: ", "id: copy-", 1), encoding="utf-8")
    if change == "add":
        extra.unlink()
    load(root, cache_dir=cache)
    load(root, cache_dir=cache)
    if change == "remove":
        files[0].unlink()
    else:
        extra.write_text(files[0].read_text(encoding="utf-8").replace("id: ", "id: copy-", 1), encoding="utf-8")
    warm = load(root, cache_dir=cache)
    same(warm, load(root))
    assert warm.files_read == len(files) + (1 if change == "add" else 0)
