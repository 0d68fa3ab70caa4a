"""Walking a data folder: the files of one kind, and the state of every file (what a reload compares). The one
place that decides what a folder holds: links that leave it, link loops and anything that is not a regular file
are never read, and each is reported with the reason rather than dropped silently."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".yaml", ".yml")


@dataclass
class Listing:
    """The files found (absolute paths, sorted) and what was passed over, with the reason."""

    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (absolute path, reason)


def _target_inside(path: str, root: str) -> bool:
    try:
        return os.path.realpath(path, strict=True).startswith(root + os.sep)
    except (OSError, RuntimeError):
        return False


def _entries(top: str):
    """Every entry under top, depth first, folder links not followed: (entry, None), or (path, reason) for a
    folder that cannot be read. The one walk of a data folder; listing and tree_state read what it yields."""
    stack = [top]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = list(it)
        except OSError as e:
            yield here, f"folder cannot be read: {e.strerror}"
            continue
        for e in entries:
            try:
                if e.is_dir(follow_symlinks=False):
                    stack.append(e.path)
                    continue
            except OSError as err:
                yield e.path, f"cannot be read: {err.strerror}"
                continue
            yield e, None


def listing(folder: Path | str, root: Path | str | None = None, suffixes: tuple[str, ...] = SUFFIXES) -> Listing:
    """The files of folder whose names end in suffixes, at any depth. Folder links are not followed (no loops, no
    escape); a file link is read only when it ends at a regular file inside root (default: folder)."""
    folder = os.path.abspath(folder)
    inside = os.path.realpath(root if root is not None else folder)
    out = Listing()
    if not os.path.isdir(folder):
        return out
    for e, reason in _entries(folder):
        if reason is not None:
            out.skipped.append((e, reason))
            continue
        if not e.name.endswith(suffixes):
            continue
        try:
            if e.is_symlink():
                if not _target_inside(e.path, inside):
                    out.skipped.append((e.path, "a link that is broken, loops, or leads outside the data folder"))
                    continue
                if not stat.S_ISREG(os.stat(e.path).st_mode):
                    out.skipped.append((e.path, "a link to a folder or to something that is not a regular file"))
                    continue
            elif not e.is_file(follow_symlinks=False):  # the directory entry's own type: no stat per file
                out.skipped.append((e.path, "not a regular file (a pipe, socket or device)"))
                continue
        except OSError as err:
            out.skipped.append((e.path, f"cannot be read: {err.strerror}"))
            continue
        out.files.append(e.path)
    out.files.sort()
    out.skipped.sort()
    return out


def tree_state(root: Path | str) -> tuple:
    """(path, size, modification time, change time, inode) of every entry under root, links not followed: a change
    anywhere (a metric file, a reference list, a source text, a link made or removed) gives a new state. An
    entry that vanishes or cannot be read while walking counts as a state of its own, never as an error."""
    out = []
    for e, reason in _entries(str(root)):
        if reason is not None:
            out.append((e, -1, -1, -1, -1))
            continue
        try:
            st = e.stat(follow_symlinks=False)
            out.append((e.path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        except OSError:
            out.append((e.path, -1, -1, -1, -1))
    return tuple(sorted(out))
