"""The competent baseline the issue measures against: CSafeLoader per file, one TypeAdapter over the models, a DataFrame."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import yaml
from pydantic import TypeAdapter

from metrics.models import MetricFile  # the project's own models: the baseline validates exactly the same format


def baseline(root: Path) -> pd.DataFrame:
    """Parse every metric file, validate them all as model instances, flatten to one row per metric."""
    paths = sorted(p for p in (root / "metrics").rglob("*.yaml"))
    docs = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in paths]
    files = TypeAdapter(list[MetricFile]).validate_python(docs)
    rows = []
    for path, f in zip(paths, files, strict=True):
        s = f.source
        for i, m in enumerate(f.metrics):
            a = m.award
            rows.append({"id": m.id, "name_vi": m.name.vi, "name_en": m.name.en, "theme": m.theme,
                         "agency": m.agency or s.agency, "period": m.period, "value": m.full_value,
                         "stated_value": m.value, "scale": m.scale.value, "unit": m.unit, "qualifier": m.qualifier.value,
                         "total": m.total, "plan_percent": m.plan_percent, "change": m.change,
                         "award_level": a.level if a else None, "award_title_vi": a.title.vi if a else None,
                         "award_title_en": a.title.en if a else None, "recipient_type": a.recipient_type if a else None,
                         "recipient": a.recipient if a else None, "quote": m.quote, "source_id": s.id,
                         "source_title": s.title, "source_agency": s.agency, "source_published": s.published,
                         "source_url": s.url, "file": str(path), "index": i})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    print(len(baseline(Path(sys.argv[1]))))
