"""Files, links and caches as a hostile or careless maintainer leaves them: nothing escapes the load, stalls it,
or shortens it silently; each case gets its message, and the valid files still load."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from conftest import CASES, FIXTURE, HEADER, REPO, metric, write

from metrics.figures import load
from metrics.loading.cache import CACHE_FILE, flush

GOOD = HEADER.replace("test-source", "good-source") + CASES.replace("severance-cases", "good-cases")


def loaded(root: Path, **kwargs):
    """Load, with the valid file beside the hostile one; assert the accounting holds whatever happened."""
    write(root, "good.yaml", GOOD)
    t = time.monotonic()
    r = load(root, **kwargs)
    assert time.monotonic() - t < 10, "the load stalled"
    assert "good-cases" in set(r.frame["id"]), "the valid file did not load"
    assert r.records_read == r.records_loaded + r.records_rejected
    return r


def said(r) -> str:
    return "\n".join(str(p) for p in r.problems)


# --- what used to escape the load -------------------------------------------------------------------------------


def test_a_number_longer_than_python_prints_is_refused_with_its_line(root):
    write(root, "big.yaml", HEADER + CASES.replace("en: Severance cases", "en: " + "9" * 5000))
    r = loaded(root)
    assert "metrics/big.yaml:9: (file): a number of 5,000 digits (no figure has more than 1,000 digits: check the file)" in said(r)


def test_a_long_number_in_a_text_field_is_shown_short(root):
    write(root, "long.yaml", HEADER + CASES.replace("en: Severance cases", "en: " + "9" * 900))
    assert "metrics.0.name.en: Input should be a valid string (got a number of more than 60 digits)" in said(loaded(root))


def test_a_date_the_frame_cannot_hold_is_refused(root):
    write(root, "late.yaml", HEADER.replace("2026-01-05", "9999-12-31") + CASES)
    assert ("metrics/late.yaml:5: source.published: Value error, 9999-12-31 is outside 1945-01-01 to 2100-12-31, the dates "
            "the dashboard holds") in said(loaded(root))


def test_unknown_top_level_keys_of_mixed_types(root):
    write(root, "keys.yaml", HEADER + CASES + "1: a\nb: c\n")
    text = said(loaded(root))
    assert "metrics/keys.yaml:15: 1: unknown top-level key" in text and "metrics/keys.yaml:16: b: unknown top-level key" in text


def test_a_complex_key_beside_a_duplicate_key(root):
    write(root, "complex.yaml", "? {k: v}\n: 1\nsource: x\nsource: y\n")
    assert "metrics/complex.yaml:4: (file): duplicate key" in said(loaded(root))


def test_a_nul_in_a_source_text_path(root):
    write(root, "nul.yaml", HEADER.replace("text: sources/test.txt", 'text: "sources/te\\0st.txt"') + CASES)
    assert "metrics/nul.yaml:6: source.text: String should match pattern" in said(loaded(root))


def test_links_that_loop_dangle_or_leave_are_reported_not_read(root, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "outside.yaml"
    outside.write_text(HEADER + CASES, encoding="utf-8")
    metrics = root / "metrics"
    os.symlink("loop.yaml", metrics / "loop.yaml")
    os.symlink("nowhere.yaml", metrics / ".#lock.yaml")  # what an editor leaves while a file is open
    os.symlink(outside, metrics / "escape.yaml")
    (metrics / "folder.yaml").mkdir()
    r = loaded(root)
    skipped = dict(r.skipped)
    assert set(skipped) == {f"{metrics}/loop.yaml", f"{metrics}/.#lock.yaml", f"{metrics}/escape.yaml"}
    assert all("link" in why for why in skipped.values())
    assert r.files_read == 1


def test_pipes_are_refused_at_once(root, tmp_path_factory):
    os.mkfifo(root / "metrics" / "pipe.yaml")
    write(root, "text-pipe.yaml", HEADER.replace("test-source", "pipe-source").replace("sources/test.txt", "sources/pipe.txt") + CASES)
    os.mkfifo(root / "sources" / "pipe.txt")
    cache = tmp_path_factory.mktemp("cache")
    r = loaded(root, cache_dir=cache)
    flush()
    assert dict(r.skipped)[str(root / "metrics" / "pipe.yaml")].startswith("not a regular file")
    assert "metrics/text-pipe.yaml:6: source.text: cannot read source text 'sources/pipe.txt': not a regular file" in said(r)
    entry = next(cache.iterdir())
    (entry / CACHE_FILE).unlink()
    os.mkfifo(entry / CACHE_FILE)
    assert said(loaded(root, cache_dir=cache)) == said(r)


# --- loads that used to stall -----------------------------------------------------------------------------------


def test_thousands_of_problems_are_reported_fast_and_capped(root):
    write(root, "empty.yaml", HEADER + "  - {}\n" * 3000)
    r = loaded(root)
    mine = [p for p in r.problems if p.file.endswith("empty.yaml")]
    assert len(mine) == 101 and mine[-1].message == "and 20,900 more problems in this file"
    assert r.records_rejected == 3000


def test_a_huge_number_is_refused_before_parsing(root):
    write(root, "huge.yaml", HEADER + CASES.replace("value: 5448", "value: " + "9" * 3_500_000))
    assert "metrics/huge.yaml:12: (file): a number of 3,500,000 digits" in said(loaded(root))


# --- silent loss ------------------------------------------------------------------------------------------------


def test_a_nul_byte_is_a_problem_not_the_end_of_the_file(root):
    body = (HEADER + CASES + metric(id="second")).replace("  - id: second", "\0 - id: second")
    write(root, "nul.yaml", body.encode("utf-8"))
    r = loaded(root)
    assert "metrics/nul.yaml:15: (file): control character U+0000 at column 1" in said(r)
    out = subprocess.run([sys.executable, "-m", "metrics", "--data-root", str(root), "check"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 1 and "FAILED" in out.stdout


# --- ordinary files as Windows editors save them ----------------------------------------------------------------


def test_a_byte_order_mark_and_crlf_line_ends_load_as_plain_utf8(root):
    write(root, "windows.yaml", b"\xef\xbb\xbf" + (HEADER.replace("test-source", "win") + CASES.replace("severance-cases", "win-cases"))
          .replace("\n", "\r\n").encode("utf-8"))
    (root / "sources" / "test.txt").write_bytes(b"\xef\xbb\xbf" + (root / "sources" / "test.txt").read_bytes().replace(b"\n", b"\r\n"))
    r = loaded(root)
    assert r.ok and "win-cases" in set(r.frame["id"])


# --- the cache ----------------------------------------------------------------------------------------------------


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


def cached(root, cache):
    r = load(root, cache_dir=cache)
    flush()
    return r


def test_an_edit_that_keeps_size_and_modification_time_is_seen(data, tmp_path):
    cache = tmp_path / "cache"
    assert cached(data, cache).ok
    path = data / "metrics" / "van-phong-ubnd-tinh-2026-02-27.yaml"
    st = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("value: 386", "value: 368"), encoding="utf-8")  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as touch -r, a copy tool or a restore leave it
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert "metrics.1.value: the quote states '386' (= 386), but value reads 368" in said(cached(data, cache))


@pytest.mark.parametrize("damage", ["drop a column", "rename a column", "retype a column", "pickle in the manifest", "truncate"])
def test_a_damaged_cache_is_rebuilt_never_trusted(data, tmp_path, damage):
    cache = tmp_path / "cache"
    good = cached(data, cache)
    path = next(cache.iterdir()) / CACHE_FILE
    reader = pa.ipc.open_file(pa.BufferReader(path.read_bytes()))
    table, meta = reader.read_all(), reader.schema.metadata
    if damage == "drop a column":
        table = table.drop_columns(["quote"])
    elif damage == "rename a column":
        table = table.rename_columns([c if c != "quote" else "quote2" for c in table.column_names])
    elif damage == "retype a column":
        table = table.set_column(table.column_names.index("period"), "period", table.column("period").cast(pa.string()))
    elif damage == "pickle in the manifest":
        import pickle

        class Boom:
            def __reduce__(self):
                return (Path(tmp_path / "pwned").touch, ())

        meta = {b"manifest": pickle.dumps(Boom())}
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema.with_metadata(meta)) as w:
            w.write_table(table.replace_schema_metadata(meta))
    again = cached(data, cache)
    pd.testing.assert_frame_equal(again.frame, good.frame)
    assert again.problems == good.problems and not (tmp_path / "pwned").exists()
    pd.testing.assert_frame_equal(cached(data, cache).frame, good.frame)  # and the rebuilt cache is good


def test_the_cache_file_truncated_under_a_reader_does_not_crash_it(data, tmp_path):
    """The server reads the cache whole (never memory-mapped): truncating it between loads, or while a load
    reads it, gives a rebuild, never SIGBUS."""
    cache = tmp_path / "cache"
    good = cached(data, cache)
    path = next(cache.iterdir()) / CACHE_FILE
    code = ("import sys, os, threading; sys.path.insert(0, sys.argv[3]); from metrics.figures import load; "
            "p = sys.argv[2]; stop = threading.Event()\n"
            "def cut():\n"
            "    while not stop.is_set():\n"
            "        try: os.truncate(p, 100)\n"
            "        except OSError: pass\n"
            "threading.Thread(target=cut, daemon=True).start()\n"
            f"for _ in range(30): r = load(sys.argv[1], cache_dir=sys.argv[4]); assert r.records_loaded == {good.records_loaded}\n"
            "stop.set(); print('ok')")
    out = subprocess.run([sys.executable, "-c", code, str(data), str(path), str(REPO), str(cache)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-800:]


# --- exports ------------------------------------------------------------------------------------------------------


def frame_with(**texts) -> pd.DataFrame:
    from metrics.dataset import load_dataset

    frame = load_dataset(FIXTURE).frame.head(2).copy()
    for column, value in texts.items():
        frame[column] = frame[column].astype(object)
        frame.loc[frame.index[0], column] = value
    return frame


def test_control_characters_do_not_break_the_xlsx(tmp_path):
    import openpyxl

    from metrics.export import export

    path = tmp_path / "x.xlsx"
    path.write_bytes(export(frame_with(name_vi="a\x01b\x1fc"), "xlsx"))
    sheet = openpyxl.load_workbook(path).active
    assert sheet.cell(row=2, column=3).value == "a_x0001_b_x001F_c"  # Excel's own escape, shown as the characters


def test_csv_quotes_line_breaks_and_neutralises_disguised_formulas():
    import csv
    import io

    from metrics.export import export

    frame = frame_with(name_vi="một\rhai\nba", name_en=" =1+1", quote="\u200b@SUM(A1)", source_title="＝HYPERLINK(\"x\")")
    rows = list(csv.reader(io.StringIO(export(frame, "csv").decode("utf-8-sig"), newline="")))
    assert len(rows) == 3 and all(len(r) == len(rows[0]) for r in rows)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["name_vi"] == "một\rhai\nba"
    assert first["name_en"] == "' =1+1" and first["quote"] == "'\u200b@SUM(A1)" and first["source_title"] == "'＝HYPERLINK(\"x\")"
