"""The extractor (metrics/extraction): every rule on its own sentences (tests/extraction/rules.yaml), the quality on
the two source documents and on texts written blind to the rules, quotes that stand in the text, the candidate
file that validates once a person has filled it, the command line, Word files, and the round trip of data/."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE

from metrics.extraction import extract
from metrics.extraction.quality import score, texts_of
from metrics.extraction.quotes import QUOTE_MAX
from metrics.extraction.review import check, existing, save
from metrics.extraction.source import Unreadable, docx_text, report_text
from metrics.extraction.write import SourceInfo, metric_file_text, rows, slug
from metrics.references import load_references

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).parent / "extraction"
RULES = texts_of(HERE / "rules.yaml", ROOT)
SOURCES = {t["id"]: t for t in texts_of(HERE / "sources.yaml", ROOT)}
FIELDS = ("value", "scale", "unit", "qualifier", "total", "plan_percent", "change")


def _want(figure: dict) -> dict:
    return {"value": float(figure["value"]), "scale": figure.get("scale", "one"), "unit": figure.get("unit"),
            "qualifier": figure.get("qualifier", "exact"), "total": figure.get("total"), "plan_percent": figure.get("plan_percent"),
            "change": figure.get("change")}


@pytest.mark.parametrize("case", RULES, ids=[t["id"] for t in RULES])
def test_each_rule_reads_its_sentences(case):
    x = extract(case["text"])
    got = [{k: getattr(c, k) for k in FIELDS} for c in x.candidates]
    assert got == [_want(f) for f in case.get("figures") or []]
    for c, f in zip(x.candidates, case.get("figures") or [], strict=True):
        assert unicodedata.normalize("NFC", f["number"]) in c.number
    for n in case.get("not_figures") or []:
        number = unicodedata.normalize("NFC", n["number"])
        assert any(number.lower() in s.text.lower() and s.reason == n["reason"] for s in x.skipped), \
            f"{number!r} not skipped as {n['reason']}: {[(s.text, s.reason) for s in x.skipped]}"


def test_every_quote_stands_in_the_text_holds_its_number_and_reads_on_a_card():
    for t in [*RULES, *SOURCES.values()]:
        x = extract(t["text"])
        for c in x.candidates:
            assert c.quote in x.text and x.text[c.quote_start:c.quote_end] == c.quote
            assert c.number in c.quote, (c.number, c.quote)
            assert len(c.quote) <= QUOTE_MAX + 60, c.quote  # the plan in parentheses may follow a full clause
            assert c.quote == c.quote.strip() and not c.quote.endswith((",", ";", ":"))


def test_skipped_numbers_say_why_and_where():
    x = extract(SOURCES["so-noi-vu-2026-01-05"]["text"])
    shown = {(s.text, s.reason, s.line) for s in x.skipped}
    assert ("Ngày 5/1", "date", 3) in shown
    assert ("Nghị quyết 57, 59, 66, 68, 70, 71, 72", "document", 19) in shown
    assert ("chính quyền địa phương 2 cấp", "name", 7) in shown
    assert ("lần thứ XI", "ordinal", 13) in shown
    assert all(s.explained for s in x.skipped)
    # No number is both a candidate and skipped.
    spans = [(c.start, c.end) for c in x.candidates]
    assert not any(a < s.end and s.start < b for s in x.skipped for a, b in spans)


@pytest.mark.parametrize("name", ["sources.yaml", "rules.yaml", "heldout.yaml", "heldout2.yaml", "heldout3.yaml"])
def test_quality_on_the_sources_and_on_texts_written_blind(name):
    # The goals on every set (heldout3.yaml was never tuned on: a change that costs unseen texts fails here).
    r = score(texts_of(HERE / name, ROOT))
    assert r["recall"] >= 0.95 and r["precision"] >= 0.90, r
    assert r["fields"] >= 0.85 and r["skip_rate"] >= 0.9, r


def test_decomposed_diacritics_read_like_composed():
    text = SOURCES["van-phong-ubnd-tinh-2026-02-27"]["text"]
    a, b = extract(text), extract(unicodedata.normalize("NFD", text))
    assert [(c.value, c.unit, c.quote) for c in a.candidates] == [(c.value, c.unit, c.quote) for c in b.candidates]
    assert b.text == unicodedata.normalize("NFC", text)


# --- the candidate file ------------------------------------------------------------------------------------------

def _filled(x, taken=frozenset()):
    out = rows(x, taken)
    for r in out:
        r["name_en"], r["accept"] = r["name_en"] or "Figure", True
    return out


def test_the_candidate_file_validates_once_a_person_fills_the_placeholders():
    refs, _ = load_references(ROOT / "data")
    x = extract(SOURCES["so-noi-vu-2026-01-05"]["text"])
    source = SourceInfo(agency="so-noi-vu", published=dt.date(2026, 1, 5)).filled(x.text)
    raw = metric_file_text(source, rows(x), x.skipped, "report.txt")
    first = check(raw, x.text, source.id, ROOT / "data", refs)
    assert not first.ok and all(any("FILL-IN" in p.message for p in ps) for ps in first.rows.values())
    assert any("person" in p.hint for ps in first.rows.values() for p in ps)
    done = check(metric_file_text(source, _filled(x), x.skipped, "report.txt"), x.text, source.id, ROOT / "data", refs)
    assert done.ok and done.valid == len(x.candidates)
    data = yaml.safe_load(metric_file_text(source, _filled(x), x.skipped, "report.txt"))
    assert {s["reason"] for s in data["skipped"]} >= {"date", "year", "document", "name", "ordinal", "vague"}


def test_text_that_looks_like_markup_or_yaml_stays_text():
    refs, _ = load_references(ROOT / "data")
    text = 'Sở "A": tiếp nhận 1.234 hồ sơ # <script>alert(1)</script> =HYPERLINK("x") {b: c}'
    x = extract(text, default_period=2025)
    reviewed = rows(x)
    assert [(r["value"], r["accept"]) for r in reviewed] == [(1234, True), (1, False)]  # 'alert(1)': no unit, not accepted
    reviewed[0]["name_en"] = "Records"
    raw = metric_file_text(SourceInfo("bai-viet", "Tiêu đề: <b>x</b>", "so-noi-vu", dt.date(2026, 1, 5)), reviewed, x.skipped)
    data = yaml.safe_load(raw)
    assert data["source"]["title"] == "Tiêu đề: <b>x</b>"
    assert data["metrics"][0]["quote"] in text and data["metrics"][0]["value"] == 1234
    assert check(raw, x.text, "bai-viet", ROOT / "data", refs).ok


def test_ids_are_slugs_unique_in_the_file_and_against_the_data():
    assert slug("Giảm cơ quan chuyên môn cấp tỉnh") == "giam-co-quan-chuyen-mon-cap-tinh"
    assert slug("Đơn vị: 5%") == "don-vi-5"
    x = extract("Tỉnh tiếp nhận 10 hồ sơ. Tỉnh tiếp nhận 12 hồ sơ.")
    ids = [r["id"] for r in rows(x, {"tinh-tiep-nhan-ho-so"})]
    assert ids == ["tinh-tiep-nhan-ho-so-2", "tinh-tiep-nhan-ho-so-3"]


# --- reading reports ------------------------------------------------------------------------------------------------

def test_a_word_file_reads_like_its_text_with_its_tables_in_order():
    import docx

    text = SOURCES["van-phong-ubnd-tinh-2026-02-27"]["text"]
    document = docx.Document()
    paragraphs = [p for p in text.split("\n") if p.strip()]
    for p in paragraphs[:5]:
        document.add_paragraph(p)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Số hồ sơ tiếp nhận", "12.450"
    table.cell(1, 0).text, table.cell(1, 1).text = "Số cuộc họp", "215"
    for p in paragraphs[5:]:
        document.add_paragraph(p)
    buffer = io.BytesIO()
    document.save(buffer)
    read = report_text("bao-cao.docx", buffer.getvalue())
    assert read.index("Số hồ sơ tiếp nhận | 12.450") < read.index(paragraphs[5])
    plain = extract("\n\n".join(paragraphs))
    from_word = extract(read)
    tables = [c for c in from_word.candidates if c.value in (12450, 215)]
    assert [(c.value, c.unit) for c in tables] == [(12450, "record"), (215, "meeting")]
    assert [(c.value, c.unit, c.quote) for c in from_word.candidates if c not in tables] == \
        [(c.value, c.unit, c.quote) for c in plain.candidates]
    assert docx_text(buffer.getvalue()) == read


@pytest.mark.parametrize(("name", "raw", "says"), [
    ("a.txt", b"", "holds no text"),
    ("a.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary"),
    ("a.txt", "Sở Nội vụ".encode("utf-16"), "binary"),
    ("a.txt", b"\xff\xfe\xfa not utf-8", "not UTF-8"),
    ("a.docx", b"plain text", "not a Word file"),
    ("a.docx", b"PK\x03\x04broken zip", "cannot be read as a Word file"),
    ("a.txt", b"x" * (4 * 1024 * 1024 + 1), "over the limit"),
])
def test_unreadable_reports_are_refused_with_a_reason(name, raw, says):
    with pytest.raises(Unreadable) as e:
        report_text(name, raw)
    assert says in e.value.message and e.value.hint


def test_command_line(tmp_path):
    data = tmp_path / "data"
    (data / "metrics").mkdir(parents=True)
    src = ROOT / "data/sources/van-phong-ubnd-tinh-2026-02-27.txt"
    out = data / "metrics/vp.yaml"
    run = [sys.executable, "-m", "metrics", "extract", str(src), "-o", str(out), "--agency", "van-phong-ubnd-tinh",
           "--date", "2026-02-27"]
    done = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "7 candidates" in done.stderr
    assert (data / "sources/van-phong-ubnd-tinh-2026-02-27.txt").read_text(encoding="utf-8") == src.read_text(encoding="utf-8")
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert draft["source"]["id"] == "van-phong-ubnd-tinh-2026-02-27" and len(draft["metrics"]) == 7
    assert [m["value"] for m in draft["metrics"]] == [500, 386, 10.52, 2, 15, 2, 4]
    stdout = subprocess.run([sys.executable, "-m", "metrics", "extract", str(src)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert stdout.returncode == 0 and "agency: FILL-IN" in stdout.stdout and "published: FILL-IN" in stdout.stdout
    for bad, says in ((tmp_path / "none.txt", "No such file"), (Path(sys.executable).resolve(), "binary")):
        done = subprocess.run([sys.executable, "-m", "metrics", "extract", str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and says in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([*run[:5], "--agency", "../x"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "not an id" in done.stderr


# --- the round trip of data/ --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sid", sorted(SOURCES))
def test_each_source_document_round_trips_to_the_figures_of_data(tmp_path, sid):
    """Extract, accept the candidates that match data/metrics, save in a copy of data/ without the file, check."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    original = yaml.safe_load((ROOT / f"data/metrics/{sid}.yaml").read_text(encoding="utf-8"))
    (data / f"metrics/{sid}.yaml").unlink()
    x = extract(SOURCES[sid]["text"])
    accepted, kept = [], []
    for r in rows(x):
        match = next((m for m in original["metrics"] if m["id"] not in kept and _same_figure(m, r)), None)
        r["accept"] = match is not None
        if match:
            kept.append(match["id"])
            # The reviewer's part: the names, and the theme and period where the suggestion differs; never a value.
            r.update(id=match["id"], name_vi=match["name"]["vi"], name_en=match["name"]["en"], theme=match["theme"], period=match["period"])
            accepted.append((r, match))
    # Typed by the maintainer: two awards to a named recipient and the model's '2 cấp' hold no figure to extract.
    by_hand = [m for m in original["metrics"] if m["id"] not in kept]
    assert {m["id"] for m in by_hand} <= {"local-government-tiers", "award-labour-order-home-affairs", "award-emulation-flag-office"}
    refs, _ = load_references(data)
    s = original["source"]
    source = SourceInfo(s["id"], s["title"], s["agency"], dt.date.fromisoformat(str(s["published"])))
    raw = metric_file_text(source, [r for r, _ in accepted], x.skipped, f"{sid}.txt")
    assert existing(data, sid) == [f"sources/{sid}.txt"]
    assert check(raw, x.text, sid, data, refs).ok
    with pytest.raises(FileExistsError):
        save(data, sid, raw, x.text)
    merged = yaml.safe_load(raw)
    merged["metrics"] += by_hand
    save(data, sid, yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), x.text, overwrite=True)
    done = subprocess.run([sys.executable, "-m", "metrics", "--data-root", str(data), "check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    saved = {m["id"]: m for m in yaml.safe_load((data / f"metrics/{sid}.yaml").read_text(encoding="utf-8"))["metrics"]}
    for _, m in accepted:
        for key in ("value", "unit", "total", "plan_percent", "change", "qualifier", "scale"):
            assert saved[m["id"]].get(key) == m.get(key), (m["id"], key)


def _same_figure(m: dict, r: dict) -> bool:
    return float(m["value"]) == r["value"] and m["unit"] == r["unit"] and (m.get("total") or None) == r["total"] \
        and m.get("scale", "one") == r["scale"]


def test_saving_never_leaves_the_data_folder(tmp_path):
    for bad in ("../x", "a/b", "", "A B", "..", "/etc/passwd"):
        with pytest.raises(ValueError):
            save(tmp_path, bad, "x", "y")
    assert list(tmp_path.iterdir()) == []


def test_the_ids_a_new_file_may_not_take_free_those_of_the_file_it_replaces():
    from metrics.dataset import load_dataset

    ds = load_dataset(FIXTURE)
    ids, sources = ds.taken_ids()
    assert "staff-seconded-to-communes" in ids and "so-noi-vu-2026-01-05" in sources
    assert {"staff-seconded-to-communes-implied-plan", "severance-funding-per-case"} <= ids  # derived ids are taken too
    ids, sources = ds.taken_ids("metrics/so-noi-vu-2026-01-05.yaml")
    assert "staff-seconded-to-communes" not in ids and "so-noi-vu-2026-01-05" not in sources
    assert "van-phong-ubnd-tinh-2026-02-27" in sources and ds.taken_ids("metrics/nothing.yaml") == ds.taken_ids()
