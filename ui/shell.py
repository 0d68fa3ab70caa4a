"""The sidebar filters and the filtered view every page reads."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from metrics.charts.registry import Scope
from metrics.dataset import Dataset
from metrics.i18n import LANGS, Lang, t
from metrics.models import Unit
from ui import state
from ui.data import dataset
from ui.show import rejected_notice


@dataclass
class View:
    """What the page shows: the language, the filters, and the figures they select."""

    ds: Dataset
    lang: Lang
    period: object
    agency: str
    theme: str
    rows: pd.DataFrame  # the filtered figures (stated and derived)
    history: pd.DataFrame  # the same filters over every period, for changes against the previous one

    @property
    def units(self) -> dict[str, Unit]:
        return self.ds.refs.units

    @property
    def scope(self) -> Scope:
        return Scope(self.rows, self.history)

    @property
    def key(self) -> tuple:
        """What the view's content depends on: the data, the filters and the language."""
        return (self.ds.token, self.period, self.agency, self.theme, self.lang)

    def name(self, table: str, key: str) -> str:
        return self.ds.refs.name(table, key, self.lang)


def sidebar() -> Lang:
    """Build the filters (from the URL on a new link) and return the language."""
    ds = dataset()
    default = ds.default_period
    options = {
        "lang": list(LANGS),
        "period": [default, *[p for p in ds.periods if p != default], state.ALL],
        "agency": [state.ALL, *ds.agencies],
        "theme": [state.ALL, *ds.themes],
    }
    state.adopt_url(options)
    lang = st.session_state["lang"]
    with st.sidebar:
        # Each language is named in itself, so a reader who cannot read the current one still finds theirs.
        st.segmented_control(t("language", lang), list(LANGS), format_func=lambda code: t("language.self", code), key="lang",
                             required=True)
        lang = st.session_state["lang"]
        st.selectbox(t("period", lang), options["period"], key="period",
                     format_func=lambda p: t("all", lang) if p == state.ALL else str(p))
        refs = ds.refs
        st.selectbox(t("agency", lang), options["agency"], key="agency",
                     format_func=lambda a: t("all", lang) if a == state.ALL else refs.name("agencies", a, lang))
        st.selectbox(t("theme", lang), options["theme"], key="theme",
                     format_func=lambda k: t("all", lang) if k == state.ALL else refs.name("themes", k, lang))
    return lang


def view(theme: str | None = None) -> View:
    """The filtered figures for a page; theme pages pass their own theme, which the theme filter cannot hide."""
    ds = dataset()
    ss = st.session_state
    lang, period, agency = ss["lang"], ss["period"], ss["agency"]
    frame = ds.frame
    mask = pd.Series(True, index=frame.index)
    if agency != state.ALL:
        mask &= frame["agency"] == agency
    chosen = theme or (ss["theme"] if ss["theme"] != state.ALL else None)
    if chosen:
        mask &= frame["theme"] == chosen
    history = frame[mask]
    rows = history if period == state.ALL else history[history["period"] == period]
    if ds.synthetic:
        st.warning(t("synthetic", lang), icon=":material/science:")
    rejected_notice(ds, lang)
    return View(ds, lang, period, agency, chosen or state.ALL, rows, history)
