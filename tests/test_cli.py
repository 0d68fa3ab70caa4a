"""The command line as a maintainer runs it: exit codes, messages, and exports written out exactly."""

import csv
import io
import json
import os
import subprocess
import sys

import openpyxl
from conftest import CASES, FIXTURE, HEADER, REPO, metric, write


def run(root, *args):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "metrics", "--data-root", ".", *args], cwd=root, env=env,
                          capture_output=True, timeout=120)


def test_check_passes_on_a_valid_folder():
    out = subprocess.run([sys.executable, "-m", "metrics", "--data-root", str(FIXTURE), "check"], cwd=REPO, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stdout
    assert out.stdout.startswith("OK: 2 files, 24 metrics: 24 loaded, 0 rejected, 0 problems")


def test_check_names_file_line_field_and_exits_1(root):
    write(root, "t.yaml", HEADER + CASES.replace("value: 5448", "value: 5.448"))
    out = run(root, "check")
    assert out.returncode == 1
    assert out.stdout.decode().splitlines() == [
        "metrics/t.yaml:12: metrics.0.value: the quote states '5.448' (= 5,448), but value reads 5.448 (read '.' as the "
        "thousands mark and ',' as the decimal mark (5.448 is 5448, 65,2% is 65.2); tỷ is scale: billion)",
        "FAILED: 1 file, 1 metric: 0 loaded, 1 rejected, 1 problem",
    ]


def test_check_takes_explicit_paths_of_broken_copies(root, tmp_path):
    broken = tmp_path / "copy.yaml"
    broken.write_text((FIXTURE / "metrics/so-noi-vu-2026-01-05.yaml").read_text(encoding="utf-8")
                      .replace("value: 651", "value: 615"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "metrics", "--data-root", str(FIXTURE), "check", str(broken)], cwd=REPO,
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert f"{broken}:65: metrics.5.value: the quote states '651' (= 651), '162%' (= 162), but value reads 615" in out.stdout


EXPECTED_CSV = ((
    "\ufeffid,series,name_vi,name_en,theme,agency,period,value,unit,qualifier,total,plan_percent,change,stated_value,scale,"
    "award_level,award_title_vi,award_title_en,recipient_type,recipient,stated_as_vi,stated_as_en,comparison_vi,comparison_en,lead,"
    "quote,source_id,source_title,source_title_en,source_published,source_agency,source_url,file,derived,formula_vi,formula_en,inputs\n"
    "severance-cases,severance-cases,Trường hợp thôi việc,Severance cases,personnel,so-noi-vu,2025,5448,case,exact,,,,5448,one,,,,,,"
    ",,,,False,thôi việc cho 5.448 trường hợp,test-source,Văn bản thử nghiệm,,2026-01-05,so-noi-vu,,metrics/t.yaml,False,,,\n"
    "funding,funding,\"'=HYPERLINK(\"\"x\"\")\",Funding,personnel,so-noi-vu,2025,5535000000000,vnd,exact,,,,5535,billion,,,,,,"
    ",,,,False,với kinh phí 5.535 tỷ đồng,test-source,Văn bản thử nghiệm,,2026-01-05,so-noi-vu,,metrics/t.yaml,False,,,\n"
).replace("\n", "\r\n"))  # rows end in CRLF (RFC 4180): cells with a line break of either kind are quoted
FUNDING = metric(id="funding", name="{vi: '=HYPERLINK(\"x\")', en: Funding}", value=5535, scale="billion", unit="vnd",
                 quote="với kinh phí 5.535 tỷ đồng")


def test_export_csv_exactly(root):
    write(root, "t.yaml", HEADER + CASES + FUNDING)
    out = run(root, "export", "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.decode("utf-8") == EXPECTED_CSV


def test_export_json_keeps_text_and_marks_derived(root):
    write(root, "t.yaml", HEADER + CASES + FUNDING)
    records = json.loads(run(root, "export", "--format", "json").stdout)["metrics"]
    assert [(r["id"], r["value"], r["derived"]) for r in records] == [
        ("severance-cases", 5448, False), ("funding", 5_535_000_000_000, False)]
    assert records[1]["name_vi"] == '=HYPERLINK("x")'


def test_export_json_has_derived_figures_with_formulas():
    out = subprocess.run([sys.executable, "-m", "metrics", "--data-root", str(FIXTURE), "export", "--format", "json"], cwd=REPO,
                         capture_output=True)
    records = {r["id"]: r for r in json.loads(out.stdout)["metrics"]}
    plan = records["staff-seconded-to-communes-implied-plan"]
    assert plan["derived"] is True and plan["qualifier"] == "about" and round(plan["value"]) == 402
    assert plan["formula_vi"] == "651 cán bộ ÷ 162% ≈ 402" and plan["formula_en"] == "651 officials ÷ 162% ≈ 402"
    per_case = records["severance-funding-per-case"]
    assert per_case["formula_vi"] == "5.535 tỷ đồng ÷ 5.448 trường hợp" and round(per_case["value"]) == 1_015_969_163
    assert sum(not r["derived"] for r in records.values()) == 24


def test_export_xlsx_stores_formula_like_text_as_text(root, tmp_path):
    write(root, "t.yaml", HEADER + CASES + FUNDING)
    target = tmp_path / "out.xlsx"
    assert run(root, "export", "--format", "xlsx", "-o", str(target)).returncode == 0
    sheet = openpyxl.load_workbook(target).active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=3, column=header.index("name_vi") + 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("x")', "s", True)
    assert sheet.cell(row=2, column=header.index("value") + 1).value == 5448


def test_csv_cells_starting_with_formula_characters_are_neutralised(root):
    write(root, "t.yaml", HEADER + CASES.replace("Severance cases", "+cmd|' /C calc'!A0") + FUNDING)
    rows = list(csv.DictReader(io.StringIO(run(root, "export", "--format", "csv").stdout.decode("utf-8-sig"))))
    assert rows[0]["name_en"] == "'+cmd|' /C calc'!A0"
    assert rows[1]["name_vi"] == "'=HYPERLINK(\"x\")"


def test_schema_prints_the_committed_schema():
    out = subprocess.run([sys.executable, "-m", "metrics", "schema"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0
    assert json.loads(out.stdout)["title"] == "MetricFile"


def test_usage_error_exits_2():
    out = subprocess.run([sys.executable, "-m", "metrics", "export"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 2 and "--format" in out.stderr


def test_chart_writes_an_image_with_title_and_source(tmp_path):
    svg = tmp_path / "awards.svg"
    out = subprocess.run([sys.executable, "-m", "metrics", "--data-root", str(FIXTURE), "chart", "recognition.awards", "-o", str(svg),
                          "--lang", "en"], cwd=REPO, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    text = svg.read_text(encoding="utf-8")
    assert "13 awards: 9 to individuals, 4 to collectives" in text and "Source: " in text
    bad = subprocess.run([sys.executable, "-m", "metrics", "--data-root", str(FIXTURE), "chart", "no.such", "-o", str(tmp_path / "x.png")],
                         cwd=REPO, capture_output=True, text=True, timeout=180)
    assert bad.returncode == 1 and "no chart 'no.such'" in bad.stderr


def test_deck_writes_powerpoint(tmp_path):
    target = tmp_path / "deck.pptx"
    out = subprocess.run([sys.executable, "-m", "metrics", "--data-root", str(FIXTURE), "deck", str(FIXTURE / "decks" / "so-noi-vu-2025.yaml"),
                          "-o", str(target), "--lang", "vi", "--url", "http://hall.example:8501"], cwd=REPO, capture_output=True, text=True,
                         timeout=180)
    assert out.returncode == 0, out.stderr
    assert target.read_bytes().startswith(b"PK")  # a zip: the .pptx container


def test_export_includes_the_tasks(tmp_path):
    """A 'tasks' sheet in XLSX, a file of their own beside the CSV, a key in JSON; formula-like text neutralised."""
    args = [sys.executable, "-m", "metrics", "--data-root", str(FIXTURE), "export", "--format"]
    doc = json.loads(subprocess.run([*args, "json"], cwd=REPO, capture_output=True, timeout=120).stdout)
    assert len(doc["tasks"]) == 18 and doc["tasks"][0]["id"] == "hna-2026-party-building" and doc["tasks"][0]["status"] == "no_report"
    subprocess.run([*args, "xlsx", "-o", str(tmp_path / "x.xlsx")], cwd=REPO, check=True, timeout=120)
    book = openpyxl.load_workbook(tmp_path / "x.xlsx")
    assert book.sheetnames == ["metrics", "tasks"] and book["tasks"].max_row == 19
    subprocess.run([*args, "csv", "-o", str(tmp_path / "x.csv")], cwd=REPO, check=True, timeout=120)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "x-tasks.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 18 and rows[5]["time_words"] == "sau 5 năm nữa" and rows[5]["product_words"] == "kế hoạch, lộ trình cụ thể"
