"""The whole view lives in the URL: language, period, agency, theme, the selected figure and source, and the
search text.

Streamlit drops plain query parameters when the user changes page, so the session keeps the view and every
run writes it back to the URL. A URL that differs from what this session last wrote is a link being opened
(or a new session): then the URL decides."""

from __future__ import annotations

import streamlit as st

KEYS = ("lang", "period", "agency", "theme", "metric", "source", "q", "deck", "slide", "status", "task")
ONLY_ON = {"deck": "present", "slide": "present", "status": "tasks", "task": "sources"}  # in the address of that page only
ALL = "all"


def _clean(key: str, raw: str | None, options: dict[str, list]) -> object:
    """A value from the URL, or the default when it is missing or unknown (a stale or mistyped link)."""
    allowed = options.get(key)
    if key == "slide":
        return int(raw) if raw is not None and str(raw).isdigit() and int(raw) >= 1 else 1
    if key == "period":
        try:
            value = int(raw) if raw not in (None, ALL) else (ALL if raw == ALL else None)
        except ValueError:
            value = None
    else:
        value = raw
    if allowed is not None and value not in allowed:
        return allowed[0]
    return value


def adopt_url(options: dict[str, list]) -> None:
    """Before the widgets exist: take the view from the URL when it carries one this session did not write.
    options[key][0] is the key's default."""
    current = {k: st.query_params.get(k) for k in KEYS if k in st.query_params}
    first_run = "_url" not in st.session_state
    if first_run or (current and current != st.session_state["_url"]):
        for key in KEYS:
            # A link inside the app names only what it changes (a figure, a source): the rest of the view stays.
            if key in current or first_run:
                st.session_state[key] = _clean(key, current.get(key), options)
    # Whatever the run brings, every filter holds one of its values before any code reads it: a rerun sent by a
    # browser whose widgets were not drawn yet (a crowd at a cold server, a reconnect) can carry none (None).
    for key, allowed in options.items():
        if st.session_state.get(key) not in allowed:
            st.session_state[key] = _clean(key, current.get(key), options)
    # A page shows only the filters that apply to it; saved again here, the others are not cleaned up with their
    # widgets, so the view (and the URL) keeps them for the next page.
    for key in KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def write_url(page: str | None = None) -> None:
    """After the widgets: the view as query parameters, so a copied address restores it (the deck and slide only on
    the presentation page)."""
    params = {k: str(st.session_state[k]) for k in KEYS
              if st.session_state.get(k) not in (None, "") and ONLY_ON.get(k, page) == page}
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)
    st.session_state["_url"] = params
