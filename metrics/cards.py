"""What a figure's card says, computed from the frame: value in the language, qualifier, fraction, plan,
change against the previous period, derived formula, and the source line."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from metrics import formatting as fmt
from metrics.derived import implied_plan
from metrics.i18n import date, t

CHANGE_WORDS = {"vi": {"decrease": "giảm", "increase": "tăng"}, "en": {"decrease": "down", "increase": "up"}}


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


def _present(x) -> bool:
    return not fmt.missing(x)


def value_text(row: dict, unit: dict, lang: str) -> str:
    """The figure as read aloud: 'trên 500 hội nghị, cuộc họp', 'giảm 65,2%', '184/184 nhiệm vụ', '5.535 tỷ đồng'."""
    total = row.get("total")
    label = (unit.get("label_one") or unit["label"]) if row["value"] == 1 and not _present(total) else unit["label"]
    text = fmt.figure(row["value"], unit["kind"], label[lang], lang, qualifier=row.get("qualifier"),
                      total=total if _present(total) else None)
    change = row.get("change")
    return f"{CHANGE_WORDS[lang][change]} {text}" if _present(change) else text


def source_line(row: dict, lang: str) -> str:
    return f"{row['source_title']} · {date(row['source_published'], lang)}"


def delta_text(row: dict, previous: dict | None, unit: dict, lang: str) -> str | None:
    """'+120 so với 2024'; percents change in percentage points. None when there is no earlier period."""
    if previous is None:
        return None
    diff = row["value"] - previous["value"]
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    if unit["kind"] in ("percent", "rate"):
        amount = f"{fmt.number(abs(diff), lang)} {'điểm %' if lang == 'vi' else 'pp'}"
    elif unit["kind"] == "money":
        amount = fmt.money(abs(diff), lang)
    else:
        amount = fmt.number(abs(diff), lang)
    return f"{sign}{amount} {t('vs_previous', lang, period=previous['period'])}"


def previous_periods(frame: pd.DataFrame) -> dict[str, dict]:
    """For each row id, the same series' row of the latest earlier period (only series with several periods)."""
    out: dict[str, dict] = {}
    if "series" not in frame or frame.empty:
        return out
    multi = frame[frame.groupby("series", observed=True)["period"].transform("nunique") > 1]
    if multi.empty:
        return out
    for _, group in multi.sort_values("period").groupby("series", observed=True):
        records = group.to_dict("records")
        for before, row in pairwise(records):
            if before["period"] < row["period"]:
                out[row["id"]] = before
    return out


def card(row: dict, units: dict, lang: str, previous: dict | None = None) -> Card:
    """The card of one frame row (stated or derived)."""
    unit = units[row["unit"]]
    plan = None
    if _present(row.get("plan_percent")):
        implied = implied_plan(row["value"], row["plan_percent"])
        plan = (t("of_plan", lang, pct=fmt.percent(row["plan_percent"], lang)) + " · "
                + t("implied_plan", lang, plan=fmt.number(implied, lang, 0)) + f" ({t('derived', lang).lower()})")
    total = row.get("total")
    derived = bool(row.get("derived")) is True
    return Card(
        id=row["id"], title=row[f"name_{lang}"], value=value_text(row, unit, lang), source=source_line(row, lang),
        quote=row["quote"], theme=str(row["theme"]), source_id=str(row["source_id"]),
        fraction=row["value"] / total if _present(total) else None, plan=plan,
        delta=delta_text(row, previous, unit, lang), derived=derived,
        formula=row.get(f"formula_{lang}") if derived else None,
    )


def cards(frame: pd.DataFrame, units: dict, lang: str, previous: dict[str, dict] | None = None) -> list[Card]:
    """Cards for every row of frame; previous (see previous_periods) supplies the earlier period's figures."""
    prev = previous_periods(frame) if previous is None else previous
    return [card(r, units, lang, prev.get(r["id"])) for r in frame.to_dict("records")]
