"""From a view of the live app to the same view in the latest snapshot, when the server says where snapshots are
(deploy/serve.py does: nginx serves the site folder beside the app)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urljoin

from metrics.i18n import Lang
from metrics.pages import SNAPSHOT_PAGES
from metrics.snapshot.site import Snapshot, latest

FOLDER = "DASHBOARD_SNAPSHOTS"  # the site folder `python -m metrics snapshot -o` writes
URL = "DASHBOARD_SNAPSHOT_URL"  # where a browser reaches that folder: '/snapshot/' behind deploy/'s nginx, or a full address


def configured() -> tuple[Path, str] | None:
    folder, url = os.environ.get(FOLDER, "").strip(), os.environ.get(URL, "").strip()
    if not folder or not url:
        return None
    return Path(folder), url if url.endswith("/") else url + "/"


def newest() -> tuple[Snapshot, str] | None:
    """The latest snapshot and the address of its folder's parent, if snapshots are served."""
    where = configured()
    if where is None:
        return None
    snap = latest(where[0])
    return (snap, where[1]) if snap is not None else None


def view_url(site: str, snap: Snapshot, page: str, lang: Lang, metric: str | None = None, source: str | None = None,
             base: str | None = None) -> str:
    """The snapshot's page for a view of the live app (a page it does not hold: its overview), at the figure's card
    or quote when one is selected. base: the live app's address, to make a relative site address absolute (a QR code)."""
    root = urljoin(base.rstrip("/") + "/", site) if base else site
    if page == "sources" and source:
        return f"{root}{snap.label}/{lang}/sources/{source}.html" + (f"#m-{metric}" if metric else "")
    page = page if page in SNAPSHOT_PAGES and page != "sources" else ("sources" if page == "sources" else "overview")
    return f"{root}{snap.label}/{lang}/{page}.html" + (f"#card-{metric}" if metric and page != "sources" else "")
