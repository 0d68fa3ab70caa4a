"""Processes of a deployment: children in their own process groups that die with this script, stopped whole; and
the small HTTP and file helpers the start-up needs."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 2.0) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310  (our own http:// URLs)
            return r.read().decode(errors="replace")
    except OSError:
        return None


def _die_with_parent() -> None:
    # In the child, before exec: if this script is killed outright (SIGKILL), the kernel stops its children too.
    with contextlib.suppress(Exception):
        _LIBC.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def spawn(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """A child in its own process group: stopping the group stops what it started too (kaleido's Chromium)."""
    with log.open("ab") as out:
        return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, preexec_fn=_die_with_parent if _LIBC else None)


def stop(proc: subprocess.Popen | None, timeout: float = 10.0) -> None:
    """SIGTERM to the child's process group, then SIGKILL to whatever of the group is left."""
    if proc is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=timeout)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def tail(path: Path | None, lines: int = 30) -> str:
    return "" if path is None or not path.exists() else f"--- {path.name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
