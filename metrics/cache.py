"""A per-file cache of validation results (rows as Arrow shards, problems replayed) kept outside the data root."""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from pathlib import Path

from metrics.loader import PARALLEL_FROM, Batch, LoadResult, _reorder, assemble_batches, metric_files, shown_path, validate_batches
from metrics.references import load_references

SHARDS = 64  # a changed file rewrites one shard of ~1/64 of the rows, while a warm load opens only 64 files
VERSION = "1"
# The modules whose code decides what a file's rows and problems are (not the pages' modules).
CODE = ("cache.py", "frame.py", "loader.py", "models.py", "problems.py", "quotecheck.py", "references.py",
        "validate.py", "vnnum.py", "yamlsafe.py")


def default_cache_dir(root: Path | str = "data") -> Path:
    """METRICS_CACHE_DIR, else $XDG_CACHE_HOME (or ~/.cache)/phu-tho-dashboard/<hash of the data root's path>."""
    if os.environ.get("METRICS_CACHE_DIR"):
        return Path(os.environ["METRICS_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "phu-tho-dashboard" / hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]


def _code_digest() -> str:
    # Any change to the package's code may change what validation says: the cache then starts afresh.
    digest = hashlib.sha256()
    for name in CODE:
        path = Path(__file__).with_name(name)
        digest.update(name.encode() + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()


def _stat(path: str | Path | None) -> tuple | None:
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def load_cached(root: Path | str, cache_dir: Path | str, workers: int | None = None) -> LoadResult:
    """Load like loader.load, taking each unchanged file's rows and problems from the cache; the checks across
    files (duplicate ids and source ids) run again on every load."""
    root, cache_dir = Path(root), Path(cache_dir)
    if cache_dir.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"cache folder {cache_dir} is inside the data folder {root}; keep caches out of the data")
    refs, ref_problems = load_references(root, shown_path)
    key = hashlib.sha256("\0".join((VERSION, refs.fingerprint, _code_digest(), str(root.resolve()),
                                    os.getcwd())).encode()).hexdigest()[:24]
    where = cache_dir / key
    paths = metric_files(root)
    by_shard: list[list[Path]] = [[] for _ in range(SHARDS)]
    for p in paths:
        by_shard[zlib.crc32(str(p).encode()) % SHARDS].append(p)

    fresh: dict[int, dict[str, tuple]] = {}  # shard -> path -> (result, count, row offset) still valid
    stale: list[Path] = []
    for s, members in enumerate(by_shard):
        cached = _read_shard(where, s)
        ok = {}
        for p in members:
            hit = cached.get(str(p)) if cached else None
            if hit and hit["yaml"] == _stat(p) and hit["text"] == _stat(hit["result"].text_path):
                ok[str(p)] = hit
            else:
                stale.append(p)
        fresh[s] = ok
    new = validate_batches(stale, root, refs, workers) if stale else []
    for b in new:
        for s, entries in _split(b, by_shard).items():
            fresh[s].update(entries)
            _write_shard(where, s, fresh[s], by_shard[s])
    _prune(cache_dir, keep=key)
    batches = [_batch(fresh[s], by_shard[s]) for s in range(SHARDS) if by_shard[s]]
    # The order an uncached load reports files in: as listed when validated in one process, else by shown path.
    serial = (workers or min(os.cpu_count() or 1, 8)) <= 1 or len(paths) < PARALLEL_FROM
    position = {str(p): i for i, p in enumerate(paths)}
    flat = [(str(p), r.path) for b in batches for p, r in zip(b.paths, b.results, strict=True)]
    order = sorted(range(len(flat)), key=(lambda i: position[flat[i][0]]) if serial else (lambda i: flat[i][1]))
    return assemble_batches([_reorder(batches, order)], ref_problems)


def _split(b: Batch, by_shard: list[list[Path]]) -> dict[int, dict[str, dict]]:
    out: dict[int, dict[str, dict]] = {}
    at = 0
    index = {str(p): s for s, members in enumerate(by_shard) for p in members}
    for r, n, p in zip(b.results, b.counts, b.paths, strict=True):
        out.setdefault(index[str(p)], {})[str(p)] = {"yaml": _stat(p), "text": _stat(r.text_path), "result": r,
                                                      "src": (b.table, at, n)}
        at += n
    return out


def _batch(entries: dict[str, dict], members: list[Path]) -> Batch:

    rows = [entries[str(p)] for p in members]
    return Batch([e["result"] for e in rows], [e["src"][2] for e in rows], _concat([e["src"] for e in rows]), list(members))


def _concat(parts: list[tuple]):
    """The rows of (table, offset, count) parts; a shard read back whole in order is used as it is."""
    import pyarrow as pa

    table = parts[0][0] if parts else None
    at = 0
    for t, off, n in parts:
        if t is not table or off != at:
            return pa.concat_tables([t.slice(off, n) for t, off, n in parts])
        at += n
    return table if table is not None and at == table.num_rows else pa.concat_tables([t.slice(o, n) for t, o, n in parts])


def _read_shard(where: Path, s: int) -> dict | None:
    """A shard's entries, or None when missing or unreadable in any way (then its files are validated again)."""
    import pyarrow as pa

    try:
        with open(where / f"{s:02d}.pkl", "rb") as f:
            meta = pickle.load(f)  # noqa: S301 - written by this module into the user's own cache folder
        with pa.memory_map(str(where / f"{s:02d}.arrow")) as source:
            table = pa.ipc.open_file(source).read_all()
        out, at = {}, 0
        for path, yaml_key, text_key, result, n in meta:
            out[path] = {"yaml": yaml_key, "text": text_key, "result": result, "src": (table, at, n)}
            at += n
        if at != table.num_rows:
            return None
        return out
    except Exception:
        return None


def _write_shard(where: Path, s: int, entries: dict[str, dict], members: list[Path]) -> None:
    import pyarrow as pa

    rows = [(str(p), entries[str(p)]) for p in members if str(p) in entries]
    try:
        where.mkdir(parents=True, exist_ok=True)
        table = _concat([e["src"] for _, e in rows])
        tmp = where / f"{s:02d}.{os.getpid()}.tmp"
        with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(tmp, where / f"{s:02d}.arrow")
        meta = [(p, e["yaml"], e["text"], e["result"], e["src"][2]) for p, e in rows]
        with open(tmp, "wb") as f:
            pickle.dump(meta, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, where / f"{s:02d}.pkl")
    except OSError:
        pass  # an unwritable cache only costs speed next time


def _prune(cache_dir: Path, keep: str) -> None:
    """Remove caches made for other code, references or data roots' paths: they can never be valid again."""
    import shutil

    try:
        for old in cache_dir.iterdir():
            if old.is_dir() and old.name != keep and len(old.name) == 24:
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass
