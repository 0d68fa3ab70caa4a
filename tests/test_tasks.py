"""The task register: every task both sources assign for 2026, each quoted; bad task records named with file, line and
field like bad metrics; the "6 rõ" completeness, status and overdue computed from the records and today."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import DATA, FIXTURE

from metrics.dataset import load_dataset
from metrics.tasks import register
from metrics.tasks.kind import TaskFiles
from metrics.tasks.model import Progress, Six, Task

# Every task the sources assign, in their order (the Department of Home Affairs' ten and the request to the other
# bodies; the Office's seven).
TASKS = {
    "so-noi-vu-2026-01-05": ["hna-2026-party-building", "hna-2026-follow-directives", "hna-2026-elections", "hna-2026-discipline",
                             "hna-2026-two-tier-government", "hna-2026-civil-service-roadmap", "hna-2026-legal-documents",
                             "hna-2026-wages-and-merit", "hna-2026-digital", "hna-2026-emulation", "departments-2026-support-home-affairs"],
    "van-phong-ubnd-tinh-2026-02-27": ["office-2026-party-building", "office-2026-advice-quality", "office-2026-from-reports-to-products",
                                       "office-2026-general-advice", "office-2026-six-clear-assignment", "office-2026-strategic-forecasting",
                                       "office-2026-digital-monitoring"],
}
# The "rõ" each task's source states (the rest it leaves unclear).
STATED = {"hna-2026-elections": ("work", "responsibility"), "hna-2026-two-tier-government": ("work", "responsibility"),
          "hna-2026-civil-service-roadmap": ("work", "time", "product"), "hna-2026-digital": ("work", "product"),
          "departments-2026-support-home-affairs": ("responsibility",), "office-2026-from-reports-to-products": ("work", "product"),
          "office-2026-six-clear-assignment": ("work", "time")}


@pytest.fixture(scope="module")
def real():
    return load_dataset(DATA)


def test_the_register_holds_every_task_of_both_sources(real):
    assert real.task_load.problems == []
    by_source: dict[str, list[str]] = {}
    for task, sid in real.tasks:
        by_source.setdefault(sid, []).append(task.id)
        assert task.period == 2026 and task.quote
    assert by_source == TASKS
    # The text announces ten for the Department; ten are recorded for it, beside the request to the other bodies.
    assert real.task_announcements == [(10, 10, "so-noi-vu-2026-01-05")]


def test_the_six_are_filled_only_where_the_source_states_them(real):
    stated = {task.id: tuple(task.six.stated()) for task, _ in real.tasks}
    assert {k: v for k, v in stated.items() if v != ("work",)} == STATED
    office = next(task for task, _ in real.tasks if task.id == "office-2026-six-clear-assignment")
    assert office.six.time.words == "hoàn thành ngay" and office.six.time.deadline is None  # "ngay": stated, no certain date


def test_completeness_is_computed_from_the_records(real):
    entries = register.entries(real.tasks, dt.date(2026, 11, 27))
    assert [len(e.stated) for e in entries] == [len(STATED.get(task.id, ("work",))) for task, _ in real.tasks]
    assert not any(e.complete for e in entries)
    assert register.headline(entries, "vi") == "Chưa nhiệm vụ nào đủ 6 rõ"
    bodies = register.by_body(entries).set_index("body")
    assert bodies.loc["so-noi-vu", "tasks"] == 10 and bodies.loc["so-noi-vu", "complete"] == 0
    assert bodies.loc["so-noi-vu", "mean"] == pytest.approx(15 / 10)
    assert register.counts(entries) == {"no_report": 18, "not_started": 0, "in_progress": 0, "done": 0, "overdue": 0}


def test_overdue_comes_from_the_deadline_and_today():
    def task(*progress, deadline=dt.date(2026, 3, 31)):
        return Task.model_validate({"id": "t", "text": {"vi": "x", "en": "x"}, "body": "so-noi-vu", "assigned_by": {"vi": "x", "en": "x"},
                                    "period": 2026, "quote": "abc", "six": Six(time={"words": "ngay", "deadline": deadline}).model_dump(),
                                    "progress": [p.model_dump() for p in progress]})
    report = {"date": "2026-02-01", "source": "s", "quote": "abc"}
    late = register.entries([(task(Progress(status="in_progress", **report)), "s")], dt.date(2026, 4, 1))[0]
    assert late.status == "in_progress" and late.overdue
    assert not register.entries([(task(Progress(status="in_progress", **report)), "s")], dt.date(2026, 3, 1))[0].overdue
    done = Progress(status="done", product={"vi": "Quyết định", "en": "A decision"}, **report)
    assert not register.entries([(task(done), "s")], dt.date(2026, 4, 1))[0].overdue
    assert not register.entries([(task(deadline=None), "s")], dt.date(2030, 1, 1))[0].overdue  # no certain date: never overdue


GOOD = """\
source: test-source
tasks:
  - id: t-one
    text: {vi: Giải quyết thôi việc, en: Settle severance}
    body: so-noi-vu
    assigned_by: {vi: Chủ tịch, en: The Chairman}
    period: 2026
    quote: thôi việc cho 5.448 trường hợp
    six:
      work: {words: thôi việc}
    metrics: [severance-cases]
    progress:
      - date: 2026-03-01
        status: in_progress
        source: test-source
        quote: 5.448 trường hợp
"""


@pytest.fixture
def root(tmp_path) -> Path:
    """The fixture data with a synthetic source and figure (tests/conftest.py) and an empty tasks folder."""
    from conftest import CASES, HEADER, SYNTHETIC_TEXT

    shutil.copytree(FIXTURE / "reference", tmp_path / "reference")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "test.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "t.yaml").write_text(textwrap.dedent(HEADER + CASES), encoding="utf-8")
    (tmp_path / "tasks").mkdir()
    return tmp_path


def tasks_of(root: Path, body: str):
    (root / "tasks" / "bad.yaml").write_text(body, encoding="utf-8")
    (root / "tasks" / "good.yaml").write_text(GOOD.replace("t-one", "t-good"), encoding="utf-8")
    ds = load_dataset(root)
    return ds.task_load


@pytest.mark.parametrize(("body", "expected"), [
    (GOOD.replace("body: so-noi-vu", "body: nobody"), ":5: tasks.0.body: unknown body 'nobody'"),
    (GOOD.replace("quote: thôi việc cho 5.448 trường hợp", "quote: thôi việc cho 5.449 trường hợp"),
     ":8: tasks.0.quote: the quote does not occur verbatim in the source text"),
    (GOOD.replace("work: {words: thôi việc}", "work: {words: nghỉ hưu}"), ":10: tasks.0.six.work.words: 'nghỉ hưu' is not in the source text"),
    (GOOD.replace("status: in_progress", "status: done"), ":13: tasks.0.progress.0: Value error, a task reported done needs its product"),
    (GOOD.replace("status: in_progress", "status: overdue"),
     ":14: tasks.0.progress.0.status: Value error, overdue is computed from the deadline and today, never written"),
    (GOOD.replace("date: 2026-03-01", "date: 2026-13-01"), ":13: tasks.0.progress.0.date: Input should be a valid date"),
    (GOOD.replace("metrics: [severance-cases]", "metrics: [no-such-figure]"), ":11: tasks.0.metrics.0: unknown figure 'no-such-figure'"),
    (GOOD.replace("source: test-source\ntasks", "source: nowhere\ntasks"), ":1: source: unknown source 'nowhere'"),
    (GOOD.replace("        quote: 5.448 trường hợp", "        quote: 5.449 trường hợp"),
     ":16: tasks.0.progress.0.quote: the report's quote does not occur verbatim in its source text"),
])
def test_a_bad_task_record_is_named_with_file_line_and_field(root, body, expected):
    result = tasks_of(root, body)
    text = "\n".join(str(p) for p in result.problems)
    assert f"tasks/bad.yaml{expected}" in text
    assert "t-good" in set(result.frame["id"])  # a broken task file never takes another one down


def test_a_task_id_is_unique_across_files(root):
    result = tasks_of(root, GOOD.replace("t-one", "t-good"))
    assert "tasks/good.yaml:3: tasks.0.id: task id 't-good' is already used in tasks/bad.yaml" in "\n".join(map(str, result.problems))
    assert list(result.frame["id"]) == ["t-good"]


def test_the_task_file_kind_reads_only_its_folder(root):
    assert TaskFiles.folder == "tasks" and TaskFiles.shape.startswith("a task file")
