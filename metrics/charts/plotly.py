"""The Plotly renderer: a chart definition (metrics.charts.spec) drawn as a Plotly figure, with its title and its
source line inside the figure, so any image made of it (the modebar's PNG, an export) carries both; and the
plotly.js configuration in the chart's language (separators, modebar words: plotly.js ships no 'vi' locale)."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
from babel.dates import get_day_names, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

from metrics.charts.spec import PALETTE, Chart, Series
from metrics.i18n import Lang, context

FONT = "Noto Sans, Segoe UI, Roboto, Helvetica, Arial, sans-serif"  # system fonts only: the app works offline
FOOTER_CHARS = 130  # the source line wraps at about this many characters
LINE_PX = 17
# A small explicit template: Streamlit's default one has placeholder colours that export as black, and a full
# built-in one (plotly_white) costs ~9 ms of validation per figure, on every rerun.
TEMPLATE = {"layout": {
    "paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"color": "#1a1a1a"},
    "xaxis": {"gridcolor": "#e5e9f0", "zerolinecolor": "#c8ced8", "linecolor": "#c8ced8", "automargin": True},
    "yaxis": {"gridcolor": "#e5e9f0", "zerolinecolor": "#c8ced8", "linecolor": "#c8ced8", "automargin": True},
}}


def separators(lang: Lang) -> str:
    """Plotly's separators for a language: the decimal mark, then the thousands mark (',.' for Vietnamese)."""
    return get_decimal_symbol(lang) + get_group_symbol(lang)


def esc(text: object) -> str:
    """Data text as plotly.js shows it: its pseudo-HTML (<b>, <a href>, <br>) is shown as text, never obeyed."""
    return html.escape(str(text), quote=False)


def _tickformat(chart: Chart) -> str:
    return f",.{chart.number_format.decimals}f"


def _trace(chart: Chart, s: Series) -> go.Bar:
    horizontal = chart.kind == "bar"
    categories = [esc(c) for c in chart.categories]
    labels = [esc(x) for x in s.labels]
    marker = ({"color": "#ffffff", "line": {"color": PALETTE[s.color], "width": 2}, "pattern": {"shape": "/", "fgcolor": PALETTE[s.color]}}
              if s.derived else {"color": PALETTE[s.color]})
    position = {"bar": "auto", "column": "auto", "grouped": "outside", "stacked": "inside"}[chart.kind]
    if chart.kind == "stacked":
        hover = "%{x} · " + esc(s.name or "") + ": %{y}<extra></extra>"
    else:
        hover = ("%{y}" if horizontal else "%{x}") + ": %{text}<extra></extra>"
    values = list(s.values)
    return go.Bar(x=values if horizontal else categories, y=categories if horizontal else values, orientation="h" if horizontal else "v",
                  name=esc(s.name) if s.name else None, text=labels, textposition=position, marker=marker,
                  cliponaxis=False if chart.kind != "stacked" else None, hovertemplate=hover)


def height(chart: Chart) -> int:
    """Horizontal bars grow with their number; columns take a fixed height. The footer adds its lines."""
    base = 120 + 60 * len(chart.categories) if chart.kind == "bar" else (400 if chart.legend else 360)
    return base + LINE_PX * len(footer_lines(chart))


def footer_lines(chart: Chart) -> list[str]:
    return textwrap.wrap(chart.footer, FOOTER_CHARS) or [""]


def figure(chart: Chart) -> go.Figure:
    """The chart as a Plotly figure: title on top, bars, the value axis in the chart's number format, the legend
    below the plot when there are several series, and the source line at the foot of the figure."""
    fig = go.Figure([_trace(chart, s) for s in chart.series])
    h = height(chart)
    lines = footer_lines(chart)
    footer_px = LINE_PX * len(lines) + 8
    legend_px = 30 if chart.legend else 0
    bottom = 40 + legend_px + footer_px
    fig.update_layout(
        template=TEMPLATE, colorway=list(PALETTE), separators=separators(chart.lang), height=h,
        title={"text": esc(chart.title), "x": 0, "xanchor": "left", "font": {"size": 18}}, font={"family": FONT, "size": 14},
        margin={"l": 10, "r": 30, "t": 70, "b": bottom}, showlegend=chart.legend,
        barmode={"grouped": "group", "stacked": "stack"}.get(chart.kind),
    )
    if chart.legend:
        fig.update_layout(legend={"orientation": "h", "yref": "container", "y": (footer_px + 4) / h, "yanchor": "bottom", "x": 0})
    # The source sits in the figure's bottom margin, below the axis labels (and the legend): part of every image.
    fig.add_annotation(text="<br>".join(esc(line) for line in lines), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=-(bottom - footer_px), showarrow=False, align="left",
                       font={"size": 12, "color": "#555555"})
    value_axis = {"tickformat": _tickformat(chart), "ticksuffix": chart.number_format.suffix or None,
                  "title": esc(chart.value_title) if chart.value_title else None}
    if chart.value_range:
        value_axis["range"] = list(chart.value_range)
    if chart.kind == "bar":
        fig.update_xaxes(**value_axis)
    else:
        fig.update_yaxes(**value_axis, rangemode="tozero" if not chart.value_range else None)
        fig.update_xaxes(type="category", title=None)
    return fig


def config(lang: Lang) -> dict:
    """The `config` for a chart: modebar in the language, no link to Plotly's cloud (the app works offline)."""
    out = {"displaylogo": False, "showLink": False, "locale": lang,
           "toImageButtonOptions": {"format": "png", "scale": 2}, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
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
