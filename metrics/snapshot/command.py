"""python -m metrics snapshot: a frozen, dated copy of the dashboard as a static site."""

from __future__ import annotations

import sys
from pathlib import Path

from metrics.qr import public_base


def run(data_root: str, output: str, label: str | None, force: bool, live: str | None) -> int:
    from metrics.charts.image import NoBrowser, stop
    from metrics.dataset import load_dataset
    from metrics.snapshot.site import Exists, write

    ds = load_dataset(data_root)
    if ds.result.problems:  # the copy holds what the dashboard shows: the valid figures; say what it leaves out
        print(f"note: {len(ds.result.problems)} problems in {data_root} (python -m metrics check); the copy holds the valid figures",
              file=sys.stderr)
    try:
        snap = write(ds, output, label, force=force, live=live or public_base())
    except (Exists, ValueError, NoBrowser) as e:
        print(e, file=sys.stderr)
        return 1
    finally:
        stop()
    size = sum((Path(output) / snap.label / rel).stat().st_size for rel in snap.files)
    print(f"{Path(output) / snap.label}/: {len(snap.files)} files, {size / 1024:.0f} KB, data fingerprint {snap.fingerprint}; "
          f"index {Path(output) / 'index.html'}")
    return 0
