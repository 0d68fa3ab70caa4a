"""Checking and saving a reviewed extraction: the candidate metric file is validated by the same models and quote
check as every file of data/ (with its source text held in memory), each problem is given back to the row it
belongs to, and the files are written under the data folder only, never over an existing file unless asked."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from metrics.figures import METRICS
from metrics.loading.pipeline import validate_text
from metrics.loading.problems import Problem
from metrics.models import SLUG
from metrics.references import Refs


@dataclass
class Checked:
    """What the check of a draft found: problems of the source block or file, and of each accepted row (by its
    position among the accepted rows)."""

    file: list[Problem] = field(default_factory=list)
    rows: dict[int, list[Problem]] = field(default_factory=dict)
    valid: int = 0

    @property
    def ok(self) -> bool:
        return not self.file and not self.rows


def paths(source_id: str) -> tuple[str, str]:
    """Where a source's metric file and text go, relative to the data folder."""
    return f"metrics/{source_id}.yaml", f"sources/{source_id}.txt"


def check(yaml_text: str, source_text: str, source_id: str, root: Path, refs: Refs, taken_ids: set[str] = frozenset(),
          taken_sources: set[str] = frozenset()) -> Checked:
    """Validate a draft metric file against its text. taken_ids / taken_sources: the metric and source ids data/
    already holds (outside the file being replaced), which the draft may not reuse."""
    out = Checked()
    if not re.fullmatch(SLUG[1:-1], source_id or ""):
        out.file.append(Problem("source", None, "source.id", f"'{source_id}' is not an id",
                                "lowercase letters, digits and '-', e.g. so-noi-vu-2026-01-05"))
        return out
    metric_path, text_path = paths(source_id)
    outcome = validate_text(yaml_text, METRICS, Path(root).resolve(), refs, metric_path, texts={text_path: source_text})
    for p in outcome.problems:
        m = re.match(r"metrics\.(\d+)(?:\.|$)", p.field or "")
        if m:
            out.rows.setdefault(int(m[1]), []).append(p)
        else:
            out.file.append(p)
    if source_id in taken_sources:
        out.file.append(Problem(metric_path, None, "source.id", f"source id '{source_id}' is already in the data",
                                "give this document its own id (the agency and the date), or replace the existing file"))
    for row in outcome.rows:
        if row["id"] in taken_ids:
            out.rows.setdefault(row["index"], []).append(
                Problem(metric_path, None, f"metrics.{row['index']}.id", f"id '{row['id']}' is already used in the data",
                        "rename it"))
    out.valid = sum(1 for row in outcome.rows if row["index"] not in out.rows)
    return out


def existing(root: Path, source_id: str) -> list[str]:
    """The files a save would replace."""
    return [rel for rel in paths(source_id) if (Path(root) / rel).exists()]


def save(root: Path, source_id: str, yaml_text: str, source_text: str, overwrite: bool = False) -> list[Path]:
    """Write the metric file and its source text under root (the data folder). Refused: an id that is not a slug
    (it could name a path outside), a target outside root, an existing file unless overwrite."""
    if not re.fullmatch(SLUG[1:-1], source_id):
        raise ValueError(f"'{source_id}' is not an id")
    root = Path(root).resolve()
    targets = [(root / rel) for rel in paths(source_id)]
    for target in targets:
        if not target.resolve().is_relative_to(root):
            raise ValueError(f"{target} leaves the data folder")
        if target.exists() and not overwrite:
            raise FileExistsError(f"{target.relative_to(root)} exists")
    # The text first: a metric file without its text would not load.
    for target, content in ((targets[1], source_text), (targets[0], yaml_text)):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
        tmp.write_text(content, encoding="utf-8", newline="\n")
        os.replace(tmp, target)
    return targets
