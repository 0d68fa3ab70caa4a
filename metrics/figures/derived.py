"""Figures computed from stated ones (the plan implied by 651 at 162%, funding per severance case), marked as
derived with their formula in every language; never typed into data files."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.figures.columns import COLUMNS, DTYPES
from metrics.formatting import figure, number
from metrics.i18n import LANGS, t
from metrics.models import Unit

DERIVED_COLUMNS = tuple(c.name for c in COLUMNS if c.derived_only)
IMPLIED_PLAN = "-implied-plan"  # suffix of the id of the plan a figure's percent of plan implies


@dataclass(frozen=True)
class Ratio:
    """A derived figure: numerator ÷ denominator of two stated series of the same document and period; its name
    is the catalog's derived.<id> entry."""

    id: str
    numerator: str
    denominator: str


RATIOS = (Ratio("severance-funding-per-case", "severance-funding", "severance-cases"),)


def implied_plan(amount: float, plan_percent: float) -> float:
    """The plan a figure implies from its attainment: 651 at 162% of plan → about 402."""
    return amount / (plan_percent / 100)


def implied_plan_id(metric_id: str) -> str:
    return metric_id + IMPLIED_PLAN


def implied_plans(frame: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """The derived implied-plan rows of the given figures, in their order."""
    return frame.set_index("id").reindex((ids + IMPLIED_PLAN).tolist()).reset_index()


def derive(frame: pd.DataFrame, units: dict[str, Unit]) -> pd.DataFrame:
    """Derived rows for the stated figures in frame (same columns, plus the derived ones). Only the rows that feed
    a derivation become records: a frame of 200,000 figures has a handful of them."""
    rows = [_implied_plan(r, units) for r in frame[frame["plan_percent"].notna()].to_dict("records")]
    for ratio in RATIOS:
        num = frame[frame["series"] == ratio.numerator]
        den = frame[frame["series"] == ratio.denominator]
        if num.empty or den.empty:
            continue
        # The same document and period state both figures: match them on those.
        denominators = {(d["source_id"], d["period"]): d for d in den.to_dict("records")}
        for n in num.to_dict("records"):
            d = denominators.get((n["source_id"], n["period"]))
            if d and d["amount"]:
                rows.append(_ratio(ratio, n, d, units))
    return pd.DataFrame(rows, columns=[*frame.columns, *DERIVED_COLUMNS]).astype(_dtypes(frame))


def with_derived(frame: pd.DataFrame, units: dict[str, Unit]) -> pd.DataFrame:
    """Stated rows (derived=False) followed by derived rows: what exports and pages show."""
    stated = frame.assign(derived=False, formula_vi=pd.NA, formula_en=pd.NA, inputs=pd.NA)
    extra = derive(frame, units)
    if extra.empty:
        return stated.astype(_dtypes(frame))
    return pd.concat([stated.astype(_dtypes(frame)), extra], ignore_index=True).astype(_dtypes(frame))


def _dtypes(frame: pd.DataFrame) -> dict:
    # Fresh categories: a derived row brings values ("about") the stated rows' categories may lack.
    return {c: ("category" if isinstance(t, pd.CategoricalDtype) else t) for c, t in frame.dtypes.items()} | {
        c: DTYPES[c] for c in DERIVED_COLUMNS}


def _show(r: dict, units: dict[str, Unit], lang: str) -> str:
    u = units[r["unit"]]
    return figure(r["amount"], u.kind, u.label.text(lang), lang, qualifier=r["qualifier"], total=None)


def _implied_plan(r: dict, units: dict[str, Unit]) -> dict:
    plan = implied_plan(r["amount"], r["plan_percent"])
    formula = {lang: f"{_show(r, units, lang)} ÷ {number(r['plan_percent'], lang)}% ≈ {number(plan, lang, 0)}" for lang in LANGS}
    return {**_base(r), "id": implied_plan_id(r["id"]), "series": implied_plan_id(r["series"]), "amount": plan, "value": plan,
            "name_vi": t("derived.implied_plan", "vi", name=r["name_vi"]), "name_en": t("derived.implied_plan", "en", name=r["name_en"]),
            "formula_vi": formula["vi"], "formula_en": formula["en"], "inputs": r["id"]}


def _ratio(ratio: Ratio, num: dict, den: dict, units: dict[str, Unit]) -> dict:
    value = num["amount"] / den["amount"]
    formula = {lang: f"{_show(num, units, lang)} ÷ {_show(den, units, lang)}" for lang in LANGS}
    rid = ratio.id if num["id"] == ratio.numerator else f"{num['id']}-per-{den['id']}"
    return {**_base(num), "id": rid, "series": ratio.id, "amount": value, "value": value,
            "name_vi": t(f"derived.{ratio.id}", "vi"), "name_en": t(f"derived.{ratio.id}", "en"),
            "quote": f"{num['quote']} … {den['quote']}" if num["quote"] != den["quote"] else num["quote"],
            "formula_vi": formula["vi"], "formula_en": formula["en"], "inputs": f"{num['id']}, {den['id']}"}


def _base(r: dict) -> dict:
    # A derived figure is an estimate from rounded inputs: it reads as "about", never as exact.
    return {**r, "qualifier": "about", "scale": "one", "total": float("nan"), "plan_percent": float("nan"),
            "change": None, "derived": True}
