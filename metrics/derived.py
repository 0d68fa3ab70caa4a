"""Figures computed from stated ones (the plan implied by 651 at 162%, funding per severance case),
marked as derived with their formula; never typed into data files."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.formatting import figure, number

DERIVED_COLUMNS = ("derived", "formula_vi", "formula_en", "inputs")


@dataclass(frozen=True)
class Ratio:
    """A derived figure: numerator ÷ denominator of two stated metrics of the same period."""

    id: str
    numerator: str
    denominator: str
    name_vi: str
    name_en: str


RATIOS = (
    Ratio("severance-funding-per-case", "severance-funding", "severance-cases",
          "Kinh phí bình quân mỗi trường hợp thôi việc", "Average severance funding per case"),
)


def derive(frame: pd.DataFrame, units: dict[str, dict]) -> pd.DataFrame:
    """Derived rows for the stated metrics in frame (same columns, plus derived/formula/inputs). Only the rows
    that feed a derivation are turned into records: a frame of 200,000 figures has a handful of them."""
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
            if d and d["value"]:
                rows.append(_ratio(ratio, n, d, units))
    return pd.DataFrame(rows, columns=[*frame.columns, *DERIVED_COLUMNS]).astype(_dtypes(frame))


def with_derived(frame: pd.DataFrame, units: dict[str, dict]) -> pd.DataFrame:
    """Stated rows (derived=False) followed by derived rows: what exports and pages show."""
    stated = frame.assign(derived=False, formula_vi=pd.NA, formula_en=pd.NA, inputs=pd.NA)
    extra = derive(frame, units)
    if extra.empty:
        return stated
    return pd.concat([stated.astype(_dtypes(frame)), extra], ignore_index=True).astype(_dtypes(frame))


def _dtypes(frame: pd.DataFrame) -> dict:
    # Fresh categories: a derived row brings values ("about") the stated rows' categories may lack.
    return {c: ("category" if isinstance(t, pd.CategoricalDtype) else t) for c, t in frame.dtypes.items()} | {
        "derived": "bool", "formula_vi": "string", "formula_en": "string", "inputs": "string"}


def implied_plan(value: float, plan_percent: float) -> float:
    """The plan a figure implies from its attainment: 651 at 162% of plan → about 402."""
    return value / (plan_percent / 100)


def _show(r: dict, units: dict, lang: str) -> str:
    u = units[r["unit"]]
    return figure(r["value"], u["kind"], u["label"][lang], lang, qualifier=r["qualifier"], total=None)


def _implied_plan(r: dict, units: dict) -> dict:
    plan = implied_plan(r["value"], r["plan_percent"])
    formula = {lang: f"{_show(r, units, lang)} ÷ {number(r['plan_percent'], lang)}% ≈ {number(plan, lang, 0)}" for lang in ("vi", "en")}
    return {**_base(r), "id": f"{r['id']}-implied-plan", "series": f"{r['series']}-implied-plan", "value": plan, "stated_value": plan,
            "name_vi": f"Kế hoạch suy ra: {r['name_vi']}", "name_en": f"Implied plan: {r['name_en']}",
            "formula_vi": formula["vi"], "formula_en": formula["en"], "inputs": r["id"]}


def _ratio(ratio: Ratio, num: dict, den: dict, units: dict) -> dict:
    value = num["value"] / den["value"]
    formula = {lang: f"{_show(num, units, lang)} ÷ {_show(den, units, lang)}" for lang in ("vi", "en")}
    rid = ratio.id if num["id"] == ratio.numerator else f"{num['id']}-per-{den['id']}"
    return {**_base(num), "id": rid, "series": ratio.id, "value": value, "stated_value": value,
            "name_vi": ratio.name_vi, "name_en": ratio.name_en,
            "quote": f"{num['quote']} … {den['quote']}" if num["quote"] != den["quote"] else num["quote"],
            "formula_vi": formula["vi"], "formula_en": formula["en"], "inputs": f"{num['id']}, {den['id']}"}


def _base(r: dict) -> dict:
    # A derived figure is an estimate from rounded inputs: it reads as "about", never as exact.
    return {**r, "qualifier": "about", "scale": "one", "total": float("nan"), "plan_percent": float("nan"),
            "change": None, "derived": True}
