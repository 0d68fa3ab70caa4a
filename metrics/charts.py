"""Pure chart builders: a frame of figures in, a Plotly figure whose title states the message out,
with the table behind it and a caption naming the sources. No Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from metrics import formatting as fmt
from metrics.cards import value_text
from metrics.i18n import LEVELS, RECIPIENTS, date, num, pick, t
from metrics.plotly_locale import SEPARATORS

COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000", "#999999", "#882255"]
MAX_BARS = 12  # a chart on a projector stays readable; the rest is in the table and on the Data page
FONT = "Noto Sans, Segoe UI, Roboto, Helvetica, Arial, sans-serif"  # system fonts only: the app works offline


@dataclass
class Chart:
    """A figure with the data behind it and the caption that names its sources."""

    figure: go.Figure
    table: pd.DataFrame
    caption: str


# A small explicit template: Streamlit's default one has placeholder colours that export as black, and a full
# built-in one (plotly_white) costs ~9 ms of validation per figure, on every rerun.
TEMPLATE = {"layout": {
    "paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"color": "#1a1a1a"},
    "xaxis": {"gridcolor": "#e5e9f0", "zerolinecolor": "#c8ced8", "linecolor": "#c8ced8", "automargin": True},
    "yaxis": {"gridcolor": "#e5e9f0", "zerolinecolor": "#c8ced8", "linecolor": "#c8ced8", "automargin": True},
}}


def _layout(fig: go.Figure, title: str, lang: str, height: int = 360) -> go.Figure:
    fig.update_layout(
        template=TEMPLATE, colorway=COLORS, separators=SEPARATORS[lang], height=height,
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}}, font={"family": FONT, "size": 14},
        margin={"l": 10, "r": 30, "t": 70, "b": 40}, showlegend=False,
    )
    return fig


MAX_SOURCES_NAMED = 3


def caption(rows: pd.DataFrame, lang: str) -> str:
    """'Nguồn: <document> (05/01/2026); ...' plus the formula of every derived figure shown; beyond a few
    documents, their number and date range (each is listed on the Sources page)."""
    docs = rows.drop_duplicates("source_id")[["source_title", "source_published"]]
    if len(docs) <= MAX_SOURCES_NAMED:
        text = f"{t('source', lang)}: " + "; ".join(f"{title} ({date(d, lang)})" for title, d in docs.itertuples(index=False))
    else:
        text = f"{t('source', lang)}: " + t("many_sources", lang, n=num(len(docs), lang), first=date(docs["source_published"].min(), lang),
                                           last=date(docs["source_published"].max(), lang))
    if "derived" in rows:
        formulas = rows.loc[rows["derived"].fillna(False).astype(bool), f"formula_{lang}"].drop_duplicates()
        for formula in formulas.head(MAX_SOURCES_NAMED):
            text += f". {t('derived', lang)}: {formula}"
        if len(formulas) > MAX_SOURCES_NAMED:
            text += " …"
    return text


def _table(rows: pd.DataFrame, units: dict, lang: str) -> pd.DataFrame:
    out = pd.DataFrame({
        t("figure", lang): rows[f"name_{lang}"].to_numpy(),
        t("period", lang): rows["period"].to_numpy(),
        t("value", lang): [value_text(r, units[r["unit"]], lang) for r in rows.to_dict("records")],
        pick(("Số", "Number"), lang): rows["value"].to_numpy(),
        t("source", lang): rows["source_title"].to_numpy(),
    })
    if "derived" in rows:
        out[t("derived", lang)] = rows["derived"].fillna(False).astype(bool).to_numpy()
    return out


def _bars(rows: pd.DataFrame, units: dict, lang: str, x: list[float], hover_suffix: str = "") -> go.Bar:
    labels = [value_text(r, units[r["unit"]], lang) for r in rows.to_dict("records")]
    return go.Bar(x=x, y=rows[f"name_{lang}"].tolist(), orientation="h", text=labels, textposition="auto",
                  marker_color=COLORS[0], cliponaxis=False, hovertemplate="%{y}: %{text}" + hover_suffix + "<extra></extra>")


def reductions(rows: pd.DataFrame, units: dict, lang: str) -> Chart:
    """Cuts in percent (change: decrease), largest first: the leaner apparatus."""
    rows = rows.sort_values("value", ascending=True).tail(MAX_BARS)
    lo, hi = fmt.percent(rows["value"].min(), lang), fmt.percent(rows["value"].max(), lang)
    period = ", ".join(map(str, sorted(rows["period"].unique())))
    title = pick((f"Bộ máy tinh gọn năm {period}: giảm từ {lo} đến {hi}", f"A leaner apparatus in {period}: cuts of {lo} to {hi}"), lang)
    fig = go.Figure(_bars(rows, units, lang, rows["value"].tolist()))
    fig.update_xaxes(range=[0, 105], ticksuffix="%", tickformat=",.0f", title=None)
    return Chart(_layout(fig, title, lang, 120 + 60 * len(rows)), _table(rows, units, lang), caption(rows, lang))


def completion(rows: pd.DataFrame, units: dict, lang: str) -> Chart:
    """Achieved of total (184/184): the share done, with the fraction written on the bar."""
    rows = rows.head(MAX_BARS)
    share = (rows["value"] / rows["total"] * 100).tolist()
    done = "; ".join(value_text(r, units[r["unit"]], lang) for r in rows.to_dict("records"))
    title = pick((f"Hoàn thành toàn bộ: {done}", f"All completed: {done}"), lang) if min(share) >= 100 else pick(
        (f"Mức hoàn thành: {done}", f"Completion: {done}"), lang)
    fig = go.Figure(_bars(rows, units, lang, share))
    fig.update_xaxes(range=[0, 105], ticksuffix="%", tickformat=",.0f", title=None)
    return Chart(_layout(fig, title, lang, 120 + 60 * len(rows)), _table(rows, units, lang), caption(rows, lang))


def counts(rows: pd.DataFrame, units: dict, lang: str, headline: tuple[str, str]) -> Chart:
    """Counts of different things side by side, each labelled with its unit and qualifier ('trên 500')."""
    rows = rows.sort_values("value").tail(MAX_BARS)
    said = "; ".join(value_text(r, units[r["unit"]], lang) for r in rows.iloc[::-1].head(3).to_dict("records"))
    fig = go.Figure(_bars(rows, units, lang, rows["value"].tolist()))
    fig.update_xaxes(tickformat=",.0f", title=None)
    return Chart(_layout(fig, f"{pick(headline, lang)}: {said}", lang, 120 + 60 * len(rows)), _table(rows, units, lang),
                 caption(rows, lang))


def plan_attainment(stated: pd.DataFrame, implied: pd.DataFrame, units: dict, lang: str) -> Chart:
    """Figures against the plans their percent implies (651 officials at 162% of plan: a plan of about 402);
    the implied plans are hatched and labelled as derived."""
    stated = stated.head(MAX_BARS)
    implied = implied.set_index("id").reindex(stated["id"] + "-implied-plan").reset_index()
    names = stated[f"name_{lang}"].tolist()
    plan_texts = [f"≈ {fmt.number(p, lang, 0)} {units[u]['label'][lang]}" for p, u in zip(implied["value"], stated["unit"], strict=True)]
    fig = go.Figure([
        go.Bar(name=pick(("Kế hoạch (suy ra)", "Plan (derived)"), lang), x=names, y=implied["value"].tolist(), text=plan_texts,
               marker={"color": "#ffffff", "line": {"color": COLORS[8], "width": 2}, "pattern": {"shape": "/", "fgcolor": COLORS[8]}},
               textposition="outside", cliponaxis=False, hovertemplate="%{x}: %{text}<extra></extra>"),
        go.Bar(name=pick(("Thực hiện", "Achieved"), lang), x=names, y=stated["value"].tolist(), marker_color=COLORS[0],
               text=[value_text(r, units[r["unit"]], lang) for r in stated.to_dict("records")], textposition="outside",
               cliponaxis=False, hovertemplate="%{x}: %{text}<extra></extra>"),
    ])
    top = max(stated["value"].max(), implied["value"].max())
    fig.update_yaxes(tickformat=",.0f", range=[0, top * 1.2], title=None)  # headroom for the labels above the bars
    first = stated.iloc[0].to_dict()
    if len(stated) == 1:
        title = f"{first[f'name_{lang}']}: {value_text(first, units[first['unit']], lang)}, " + t(
            "of_plan", lang, pct=fmt.percent(first["plan_percent"], lang))
    else:
        title = pick((f"{len(stated)} chỉ tiêu so với kế hoạch", f"{len(stated)} figures against their plans"), lang)
    _layout(fig, title, lang, 400).update_layout(barmode="group", showlegend=True, legend={"orientation": "h", "y": -0.12})
    both = pd.concat([stated, implied], ignore_index=True)
    return Chart(fig, _table(both, units, lang), caption(both, lang))


def awards(rows: pd.DataFrame, units: dict, lang: str) -> Chart:
    """Recipients by the level that confers the award, stacked by individuals and collectives."""
    grouped = rows.groupby(["award_level", "recipient_type"], observed=True)["value"].sum()
    levels = [lvl for lvl in LEVELS if lvl in grouped.index.get_level_values(0)]
    fig = go.Figure()
    for i, (kind, names) in enumerate(RECIPIENTS.items()):
        y = [float(grouped.get((lvl, kind), 0)) for lvl in levels]
        fig.add_bar(x=[pick(LEVELS[lvl], lang) for lvl in levels], y=y, name=pick(names, lang), marker_color=COLORS[i],
                    text=[fmt.number(v, lang, 0) if v else "" for v in y], textposition="inside",
                    hovertemplate="%{x} · " + pick(names, lang) + ": %{y}<extra></extra>")
    ind = grouped.xs("individual", level=1).sum() if "individual" in grouped.index.get_level_values(1) else 0
    col = grouped.xs("collective", level=1).sum() if "collective" in grouped.index.get_level_values(1) else 0
    title = pick((f"{fmt.number(ind + col, lang, 0)} lượt khen thưởng: {fmt.number(ind, lang, 0)} cá nhân, "
                  f"{fmt.number(col, lang, 0)} tập thể",
                  f"{fmt.number(ind + col, lang, 0)} awards: {fmt.number(ind, lang, 0)} to individuals, "
                  f"{fmt.number(col, lang, 0)} to collectives"), lang)
    _layout(fig, title, lang, 400).update_layout(barmode="stack", showlegend=True,
                                                 legend={"orientation": "h", "y": -0.15})
    fig.update_yaxes(tickformat=",.0f", title=pick(("Lượt khen thưởng", "Awards"), lang))
    # The data behind the chart is what it draws: recipients by level and type, and how many figures add up to each.
    counts = rows.groupby(["award_level", "recipient_type"], observed=True)["value"].agg(["sum", "size"]).reset_index()
    table = pd.DataFrame({
        pick(("Cấp khen", "Level"), lang): [pick(LEVELS[v], lang) for v in counts["award_level"]],
        pick(("Đối tượng", "Recipients"), lang): [pick(RECIPIENTS[v], lang) for v in counts["recipient_type"]],
        pick(("Số lượt", "Awards"), lang): counts["sum"].to_numpy(),
        pick(("Số chỉ tiêu", "Figures"), lang): counts["size"].to_numpy(),
    })
    return Chart(fig, table, caption(rows, lang))


def by_period(rows: pd.DataFrame, units: dict, lang: str) -> Chart:
    """One measure over the periods it has; with a single period it says so and draws a single bar."""
    rows = rows.sort_values("period")
    first, last = rows.iloc[0].to_dict(), rows.iloc[-1].to_dict()
    unit = units[last["unit"]]
    name = last[f"name_{lang}"]
    if len(rows) == 1:
        title = f"{name} {last['period']}: {value_text(last, unit, lang)}"
    else:
        title = f"{name}: {value_text(first, unit, lang)} ({first['period']}) → {value_text(last, unit, lang)} ({last['period']})"
    is_pct = unit["kind"] in ("percent", "rate")
    fig = go.Figure(go.Bar(x=rows["period"].astype(str).tolist(), y=rows["value"].tolist(), marker_color=COLORS[2],
                           text=[value_text(r, unit, lang) for r in rows.to_dict("records")], textposition="auto",
                           hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_yaxes(tickformat=",.1f" if is_pct else ",.0f", ticksuffix="%" if is_pct else "", rangemode="tozero", title=None)
    fig.update_xaxes(type="category", title=None)
    return Chart(_layout(fig, title, lang), _table(rows, units, lang), caption(rows, lang))
