"""The reference lists (agencies, themes, units) that data files point to, read from data/reference/ and kept as
validated models by id."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from metrics.loading.problems import Problem, from_validation
from metrics.loading.yamlsafe import Lines, YamlProblem, decode, load_mapping, read_bounded
from metrics.models import ReferenceEntry, Unit

LISTS = {"agencies": ReferenceEntry, "themes": ReferenceEntry, "units": Unit}


@dataclass
class Refs:
    """Known ids with their entries (in file order); fingerprint changes with any byte of the lists."""

    agencies: dict[str, ReferenceEntry] = field(default_factory=dict)
    themes: dict[str, ReferenceEntry] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    fingerprint: str = ""

    def name(self, table: str, key: str, lang: str) -> str:
        """The display name of an id in one of the lists, or the id itself when the list lacks it."""
        entry = getattr(self, table).get(key)
        return entry.name.text(lang) if entry else str(key)


def load_references(root: Path, show=str) -> tuple[Refs, list[Problem]]:
    """Read reference/<list>.yaml under the data root; each file maps its list name to entries. Problems name the
    file as show(path) gives it."""
    refs, problems, digest = Refs(), [], hashlib.sha256()
    for name, model in LISTS.items():
        path = root / "reference" / f"{name}.yaml"
        shown = show(path)
        try:
            raw = read_bounded(path)
            digest.update(raw)
            text = decode(raw)
            data = load_mapping(text, shape=f"a reference list starts with '{name}:'")
        except YamlProblem as e:
            if not path.exists():
                problems.append(Problem(shown, None, name, "reference list is missing", f"create {name}.yaml"))
            else:
                problems.append(Problem(shown, e.line, "", e.message, e.hint))
            continue
        entries = data.get(name)
        if not isinstance(entries, list):
            problems.append(Problem(shown, 1, name, f"expected a list under '{name}:'", f"start the file with '{name}:'"))
            continue
        table = getattr(refs, name)
        lines = Lines(text)
        for i, item in enumerate(entries):
            try:
                entry = model.model_validate(item)
            except ValidationError as e:
                problems += from_validation(e, shown, (name, i), lines, model)
                continue
            if entry.id in table:
                problems.append(Problem(shown, lines((name, i)), f"{name}.{i}.id", f"duplicate id '{entry.id}'", "give each entry its own id"))
            table[entry.id] = entry
    refs.fingerprint = digest.hexdigest()
    return refs, problems
