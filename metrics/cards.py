"""What a figure's card says, computed from the frame: value in the language, qualifier, fraction, plan, change
against the previous period, derived formula, and the source line."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics import formatting as fmt
from metrics.figures.derived import implied_plan
from metrics.i18n import Lang, date, t
from metrics.models import Unit


@dataclass(frozen=True)
class Card:
    """A figure as a card shows it; every text already in the card's language."""

    id: str
    title: str
    value: str
    source: str
    quote: str
    theme: str
    source_id: str
    fraction: float | None = None  # achieved ÷ total, for a progress bar
    plan: str | None = None
    delta: str | None = None
    derived: bool = False
    formula: str | None = None
    comparison: str | None = None  # what the source compares the figure with, in its words
    period: int | None = None  # the year, when the card stands among figures of several years
    quoted: str = ""  # the figure whose quote the source text marks: itself, or a derived figure's first input


def value_text(row: dict, unit: Unit, lang: Lang) -> str:
    """The figure as read aloud: 'trên 500 hội nghị, cuộc họp', 'giảm 65,2%', '184/184 nhiệm vụ', '5.535 tỷ đồng';
    in the source's words when it says them instead of a number ('xóa bỏ hoàn toàn'), and by name when a single
    recipient is named ('Sở Nội vụ')."""
    if not fmt.missing(row.get(f"stated_as_{lang}")):
        return row[f"stated_as_{lang}"]
    if not fmt.missing(row.get("recipient")) and row["amount"] == 1:
        return row["recipient"]
    total = row.get("total")
    one = row["amount"] == 1 and fmt.missing(total) and unit.label_one is not None
    label = (unit.label_one if one else unit.label).text(lang)
    text = fmt.figure(row["amount"], unit.kind, label, lang, qualifier=row.get("qualifier"),
                      total=None if fmt.missing(total) else total)
    change = row.get("change")
    return text if fmt.missing(change) else f"{t(f'change.{change}', lang)} {text}"


def source_title(row: dict, lang: Lang) -> str:
    """The document's title in the language: the Vietnamese title itself, or its English translation marked as one."""
    translated = row.get("source_title_en")
    if lang == "vi" or fmt.missing(translated):
        return str(row["source_title"])
    return f"{translated} ({t('translated', lang)})"


def source_line(row: dict, lang: Lang) -> str:
    return f"{source_title(row, lang)} · {date(row['source_published'], lang)}"


def delta_text(row: dict, previous: dict | None, unit: Unit, lang: Lang) -> str | None:
    """'+120 so với 2024'; percents change in percentage points. None when there is no earlier period."""
    if previous is None:
        return None
    diff = row["amount"] - previous["amount"]
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    if unit.kind in ("percent", "rate"):
        amount = t("points", lang, x=fmt.number(abs(diff), lang))
    elif unit.kind == "money":
        amount = fmt.money(abs(diff), lang)
    else:
        amount = fmt.number(abs(diff), lang)
    return f"{sign}{amount} {t('vs_previous', lang, period=previous['period'])}"


def card(row: dict, units: dict[str, Unit], lang: Lang, previous: dict | None = None, with_period: bool = False) -> Card:
    """The card of one frame row (stated or derived)."""
    unit = units[row["unit"]]
    plan = None
    if not fmt.missing(row.get("plan_percent")):
        implied = implied_plan(row["amount"], row["plan_percent"])
        plan = (t("of_plan", lang, pct=fmt.percent(row["plan_percent"], lang)) + " · "
                + t("implied_plan", lang, plan=fmt.number(implied, lang, 0)) + f" ({t('derived', lang).lower()})")
    total = row.get("total")
    derived = bool(row.get("derived")) is True
    return Card(
        id=row["id"], title=row[f"name_{lang}"], value=value_text(row, unit, lang), source=source_line(row, lang),
        quote=row["quote"], theme=str(row["theme"]), source_id=str(row["source_id"]),
        fraction=None if fmt.missing(total) else row["amount"] / total, plan=plan,
        delta=delta_text(row, previous, unit, lang), derived=derived,
        formula=row.get(f"formula_{lang}") if derived else None,
        comparison=None if fmt.missing(row.get(f"comparison_{lang}")) else row[f"comparison_{lang}"],
        period=int(row["period"]) if with_period else None,
        quoted=str(row["inputs"]).split(",")[0].strip() if derived and not fmt.missing(row.get("inputs")) else row["id"],
    )


def cards(frame: pd.DataFrame, units: dict[str, Unit], lang: Lang, previous: dict[str, dict], with_period: bool = False) -> list[Card]:
    """Cards for every row of frame; previous (see figures.history.previous_periods) supplies earlier periods;
    with_period: each card says its year (when the view covers every year)."""
    return [card(r, units, lang, previous.get(r["id"]), with_period) for r in frame.to_dict("records")]
