"""The JSON Schema of a metric file, generated from the models so an editor can autocomplete and check."""

from __future__ import annotations

import json
from pathlib import Path

from metrics.models import MetricFile

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "metric-file.schema.json"


def schema() -> dict:
    out = MetricFile.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "metric-file.schema.json", **out}


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
