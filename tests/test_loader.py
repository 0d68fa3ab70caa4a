"""Bad input gets a message naming file, line and field with a hint; the valid rest still loads."""

import subprocess
import sys
import textwrap

import pytest
from conftest import CASES, HEADER, REPO, metric, write

from metrics.figures import load
from metrics.loading.yamlsafe import MAX_BYTES


def messages(result):
    return [str(p) for p in result.problems]


def test_valid_file_loads_with_typed_columns(root):
    write(root, "ok.yaml", HEADER + CASES)
    r = load(root)
    assert r.ok and (r.files_read, r.records_read, r.records_loaded) == (1, 1, 1)
    row = r.frame.iloc[0]
    assert (row["id"], row["value"], row["period"], row["source_id"]) == ("severance-cases", 5448.0, 2025, "test-source")
    assert str(r.frame.dtypes["theme"]) == "category" and str(r.frame.dtypes["source_published"]).startswith("datetime64")


def test_one_bad_metric_does_not_reject_its_siblings(root):
    write(root, "mixed.yaml", HEADER + CASES + metric(id="typo", valeu=3, value=None))
    r = load(root)
    assert r.records_read == 2 and r.records_loaded == 1 and r.records_rejected == 1
    assert "metrics/mixed.yaml:15: metrics.1.value: Field required (add this field)" in "\n".join(messages(r))
    assert "metrics.1.valeu: Extra inputs are not permitted" in "\n".join(messages(r))


@pytest.mark.parametrize(("body", "expected"), [
    ("source: [1, 2\nmetrics: x\n", ":2: (file): YAML syntax error"),
    ("", ":1: (file): file is empty (a metric file needs 'source:' and 'metrics:')"),
    ("- a\n- b\n", ":1: (file): the file holds a YAML list (or several documents), not a mapping"),
    (b"source:\n  title: \xff\xfe\n", ":2: (file): not UTF-8 text (invalid start byte at byte 17) (save the file as UTF-8)"),
    (HEADER.replace("2026-01-05", "2026-02-30") + CASES, ":5: source.published: Input should be a valid date"),
    (HEADER.replace("so-noi-vu", "so-noi-vu-x") + CASES, ":4: source.agency: unknown agency 'so-noi-vu-x' (known:"),
    (HEADER + CASES.replace("personnel", "personel"), ":10: metrics.0.theme: unknown theme 'personel' (known: apparatus,"),
    (HEADER + CASES.replace("unit: case", "unit: cases"), ":13: metrics.0.unit: unknown unit 'cases'"),
    (HEADER + CASES.replace("2025", "20255"), ":11: metrics.0.period: Input should be less than or equal to 2100"),
    (HEADER + "  - just text\n", ":8: metrics.0: Input should be a valid dictionary"),
    (HEADER + CASES + "extra: 1\n",
     ":15: extra: unknown top-level key (a metric file has 'source:', 'metrics:' and, from the extractor, 'skipped:')"),
    (HEADER.replace("sources/test.txt", "../../etc/passwd.txt") + CASES,
     ":6: source.text: path '../../etc/passwd.txt' leaves the data folder (keep source texts under data/sources/)"),
    (HEADER.replace("sources/test.txt", "sources/missing.txt") + CASES, ":6: source.text: cannot read source text"),
    (HEADER + CASES.replace("Severance cases}", "Severance, cases}"),
     ":9: metrics.0.name.cases: Extra inputs are not permitted (a ',' inside { } ends the text there: put the whole text in quotes)"),
])
def test_bad_input_is_named_with_file_line_field(root, body, expected):
    write(root, "bad.yaml", body)
    write(root, "good.yaml", HEADER.replace("test-source", "other-source") + CASES.replace("severance-cases", "cases-2"))
    r = load(root)
    text = "\n".join(messages(r))
    assert f"metrics/bad.yaml{expected}" in text
    assert list(r.frame["id"]) == ["cases-2"]  # the valid rest still loads
    assert r.records_read == r.records_loaded + r.records_rejected
    assert any(p.endswith("bad.yaml") for p in r.rejected_files)


def test_duplicate_id_across_files_names_both(root):
    write(root, "a.yaml", HEADER + CASES)
    write(root, "b.yaml", HEADER.replace("test-source", "second") + CASES)
    r = load(root)
    (p,) = messages(r)
    assert "metrics/b.yaml:8: metrics.0.id: duplicate id 'severance-cases', first used in" in p and p.count("a.yaml") == 1
    assert r.records_read == 2 and r.records_loaded == 1


def test_oversize_file_is_refused_before_parsing(root):
    write(root, "big.yaml", HEADER + CASES + "# " + "x" * MAX_BYTES + "\n")
    (p,) = messages(load(root))
    assert "big.yaml:?: (file): file is" in p and "over the limit of 4,194,304" in p


def test_aliases_are_refused(root):
    write(root, "alias.yaml", HEADER + CASES.replace("theme: personnel", "theme: &t personnel") + "# *t\n")
    (p,) = messages(load(root))
    assert "alias.yaml:10: (file): YAML anchors and aliases (&name, *name) are not allowed (write each value out in full)" in p


BOMB = """\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    j: &j [*i,*i,*i,*i,*i,*i,*i,*i,*i]
    k: &k [*j,*j,*j,*j,*j,*j,*j,*j,*j]
    metrics: *k
    """


def test_alias_bomb_is_refused_before_anything_walks_it(root):
    """9^11 (31 billion) strings once expanded: walking it would need terabytes. The child process gets
    1 GiB of address space and 60 s, so this test fails loudly if the loader ever walks the bomb."""
    write(root, "bomb.yaml", textwrap.dedent(BOMB))
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
        "from metrics.figures import load; r = load(sys.argv[1]); print(*r.problems, sep='\\n')"
    )
    out = subprocess.run([sys.executable, "-c", code, str(root)], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-500:]
    assert "bomb.yaml:1: (file): YAML anchors and aliases (&name, *name) are not allowed" in out.stdout


def test_counts_account_for_every_metric(root):
    write(root, "ok.yaml", HEADER + CASES)
    write(root, "bad-source.yaml", HEADER.replace("test-source", "x").replace("2026-01-05", "soon") + CASES + metric(id="b"))
    r = load(root)
    assert (r.records_read, r.records_loaded, r.records_rejected) == (3, 1, 2)


def test_text_held_in_memory_is_validated_like_a_file(root):
    """An upload or a draft is validated without being written: the same problems, with lines, as from disk."""
    from metrics.figures import METRICS
    from metrics.loading.pipeline import validate_mapping, validate_text
    from metrics.references import load_references

    body = HEADER + CASES + metric(id="typo", valeu=3, value=None)
    refs, _ = load_references(root)
    in_memory = validate_text(body, METRICS, root, refs, path="draft.yaml")
    write(root, "draft.yaml", body)
    on_disk = load(root)
    assert [(p.line, p.field, p.message) for p in in_memory.problems] == [(p.line, p.field, p.message) for p in on_disk.problems]
    assert in_memory.read == 2 and [r["id"] for r in in_memory.rows] == ["severance-cases"]
    assert {p.file for p in in_memory.problems} == {"draft.yaml"}

    import yaml
    parsed = validate_mapping(yaml.safe_load(HEADER + CASES), METRICS, root, refs, path="parsed")
    assert parsed.problems == [] and parsed.rows[0]["amount"] == 5448 and parsed.depends == ["sources/test.txt"]
