"""Reading YAML that may be hostile: size limit, strict UTF-8, no aliases, line numbers on demand."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import yaml

MAX_BYTES = 4 * 1024 * 1024
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_Base):
    """The C safe loader, with dates left as text: Pydantic then checks them and names the field
    (PyYAML would raise a bare 'day is out of range' for 2026-02-30, with no line or field)."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


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
        data = fast_load(text)
    except yaml.YAMLError as e:
        raise _syntax(e) from None
    if data is None:
        raise YamlProblem("file is empty", "a metric file needs 'source:' and 'metrics:'", 1)
    if not isinstance(data, dict):
        raise YamlProblem(f"the file holds a YAML {type(data).__name__}, not a mapping",
                          "start the file with 'source:' and 'metrics:' at the left margin", 1)
    return data


class _Fallback(Exception):
    """A node the fast builder does not handle: the stock constructor decides instead."""


_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE, _VALUE = (_TAG + t for t in ("str", "map", "seq", "merge", "value"))
_SCALARS = {_TAG + t: getattr(yaml.SafeLoader, f"construct_yaml_{t}") for t in ("int", "float", "bool", "null", "timestamp")}
_RESOLVED: dict[str, str] = {}  # plain scalar -> tag; the safe resolver's answer depends on the text alone


class _FastLoader(Loader):
    """The same C parser and resolver tables as Loader, with the resolver's answers for plain scalars memoised
    (keys and enum values repeat thousands of times in a data folder)."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _RESOLVED.get(value)
            if tag is None:
                if len(_RESOLVED) > 200_000:
                    _RESOLVED.clear()
                tag = _RESOLVED[value] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)


def fast_load(text: str):
    """yaml.load(text, Loader) with the same values, built by a tight recursive walk of the composed nodes instead
    of the generic Python constructor; anything beyond plain maps, lists and the YAML 1.1 scalar types (merge keys,
    explicit exotic tags, errors of any kind) is handed to yaml.load itself, so results and errors stay the same."""
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        # On any surprise the stock path below gives the value, or raises its own error.
        with contextlib.suppress(Exception):
            return _build(node, loader)
    finally:
        loader.dispose()
    return yaml.load(text, Loader=Loader)  # noqa: S506 - CSafeLoader is the safe loader


def _build(node, loader):
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR:
            return node.value
        return _SCALARS[node.tag](loader, node)  # KeyError on another tag: fall back
    if kind is yaml.MappingNode and node.tag == _MAP:
        out = {}
        for key, value in node.value:
            if type(key) is not yaml.ScalarNode or key.tag in (_MERGE, _VALUE):
                raise _Fallback
            out[_build(key, loader)] = _build(value, loader)
        return out
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_build(item, loader) for item in node.value]
    raise _Fallback


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
