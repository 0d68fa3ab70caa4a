"""What each page of a snapshot holds, in each language: the pages of metrics/pages.py with the same cards
(metrics/cards.py), chart definitions (metrics/charts/registry.py, drawn as SVG by the image renderer) and words (the
catalog) as the app, for the default view (the year under review, every agency; the plan its own years)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from metrics import qr, reader_export
from metrics.cards import cards, source_title, value_text
from metrics.charts.builders import worth_showing
from metrics.charts.image import image
from metrics.charts.registry import Scope, build, trends
from metrics.export import export
from metrics.highlight import document_html, paragraphs
from metrics.i18n import LANGS, Lang, date, num, t, tn
from metrics.pages import CARDS, CHANGES, LAYOUT, MAX_CARDS, SNAPSHOT_PAGES, THEME_PAGES, every_period, leading, ordered, page_title
from metrics.snapshot.html import inline_svg, render

HERE = Path(__file__).resolve().parent
STYLES = (HERE / "templates" / "site.css", HERE.parent / "highlight.css")  # the page's own, and the document marks the app shares
# Each chart twice, at a phone's and at a wide screen's width, so its text is read at body size on both; CSS shows one.
WIDTHS = {"phone": 380, "wide": 820}
TABLE_ROWS = 1_000  # as the app's data page; the files carry every row


@dataclass(frozen=True)
class Meta:
    label: str
    created: str
    fingerprint: str
    live: str | None = None


@dataclass
class Page:
    """One page in one language: where it is, what the shell around it says, and its blocks."""

    lang: Lang
    path: str  # relative to the language folder: 'overview.html', 'sources/<id>.html'
    key: str  # the page of metrics/pages.py
    title: str
    live: str  # the same view in the live app
    blocks: list[dict] = field(default_factory=list)

    @property
    def here(self) -> str:
        """From this page to its language folder."""
        return "../" * self.path.count("/")

    @property
    def root(self) -> str:
        """From this page to the snapshot's folder."""
        return "../" * (self.path.count("/") + 1)


def write_all(ds, folder: Path, meta: Meta) -> list[str]:
    """Every file of the snapshot under folder; returns their paths relative to it."""
    written: list[str] = []

    def put(rel: str, content: str | bytes) -> None:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        written.append(rel)

    put("style.css", style())
    files = data_files(ds)
    for rel, content in files.items():
        put(rel, content)
    for lang in LANGS:
        for page in build_pages(ds, lang, meta, files):
            put(f"{lang}/{page.path}", render("page.html", page=page, shell=shell(ds, page, meta)))
    put("index.html", render("languages.html", label=meta.label, langs=[(lang, t("language.self", lang), t("snapshot.frozen", lang,
        date=date(dt.date.fromisoformat(meta.label[:10]), lang), fingerprint=meta.fingerprint)) for lang in LANGS]))
    return written


def style() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in STYLES)


def build_pages(ds, lang: Lang, meta: Meta, files: dict[str, bytes]) -> list[Page]:
    period = ds.default_period
    out = [overview(ds, lang, period, meta)]
    out += [theme_page(ds, lang, theme, period, meta) for theme in THEME_PAGES if theme in ds.refs.themes]
    out.append(tasks_page(ds, lang, meta))
    out += sources_pages(ds, lang, meta)
    out.append(data_page(ds, lang, meta, files))
    return out


def live_link(meta: Meta, page: str, lang: Lang, **params) -> str:
    return qr.view_url(meta.live or "", page, {"lang": lang, **params})


def shell(ds, page: Page, meta: Meta) -> dict:
    """What every page says around its content: the menu, the other language, the frozen notice, the live link."""
    lang = page.lang
    day = dt.date.fromisoformat(meta.label[:10])
    menu = [(page_title(p, lang, ds.refs), f"{page.here}{p}.html", p == page.key) for p in SNAPSHOT_PAGES]
    others = [(t("language.self", other), f"{page.root}{other}/{page.path}") for other in LANGS if other != lang]
    return {"lang": lang, "menu": menu, "others": others, "css": f"{page.root}style.css", "home": f"{page.root}../index.html",
            "frozen": t("snapshot.frozen", lang, date=date(day, lang), fingerprint=meta.fingerprint),
            "live_label": t("snapshot.live", lang), "app_title": t("app_title", lang),
            "index_label": t("snapshot.all", lang)}


def card_blocks(ds, lang: Lang, rows: pd.DataFrame, several_years: bool, here: str) -> dict:
    """here: from the page to its language folder."""
    shown = cards(rows, ds.refs.units, lang, ds.previous, several_years)
    return {"kind": "cards", "cards": [{"c": c, "href": f"{here}sources/{c.source_id}.html#m-{c.quoted}"} for c in shown],
            "words": {"quote": t("quote", lang), "source": t("source", lang), "see": t("see_in_source", lang),
                      "derived": t("derived", lang), "formula": t("formula", lang)}}


def chart_block(chart_id: str, scope: Scope, ds, lang: Lang, here: str) -> dict | None:
    spec = build(chart_id, scope, ds.refs.units, lang)
    return _drawn(spec, lang, here) if spec is not None and worth_showing(spec) else None


def _drawn(spec, lang: Lang, here: str) -> dict:
    """A chart as the copy shows it: its title and source as text, the plot as SVG at two widths, the data behind it."""
    svgs = {size: inline_svg(image(spec, "svg", screen_width=w), spec.title) for size, w in WIDTHS.items()}
    prefix = "task:" if spec.quotes_of == "task" else ""  # the document's anchors: m-<figure id>, m-task:<task id>
    href = f"{here}sources/{spec.quotes[0][0]}.html#m-{prefix}{spec.quotes[0][1]}" if spec.quotes else None
    table = spec.table.astype(str)
    return {"kind": "chart", "title": spec.title, "footer": spec.footer, "svgs": svgs, "href": href,
            "see": t("see_in_source", lang), "data_behind": t("data_behind", lang),
            "head": list(table.columns), "rows": table.to_numpy().tolist()}


def overview(ds, lang: Lang, period, meta: Meta) -> Page:
    page = Page(lang, "overview.html", "overview", t("app_title", lang), live_link(meta, "overview", lang, period=period))
    frame = ds.frame
    rows = frame[frame["period"] == period]
    stated = rows[~rows["derived"]]
    for theme in ds.refs.themes:
        mine = stated[stated["theme"] == theme]
        if mine.empty:
            continue
        name = page_title(theme, lang, ds.refs)
        page.blocks.append({"kind": "heading", "text": name})
        page.blocks.append(card_blocks(ds, lang, leading(mine), False, page.here))
        page.blocks.append({"kind": "link", "text": t("see_all", lang, theme=name), "href": f"{theme}.html"})
    page.blocks += _changes(ds, lang, Scope(rows, frame), page.here)
    return page


def theme_page(ds, lang: Lang, theme: str, period, meta: Meta) -> Page:
    every = every_period(theme)
    history = ds.frame[ds.frame["theme"] == theme]
    rows = history if every else history[history["period"] == period]
    page = Page(lang, f"{theme}.html", theme, page_title(theme, lang, ds.refs),
                live_link(meta, theme, lang, **({} if every else {"period": period})))
    scope = Scope(rows, history)
    for block in LAYOUT[theme]:
        if block == CARDS:
            shown = ordered(rows)
            several = every and rows["period"].nunique() > 1
            page.blocks.append(card_blocks(ds, lang, shown.head(MAX_CARDS), several, page.here) if not rows.empty
                               else {"kind": "note", "text": t("no_figures", lang)})
            if len(shown) > MAX_CARDS:
                page.blocks.append({"kind": "note", "text": t("more_figures", lang, n=num(len(shown) - MAX_CARDS, lang))})
        elif block == CHANGES:
            page.blocks += _changes(ds, lang, scope, page.here)
        elif (chart := chart_block(block, scope, ds, lang, page.here)) is not None:
            page.blocks.append(chart)
    return page


def _changes(ds, lang: Lang, scope: Scope, here: str) -> list[dict]:
    return [b for cid in trends(scope, ds.multi_period_series) if (b := chart_block(cid, scope, ds, lang, here)) is not None]


def tasks_page(ds, lang: Lang, meta: Meta) -> Page:
    """The 2026 register as it stood on the copy's day (overdue is judged against that day, not the reader's)."""
    from metrics.tasks import register
    from metrics.tasks.model import SIX

    page = Page(lang, "tasks.html", "tasks", page_title("tasks", lang), live_link(meta, "tasks", lang))
    shown = register.entries(ds.tasks, dt.date.fromisoformat(meta.label[:10]))
    if not shown:
        page.blocks.append({"kind": "note", "text": t("no_figures", lang)})
        return page
    docs = {e.source_id for e in shown}
    page.blocks.append({"kind": "note", "text": t("tasks.recorded", lang, n=num(len(shown), lang), docs=tn("count.documents", len(docs), lang))})
    titles = ds.sources.set_index("source_id")["source_title"]
    source = f"{t('source', lang)}: " + "; ".join(dict.fromkeys(str(titles.get(e.source_id, e.source_id)) for e in shown))
    spec = register.completeness_chart(shown, ds.refs, lang, source)
    if worth_showing(spec):
        page.blocks.append(_drawn(spec, lang, page.here))
    tasks = []
    for e in shown:
        six = [{"name": t(f"six.{name}", lang), "words": None if getattr(e.task.six, name) is None else getattr(e.task.six, name).words}
               for name in SIX]
        tasks.append({"id": e.task.id, "text": e.task.text.text(lang), "body": ds.refs.name("agencies", e.task.body, lang),
                      "assigned": f"{t('assigned_by', lang)}: {e.task.assigned_by.text(lang)}", "status": t(f"status.{e.status}", lang),
                      "overdue": t("status.overdue", lang) if e.overdue else None, "six": six,
                      "href": f"{page.here}sources/{e.source_id}.html#m-task:{e.task.id}"})
    page.blocks.append({"kind": "tasks", "tasks": tasks, "missing": t("six.missing", lang), "see": t("see_in_source", lang)})
    return page


def sources_pages(ds, lang: Lang, meta: Meta) -> list[Page]:
    listing = Page(lang, "sources.html", "sources", page_title("sources", lang), live_link(meta, "sources", lang))
    docs, out = [], []
    frame = ds.frame
    for doc in ds.sources.to_dict("records"):
        sid = str(doc["source_id"])
        figures = frame[(frame["source_id"] == sid) & ~frame["derived"]]
        tasks = [task for task, source_id in ds.tasks if source_id == sid]
        docs.append({"title": source_title(doc, lang), "href": f"sources/{sid}.html", "date": date(doc["source_published"], lang),
                     "agency": ds.refs.name("agencies", doc["source_agency"], lang),
                     "count": tn("count.figures", len(figures), lang)})
        quotes = dict(zip(figures["id"], figures["quote"], strict=True)) | {f"task:{task.id}": task.quote for task in tasks}
        paras = paragraphs(ds.source_text(sid), quotes, int(doc["source_preamble"]))
        page = Page(lang, f"sources/{sid}.html", "sources", source_title(doc, lang), live_link(meta, "sources", lang, source=sid))
        original = doc["source_title"] if lang != "vi" else None
        page.blocks.append({"kind": "document", "original": original,
                            "caption": f"{t('published', lang)}: {date(doc['source_published'], lang)} · "
                                       f"{ds.refs.name('agencies', doc['source_agency'], lang)}",
                            "figures": [{"href": f"#m-{r['id']}", "text": f"{r[f'name_{lang}']}: {value_text(r, ds.refs.units[r['unit']], lang)}"}
                                        for r in figures.to_dict("records")],
                            "figures_label": tn("count.figures", len(figures), lang),
                            "html": document_html(paras, None, anchors=True)})
        out.append(page)
    listing.blocks.append({"kind": "documents", "docs": docs})
    return [listing, *out]


def data_files(ds) -> dict[str, bytes]:
    """Every figure (every year, stated and derived) as the app's data page downloads them, per language."""
    files = {}
    for lang in LANGS:
        stem = t("download_stem", lang)
        files[f"data/{lang}/{stem}.csv"] = reader_export.to_csv(ds.frame, ds.refs, lang)
        files[f"data/{lang}/{stem}.xlsx"] = reader_export.to_xlsx(ds.frame, ds.refs, lang)
    files["data/figures.json"] = export(ds.frame, "json")
    return files


def data_page(ds, lang: Lang, meta: Meta, files: dict[str, bytes]) -> Page:
    page = Page(lang, "data.html", "data", page_title("data", lang), live_link(meta, "data", lang, period="all"))
    table = reader_export.reader_table(ds.frame.head(TABLE_ROWS), ds.refs, lang)
    table = table.drop(columns=[t("number", lang), t("unit", lang)])
    n = len(ds.frame)
    note = (t("rows_shown", lang, n=num(n, lang)) if n <= TABLE_ROWS
            else t("rows_first", lang, shown=num(TABLE_ROWS, lang), n=num(n, lang)))
    stem = t("download_stem", lang)
    links = [(t(f"download_{kind}", lang), f"{page.root}data/{lang}/{stem}.{kind}", len(files[f"data/{lang}/{stem}.{kind}"]))
             for kind in ("csv", "xlsx")]
    links.append((t("download_json", lang), f"{page.root}data/figures.json", len(files["data/figures.json"])))
    page.blocks.append({"kind": "downloads", "links": [(label, href, _size(size, lang)) for label, href, size in links]})
    page.blocks.append({"kind": "table", "note": note, "head": list(table.columns), "rows": table.astype(str).to_numpy().tolist()})
    return page


def _size(n: int, lang: Lang) -> str:
    return f"{num(round(n / 1024, 1), lang)} KB"


def index_context(every: list, langs) -> dict:
    """The site's index: every snapshot, newest first, in both languages."""
    rows = []
    for s in every:
        rows.append({"label": s.label, "href": f"{s.label}/index.html",
                     "links": [(t("language.self", lang), f"{s.label}/{lang}/overview.html") for lang in langs],
                     "dates": {lang: date(s.day, lang) for lang in langs}, "fingerprint": s.fingerprint,
                     "counts": {lang: f"{tn('count.figures', s.figures, lang)}, {tn('count.documents', s.sources, lang)}" for lang in langs}})
    return {"rows": rows, "titles": [t("snapshot.all", lang) for lang in langs], "langs": list(langs),
            "intro": [t("snapshot.index_intro", lang) for lang in langs]}
