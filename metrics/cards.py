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


def value_text(row: dict, unit: Unit, lang: Lang) -> str:
    """The figure as read aloud: 'trên 500 hội nghị, cuộc họp', 'giảm 65,2%', '184/184 nhiệm vụ', '5.535 tỷ đồng'."""
    total = row.get("total")
    one = row["amount"] == 1 and fmt.missing(total) and unit.label_one is not None
    label = (unit.label_one if one else unit.label).text(lang)
    text = fmt.figure(row["amount"], unit.kind, label, lang, qualifier=row.get("qualifier"),
                      total=None if fmt.missing(total) else total)
    change = row.get("change")
    return text if fmt.missing(change) else f"{t(f'change.{change}', lang)} {text}"


def source_line(row: dict, lang: Lang) -> str:
    return f"{row['source_title']} · {date(row['source_published'], lang)}"


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


def card(row: dict, units: dict[str, Unit], lang: Lang, previous: dict | None = None) -> Card:
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
    )


def cards(frame: pd.DataFrame, units: dict[str, Unit], lang: Lang, previous: dict[str, dict]) -> list[Card]:
    """Cards for every row of frame; previous (see figures.history.previous_periods) supplies earlier periods."""
    return [card(r, units, lang, previous.get(r["id"])) for r in frame.to_dict("records")]
