"""The catalog of words: every entry in every language, placeholders alike, plural and ordinal forms by each
language's rules, and no unknown language silently turned into another."""

import ast
import re
import string
from pathlib import Path

import pytest

from metrics import i18n
from metrics.i18n import LANGS, catalog, ordinal, t, tn

REPO = Path(__file__).resolve().parent.parent


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_entry_has_every_language():
    keys = {lang: catalog(lang).keys() for lang in LANGS}
    first = keys[LANGS[0]]
    for lang in LANGS[1:]:
        assert keys[lang] == first, f"{lang}.po: missing {sorted(first - keys[lang])}, extra {sorted(keys[lang] - first)}"
    for lang in LANGS:
        c = catalog(lang)
        assert all(c.messages.values()), [k for k, v in c.messages.items() if not v]
        assert all(all(forms) for forms in c.plurals.values())
        assert all(all(ctx.values()) for ctx in c.contexts.values())


def test_placeholders_are_the_same_in_every_language():
    """A translation may leave a placeholder out ('thứ nhất' needs no {n}) but never brings one the others lack:
    the code fills the placeholders of the fullest language, and every language's are among them."""
    cats = [catalog(lang) for lang in LANGS]
    for key in cats[0].messages:
        used = [fields(c.messages[key]) for c in cats]
        fullest = max(used, key=len)
        assert all(u <= fullest for u in used), (key, used)
    for key in cats[0].plurals:
        used = [frozenset(f for form in c.plurals[key] for f in fields(form)) for c in cats]
        assert len(set(used)) == 1, (key, used)


def test_plural_forms_follow_each_language():
    assert (tn("count.figures", 1, "vi"), tn("count.figures", 3, "vi")) == ("1 chỉ tiêu", "3 chỉ tiêu")
    assert (tn("count.figures", 1, "en"), tn("count.figures", 3, "en")) == ("1 figure", "3 figures")
    assert tn("count.files", 10_000, "vi") == "10.000 tệp" and tn("count.files", 10_000, "en") == "10,000 files"


@pytest.mark.parametrize(("n", "vi", "en"), [(1, "thứ nhất", "1st"), (2, "thứ 2", "2nd"), (3, "thứ 3", "3rd"), (4, "thứ 4", "4th"),
                                             (11, "thứ 11", "11th"), (21, "thứ 21", "21st"), (112, "thứ 112", "112th")])
def test_ordinals_by_cldr_categories(n, vi, en):
    assert (ordinal(n, "vi"), ordinal(n, "en")) == (vi, en)


def test_an_unknown_language_is_an_error_not_english():
    for bad in ("fr", "", None, "VI"):
        with pytest.raises(ValueError, match="unsupported language"):
            t("app_title", bad)
        with pytest.raises(ValueError, match="unsupported language"):
            i18n.as_lang(bad)


def test_every_key_the_code_names_is_in_the_catalog():
    """t("key", ...) and tn("key", ...) with a literal key anywhere in the app: the key exists."""
    pattern = re.compile(r"""\b(t|tn)\(\s*["']([a-z_.\-]+)["']""")
    known = catalog("vi").messages.keys() | catalog("vi").plurals.keys()
    missing = []
    for path in [*REPO.glob("metrics/**/*.py"), *REPO.glob("ui/*.py"), *REPO.glob("app_pages/*.py"), REPO / "app.py"]:
        for func, key in pattern.findall(path.read_text(encoding="utf-8")):
            if key not in known:
                missing.append((path.name, func, key))
    assert missing == []


def test_the_code_spells_no_interface_word():
    """The words the interface shows come from the catalog: no Vietnamese text in a string of the app's code, apart
    from docstrings, the rules that read Vietnamese documents (vnnum, quotecheck, the extractor's rules, the models' checks and their
    descriptions, which become the JSON Schema) and the frame's column docs."""
    vietnamese = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.IGNORECASE)
    # Maintainers' messages quote the Vietnamese a data file should hold ('đạt X% kế hoạch'): not interface words.
    readers = {"metrics/vnnum.py", "metrics/quotecheck.py", "metrics/figures/columns.py", "metrics/figures/kind.py", "metrics/search.py",
               "metrics/tasks/kind.py", "metrics/tasks/model.py", "metrics/extraction/words.py", "metrics/extraction/skips.py",
               "metrics/extraction/quotes.py", "metrics/extraction/candidates.py"}
    found = []
    for path in [*REPO.glob("metrics/**/*.py"), *REPO.glob("ui/*.py"), *REPO.glob("app_pages/*.py"), REPO / "app.py"]:
        if path.relative_to(REPO).as_posix() in readers:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))  # a docstring
            if isinstance(node, ast.keyword) and node.arg in ("description", "doc"):
                skip.update(id(n) for n in ast.walk(node.value))
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ValueError":
                skip.update(id(n) for n in ast.walk(node))  # a data check's message, for maintainers (English, quoting the rule)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip and vietnamese.search(node.value):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value[:60]}")
    assert found == []
