"""Chart images as a report or a slide takes them: slide size, with the chart's title and source line drawn in, in
the chart's language (kaleido in one kept-alive Chromium)."""

import io

import pytest
from conftest import FIXTURE
from PIL import Image

from metrics.charts import image
from metrics.charts.registry import Scope, build
from metrics.dataset import load_dataset


@pytest.fixture(scope="module")
def awards():
    ds = load_dataset(FIXTURE)
    scope = Scope(ds.frame[ds.frame["period"] == 2025], ds.frame)
    yield {lang: build("recognition.awards", scope, ds.refs.units, lang) for lang in ("vi", "en")}
    image.stop()


def test_a_png_at_slide_size(awards):
    png = image.image(awards["vi"], "png")
    assert Image.open(io.BytesIO(png)).size == (1600, 900)


@pytest.mark.parametrize(("lang", "title", "source"), [
    ("vi", "13 lượt khen thưởng: 9 cá nhân, 4 tập thể", "Nguồn: Sở Nội vụ triển khai nhiệm vụ năm 2026 (05/01/2026)"),
    ("en", "13 awards: 9 to individuals, 4 to collectives", "Source: The Department of Home Affairs deploys its tasks for 2026"),
])
def test_an_svg_carries_title_and_source_in_its_language(awards, lang, title, source):
    svg = image.image(awards[lang], "svg").decode("utf-8")
    assert 'width="1600"' in svg and 'height="900"' in svg
    assert title in svg and source in svg


def test_an_unknown_format_is_refused(awards):
    with pytest.raises(ValueError, match="png, svg"):
        image.image(awards["vi"], "gif")
