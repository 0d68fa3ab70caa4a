"""A chart definition (metrics.charts.spec) drawn as PowerPoint's own chart: editable in PowerPoint with its data
in the embedded workbook, each mark labelled with the text the chart gives it in its language."""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.util import Pt

from metrics.charts.spec import PALETTE, Chart, Series

FONT = "Noto Sans"  # named on every run: the theme's Calibri has no Vietnamese tone marks on many machines
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x33, 0x33, 0x33)  # not a light grey: a projector washes light greys out
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
GRID = RGBColor(0xD0, 0xD5, 0xDD)

KINDS = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
         "grouped": XL_CHART_TYPE.COLUMN_CLUSTERED, "stacked": XL_CHART_TYPE.COLUMN_STACKED}
LABEL, CATEGORY, LEGEND = 28, 22, 22  # points: marks' labels and category names are read from the back row


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#"))


def _luminance(color: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def ink_on(color: str) -> RGBColor:
    """White or near-black, whichever contrasts more with a fill (a label inside a stacked segment)."""
    lum = _luminance(color)
    return WHITE if (1.05 / (lum + 0.05)) > ((lum + 0.05) / (_luminance("#1A1A1A") + 0.05)) else TEXT


def draw(slide, chart: Chart, x: int, y: int, w: int, h: int) -> GraphicFrame:
    """The chart as a native chart in the box (EMU); the slide's own text carries the title and the source."""
    fmt = chart.number_format.excel()
    data = CategoryChartData(number_format=fmt)
    data.categories = chart.categories
    for s in chart.series:
        data.add_series(s.name or chart.value_title or chart.title, s.values)
    frame = slide.shapes.add_chart(KINDS[chart.kind], x, y, w, h, data)
    c = frame.chart
    c.font.name, c.font.size, c.font.color.rgb = FONT, Pt(CATEGORY), TEXT
    c.has_title = False
    c.has_legend = chart.legend
    if chart.legend:
        c.legend.position, c.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
        c.legend.font.name, c.legend.font.size = FONT, Pt(LEGEND)
    plot = c.plots[0]
    plot.vary_by_categories = False  # one series is one colour, as in the app
    plot.gap_width = 60
    if chart.kind == "grouped":
        plot.overlap = -10
    _axes(c, chart, fmt)
    # Plot-level labels first: LibreOffice shows no per-point label unless the plot says values are shown.
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.show_value, labels.number_format, labels.number_format_is_linked = True, fmt, False
    labels.font.name, labels.font.size, labels.font.bold = FONT, Pt(LABEL), True
    inside = chart.kind == "stacked"
    labels.position = XL_LABEL_POSITION.CENTER if inside else XL_LABEL_POSITION.OUTSIDE_END
    for s, series in zip(chart.series, plot.series, strict=True):
        _fill(series, s)
        ink = (TEXT if s.derived else ink_on(PALETTE[s.color])) if inside else TEXT
        for i, text in enumerate(s.labels):
            _label(series.points[i].data_label, text, ink, inside)
    return frame


def _axes(c, chart: Chart, fmt: str) -> None:
    value, category = c.value_axis, c.category_axis
    # Every mark carries its label in the chart's language; the value axis would print its numbers with the
    # viewer's decimal mark ('80.0%' on a Vietnamese slide), so it is kept for an editor but hidden.
    value.tick_labels.number_format, value.tick_labels.number_format_is_linked = fmt, False
    value.has_major_gridlines, value.visible = False, False
    if chart.value_range:
        value.minimum_scale, value.maximum_scale = chart.value_range
    category.tick_labels.font.name, category.tick_labels.font.size, category.tick_labels.font.color.rgb = FONT, Pt(CATEGORY), TEXT
    category.format.line.color.rgb = GRID
    if chart.kind == "bar":
        # PowerPoint draws the first category at the bottom; reversed, the bars read top-down in the chart's order.
        category.reverse_order = True


def _fill(series, s: Series) -> None:
    fill, color = series.format.fill, rgb(PALETTE[s.color])
    if s.derived:  # computed, not stated: hatched in the series' colour, as the app draws it
        fill.patterned()
        fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
        fill.fore_color.rgb, fill.back_color.rgb = color, WHITE
    else:
        fill.solid()
        fill.fore_color.rgb = color
    series.format.line.color.rgb = color


def _label(label, text: str, ink: RGBColor, inside: bool) -> None:
    """A mark's label as the chart wrote it ('65,2%' in Vietnamese whatever the viewer's locale); none for ''."""
    if not text:
        # An empty text would let PowerPoint fall back to the bare value (a '0' on a missing segment).
        dlbl = label._get_or_add_dLbl()
        for child in list(dlbl):
            if child.tag != qn("c:idx"):
                dlbl.remove(child)
        dlbl.append(dlbl.makeelement(qn("c:delete"), {"val": "1"}))
        return
    label.text_frame.text = text
    run = label.text_frame.paragraphs[0].runs[0]
    run.font.name, run.font.size, run.font.bold, run.font.color.rgb = FONT, Pt(LABEL), True, ink
    label.position = XL_LABEL_POSITION.CENTER if inside else XL_LABEL_POSITION.OUTSIDE_END
