"""The app as Streamlit runs it (AppTest): it starts on the real data and shows the figures."""

from conftest import REPO
from streamlit.testing.v1 import AppTest


def test_app_shows_the_real_figures():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert len(frame) == 24 and "Cán bộ điều động, biệt phái về xã" in set(frame["name_vi"])
