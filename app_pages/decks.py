"""Trình chiếu: the decks of data/decks (open one full screen, or take it away as PowerPoint), and a new deck put
together from the figures the filters select, downloaded as a deck file that validates (and saved under data/decks
when the app may write there)."""

import datetime as dt

import pandas as pd
import streamlit as st
import yaml

from metrics import qr
from metrics.cards import value_text
from metrics.decks import pptx, slides
from metrics.decks.kind import DeckFiles
from metrics.i18n import date, t, tn
from metrics.loading.pipeline import validate_text
from ui.data import refresh, writable
from ui.shell import view
from ui.show import esc
from ui.theme_page import title

v = view()
lang = v.lang
title(v, "decks")



def powerpoint(deck) -> bytes:
    """The deck as PowerPoint in the page's language, built when clicked; its closing QR code opens the deck live
    (at DASHBOARD_PUBLIC_URL, else at this browser's address)."""
    base = qr.public_base() or qr.base_of(st.context.url, "decks")
    shown = slides.view(deck, v.ds.frame, v.ds.refs, lang, v.ds.previous, v.ds.tasks)
    return pptx.write(shown, qr.view_url(base, "present", {"deck": deck.id, "slide": 1, "lang": lang}))


for deck in v.ds.decks.values():
    with st.container(border=True, key=f"deck-{deck.id}"):
        st.markdown(f"**{esc(deck.title.text(lang))}**")
        count = tn("slides_count", len(deck.slides), lang)
        st.caption(f"{esc(v.name('agencies', deck.presenter))} · {date(deck.date, lang)} · {count}")
        cols = st.columns([1, 1, 3])
        cols[0].page_link("app_pages/present.py", label=t("present_deck", lang), icon=":material/play_arrow:",
                          query_params={"deck": deck.id, "slide": "1", "lang": lang})
        cols[1].download_button(t("download_pptx", lang), lambda d=deck: powerpoint(d), file_name=f"{deck.id}-{lang}.pptx",
                                mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                key=f"pptx-{deck.id}", on_click="ignore", icon=":material/download:")
if v.ds.deck_load.problems:
    st.caption(t("decks_with_problems", lang, n=len(v.ds.deck_load.problems)))
    st.page_link("app_pages/quality.py", label=t("see_quality", lang))

# --- a new deck from the figures the filters select -------------------------------------------------------------
st.subheader(t("new_deck", lang))
stated = v.rows[~v.rows["derived"]]
if stated.empty or v.period == "all":
    st.info(t("new_deck_needs_year", lang))
    st.stop()
names = {r["id"]: f"{r[f'name_{lang}']}: {value_text(r, v.units[r['unit']], lang)}" for r in stated.to_dict("records")}
cols = st.columns(3)
deck_id = cols[0].text_input(t("deck_id", lang), value=f"deck-{v.period}", key="new-deck-id")
title_vi = cols[1].text_input(t("deck_title_vi", lang), key="new-deck-title-vi")
title_en = cols[2].text_input(t("deck_title_en", lang), key="new-deck-title-en")
cols = st.columns(3)
presenter = cols[0].selectbox(t("presenter", lang), list(v.ds.refs.agencies), format_func=lambda a: v.name("agencies", a), key="new-deck-presenter")
day = cols[1].date_input(t("deck_date", lang), value=dt.date.today(), key="new-deck-date", format="DD/MM/YYYY")
kinds = {"figure": t("slide_kind.figure", lang), "quote": t("slide_kind.quote", lang)}
# One row per slide: the figures the filters select, in order; rows can be added, removed, reordered (the order
# column) and given headlines.
start = pd.DataFrame({"order": range(1, len(names) + 1), "kind": "figure", "metric": list(names), "headline_vi": "", "headline_en": ""})
edited = st.data_editor(start, num_rows="dynamic", hide_index=True, key=f"new-deck-slides-{v.key}", column_config={
    "order": st.column_config.NumberColumn(t("slide_order", lang), min_value=1, step=1),
    "kind": st.column_config.SelectboxColumn(t("slide_kind", lang), options=list(kinds), required=True),
    "metric": st.column_config.SelectboxColumn(t("figure", lang), options=list(names), required=True, width="large"),
    "headline_vi": st.column_config.TextColumn(t("headline_vi", lang)),
    "headline_en": st.column_config.TextColumn(t("headline_en", lang)),
})


def deck_yaml() -> str:
    """The deck as a deck file: what the editor holds, in order, ending with a closing slide."""
    slides = []
    for r in edited.dropna(subset=["metric"]).sort_values("order", kind="stable").to_dict("records"):
        slide = {"kind": r["kind"] or "figure", "metric": r["metric"]}
        if str(r.get("headline_vi") or "").strip() or str(r.get("headline_en") or "").strip():
            slide["headline"] = {"vi": str(r.get("headline_vi") or "").strip(), "en": str(r.get("headline_en") or "").strip()}
        slides.append(slide)
    doc = {"id": deck_id.strip(), "title": {"vi": title_vi.strip(), "en": title_en.strip()}, "date": day.isoformat(),
           "presenter": presenter, "period": int(v.period), "slides": [*slides, {"kind": "closing"}]}
    return yaml.dump(doc, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=120)


class NoAliases(yaml.SafeDumper):
    """Every value written out: deck files refuse YAML anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


text = deck_yaml()
checked = validate_text(text, DeckFiles(v.ds.frame, v.units), v.ds.root, v.ds.refs, path=f"decks/{deck_id.strip() or 'deck'}.yaml")
if checked.problems:
    st.error(t("deck_invalid", lang))
    st.dataframe(pd.DataFrame([p.as_dict() for p in checked.problems]).drop(columns="file"), hide_index=True)
else:
    st.success(t("deck_valid", lang, n=len(yaml.safe_load(text)["slides"])))
    cols = st.columns([1, 1, 2])
    cols[0].download_button(t("download_deck", lang), text.encode("utf-8"), file_name=f"{deck_id.strip()}.yaml", mime="application/yaml",
                            key="new-deck-download", on_click="ignore", icon=":material/download:")
    folder = v.ds.root / "decks"
    if writable(folder):
        target = folder / f"{deck_id.strip()}.yaml"  # a valid id is a slug: the file stays inside data/decks
        overwrite = target.exists() and cols[2].checkbox(t("deck_overwrite", lang, file=target.name), key="new-deck-overwrite")
        if cols[1].button(t("save_deck", lang), key="new-deck-save", disabled=target.exists() and not overwrite):
            folder.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
            refresh()
            st.toast(t("deck_saved", lang, file=f"decks/{target.name}"))
