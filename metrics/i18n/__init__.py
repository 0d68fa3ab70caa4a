"""The interface's words in every supported language: one gettext catalog per language (`<lang>.po` beside this
module, read with Babel), asked for by key. Code never spells a word of either language; a third language is
one more catalog file and one more code in `Lang`."""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path
from typing import Literal, get_args

from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)  # in the order the switch shows them: Vietnamese first
DEFAULT: Lang = "vi"
HERE = Path(__file__).resolve().parent


def as_lang(code: object) -> Lang:
    """A supported language code, or an error: an unknown code never silently becomes another language."""
    if code in LANGS:
        return code  # type: ignore[return-value]
    raise ValueError(f"unsupported language {code!r}; supported: {', '.join(LANGS)}")


class Catalog:
    """The messages of one language: plain ones by key, plural ones by key with the language's plural rule,
    and plotly.js's own strings (context 'plotly') under their English text."""

    def __init__(self, lang: Lang, path: Path):
        with path.open("rb") as f:
            po = read_po(f, locale=lang)
        self.lang = lang
        self.plural_rule = gettext.c2py(po.plural_expr)
        self.messages: dict[str, str] = {}
        self.plurals: dict[str, tuple[str, ...]] = {}
        self.contexts: dict[str, dict[str, str]] = {}
        for m in po:
            if not m.id:
                continue  # the header
            if m.context:
                self.contexts.setdefault(m.context, {})[m.id] = m.string
            elif m.pluralizable:
                self.plurals[m.id[0]] = tuple(m.string)
            else:
                self.messages[m.id] = m.string

    def keys(self) -> set[str]:
        return set(self.messages) | set(self.plurals) | {f"{c}:{k}" for c, ks in self.contexts.items() for k in ks}


@cache
def catalog(lang: Lang) -> Catalog:
    return Catalog(as_lang(lang), HERE / f"{lang}.po")


def t(key: str, lang: Lang, **values) -> str:
    """The text for key in lang, with {placeholders} filled; a key missing from the catalog is an error."""
    text = catalog(as_lang(lang)).messages[key]
    return text.format(**values) if values else text


def tn(key: str, n: float, lang: Lang, **values) -> str:
    """A plural message: the form the language's rule picks for n, with {n} as the number written in the language."""
    forms = catalog(as_lang(lang)).plurals[key]
    form = forms[min(catalog(lang).plural_rule(int(n)), len(forms) - 1)]
    return form.format(n=num(n, lang), **values)


def context(name: str, lang: Lang) -> dict[str, str]:
    """Messages of one context (e.g. 'plotly': plotly.js's interface strings) as {English text: translation}."""
    return dict(catalog(as_lang(lang)).contexts.get(name, {}))


def ordinal(n: int, lang: Lang) -> str:
    """1 → 'thứ nhất' / '1st', 2 → 'thứ 2' / '2nd': the form by the language's CLDR ordinal category."""
    return t(f"rank.{Locale.parse(lang).ordinal_form(n)}", lang, n=n)


def num(n: float, lang: Lang) -> str:
    """A whole number with the language's grouping: 10.000 / 10,000."""
    return format_decimal(n, "#,##0", locale=lang)


def date(value, lang: Lang) -> str:
    """05/01/2026 as officials write it; 5 Jan 2026 in English."""
    return format_date(value, t("date.format", lang), locale=lang)
