"""The committed JSON Schema (used by editors through .vscode/settings.json) matches the models."""

import json

from conftest import REPO

from metrics.schema import SCHEMA_PATH, schema, schema_text


def test_committed_schema_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "schema/metric-file.schema.json is stale: run `python -m metrics schema -o schema/metric-file.schema.json`")


def test_every_field_is_described():
    def walk(node, where):
        for name, prop in node.get("properties", {}).items():
            assert prop.get("description"), f"{where}.{name} has no description"
    s = schema()
    walk(s, "MetricFile")
    for name, definition in s["$defs"].items():
        if "properties" in definition:
            walk(definition, name)


def test_editor_settings_point_metric_files_at_the_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schema/metric-file.schema.json"] == ["data/metrics/*.yaml", "data/metrics/**/*.yaml"]
