"""Reading YAML that may be hostile: size limit, strict UTF-8, no aliases, line numbers on demand."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

MAX_BYTES = 4 * 1024 * 1024
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(ValueError):
    """A file that cannot be read as a YAML mapping; carries the line and a hint."""

    def __init__(self, message: str, hint: str, line: int | None = None):
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


def decode(raw: bytes) -> str:
    """Bytes to text, refusing oversize and non-UTF-8 input with the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"file is {len(raw):,} bytes, over the limit of {MAX_BYTES:,}",
                          "split it into one file per source document")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise YamlProblem(f"not UTF-8 text ({e.reason} at byte {e.start})",
                          "save the file as UTF-8", raw[: e.start].count(b"\n") + 1) from None


def refuse_aliases(text: str) -> None:
    """Refuse anchors and aliases before anything is built: a few hundred bytes of nested aliases
    expand into billions of nodes once validated or serialised (an 'alias bomb')."""
    if "*" not in text and "&" not in text:  # an alias needs '*', an anchor '&': most files skip the scan
        return
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem("YAML anchors and aliases (&name, *name) are not allowed",
                                  "write each value out in full", event.start_mark.line + 1)
    except yaml.YAMLError as e:
        raise _syntax(e) from None


def _syntax(e: yaml.YAMLError) -> YamlProblem:
    mark = getattr(e, "problem_mark", None)
    problem = getattr(e, "problem", None) or str(e)
    return YamlProblem(f"YAML syntax error: {problem}", "check indentation, colons and quotes on that line",
                       mark.line + 1 if mark else None)


def load_mapping(text: str) -> dict:
    """Parse text that must hold one YAML mapping."""
    refuse_aliases(text)
    try:
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - CSafeLoader is the safe loader
    except yaml.YAMLError as e:
        raise _syntax(e) from None
    if data is None:
        raise YamlProblem("file is empty", "a metric file needs 'source:' and 'metrics:'", 1)
    if not isinstance(data, dict):
        raise YamlProblem(f"the file holds a YAML {type(data).__name__}, not a mapping",
                          "start the file with 'source:' and 'metrics:' at the left margin", 1)
    return data


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the node at path (keys and list indexes), or of its nearest existing parent."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == step), None)
            key = next((k for k, v in node.value if k.value == step), None)
            if nxt is None:
                return line
            line, node = key.start_mark.line + 1, nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
