"""A problem found in a data file, said the way a maintainer can act on it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from pydantic import ValidationError

from metrics.models import PLACEHOLDER


@dataclass(frozen=True)
class Problem:
    """What is wrong, where (file, line, field) and how to fix it."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line or '?'}: {self.field or '(file)'}: {self.message} ({self.hint})"

    def as_dict(self) -> dict:
        return asdict(self)


def _hint(err: dict, allowed: list[str]) -> str:
    kind = err["type"]
    if err.get("input") == PLACEHOLDER:
        return "the extractor left this for a person: write it (the comment beside it says what goes there)"
    if kind == "missing":
        return "add this field"
    if kind == "extra_forbidden" and err.get("input") is None:
        return "a ',' inside { } ends the text there: put the whole text in quotes"
    if kind == "extra_forbidden":
        return f"remove it or fix its spelling; allowed here: {', '.join(allowed)}" if allowed else "remove it"
    if kind in ("enum", "literal_error"):
        return "use one of the values listed"
    if kind.startswith(("int_", "float_", "date_")):
        return "write a plain number or a date as YYYY-MM-DD, without quotes or separators"
    if kind == "string_pattern_mismatch":
        return "use lowercase letters, digits and '-' (e.g. staff-seconded-to-communes)"
    if kind.startswith(("greater_than", "less_than")):
        return "check the figure against the source text"
    if kind == "value_error":
        return "correct the value as the message says"
    if kind == "string_too_short":
        return "write the text; it cannot be empty"
    return "see the file formats in README.md"


def from_validation(e: ValidationError, file: str, prefix: tuple, line_of, model, tags: frozenset[str] = frozenset()) -> list[Problem]:
    """One Problem per Pydantic error, located at its line through line_of(path). tags: the values of a
    discriminated union's tag (a slide's kind), which Pydantic puts in an error's location but the file has not."""
    out = []
    for err in e.errors(include_url=False):
        loc = tuple(err["loc"])
        if tags:
            loc = tuple(step for i, step in enumerate(loc) if not (step in tags and i and isinstance(loc[i - 1], int)))
        allowed = _fields_at(model, loc[:-1]) if err["type"] == "extra_forbidden" else []
        field = ".".join(str(p) for p in (*prefix, *loc)) or "(file)"
        msg = err["msg"]
        if err["type"] != "missing" and err.get("input") is not None and not isinstance(err["input"], (dict, list)):
            msg += f" (got {shown_input(err['input'])})"
        out.append(Problem(file, line_of((*prefix, *loc)), field, msg, _hint(err, allowed)))
    return out


def shown_input(value: object, limit: int = 60) -> str:
    """A value from a data file, short and printable, for a message; whatever it is (an integer longer than
    Python will turn into text, a value whose str() fails) the message still prints."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        return f"a number of more than {limit} digits"
    try:
        text = str(value)
    except Exception:  # any value at all must give a message
        return f"a value of type {type(value).__name__}"
    return repr(text[:limit] + ("…" if len(text) > limit else ""))


def _fields_at(model, loc: tuple) -> list[str]:
    for step in loc:
        if isinstance(step, int):
            continue
        info = getattr(model, "model_fields", {}).get(step)
        if info is None:
            return []
        ann = info.annotation
        model = next((a for a in getattr(ann, "__args__", (ann,)) if hasattr(a, "model_fields")), ann)
    return list(getattr(model, "model_fields", {}))
