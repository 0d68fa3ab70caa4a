"""The image renderer: a chart drawn framed (its title and source line inside) as PNG or SVG at slide size, by
kaleido in one headless Chromium kept alive for the process (a fresh one costs seconds an image). Offline: the
plotly.js bundled with plotly, no MathJax, system fonts."""

from __future__ import annotations

import shutil
import threading

from metrics.charts import plotly
from metrics.charts.spec import Chart

FORMATS = ("png", "svg")
_lock = threading.Lock()
_running = False


class NoBrowser(RuntimeError):
    """No Chromium to draw images with: say what to install."""


def browser() -> str | None:
    """The Chromium kaleido will drive, if any (Debian's, installed by `make run` and `make test` when root)."""
    return next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")) if p), None)


def _start() -> None:
    global _running
    if _running:
        return
    import kaleido

    if browser() is None:
        raise NoBrowser("drawing a chart as an image needs Chromium: apt-get install chromium (make run does it when root)")
    # mathjax=False: kaleido would otherwise fetch MathJax from a CDN, and the dashboard works offline.
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _running = True


def image(chart: Chart, fmt: str = "png", screen_width: int | None = None) -> bytes:
    """The chart framed at slide size (1600x900) as PNG or SVG bytes; with screen_width, the plot alone as a screen
    shows it (type at screen sizes, its own height), for a page that writes the title and source around it (the
    static snapshot). Calls are serialised: one browser draws."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    import kaleido

    figure = plotly.figure(chart, framed=screen_width is None)
    width, height = plotly.IMAGE_SIZE if screen_width is None else (screen_width, figure.layout.height or 400)
    with _lock:
        _start()
        out = kaleido.calc_fig_sync(figure, opts={"format": fmt, "width": width, "height": height, "scale": 1})
    return out if isinstance(out, bytes) else out.encode("utf-8")


def stop() -> None:
    """Close the kept-alive browser (tests and tools that exit)."""
    global _running
    with _lock:
        if _running:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _running = False
