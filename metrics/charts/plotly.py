"""The Plotly renderer: a chart definition (metrics.charts.spec) drawn as a Plotly figure, either for a screen (the
plot alone: the app writes the title and the source line as text around it, so they wrap on a phone) or framed
for an image or a slide (title and source line inside, at a fixed size, so any copy of it carries both); and the
plotly.js configuration in the chart's language."""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go
from babel.dates import get_day_names, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

from metrics.charts.spec import PALETTE, Chart, Series
from metrics.i18n import Lang, context

FONT = "Noto Sans, Segoe UI, Roboto, Helvetica, Arial, sans-serif"  # system fonts only: the app works offline
TEXT = "#1a1a1a"
MUTED = "#333333"  # not a light grey: a projector washes light greys out
# A small explicit template: Streamlit's default one has placeholder colours that export as black, and a full
# built-in one (plotly_white) costs ~9 ms of validation per figure, on every rerun.
TEMPLATE = {"layout": {
    "paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"color": TEXT},
    "xaxis": {"gridcolor": "#e5e9f0", "zerolinecolor": "#c8ced8", "linecolor": "#c8ced8", "automargin": True},
    "yaxis": {"gridcolor": "#e5e9f0", "zerolinecolor": "#c8ced8", "linecolor": "#c8ced8", "automargin": True},
}}


@dataclass(frozen=True)
class Sizes:
    """Type sizes in pixels. Screen: read from the back of a hall at 1280x720 and on a phone (16 px text, labels as
    large as the body text). Frame: a 1600x900 image or slide, seen smaller than it is drawn."""

    text: int
    label: int
    title: int
    footer: int
    footer_chars: int  # the source line wraps at about this many characters
    row: int  # height per horizontal bar (its label sits above it)


SCREEN = Sizes(text=16, label=16, title=0, footer=0, footer_chars=0, row=74)
FRAME = Sizes(text=24, label=24, title=36, footer=20, footer_chars=125, row=0)
IMAGE_SIZE = (1600, 900)  # slide size (16:9) for images and decks


def separators(lang: Lang) -> str:
    """Plotly's separators for a language: the decimal mark, then the thousands mark (',.' for Vietnamese)."""
    return get_decimal_symbol(lang) + get_group_symbol(lang)


def esc(text: object) -> str:
    """Data text as plotly.js shows it: its pseudo-HTML (<b>, <a href>, <br>) is shown as text, never obeyed."""
    return html.escape(str(text), quote=False)


def _trace(chart: Chart, s: Series, sizes: Sizes) -> go.Bar:
    horizontal = chart.kind == "bar"
    categories = [esc(c) for c in chart.categories]
    labels = [esc(x) for x in s.labels]
    marker = ({"color": "#ffffff", "line": {"color": PALETTE[s.color], "width": 2}, "pattern": {"shape": "/", "fgcolor": PALETTE[s.color]}}
              if s.derived else {"color": PALETTE[s.color]})
    values = list(s.values)
    if horizontal:
        # A label inside a long bar, beside a short one: never cut at the figure's edge on a narrow screen.
        top = (chart.value_range or (0, max(values) or 1))[1]
        position = ["inside" if v >= 0.35 * top else "outside" for v in values]
    else:
        position = {"column": "auto", "grouped": "outside", "stacked": "inside"}[chart.kind]
    if chart.kind == "stacked":
        hover = "%{x} · " + esc(s.name or "") + ": %{y}<extra></extra>"
    else:
        hover = ("%{y}" if horizontal else "%{x}") + ": %{text}<extra></extra>"
    return go.Bar(x=values if horizontal else categories, y=categories if horizontal else values, orientation="h" if horizontal else "v",
                  name=esc(s.name) if s.name else None, text=labels, textposition=position, marker=marker,
                  insidetextanchor="end" if horizontal else None, textfont={"size": sizes.label},
                  cliponaxis=False if chart.kind != "stacked" else None, hovertemplate=hover)


def footer_lines(chart: Chart, chars: int = FRAME.footer_chars) -> list[str]:
    return textwrap.wrap(chart.footer, chars) or [""]


def title_lines(chart: Chart, chars: int = 70) -> list[str]:
    return textwrap.wrap(chart.title, chars) or [""]


def height(chart: Chart) -> int:
    """The screen height: horizontal bars grow with their number (each with its label above it); columns take a
    fixed height, more with a legend."""
    if chart.kind == "bar":
        return 50 + SCREEN.row * len(chart.categories)
    return 380 if chart.legend else 340


def figure(chart: Chart, framed: bool = False) -> go.Figure:
    """The chart as a Plotly figure. Screen (framed=False): the plot alone, sized to its content, no zoom or pan.
    Framed: title on top, the source line at the foot, at IMAGE_SIZE, for images, slides and the static site."""
    sizes = FRAME if framed else SCREEN
    fig = go.Figure([_trace(chart, s, sizes) for s in chart.series])
    horizontal = chart.kind == "bar"
    fig.update_layout(template=TEMPLATE, colorway=list(PALETTE), separators=separators(chart.lang),
                      font={"family": FONT, "size": sizes.text, "color": TEXT}, showlegend=chart.legend,
                      barmode={"grouped": "group", "stacked": "stack"}.get(chart.kind), bargap=0.45 if horizontal else 0.3,
                      hoverlabel={"font": {"size": sizes.text}})
    value_axis = {"tickformat": f",.{chart.number_format.decimals}f", "ticksuffix": chart.number_format.suffix or None,
                  "title": esc(chart.value_title) if chart.value_title else None, "fixedrange": True,
                  "tickfont": {"size": sizes.text - 2, "color": MUTED}}
    if chart.value_range:
        value_axis["range"] = list(chart.value_range)
    if framed:
        row = _frame(fig, chart)
    else:
        fig.update_layout(height=height(chart), margin={"l": 8, "r": 16, "t": 40 if chart.legend else (28 if horizontal else 10), "b": 8})
        if chart.legend:
            fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": sizes.text}})
        row = SCREEN.row
    if horizontal:
        fig.update_xaxes(**value_axis)
        # Each bar's name sits above it across the whole width, instead of tick labels that take two thirds of a
        # phone's width beside the bars.
        fig.update_yaxes(showticklabels=False, fixedrange=True, categoryorder="array", categoryarray=[esc(c) for c in chart.categories])
        for c in chart.categories:
            fig.add_annotation(x=0, xref="paper", y=esc(c), yref="y", text=esc(c), showarrow=False, xanchor="left", yanchor="bottom",
                               yshift=row * 0.55 / 2 + 2, font={"size": sizes.text, "color": TEXT})
    else:
        fig.update_yaxes(**value_axis, rangemode="tozero" if not chart.value_range else None)
        fig.update_xaxes(type="category", title=None, fixedrange=True, tickfont={"size": sizes.text, "color": TEXT})
    return fig


def _frame(fig: go.Figure, chart: Chart) -> float:
    """Title and source line inside the figure, at IMAGE_SIZE; returns the height each horizontal bar gets."""
    width, total = IMAGE_SIZE
    titles, footers = title_lines(chart), footer_lines(chart)
    top = 40 + int(FRAME.title * 1.3) * len(titles) + (50 if chart.legend else 10) + (FRAME.text + 10 if chart.kind == "bar" else 0)
    bottom = 50 + int(FRAME.footer * 1.4) * len(footers)
    fig.update_layout(width=width, height=total, margin={"l": 40, "r": 60, "t": top, "b": bottom},
                      title={"text": "<br>".join(esc(x) for x in titles), "x": 0.025, "xanchor": "left", "y": 1 - 30 / total,
                             "yanchor": "top", "font": {"size": FRAME.title, "color": TEXT}})
    if chart.legend:
        fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": FRAME.text}})
    fig.add_annotation(name="footer", text="<br>".join(esc(line) for line in footers), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=-(bottom - int(FRAME.footer * 1.4) * len(footers) - 10), showarrow=False, align="left",
                       font={"size": FRAME.footer, "color": MUTED})
    return (total - top - bottom) / max(len(chart.categories), 1)


def config(lang: Lang) -> dict:
    """The `config` for a chart on screen: no modebar (its zoom and pan moved charts by accident on a projector, and
    its PNG carried neither title nor source; the page offers an image of its own), nothing from Plotly's cloud."""
    out = {"displayModeBar": False, "displaylogo": False, "showLink": False, "scrollZoom": False, "doubleClick": False, "locale": lang}
    dictionary = {k: v for k, v in context("plotly", lang).items() if v != k}
    if dictionary:  # plotly.js has English built in; other languages bring their words and CLDR formats
        out["locales"] = {lang: {"dictionary": dictionary, "format": _format(lang)}}
    return out


def _format(lang: Lang) -> dict:
    days, months = get_day_names("wide", locale=lang), get_month_names("wide", locale=lang)
    short_days, short_months = get_day_names("abbreviated", locale=lang), get_month_names("abbreviated", locale=lang)
    week = (6, 0, 1, 2, 3, 4, 5)  # plotly.js (d3) starts the week on Sunday; CLDR numbers Monday 0
    return {
        "days": [days[i] for i in week], "shortDays": [short_days[i] for i in week],
        "months": [months[i] for i in range(1, 13)], "shortMonths": [short_months[i] for i in range(1, 13)],
        "decimal": get_decimal_symbol(lang), "thousands": get_group_symbol(lang), "grouping": [3],
    }
