"""The committed JSON Schemas (used by editors through .vscode/settings.json) match the models of each kind of file."""

import json

import pytest
from conftest import REPO

from metrics.schema import KINDS, SCHEMA_DIR, schema, schema_text


@pytest.mark.parametrize("kind", list(KINDS))
def test_committed_schema_is_current(kind):
    path = SCHEMA_DIR / KINDS[kind][1]
    assert path.read_text(encoding="utf-8") == schema_text(kind), (
        f"{path.name} is stale: run `python -m metrics schema --kind {kind} -o schema/{path.name}`")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_is_described(kind):
    def walk(node, where):
        for name, prop in node.get("properties", {}).items():
            assert prop.get("description"), f"{where}.{name} has no description"
    s = schema(kind)
    walk(s, kind)
    for name, definition in s["$defs"].items():
        if "properties" in definition:
            walk(definition, name)


@pytest.mark.parametrize("kind", list(KINDS))
def test_editor_settings_point_the_files_at_their_schema(kind):
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    _, name, globs = KINDS[kind]
    assert settings["yaml.schemas"][f"./schema/{name}"] == globs
