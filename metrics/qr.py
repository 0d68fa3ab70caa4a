"""QR codes of a view's address, made offline with segno (pure Python): SVG for the page, PNG for slides."""

from __future__ import annotations

import io
import os
from urllib.parse import urlencode, urlsplit

import segno

PUBLIC_URL = "DASHBOARD_PUBLIC_URL"  # the address the audience reaches (behind a proxy it differs from the presenter's)


def public_base() -> str | None:
    """DASHBOARD_PUBLIC_URL without a trailing slash, when set to an http(s) address."""
    base = os.environ.get(PUBLIC_URL, "").strip().rstrip("/")
    return base if urlsplit(base).scheme in ("http", "https") and urlsplit(base).netloc else None


def base_of(url: str | None, page: str) -> str:
    """The app's own address from a page's address: 'http://h:8501/personnel?lang=vi' -> 'http://h:8501' (a path
    prefix before the page, as behind a proxy, is kept). With no address known (a test run), Streamlit's default."""
    parts = urlsplit(url or "http://localhost:8501/")
    path = parts.path.rstrip("/")
    if page not in ("", "overview") and path.endswith("/" + page):
        path = path[: -len(page) - 1]
    return f"{parts.scheme}://{parts.netloc}{path}"


def view_url(base: str, page: str, params: dict[str, object]) -> str:
    """The address of a page of the dashboard with its view: base + /page?lang=..&period=.. (the overview is '/')."""
    path = "" if page in ("", "overview") else page
    query = urlencode({k: str(v) for k, v in params.items() if v not in (None, "")})
    return f"{base.rstrip('/')}/{path}" + (f"?{query}" if query else "")


def svg(url: str, scale: int = 6) -> str:
    """The QR code as an SVG document (dark on white, with the quiet zone readers need)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=scale, dark="#000000", light="#ffffff", border=4, xmldecl=False)
    return out.getvalue().decode("utf-8")


def png(url: str, scale: int = 10) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, dark="#000000", light="#ffffff", border=4)
    return out.getvalue()
