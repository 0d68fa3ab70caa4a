"""The snapshot's HTML: Jinja2 templates with autoescape on (data text is shown, never obeyed), and the chart SVGs
made safe to put inline."""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePosixPath

import jinja2

HERE = PurePosixPath(__file__).parent
# An SVG inline in the page runs with the page: nothing in it may script, link out or fetch.
_UNSAFE = re.compile(r"<script|<foreignObject|\son\w+\s*=|javascript:|(?:href|src)\s*=\s*[\"'](?!#)|@import|url\((?![\"']?#)",
                     re.IGNORECASE)
_ROOT = re.compile(r"<svg\b[^>]*>")


class UnsafeSvg(ValueError):
    """A chart's SVG held something that could run or fetch (never expected from kaleido; refused, not cleaned)."""


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def inline_svg(svg: bytes | str, label: str) -> str:
    """Kaleido's SVG (1600x900 with a viewBox) scaled to the page's width, named for screen readers."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = re.sub(r"^<\?xml[^>]*>\s*", "", text.strip())
    if _UNSAFE.search(text):
        raise UnsafeSvg(f"chart '{label}': its SVG holds script, a link or an outside reference")
    root = _ROOT.match(text)
    if root is None:
        raise UnsafeSvg(f"chart '{label}': not an SVG document")
    tag = re.sub(r'\s(?:width|height|style)="[^"]*"', "", root.group(0))
    tag = tag[:-1] + f' role="img" aria-label="{jinja2.utils.markupsafe.escape(label)}" preserveAspectRatio="xMidYMid meet">'
    return jinja2.utils.markupsafe.Markup(tag + text[root.end():])
