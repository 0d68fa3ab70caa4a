"""Decks as data: each bad deck named with file, line and field like a bad metric file; the shipped decks valid; a
slide's numbers formatted from its figures in the slide's language; a slide whose figure was rejected since shown
as a placeholder, the rest of the deck intact."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import DATA, FIXTURE

from metrics.dataset import load_dataset
from metrics.decks.kind import DeckFiles
from metrics.decks.slides import view
from metrics.loading.pipeline import load
from metrics.loading.yamlsafe import MAX_BYTES

GOOD = """\
id: test-deck
title: {vi: Tiêu đề, en: Title}
date: 2026-01-05
presenter: so-noi-vu
period: 2025
slides:
  - kind: figure
    metric: severance-cases
    headline: {vi: Thôi việc, en: Severance}
  - kind: chart
    chart: recognition.awards
  - kind: closing
"""


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    shutil.rmtree(tmp_path / "data" / "decks")
    (tmp_path / "data" / "decks").mkdir()
    return tmp_path / "data"


def decks(root: Path, **files: str | bytes):
    for name, body in files.items():
        path = root / "decks" / name
        path.write_bytes(body) if isinstance(body, bytes) else path.write_text(textwrap.dedent(body), encoding="utf-8")
    ds = load_dataset(root)
    return load(root, DeckFiles(ds.frame, ds.refs.units), refs=ds.refs)


def said(result) -> str:
    return "\n".join(str(p) for p in result.problems)


@pytest.mark.parametrize("src", [DATA, FIXTURE], ids=["data", "fixture"])
def test_the_shipped_decks_are_valid(src):
    ds = load_dataset(src)
    assert said(ds.deck_load) == "" and set(ds.decks) == {"so-noi-vu-2025", "van-phong-ubnd-tinh-2025"}
    assert all(6 <= len(d.slides) <= 12 for d in ds.decks.values())


@pytest.mark.parametrize(("body", "expected"), [
    (GOOD.replace("metric: severance-cases", "metric: no-such-figure"), ":8: slides.0.metric: unknown figure 'no-such-figure'"),
    (GOOD.replace("metric: severance-cases", "metric: key-tasks-2026-home-affairs"),
     ":8: slides.0.metric: figure 'key-tasks-2026-home-affairs' covers 2026, the deck 2025"),
    (GOOD.split("slides:")[0] + "slides: []\n", ":6: slides: List should have at least 1 item after validation"),
    (GOOD.replace("chart: recognition.awards", "chart: no.such.chart"), ":11: slides.1.chart: unknown chart 'no.such.chart'"),
    (GOOD.replace("headline: {vi: Thôi việc, en: Severance}", "headline: {vi: Thôi việc 5.448 trường hợp, en: Severance}"),
     ":9: slides.0.headline: Value error, the vi headline types a number"),
    (GOOD.replace("presenter: so-noi-vu", "presenter: nobody"), ":4: presenter: unknown agency 'nobody'"),
    (GOOD.replace("date: 2026-01-05", "date: 2026-02-30"), ":3: date: Input should be a valid date"),
    (GOOD.replace("  - kind: closing", "  - kind: dance"), ":12: slides.2: Input tag 'dance' found using 'kind' does not match"),
    (GOOD.replace("period: 2025", "period: &p 2025") + "other: *p\n", ":5: (file): YAML anchors and aliases"),
])
def test_a_bad_deck_is_named_with_file_line_and_field(root, body, expected):
    result = decks(root, **{"bad.yaml": body, "good.yaml": GOOD.replace("test-deck", "good-deck")})
    assert f"decks/bad.yaml{expected}" in said(result)
    assert list(result.frame["id"]) == ["good-deck"]  # a broken deck never takes another one down


def test_an_oversized_deck_and_a_duplicate_id_are_refused(root):
    result = decks(root, **{"a.yaml": GOOD, "b.yaml": GOOD, "big.yaml": GOOD + "# " + "x" * MAX_BYTES + "\n"})
    text = said(result)
    assert "decks/b.yaml:1: id: deck id 'test-deck' is already used by decks/a.yaml" in text
    assert "decks/big.yaml:?: (file): file is" in text and "over the limit" in text
    assert list(result.frame["id"]) == ["test-deck"]


@pytest.mark.parametrize(("lang", "expected"), [
    ("vi", ["5.448 trường hợp", "5.535 tỷ đồng", "giảm 65,2%", "xóa bỏ hoàn toàn"]),
    ("en", ["5,448 cases", "5,535 billion VND", "down 65.2%", "abolished entirely"]),
])
def test_slides_format_their_figures_in_the_language(lang, expected):
    ds = load_dataset(FIXTURE)
    shown = view(ds.decks["so-noi-vu-2025"], ds.frame, ds.refs, lang, ds.previous)
    values = [c.value for s in shown.slides for c in s.figures]
    assert all(x in values for x in expected), values
    assert shown.slides[-1].kind == "closing" and shown.slides[-1].sources
    assert all(s.sources and s.notes for s in shown.slides[:-1])  # every content slide says its source and has its quote


def test_a_slide_whose_figure_was_rejected_since_is_a_placeholder(root):
    shutil.copytree(FIXTURE / "decks", root / "decks", dirs_exist_ok=True)
    ds = load_dataset(root)
    deck = ds.decks["so-noi-vu-2025"]
    metrics = root / "metrics" / "so-noi-vu-2026-01-05.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("value: 5448", "value: 5449"), encoding="utf-8")
    later = load_dataset(root)
    assert "severance-cases" not in set(later.frame["id"])
    shown = view(deck, later.frame, later.refs, "en", later.previous)
    broken = [s for s in shown.slides if s.problem]
    assert [s.number for s in broken] == [4, 7] and "severance-cases" in broken[0].problem
    assert all(not s.problem for s in shown.slides if s.number not in (4, 7))
