"""The YAML reader: YAML 1.2 values (as editors read them), the same values as PyYAML wherever both YAML
versions agree, and hostile or ambiguous input refused with a line."""

import re
import subprocess
import sys
import textwrap

import pytest
import yaml
from conftest import DATA, REPO
from hypothesis import given
from hypothesis import strategies as st

from metrics.loading.yamlsafe import Loader, YamlProblem, load_mapping

# Text that YAML 1.2 reads as a number but YAML 1.1 as text ("0E0", "1e3": 1.1 wants a dot): PyYAML writes it
# unquoted, so the two versions differ on it by design (see test_yaml_1_2_reading_of_yaml_1_1_quirks).
YAML12_ONLY_NUMBER = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+$")

# Metric-file-like documents: nested mappings and lists of text (Vietnamese included), numbers, booleans, nulls.
scalars = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30).filter(
        lambda s: not YAML12_ONLY_NUMBER.match(s)),
    st.sampled_from(["yes", "No", "on", "012", "1_000", "2026-01-05", "5.448", "65,2%", "trên 500", "~", "null", "- x", "a: b"]),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.none(),
)
documents = st.dictionaries(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12),
    st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), inner, max_size=4), max_leaves=12),
    min_size=1, max_size=6,
)


@given(documents, st.booleans())
def test_same_values_as_pyyaml_for_what_a_serialiser_writes(doc, flow):
    """Whatever PyYAML writes (it quotes every string YAML 1.1 would read as something else), both read alike."""
    text = yaml.safe_dump(doc, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    assert load_mapping(text) == yaml.load(text, Loader=Loader) == doc


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.name)
def test_same_values_as_pyyaml_for_the_real_files(path):
    text = path.read_text(encoding="utf-8")
    assert load_mapping(text) == yaml.load(text, Loader=Loader)


def test_yaml_1_2_reading_of_yaml_1_1_quirks():
    """YAML 1.1 turns 'no' into False (the 'Norway problem'); these files are read as YAML 1.2 and dates stay
    text, so Pydantic checks them and names the field."""
    assert load_mapping("a: yes\nb: No\nc: on\nd: 2026-01-05\ne: 1:20\nf: 1e3\n") == {
        "a": "yes", "b": "No", "c": "on", "d": "2026-01-05", "e": "1:20", "f": 1000.0}


@pytest.mark.parametrize(("text", "message", "line"), [
    ("a: 1\nb:\n  c: 2\n  c: 3\n", "duplicate key 'c'", 4),
    ("a: !!python/object:os.system x\n", "YAML syntax error: Invalid tag: '!!python/object:os.system'", None),
    ("source: [1, 2\nmetrics: x\n", "YAML syntax error: illegal placement of ':' indicator", 2),
    ("a: &x [1]\nb: *x\n", "YAML anchors and aliases (&name, *name) are not allowed", 1),
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", "YAML syntax error", 1),
    ("a: 1\n---\nb: 2\n", "the file holds a YAML list (or several documents), not a mapping", 1),
])
def test_refused_input(text, message, line):
    with pytest.raises(YamlProblem) as e:
        load_mapping(text)
    assert e.value.message.startswith(message) and e.value.line == line


def test_parsing_from_fresh_threads_after_a_first_import_in_a_thread_that_ended():
    """Streamlit runs each script run in a new thread: the first import of the parser happens in one that ends at
    once. yaml-rs alone crashes the process then (a segmentation fault); metrics.loading.yamlsafe keeps it alive."""
    script = textwrap.dedent("""
        import threading
        def first():
            from metrics.loading.yamlsafe import load_mapping
            load_mapping("a: 1")
        t = threading.Thread(target=first); t.start(); t.join()
        from metrics.loading.yamlsafe import load_mapping
        def many():
            for _ in range(300):
                assert load_mapping("a: 1\\nb: [x, y]\\n") == {"a": 1, "b": ["x", "y"]}
        for _ in range(40):
            t = threading.Thread(target=many); t.start(); t.join()
        print("parsed")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "parsed" in done.stdout, (done.returncode, done.stderr[-2000:])
