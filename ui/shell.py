"""The view every page reads: the language and filters (taken from the URL, shown in the sidebar where they apply to
the page), and the figures they select."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from metrics import qr
from metrics.charts.registry import Scope
from metrics.dataset import Dataset
from metrics.i18n import LANGS, Lang, date, t
from metrics.models import Unit
from metrics.pages import FILTERS
from metrics.snapshot import links
from ui import state
from ui.data import dataset
from ui.show import esc, rejected_notice
from ui.stage import qr_block


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
    def several_years(self) -> bool:
        """The view covers every year and its figures more than one: each card then says its year."""
        return self.period == state.ALL and self.rows["period"].nunique() > 1

    @property
    def key(self) -> tuple:
        """What the view's content depends on: the data, the filters and the language."""
        return (self.ds.token, self.period, self.agency, self.theme, self.lang)

    def name(self, table: str, key: str) -> str:
        return self.ds.refs.name(table, key, self.lang)


def options(ds: Dataset) -> dict[str, list]:
    """Each filter's values, its default first."""
    default = ds.default_period
    return {"lang": list(LANGS), "period": [default, *[p for p in ds.periods if p != default], state.ALL],
            "agency": [state.ALL, *ds.agencies], "theme": [state.ALL, *ds.themes]}


def prepare() -> Lang:
    """Before the menu: the view from the URL (or the session), every filter holding one of its values. Returns the
    language, which the menu's titles need."""
    state.adopt_url(options(dataset()))
    return st.session_state["lang"]


def sidebar(page: str) -> Lang:
    """The language switch and the filters that apply to this page (a filter shown always acts); a way to clear a
    selected figure. Returns the language."""
    ds, lang = dataset(), st.session_state["lang"]
    opts = options(ds)
    with st.sidebar:
        # Each language is named in itself, so a reader who cannot read the current one still finds theirs.
        st.segmented_control(t("language", lang), list(LANGS), format_func=lambda code: t("language.self", code), key="lang",
                             required=True)
        lang = st.session_state["lang"]
        shown = FILTERS.get(page, ())
        if "period" in shown:
            st.selectbox(t("period", lang), opts["period"], key="period", format_func=lambda p: t("all", lang) if p == state.ALL else str(p))
        if "agency" in shown:
            st.selectbox(t("agency", lang), opts["agency"], key="agency",
                         format_func=lambda a: t("all", lang) if a == state.ALL else ds.refs.name("agencies", a, lang))
        if "theme" in shown:
            st.selectbox(t("theme", lang), opts["theme"], key="theme",
                         format_func=lambda k: t("all", lang) if k == state.ALL else ds.refs.name("themes", k, lang))
        base = qr.public_base()
        app = base or qr.base_of(st.context.url, page)
        # The current view (page, language, filters, selected figure) as an address a phone opens.
        here = qr.view_url(app, page, {k: st.session_state.get(k) for k in state.KEYS if state.ONLY_ON.get(k, page) == page})
        frozen = frozen_copy(ds, page, lang, app)
        with st.popover(t("open_on_phone", lang), icon=":material/qr_code_2:"):
            if frozen:
                # A hall's phones are served best by the frozen copy (static files): the default while it holds
                # today's data; the live view otherwise.
                url, current, day = frozen
                choices = ["snapshot", "live"] if current else ["live", "snapshot"]
                target = st.radio(t("qr.target", lang), choices, key="qr-target", format_func=lambda c: t(
                    "qr.target.live", lang) if c == "live" else t("qr.target.snapshot", lang, date=date(day, lang)))
                here = url if target == "snapshot" else here
            qr_block(here, lang, public=base is not None)
        selected = st.session_state.get("metric")
        if selected:
            name = ds.frame.loc[ds.frame["id"] == selected, f"name_{lang}"]
            st.caption(f"{t('selected', lang)}: {esc(name.iloc[0]) if len(name) else esc(selected)}")
            st.button(t("clear_selection", lang), icon=":material/close:", on_click=_clear, key="clear-selection")
    return lang


def frozen_copy(ds: Dataset, page: str, lang: Lang, app: str) -> tuple[str, bool, dt.date] | None:
    """A link to this view in the latest snapshot, when snapshots are served (metrics/snapshot/links.py): shown in the
    sidebar, marked when the data has changed since. Returns the snapshot's absolute address, whether it holds the
    data shown now, and its day."""
    newest = links.newest()
    if newest is None:
        return None
    snap, site = newest
    ss = st.session_state
    current = snap.fingerprint == ds.fingerprint
    label = t("snapshot.link", lang, date=date(snap.day, lang)) + ("" if current else " " + t("snapshot.stale", lang))
    st.link_button(label, links.view_url(site, snap, page, lang, ss.get("metric"), ss.get("source")), icon=":material/ac_unit:",
                   width="stretch")
    return links.view_url(site, snap, page, lang, ss.get("metric"), ss.get("source"), base=app), current, snap.day


def _clear() -> None:
    st.session_state["metric"] = None


def view(theme: str | None = None, period: object | None = None) -> View:
    """The filtered figures for a page. Theme pages pass their theme (no theme filter is shown there); a page that
    covers a fixed set of years passes period=state.ALL (no year filter is shown there)."""
    ds = dataset()
    ss = st.session_state
    lang, agency = ss["lang"], ss["agency"]
    period = ss["period"] if period is None else period
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
