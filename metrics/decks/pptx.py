"""A deck written as a PowerPoint file for the stage: every text as the deck's view formats it, charts as native
editable charts, sources on each slide and the quotes in the speaker notes; and the command that writes one."""

from __future__ import annotations

import argparse
import io
import re
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from PIL import ImageFont
from pptx import Presentation
from pptx.enum.dml import MSO_LINE
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from metrics import qr
from metrics.cards import Card
from metrics.charts.spec import PALETTE
from metrics.dataset import load_dataset
from metrics.decks import pptx_charts
from metrics.decks.kind import DeckFiles
from metrics.decks.model import Deck
from metrics.decks.pptx_charts import FONT, MUTED, TEXT, rgb
from metrics.decks.slides import DeckView, SlideView, view
from metrics.i18n import DEFAULT, LANGS, Lang, t
from metrics.loading.pipeline import validate_path

# Geometry in points: 13.333 x 7.5 in (16:9). Boxes are sized from the text's width, since a projector shows what
# the box holds, not what overflows it.
SLIDE_W, SLIDE_H, MARGIN, GAP = 960, 540, 43, 28
WIDTH = SLIDE_W - 2 * MARGIN
LINE = 1.36  # Noto Sans's line height in ems
TITLE, DECK_TITLE, QUOTE, VALUE = (40, 28), (54, 34), (44, 24), (120, 28)  # (largest, smallest)
NAME, NOTE, FOOT, NUMBER = 26, 20, 14, 12
QR_SIZE = 320  # 4.4 in: a phone in the back rows still finds it
ACCENT = PALETTE[0]
TITLE_ONLY = 5  # the default template's layout with only a title placeholder: the slide keeps a real title
NUMBER_RE = re.compile(r"(\d(?:[\d.,/]*\d)?%?)")  # what the back row must read first: drawn larger than the words around it
FONT_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/noto", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
             "C:/Windows/Fonts", "/Library/Fonts")
Run = tuple[str, float, str]  # text, size, style: b bold, i italic, m muted, a accent


@cache
def _face(bold: bool, italic: bool) -> ImageFont.FreeTypeFont | None:
    name = "NotoSans-" + ("Bold" if bold else "") + ("Italic" if italic else "") + ("" if bold or italic else "Regular") + ".ttf"
    path = next((p for d in FONT_DIRS if (p := Path(d).expanduser() / name).is_file()), None)
    return ImageFont.truetype(str(path), 100) if path else None


def _width(text: str, size: float, style: str) -> float:
    """Points the text takes as Noto Sans draws it (with a margin for the renderer's own spacing); without the font
    file, a rough estimate on the wide side: a value then comes out smaller, never wrapped."""
    face = _face("b" in style, "i" in style)
    if face is None:
        return size * sum(0.66 if ch.isdigit() or ch.isupper() else 0.3 if ch == " " else 0.6 for ch in text)
    return face.getlength(text) / 100 * size * 1.04


def _lines(runs: list[Run], width: float) -> int:
    """How many lines the runs take in a box of width points, wrapped at spaces as a text box wraps them."""
    lines, used = 1, 0.0
    for text, size, style in runs:
        for i, word in enumerate(text.split(" ")):
            space, w = (_width(" ", size, style) if i else 0.0), _width(word, size, style)
            if i and used and used + space + w > width:
                lines, used = lines + 1, w
            else:
                used += space + w
    return lines


def _height(paras: list[list[Run]], width: float) -> float:
    return sum(_lines(p, width) * max(r[1] for r in p) * LINE for p in paras if p) + 6 * (len(paras) - 1)


def _fit(text: str, width: float, lines: int, sizes: tuple[int, int], style: str = "") -> int:
    big, small = sizes
    return next((s for s in range(big, small - 1, -2) if _lines([(text, s, style)], width) <= lines), small)


def _fill(tf, paras: list[list[Run]], lang: Lang, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP) -> None:
    tf.clear()
    tf.word_wrap, tf.auto_size, tf.vertical_anchor = True, MSO_AUTO_SIZE.NONE, anchor
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
    for i, runs in enumerate(paras):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = align
        p.space_before = Pt(6 if i else 0)
        for text, size, style in runs:
            r = p.add_run()
            r.text = text
            f = r.font
            f.name, f.size, f.bold, f.italic = FONT, Pt(size), "b" in style, "i" in style
            f.color.rgb = rgb(ACCENT) if "a" in style else MUTED if "m" in style else TEXT
            f.language_id = MSO_LANGUAGE_ID.VIETNAMESE if lang == "vi" else MSO_LANGUAGE_ID.ENGLISH_UK


def _box(slide, x: float, y: float, w: float, h: float, paras: list[list[Run]], lang: Lang, **how):
    box = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    _fill(box.text_frame, paras, lang, **how)
    return box


def _rect(slide, x: float, y: float, w: float, h: float, color: str):
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(w), Pt(h))
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(color)
    shape.line.fill.background()
    # Without the theme's style: LibreOffice draws its effect (a shadow) as a bitmap in the PDF.
    shape._element.remove(shape._element.find(qn("p:style")))
    return shape


def _title(slide, text: str | None, lang: Lang, top: float = 24, sizes=TITLE, align=PP_ALIGN.LEFT) -> float:
    """The headline in the slide's title placeholder (outline view and screen readers list it); its foot."""
    ph = slide.shapes.title
    if not text:
        ph._element.getparent().remove(ph._element)
        return top
    size = _fit(text, WIDTH, 2, sizes, "b")
    h = _lines([(text, size, "b")], WIDTH) * size * LINE
    ph.left, ph.top, ph.width, ph.height = Pt(MARGIN), Pt(top), Pt(WIDTH), Pt(h)
    _fill(ph.text_frame, [[(text, size, "b")]], lang, align=align, anchor=MSO_ANCHOR.TOP)
    return top + h


def _foot(slide, s: SlideView, total: int, lang: Lang, extra: tuple[str, ...] = ()) -> float:
    """Sources at the foot and 'n / m' in the corner; returns where the body must end."""
    _box(slide, SLIDE_W - MARGIN - 80, SLIDE_H - 14 - NUMBER * LINE, 80, NUMBER * LINE, [[(f"{s.number} / {total}", NUMBER, "m")]], lang,
         align=PP_ALIGN.RIGHT)
    if not s.sources:
        return SLIDE_H - 40
    text = f"{t('source', lang)}: " + "; ".join(s.sources) + "".join(f". {x}" for x in extra)
    width = WIDTH - 100
    size = _fit(text, width, 3, (FOOT, 12))
    h = _lines([(text, size, "")], width) * size * LINE
    _box(slide, MARGIN, SLIDE_H - 14 - h, width, h, [[(text, size, "m")]], lang, anchor=MSO_ANCHOR.BOTTOM)
    return SLIDE_H - 14 - h - 12


def _value(value: str, size: int) -> list[Run]:
    """The figure's text at once: its numbers at full size, its words (qualifier, unit) smaller but still large."""
    words = max(round(size * 0.55), min(size, 28))
    return [(part, size if NUMBER_RE.fullmatch(part) else words, "ba") for part in NUMBER_RE.split(value) if part]


def _card(c: Card, size: int, lang: Lang, name: int = NAME) -> list[list[Run]]:
    paras = [_value(c.value, size), [(c.title, name, "")]]
    paras += [[(x, NOTE, "m")] for x in (c.plan, c.comparison, c.delta) if x]
    if c.derived:
        paras.append([(t("derived", lang), NOTE, "bi")] + ([(f" · {t('formula', lang)}: {c.formula}", NOTE, "m")] if c.formula else []))
    return paras


def _figures(slide, cards: tuple[Card, ...], top: float, bottom: float, lang: Lang) -> None:
    """Each figure in a cell. The arrangement (side by side, stacked, 2 x 2) and name size that let the values be
    largest win, side by side and the larger names by a margin; a value wraps only when no line holds it."""
    def largest(c: Card, w: float, h: float, name: int) -> int:
        return next((s for s in range(VALUE[0], VALUE[1] - 1, -4)
                     if _lines(_value(c.value, s), w) == 1 and _height(_card(c, s, lang, name), w) <= h), 0)
    n, best = len(cards), (-1.0,)
    for cols, rows in [(n, 1), (1, n)] + ([(2, 2)] if n == 4 else []):
        w, h = (WIDTH - GAP * (cols - 1)) / cols, (bottom - top - GAP * (rows - 1)) / rows
        for name in (NAME, NAME - 4):
            size = min(largest(c, w, h, name) for c in cards)
            score = size * (1.15 if cols > 1 and rows == 1 else 1) * (1 if name == NAME else 0.85)
            if score > best[0]:
                best = (score, size or VALUE[1], name, cols, w, h)
    _, size, name, cols, w, h = best
    for i, c in enumerate(cards):
        _box(slide, MARGIN + (i % cols) * (w + GAP), top + (i // cols) * (h + GAP), w, h, _card(c, size, lang, name), lang,
             align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)


def _quote(slide, s: SlideView, top: float, bottom: float, lang: Lang) -> None:
    c = s.figures[0]
    under = [_value(c.value, 48), [(c.title, NAME, "")], [(f"— {c.source}", NOTE, "m")]]
    below = _height(under, WIDTH)
    text = f"“{s.quote}”"
    room = bottom - top - below - 24
    size = next((z for z in range(QUOTE[0], QUOTE[1] - 1, -2) if _lines([(text, z, "i")], WIDTH - 28) * z * LINE <= room), QUOTE[1])
    h = _lines([(text, size, "i")], WIDTH - 28) * size * LINE
    top += max(0.0, (room - h) / 2)  # the quote and its figure as one block in the middle of the slide
    _rect(slide, MARGIN, top, 6, h, ACCENT)
    _box(slide, MARGIN + 28, top, WIDTH - 28, h, [[(text, size, "i")]], lang)
    _box(slide, MARGIN, top + h + 24, WIDTH, below, under, lang)


def _closing(slide, s: SlideView, top: float, qr_url: str | None, lang: Lang) -> None:
    x, width, bottom = MARGIN, WIDTH, SLIDE_H - 40
    if qr_url:
        slide.shapes.add_picture(io.BytesIO(qr.png(qr_url)), Pt(MARGIN), Pt(top), Pt(QR_SIZE), Pt(QR_SIZE))
        size = _fit(qr_url, WIDTH, 1, (16, 12))
        box = _box(slide, MARGIN, top + QR_SIZE + 8, WIDTH, size * LINE, [[(qr_url, size, "")]], lang)
        box.text_frame.paragraphs[0].runs[0].hyperlink.address = qr_url
        x, width, bottom = MARGIN + QR_SIZE + 36, WIDTH - QR_SIZE - 36, top + QR_SIZE
    for size in range(22, 11, -2):
        paras = [[(t("sources_of_deck", lang), size + 2, "b")]] + [[(f"• {x}", size, "")] for x in s.sources]
        if _height(paras, width) <= bottom - top:
            break
    _box(slide, x, top, width, bottom - top, paras, lang)


def _problem(slide, text: str, top: float, bottom: float, lang: Lang) -> None:
    """A placeholder where the slide's figure was: the audience sees a gap said plainly, not a wrong number."""
    shape = _rect(slide, MARGIN, top, WIDTH, bottom - top, "#F2F2F2")
    shape.line.color.rgb, shape.line.width, shape.line.dash_style = MUTED, Pt(1.5), MSO_LINE.DASH
    _fill(shape.text_frame, [[(text, 28, "m")]], lang, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
    shape.text_frame.margin_left = shape.text_frame.margin_right = Pt(36)


def _notes(slide, s: SlideView) -> None:
    if s.notes:  # the verbatim quotes are in Vietnamese whatever the deck's language
        _fill(slide.notes_slide.notes_text_frame, [[(q, 14, "")] for q in s.notes], "vi")


def _cover(prs, d: DeckView) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _rect(slide, 0, 0, SLIDE_W, 14, ACCENT)
    y = _title(slide, d.title, d.lang, top=150, sizes=DECK_TITLE) + 16
    paras = ([[(d.subtitle, 30, "")]] if d.subtitle else []) + [[(d.presenter, 26, "b")], [(d.day, 26, "m")]]
    _box(slide, MARGIN, y, WIDTH, _height(paras, WIDTH) + 12, paras, d.lang)


def write(deck_view: DeckView, qr_url: str | None) -> bytes:
    """The deck as a .pptx: a title slide, then each slide of the view in order; qr_url: the live view's address for
    the closing slide's QR code (none without it)."""
    d, lang = deck_view, deck_view.lang
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    prs.core_properties.title, prs.core_properties.author, prs.core_properties.language = d.title, d.presenter, lang
    _cover(prs, d)
    total = len(d.slides)
    for s in d.slides:
        slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
        closing = s.kind == "closing" and not s.problem
        top = _title(slide, s.headline, lang, sizes=(48, 32) if closing else TITLE, align=PP_ALIGN.CENTER if closing else PP_ALIGN.LEFT) + 20
        chart = s.chart if not s.problem else None
        bottom = _foot(slide, s if not closing else SlideView(s.number, s.kind), total, lang, chart.notes if chart else ())
        if s.problem:
            _problem(slide, s.problem, top, bottom, lang)
        elif s.kind in ("figure", "figures"):
            _figures(slide, s.figures, top, bottom, lang)
        elif s.kind == "quote":
            _quote(slide, s, top, bottom, lang)
        elif closing:
            _closing(slide, s, top, qr_url, lang)
        elif chart:
            if chart.title != s.headline:  # the chart's own message, under a headline that names the topic
                size = _fit(chart.title, WIDTH, 1, (26, 20))
                _box(slide, MARGIN, top - 8, WIDTH, size * LINE, [[(chart.title, size, "")]], lang)
                top += size * LINE
            pptx_charts.draw(slide, chart, Pt(MARGIN), Pt(top), Pt(WIDTH), Pt(bottom - top))
        _notes(slide, s)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def main_deck(argv: list[str]) -> int:
    """python -m metrics deck FILE -o OUT.pptx [--lang vi|en] [--url BASE] [--data-root data]."""
    p = argparse.ArgumentParser(prog="python -m metrics deck", description="Write a deck file as a PowerPoint presentation.")
    p.add_argument("deck", help="a deck file, e.g. data/decks/so-noi-vu-2025.yaml")
    p.add_argument("-o", "--output", required=True, help="the .pptx file to write")
    p.add_argument("--lang", choices=LANGS, default=DEFAULT, help=f"the slides' language (default: {DEFAULT})")
    p.add_argument("--url", help="the dashboard's public address, for the closing slide's QR code (default: $DASHBOARD_PUBLIC_URL)")
    p.add_argument("--data-root", default="data", help="data folder (default: data)")
    args = p.parse_args(argv)
    base = (args.url or "").strip() or qr.public_base()
    if base and (urlsplit(base).scheme not in ("http", "https") or not urlsplit(base).netloc):
        print(f"--url must be an http(s) address such as http://192.168.1.10:8501, not {base!r}", file=sys.stderr)
        return 2
    ds = load_dataset(args.data_root)
    outcome = validate_path(str(args.deck), DeckFiles(ds.frame, ds.refs.units), Path(args.data_root).resolve(), ds.refs)
    for problem in outcome.problems:
        print(problem)
    if outcome.problems or not outcome.rows:
        return 1
    deck = Deck.model_validate_json(outcome.rows[0]["doc"])
    url = qr.view_url(base, "present", {"deck": deck.id, "slide": 1, "lang": args.lang}) if base else None
    if url is None:
        print(f"warning: the closing slide has no QR code; give the dashboard's address with --url or {qr.PUBLIC_URL}", file=sys.stderr)
    data = write(view(deck, ds.frame, ds.refs, args.lang, ds.previous, ds.tasks), url)
    Path(args.output).write_bytes(data)
    print(f"{args.output}: {len(deck.slides) + 1} slides ({args.lang})")
    return 0
