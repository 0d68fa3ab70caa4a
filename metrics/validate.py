"""Validation of one metric file into plain row dicts and problems; runs in worker processes."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from metrics.models import Metric, MetricFile, Source
from metrics.problems import Problem, from_validation
from metrics.quotecheck import check_quote
from metrics.references import Refs
from metrics.yamlsafe import YamlProblem, decode, line_of, load_mapping


class FileResult:
    """What one file gave: rows of valid metrics, the problems, and how many metrics it held."""

    __slots__ = ("metrics_read", "path", "problems", "rows", "text_path")

    def __init__(self, path: str):
        self.path, self.rows, self.problems, self.metrics_read, self.text_path = path, [], [], 0, None


def validate_file(file: str, root: Path, refs: Refs, shown: str, texts: dict) -> FileResult:
    """Validate one file (file: its absolute path; root: the resolved data root; shown: its path in messages);
    every problem is collected, each valid metric becomes a row."""
    result = FileResult(shown)
    try:
        with open(file, "rb") as f:
            text = decode(f.read())
        data = load_mapping(text)
    except OSError as e:
        result.problems.append(Problem(shown, None, "", f"cannot read file: {e.strerror}", "check the path and permissions"))
        return result
    except YamlProblem as e:
        result.problems.append(Problem(shown, e.line, "", e.message, e.hint))
        return result

    lines = _Lines(text)
    items = data.get("metrics")
    result.metrics_read = len(items) if isinstance(items, list) else 0
    extra = sorted(set(data) - set(MetricFile.model_fields))
    for key in extra:
        result.problems.append(Problem(shown, lines((key,)), str(key), "unknown top-level key",
                                       "a metric file has only 'source:' and 'metrics:'"))
    try:
        source = Source.model_validate(data.get("source"))
    except ValidationError as e:
        result.problems += from_validation(e, shown, ("source",), lines, Source)
        source = None
    if not isinstance(items, list) or not items:
        result.problems.append(Problem(shown, lines(("metrics",)), "metrics", "expected a non-empty list of metrics",
                                       "list each figure under 'metrics:' as '- id: ...'"))
    if source is None or not isinstance(items, list) or extra:
        return result  # without a valid source no metric can be checked against its text

    source_text = _source_text(source, root, refs, texts, result, lines)
    if source_text is None:
        return result
    base = {"source_id": source.id, "source_title": source.title, "source_agency": source.agency,
            "source_published": source.published, "source_url": source.url, "source_text": source.text, "file": shown}
    for i, item in enumerate(items):
        row = _metric_row(item, i, refs, source, source_text, result, lines)
        if row is not None:
            row.update(base)
            result.rows.append(row)
    return result


class _Lines:
    """Line lookup composed only when a problem needs it: valid files never pay for it."""

    def __init__(self, text: str):
        self.text = text

    def __call__(self, path) -> int | None:
        return line_of(self.text, path)


def _source_text(source: Source, root: Path, refs: Refs, texts: dict, result: FileResult, lines) -> str | None:
    shown = result.path
    if source.agency not in refs.agencies:
        result.problems.append(Problem(shown, lines(("source", "agency")), "source.agency",
                                       f"unknown agency '{source.agency}'", _known(refs.agencies)))
        return None
    target = (root / source.text).resolve()
    if not target.is_relative_to(root):
        result.problems.append(Problem(shown, lines(("source", "text")), "source.text",
                                       f"path '{source.text}' leaves the data folder", "keep source texts under data/sources/"))
        return None
    result.text_path = str(target)
    if str(target) not in texts:
        try:
            texts[str(target)] = decode(target.read_bytes())
        except (OSError, YamlProblem) as e:
            result.problems.append(Problem(shown, lines(("source", "text")), "source.text",
                                           f"cannot read source text '{source.text}': {getattr(e, 'strerror', None) or e}",
                                           "put the document's full text, UTF-8, at that path under data/"))
            return None
    return texts[str(target)]


def _metric_row(item, i: int, refs: Refs, source: Source, source_text: str, result: FileResult, lines) -> dict | None:
    shown, prefix = result.path, ("metrics", i)
    try:
        metric = Metric.model_validate(item)
    except ValidationError as e:
        result.problems += from_validation(e, shown, prefix, lines, Metric)
        return None
    bad = []
    agency = metric.agency or source.agency
    for field, value, table in (("theme", metric.theme, refs.themes), ("unit", metric.unit, refs.units),
                                ("agency", agency, refs.agencies)):
        if value not in table:
            bad.append((field, f"unknown {field} '{value}'", _known(table)))
    unit = refs.units.get(metric.unit)
    if unit and unit["kind"] == "percent" and metric.value > 100:
        bad.append(("value", f"{metric.value:g} is over 100 for a percent of a whole",
                    "a share lies between 0 and 100; use plan_percent for 'đạt X% kế hoạch'"))
    row = metric.model_dump(mode="python", exclude={"name", "award"})
    row["full_value"] = metric.full_value
    if unit and not bad:
        award = metric.award.model_dump() if metric.award else {}
        row.update(award=award)
        for f in check_quote(row, unit["kind"], source_text):
            bad.append((f.field, f.message, f.hint))
    for field, message, hint in bad:
        result.problems.append(Problem(shown, lines((*prefix, field)), f"metrics.{i}.{field}", message, hint))
    if bad:
        return None
    award = metric.award
    row.update(
        index=i, agency=agency, name_vi=metric.name.vi, name_en=metric.name.en,
        qualifier=metric.qualifier.value, scale=metric.scale.value,
        award_level=award.level if award else None, award_title_vi=award.title.vi if award else None,
        award_title_en=award.title.en if award else None, recipient_type=award.recipient_type if award else None,
        recipient=award.recipient if award else None,
    )
    del row["award"]
    row["stated_value"], row["value"] = row.pop("value"), row.pop("full_value")
    row["series"] = metric.series or metric.id
    return row


def _known(table: dict) -> str:
    return "known: " + ", ".join(sorted(table)) if table else "the reference list is empty"
