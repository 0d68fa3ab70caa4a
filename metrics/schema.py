"""The JSON Schema of each kind of data file, generated from its models so an editor can autocomplete and check it
(wired in .vscode/settings.json; a test fails while a committed schema is stale)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from metrics.decks.model import Deck
from metrics.models import MetricFile
from metrics.tasks.model import TaskFile

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
# kind -> (model, schema file, the data files it describes)
KINDS: dict[str, tuple[type[BaseModel], str, list[str]]] = {
    "metric": (MetricFile, "metric-file.schema.json", ["data/metrics/*.yaml", "data/metrics/**/*.yaml"]),
    "deck": (Deck, "deck-file.schema.json", ["data/decks/*.yaml"]),
    "task": (TaskFile, "task-file.schema.json", ["data/tasks/*.yaml"]),
}
SCHEMA_PATH = SCHEMA_DIR / KINDS["metric"][1]


def schema(kind: str = "metric") -> dict:
    model, name, _ = KINDS[kind]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name, **model.model_json_schema()}


def schema_text(kind: str = "metric") -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"
