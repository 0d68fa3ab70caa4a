"""What each slide of a deck shows, in one language, from the figures as they are now: every number formatted here
from its figure (never typed in the deck), derived figures with their badge and formula, a slide whose figure the
data check has rejected since the deck was written shown as a placeholder naming the problem. The presentation
page and the PowerPoint writer draw these; neither formats a number itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from metrics.cards import Card, card, source_title
from metrics.charts import builders
from metrics.charts.registry import Scope, build
from metrics.charts.spec import Chart
from metrics.decks.model import ChartSlide, ClosingSlide, Deck, FigureSlide, FiguresSlide, QuoteSlide, TasksSlide
from metrics.i18n import Lang, date, t
from metrics.references import Refs
from metrics.tasks import register


@dataclass(frozen=True)
class SlideView:
    """One slide, every text in the slide's language."""

    number: int  # 1-based
    kind: str
    headline: str | None = None
    figures: tuple[Card, ...] = ()
    chart: Chart | None = None
    quote: str | None = None
    sources: tuple[str, ...] = ()  # the documents behind the slide: 'Title · agency · 05/01/2026'
    notes: tuple[str, ...] = ()  # the verbatim quotes of the slide's figures, for the speaker
    problem: str | None = None  # why the slide cannot be shown as written (a figure rejected since)
    figure_ids: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class DeckView:
    deck: Deck
    lang: Lang
    title: str
    subtitle: str | None
    presenter: str
    day: str
    slides: tuple[SlideView, ...]


def view(deck: Deck, frame: pd.DataFrame, refs: Refs, lang: Lang, previous: dict | None = None, tasks: list | None = None) -> DeckView:
    """The deck in one language over the current figures (stated and derived rows of the frame) and tasks (the
    register's (task, source id) pairs, for a tasks slide)."""
    by_id = frame.set_index("id", drop=False)
    slides = tuple(_task_slide(n, s, frame, refs, lang, tasks or []) if isinstance(s, TasksSlide)
                   else _slide(n, s, deck, by_id, frame, refs, lang, previous or {}) for n, s in enumerate(deck.slides, 1))
    return DeckView(deck, lang, deck.title.text(lang), deck.subtitle.text(lang) if deck.subtitle else None,
                    refs.name("agencies", deck.presenter, lang), date(deck.date, lang), slides)


def _source(row: dict, refs: Refs, lang: Lang) -> str:
    return f"{source_title(row, lang)} · {refs.name('agencies', row['source_agency'], lang)} · {date(row['source_published'], lang)}"


def _slide(n: int, s, deck: Deck, by_id: pd.DataFrame, frame: pd.DataFrame, refs: Refs, lang: Lang, previous: dict) -> SlideView:
    headline = s.headline.text(lang) if s.headline else None
    ids = ([s.metric] if getattr(s, "metric", None) else []) + list(getattr(s, "metrics", None) or [])
    missing = [mid for mid in ids if mid not in by_id.index]
    if missing:
        return SlideView(n, s.kind, headline, problem=t("slide_missing", lang, ids=", ".join(missing)), figure_ids=tuple(ids))
    rows = [by_id.loc[mid].to_dict() for mid in ids]
    sources = tuple(dict.fromkeys(_source(r, refs, lang) for r in rows))
    notes = tuple(dict.fromkeys(r["quote"] for r in rows))
    if isinstance(s, FigureSlide | FiguresSlide):
        figures = tuple(card(r, refs.units, lang, previous.get(r["id"])) for r in rows)
        return SlideView(n, s.kind, headline, figures=figures, sources=sources, notes=notes, figure_ids=tuple(ids))
    if isinstance(s, QuoteSlide):
        r = rows[0]
        return SlideView(n, s.kind, headline or r[f"name_{lang}"], figures=(card(r, refs.units, lang),), quote=r["quote"], sources=sources,
                         notes=notes, figure_ids=tuple(ids))
    if isinstance(s, ChartSlide):
        chart = _chart(s, deck, frame, rows, refs, lang)
        if chart is None:
            return SlideView(n, s.kind, headline, problem=t("slide_no_chart", lang, chart=s.chart or ""), figure_ids=tuple(ids))
        chart_rows = frame[frame["id"].isin([mid for _, mid in chart.quotes])]
        chart_sources = tuple(dict.fromkeys(_source(r, refs, lang) for r in chart_rows.to_dict("records")))
        return SlideView(n, s.kind, headline or chart.title, chart=chart, sources=chart_sources,
                         notes=tuple(dict.fromkeys(chart_rows["quote"])), figure_ids=tuple(mid for _, mid in chart.quotes))
    if isinstance(s, ClosingSlide):
        return SlideView(n, s.kind, headline or t("closing_thanks", lang), sources=deck_sources(deck, frame, refs, lang))
    raise TypeError(f"unknown slide kind {s.kind}")


def _task_slide(n: int, s: TasksSlide, frame: pd.DataFrame, refs: Refs, lang: Lang, tasks: list) -> SlideView:
    """The register's summary: each task's "rõ" stated, of six, and the message; today decides what is overdue."""
    chosen = [(task, sid) for task, sid in tasks if s.body is None or task.body == s.body]
    headline = s.headline.text(lang) if s.headline else None
    if not chosen:
        return SlideView(n, s.kind, headline, problem=t("slide_no_tasks", lang))
    docs = frame[frame["source_id"].isin({sid for _, sid in chosen})].drop_duplicates("source_id")
    sources = tuple(_source(r, refs, lang) for r in docs.to_dict("records"))
    chart = register.completeness_chart(register.entries(chosen, dt.date.today()), refs, lang,
                                        f"{t('source', lang)}: " + "; ".join(sources))
    return SlideView(n, s.kind, headline or chart.title, chart=chart, sources=sources, notes=tuple(task.quote for task, _ in chosen))


def _chart(s: ChartSlide, deck: Deck, frame: pd.DataFrame, rows: list[dict], refs: Refs, lang: Lang) -> Chart | None:
    if s.metrics:
        return builders.compare(pd.DataFrame(rows), refs.units, lang, f"deck:{deck.id}")
    year = frame[frame["period"] == deck.period]
    return build(s.chart, Scope(year, frame), refs.units, lang)


def deck_sources(deck: Deck, frame: pd.DataFrame, refs: Refs, lang: Lang) -> tuple[str, ...]:
    """Every document the deck's figures come from, once, by date."""
    ids = set(deck.metric_ids())
    for s in deck.slides:
        if isinstance(s, ChartSlide) and s.chart:
            chart = build(s.chart, Scope(frame[frame["period"] == deck.period], frame), refs.units, lang)
            ids |= {mid for _, mid in chart.quotes} if chart else set()
    rows = frame[frame["id"].isin(ids)].drop_duplicates("source_id").sort_values("source_published")
    return tuple(_source(r, refs, lang) for r in rows.to_dict("records"))
