"""The reference lists (agencies, themes, units) that metric files point to, read from data/reference/."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from metrics.models import ReferenceEntry, Unit
from metrics.problems import Problem, from_validation
from metrics.yamlsafe import YamlProblem, decode, line_of, load_mapping

LISTS = {"agencies": ReferenceEntry, "themes": ReferenceEntry, "units": Unit}


@dataclass
class Refs:
    """Known ids with their names; plain dicts so worker processes receive them cheaply."""

    agencies: dict[str, dict] = field(default_factory=dict)
    themes: dict[str, dict] = field(default_factory=dict)
    units: dict[str, dict] = field(default_factory=dict)
    fingerprint: str = ""


def load_references(root: Path, shown=str) -> tuple[Refs, list[Problem]]:
    """Read reference/<list>.yaml under the data root; each file maps its list name to entries."""
    refs, problems, digest = Refs(), [], hashlib.sha256()
    for name, model in LISTS.items():
        path = root / "reference" / f"{name}.yaml"
        try:
            raw = path.read_bytes()
            digest.update(raw)
            text = decode(raw)
            data = load_mapping(text)
        except FileNotFoundError:
            problems.append(Problem(shown(path), None, name, "reference list is missing", f"create {name}.yaml"))
            continue
        except YamlProblem as e:
            problems.append(Problem(shown(path), e.line, "", e.message, e.hint))
            continue
        entries = data.get(name)
        if not isinstance(entries, list):
            problems.append(Problem(shown(path), 1, name, f"expected a list under '{name}:'", f"start the file with '{name}:'"))
            continue
        table = getattr(refs, name)
        for i, item in enumerate(entries):
            try:
                entry = model.model_validate(item)
            except ValidationError as e:
                problems += from_validation(e, shown(path), (name, i), lambda p, t=text: line_of(t, p), model)
                continue
            if entry.id in table:
                problems.append(Problem(shown(path), line_of(text, (name, i)), f"{name}.{i}.id",
                                        f"duplicate id '{entry.id}'", "give each entry its own id"))
            table[entry.id] = entry.model_dump(mode="json")
    refs.fingerprint = digest.hexdigest()
    return refs, problems
